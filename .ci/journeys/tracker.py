"""tracker through its generated client, with an organization-bound access token and an API key:
identity, projects, tasks (partial records, cursor paging), comments, the summary, profile,
sessions, API keys, and the platform admin's view."""

import datetime

from tracker_client import AuthenticatedClient
from tracker_client.api.auth import auth_get_profile, auth_identity, auth_list_api_keys, auth_list_sessions
from tracker_client.api.comments import create_comment, list_comments
from tracker_client.api.platform import platform_get_me, platform_list_organizations
from tracker_client.api.projects import create_project, get_project, project_summary
from tracker_client.api.tasks import create_task, list_tasks, update_task
from tracker_client.models import (
    AuthAPIKeyPage, AuthIdentity, AuthSessionList, AuthUser, Comment, CommentCreate, CommentPage, Problem, Project,
    ProjectCreate, ProjectSummaryResponse, Task, TaskCreate, TaskPage, TaskSelection, TaskUpdate, TaskStatus,
)
from journey import API_KEY, ORIGIN, PLATFORM_TOKEN, TOKEN, done, expect

user = AuthenticatedClient(base_url=ORIGIN, token=TOKEN, raise_on_unexpected_status=True)
key = AuthenticatedClient(base_url=ORIGIN, token=API_KEY, prefix="", auth_header_name="X-API-Key", raise_on_unexpected_status=True)

identity = expect(auth_identity.sync(client=user), AuthIdentity, "identity of the access token")
assert identity.organization_id is not None, identity
expect(auth_identity.sync(client=key), AuthIdentity, "identity of the API key")
project = expect(create_project.sync(client=user, body=ProjectCreate(name="Relaunch", owner_email="ann@example.com")), Project, "create project")
expect(get_project.sync(project.id, client=key), Project, "get project with the key")
due = datetime.date(2020, 1, 1)
tasks = [
    expect(create_task.sync(client=user, body=TaskCreate(project_id=project.id, title=f"Task {n}", due_on=due, labels=["x"])), Task, "create task")
    for n in range(5)
]
expect(update_task.sync(tasks[0].id, client=user, body=TaskUpdate(status=TaskStatus.DONE)), Task, "update task")
page = expect(list_tasks.sync(client=user, limit=2, fields="id,title"), TaskPage, "list tasks with fields")
assert all(isinstance(item, TaskSelection) for item in page.items), page.items
seen = [item.id for item in page.items]
while page.next_cursor:
    page = expect(list_tasks.sync(client=user, limit=2, fields="id,title", cursor=page.next_cursor), TaskPage, "next page")
    seen += [item.id for item in page.items]
assert sorted(map(str, seen)) == sorted(str(task.id) for task in tasks), seen
expect(create_comment.sync(client=user, body=CommentCreate(task_id=tasks[1].id, body="Looks good", author_email="ann@example.com")),
       Comment, "create comment")
expect(list_comments.sync(client=key), CommentPage, "list comments with the key")
summary = expect(project_summary.sync(project.id, client=user, as_of=datetime.date(2021, 1, 1)), ProjectSummaryResponse, "summary")
assert summary.task_count == 5 and summary.by_status.done == 1 and len(summary.overdue) == 4, summary
expect(auth_get_profile.sync(client=user), AuthUser, "profile")
expect(auth_list_sessions.sync(client=user), AuthSessionList, "sessions")
expect(auth_list_api_keys.sync(client=user), AuthAPIKeyPage, "API keys")
admin = AuthenticatedClient(base_url=ORIGIN, token=PLATFORM_TOKEN, raise_on_unexpected_status=True)
expect(platform_get_me.sync(client=admin), object, "platform admin")
expect(platform_list_organizations.sync(client=admin), object, "platform organizations")
expect(get_project.sync(project.id, client=AuthenticatedClient(base_url=ORIGIN, token="nope", raise_on_unexpected_status=True)),
       Problem, "a forged token")
done("tracker")
