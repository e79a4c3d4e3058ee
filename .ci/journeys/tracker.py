"""tracker through its generated client, with an organization-bound access token and an API key:
identity, projects, tasks (partial records, cursor paging), comments, the summary, profile,
sessions, API keys, and the platform admin's view."""

import datetime

from tracker_client import AuthenticatedClient
from tracker_client.api.auth import auth_get_profile, auth_identity, auth_list_api_keys, auth_list_sessions
from tracker_client.api.comments import create_comments, list_comments
from tracker_client.api.platform import platform_get_me, platform_list_organizations
from tracker_client.api.projects import create_projects, get_projects, project_summary
from tracker_client.api.tasks import create_tasks, list_tasks, update_tasks
from tracker_client.models import (
    AuthAPIKeyPage, AuthIdentity, AuthSessionList, AuthUser, Comments, CommentsCreate, CommentsPage, Problem, Projects,
    ProjectsCreate, ProjectSummaryResponse, Tasks, TasksCreate, TasksPage, TasksSelection, TasksUpdate, TasksUpdateStatus,
)
from journey import API_KEY, ORIGIN, PLATFORM_TOKEN, TOKEN, done, expect

user = AuthenticatedClient(base_url=ORIGIN, token=TOKEN, raise_on_unexpected_status=True)
key = AuthenticatedClient(base_url=ORIGIN, token=API_KEY, prefix="", auth_header_name="X-API-Key", raise_on_unexpected_status=True)

identity = expect(auth_identity.sync(client=user), AuthIdentity, "identity of the access token")
assert identity.organization_id is not None, identity
expect(auth_identity.sync(client=key), AuthIdentity, "identity of the API key")
project = expect(create_projects.sync(client=user, body=ProjectsCreate(name="Relaunch", owner_email="ann@example.com")), Projects, "create project")
expect(get_projects.sync(project.id, client=key), Projects, "get project with the key")
due = datetime.date(2020, 1, 1)
tasks = [
    expect(create_tasks.sync(client=user, body=TasksCreate(project_id=project.id, title=f"Task {n}", due_on=due, labels=["x"])), Tasks, "create task")
    for n in range(5)
]
expect(update_tasks.sync(tasks[0].id, client=user, body=TasksUpdate(status=TasksUpdateStatus.DONE)), Tasks, "update task")
page = expect(list_tasks.sync(client=user, limit=2, fields="id,title"), TasksPage, "list tasks with fields")
assert all(isinstance(item, TasksSelection) for item in page.items), page.items
seen = [item.id for item in page.items]
while page.next_cursor:
    page = expect(list_tasks.sync(client=user, limit=2, fields="id,title", cursor=page.next_cursor), TasksPage, "next page")
    seen += [item.id for item in page.items]
assert sorted(map(str, seen)) == sorted(str(task.id) for task in tasks), seen
expect(create_comments.sync(client=user, body=CommentsCreate(task_id=tasks[1].id, body="Looks good", author_email="ann@example.com")),
       Comments, "create comment")
expect(list_comments.sync(client=key), CommentsPage, "list comments with the key")
summary = expect(project_summary.sync(project.id, client=user, as_of=datetime.date(2021, 1, 1)), ProjectSummaryResponse, "summary")
assert summary.task_count == 5 and summary.by_status.done == 1 and len(summary.overdue) == 4, summary
expect(auth_get_profile.sync(client=user), AuthUser, "profile")
expect(auth_list_sessions.sync(client=user), AuthSessionList, "sessions")
expect(auth_list_api_keys.sync(client=user), AuthAPIKeyPage, "API keys")
admin = AuthenticatedClient(base_url=ORIGIN, token=PLATFORM_TOKEN, raise_on_unexpected_status=True)
expect(platform_get_me.sync(client=admin), object, "platform admin")
expect(platform_list_organizations.sync(client=admin), object, "platform organizations")
expect(get_projects.sync(project.id, client=AuthenticatedClient(base_url=ORIGIN, token="nope", raise_on_unexpected_status=True)),
       Problem, "a forged token")
done("tracker")
