"""stationthis (reference/stationthis-external-api.md) through its generated client, every operation
of its document (`.ci/clients` holds stationthis to 100 % endpoint coverage): the probes and the
document; an admin's tools; a user signs up, signs in by username at /api/v1/auth/password, reads
and edits its profile, keeps several sessions and refreshes one; gets points from an admin, spends
them with an Idempotency-Key; keeps collections, datasets and trainings of its own; runs a
generation that the local worker completes; manages its API keys (/api/v1/user/apikeys and
/api/v1/auth/api-keys/{id}) and exchanges one for a session at /api/v1/auth/apikey; an admin finds,
re-roles, bans and unbans the user at /api/v1/admin/users and reads the audit trail; the user
changes its password and logs out. Errors are {"error": {code, message}}.

Each client names its own address in X-Forwarded-For (the server trusts 127.0.0.1 as a proxy), so
the journey's requests spread over the per-IP quota (100 a window) as separate callers' would."""

import datetime
import secrets
import time
import uuid

from stationthis_client import AuthenticatedClient, Client
from stationthis_client.types import UNSET
from stationthis_client.api.audit import get_audit_event, list_audit_events
from stationthis_client.api.auth import (
    auth_ban_account, auth_change_account_role, auth_change_password, auth_create_api_key, auth_create_session, auth_csrf_token,
    auth_exchange_api_key, auth_extend_session, auth_get_account, auth_get_api_key, auth_get_profile, auth_identity, auth_list_accounts,
    auth_list_api_keys, auth_list_sessions, auth_login, auth_logout, auth_refresh, auth_replace_api_key, auth_revoke_api_key,
    auth_revoke_other_sessions, auth_revoke_session, auth_rotate_api_key, auth_signup, auth_unban_account, auth_update_api_key,
    auth_update_profile,
)
from stationthis_client.api.collections import create_collection, delete_collection, get_collection, list_collections, replace_collection
from stationthis_client.api.datasets import create_dataset, delete_dataset, get_dataset, list_datasets, replace_dataset
from stationthis_client.api.generation_jobs import get_generation_job, list_generation_jobs
from stationthis_client.api.operations import (
    generations_execute, generations_status, grant_points, points_balance, points_summary, spend_points, status_health, user_me,
)
from stationthis_client.api.point_transactions import get_point_transaction, list_point_transactions
from stationthis_client.api.system import (
    admin_console, admin_console_script, admin_console_style, docs, health, health_live, health_ready, openapi_document)
from stationthis_client.api.tools import create_tool, delete_tool, get_tool, list_tools, replace_tool
from stationthis_client.api.trainings import create_training, delete_training, get_training, list_trainings
from stationthis_client.models import (
    APIKeyScope, AppRole, AuditEventAnswer, AuditEventPage, AuthAccount, AuthAccountPage, AuthAccountRoleChange, AuthAPIKey,
    AuthAPIKeyCreate, AuthAPIKeyExchangeRequest, AuthAPIKeyPage, AuthAPIKeyReplace, AuthAPIKeyRotate, AuthAPIKeyUpdate, AuthCSRFToken,
    AuthIdentity, AuthLoginRequest, AuthPasswordChange, AuthProfileUpdate, AuthRefreshRequest, AuthRevokedCount, AuthSession,
    AuthSessionCreate, AuthSessionExtend, AuthSessionList, AuthSignupRequest, AuthTokens, AuthUser, Collection, CollectionCreate,
    CollectionPage, CreateDatasetResponse201, DatasetCreate, DatasetPage, ErrorBody, GenerationJob, GenerationJobPage,
    GenerationsExecuteRequest, GenerationsExecuteResponse, GenerationsStatusResponse, GetDatasetResponse200, GrantPointsRequest,
    GrantPointsResponse, HealthStatus, OpenapiDocumentResponse200, PointsBalanceResponse, PointsSummaryResponse, PointTransaction,
    PointTransactionPage, ReplaceDatasetResponse200, SpendPointsRequest, SpendPointsResponse, StatusHealthResponse, Tool, ToolCreate,
    ToolPage, Training, TrainingCreate, TrainingPage, UserMeResponse,
)
from journey import ORIGIN, TOKEN, answered, done, expect, forwarded_callers

caller = forwarded_callers(Client, AuthenticatedClient, "10.21.0")


PASSWORD = "correct horse battery"

# The probes, the document and its page, the app's own health route.
public = caller()
for probe, name in ((health, "/health"), (health_live, "/health/live"), (health_ready, "/health/ready")):
    assert expect(probe.sync(client=public), HealthStatus, name).app == "stationthis"
document = expect(openapi_document.sync(client=public), OpenapiDocumentResponse200, "/openapi.json")
assert document["openapi"].startswith("3.1") and "/api/v1/points/spend" in document["paths"], sorted(document.additional_properties)
assert "openapi.json" in expect(docs.sync(client=public), str, "/docs (the reference page)")
# The admin console's page and the two files it loads (what the console does is .ci/admin-console's).
page = expect(admin_console.sync(client=public), str, "/admin (the admin console)")
assert 'name="loom-openapi"' in page and "admin/console.js" in page, page[:300]
assert expect(admin_console_script.sync(client=public), str, "/admin/console.js")
assert expect(admin_console_style.sync(client=public), str, "/admin/console.css")
assert expect(status_health.sync(client=public), StatusHealthResponse, "health").status == "ok"

# Tools: an admin (the CI's bootstrap account, role admin by `loom-server set-role`) keeps them; anyone lists and reads them.
admin = caller(TOKEN)
anonymous = caller("", prefix="")
tool = expect(create_tool.sync(client=admin, body=ToolCreate(name="Text to image", cost_points=5)), Tool, "an admin adds a tool")
assert tool.tool_id.startswith("tool_"), tool
assert any(listed.tool_id == tool.tool_id for listed in expect(list_tools.sync(client=public), ToolPage, "the public tools list").tools)
assert expect(get_tool.sync(tool.tool_id, client=public), Tool, "one tool, public").name == "Text to image"
repriced = expect(replace_tool.sync(tool.tool_id, client=admin, body=ToolCreate(name="Text to image", cost_points=4)), Tool,
                  "an admin replaces the tool (PUT)")
assert repriced.cost_points == 4, repriced
retired = expect(create_tool.sync(client=admin, body=ToolCreate(name="Retired", cost_points=1)), Tool, "a tool to retire")
answered(delete_tool.sync_detailed(retired.tool_id, client=admin), 204, "an admin deletes a tool")
assert expect(get_tool.sync(retired.tool_id, client=public), ErrorBody, "a deleted tool").error.code == "NOT_FOUND"

# An account: sign up, sign in by username, who it is, its profile.
username = f"artist-{secrets.token_hex(3)}@example.com"
expect(auth_signup.sync(client=anonymous, body=AuthSignupRequest(email=username, password=PASSWORD, name="Artist")), AuthTokens, "sign up")
tokens = expect(auth_login.sync(client=anonymous, body=AuthLoginRequest(username=username, password=PASSWORD)),
                AuthTokens, "sign in by username at /api/v1/auth/password")
user = caller(tokens.access_token)
identity = expect(auth_identity.sync(client=user), AuthIdentity, "the caller's identity")
assert identity.kind == "user" and identity.session_id == tokens.session_id, identity
assert expect(auth_get_profile.sync(client=user), AuthUser, "the account").email == username
assert expect(auth_update_profile.sync(client=user, body=AuthProfileUpdate(name="The Artist")), AuthUser, "rename").name == "The Artist"
me = expect(user_me.sync(client=user), UserMeResponse, "profile, wallets, status")
assert me.profile.username == username and me.profile.name == "The Artist" and me.wallets == [] and me.status == "active", me
assert expect(auth_csrf_token.sync(client=user), AuthCSRFToken, "the session's CSRF token").csrf_token

# Sessions: a second one, listed, extended, revoked; the others revoked at once; a refresh.
created = expect(auth_create_session.sync(client=user, body=AuthSessionCreate()), AuthTokens, "a new session")
assert created.success and created.message == "Authentication successful." and created.access_token, created
second = created.session_id
sessions = expect(auth_list_sessions.sync(client=user), AuthSessionList, "the account's sessions")
assert {session.id for session in sessions.items} >= {tokens.session_id, second}, sessions
until = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=2)
extended = expect(auth_extend_session.sync(second, client=user, body=AuthSessionExtend(expires_at=until)), AuthSession,
                  "extend the second session")
assert abs((extended.expires_at - until).total_seconds()) < 2, extended
answered(auth_revoke_session.sync_detailed(second, client=user), 204, "revoke the second session")
third = expect(auth_create_session.sync(client=user, body=AuthSessionCreate()), AuthTokens, "a third session")
assert expect(auth_revoke_other_sessions.sync(client=user), AuthRevokedCount, "revoke every other session").revoked >= 1
gone = expect(user_me.sync(client=caller(third.access_token)), ErrorBody, "a revoked session's token")
assert gone.error.code == "INVALID_CREDENTIALS", gone
refreshed = expect(auth_refresh.sync(client=anonymous, body=AuthRefreshRequest(refresh_token=tokens.refresh_token)), AuthTokens,
                   "refresh the sign-in's session")
assert refreshed.session_id == tokens.session_id and refreshed.refresh_token != tokens.refresh_token, refreshed
user = caller(refreshed.access_token)

# Points: an admin grants, the user spends once under an Idempotency-Key, a spend beyond the balance is refused.
assert expect(points_summary.sync(client=user), PointsSummaryResponse, "points").balance == 0
expect(grant_points.sync(client=admin, body=GrantPointsRequest(user_id=me.profile.user_id, amount=50)), GrantPointsResponse, "grant")
key = str(uuid.uuid4())
spent = expect(spend_points.sync(client=user, body=SpendPointsRequest(amount=20), idempotency_key=key), SpendPointsResponse, "spend")
again = expect(spend_points.sync(client=user, body=SpendPointsRequest(amount=20), idempotency_key=key), SpendPointsResponse, "replay")
assert spent.balance == 30 and again.transaction_id == spent.transaction_id, (spent, again)
assert expect(points_balance.sync(client=user), PointsBalanceResponse, "balance").balance == 30
refused = expect(spend_points.sync(client=user, body=SpendPointsRequest(amount=31)), ErrorBody, "a spend beyond the balance")
assert refused.error.code == "INSUFFICIENT_POINTS", refused
assert expect(list_point_transactions.sync(client=admin), PointTransactionPage, "the ledger").total == 2
entry = expect(get_point_transaction.sync(spent.transaction_id, client=admin), PointTransaction, "one ledger entry")
assert entry.amount == -20 and entry.balance_after == 30, entry

# Collections.
collection = expect(create_collection.sync(client=user, body=CollectionCreate(name="Cats", description="Cyberpunk cats")),
                    Collection, "create a collection")
assert len(expect(list_collections.sync(client=user), CollectionPage, "list collections").collections) == 1
renamed = expect(replace_collection.sync(collection.collection_id, client=user, body=CollectionCreate(name="Cats II")),
                 Collection, "update a collection (PUT)")
assert renamed.name == "Cats II", renamed
answered(delete_collection.sync_detailed(collection.collection_id, client=user), 204, "delete a collection")
missing = expect(get_collection.sync(collection.collection_id, client=user), ErrorBody, "a deleted collection")
assert missing.error.code == "NOT_FOUND", missing

# Datasets and the trainings on them.
dataset = expect(create_dataset.sync(client=user, body=DatasetCreate(name="Cat photos")), CreateDatasetResponse201, "a dataset").data
assert [listed.dataset_id for listed in expect(list_datasets.sync(client=user), DatasetPage, "list datasets").data] == [dataset.dataset_id]
assert expect(get_dataset.sync(dataset.dataset_id, client=user), GetDatasetResponse200, "one dataset").data.name == "Cat photos"
replaced = expect(replace_dataset.sync(dataset.dataset_id, client=user, body=DatasetCreate(name="Cat photos 2")),
                  ReplaceDatasetResponse200, "replace a dataset (PUT)")
assert replaced.data.name == "Cat photos 2", replaced
training = expect(create_training.sync(client=user, body=TrainingCreate(dataset_id=dataset.dataset_id, model_type="SDXL", trigger_words="mycat")),
                  Training, "a training")
assert training.status == "queued", training
assert len(expect(list_trainings.sync(client=user), TrainingPage, "list trainings").trainings) == 1
assert expect(get_training.sync(training.training_id, client=user), Training, "one training").trigger_words == "mycat"
answered(delete_training.sync_detailed(training.training_id, client=user), 204, "delete a training")
answered(delete_dataset.sync_detailed(dataset.dataset_id, client=user), 204, "delete a dataset")
assert expect(get_dataset.sync(dataset.dataset_id, client=user), ErrorBody, "a deleted dataset").error.code == "NOT_FOUND"

# Generations: a run the local worker completes, its job record (generations:admin), a run of an unknown tool.
run = expect(generations_execute.sync(client=user, body=GenerationsExecuteRequest(tool_id=tool.tool_id)), GenerationsExecuteResponse,
             "start a generation (poll mode)")
assert run.status == "accepted" and run.generation_id.startswith("gen_") and run.delivery.mode == "poll", run
for _ in range(100):
    job = expect(generations_status.sync(run.generation_id, client=user), GenerationsStatusResponse, "a generation's status")
    if job.status == "completed":
        break
    time.sleep(0.1)
assert job.status == "completed" and job.outputs is not None, job
jobs = expect(list_generation_jobs.sync(client=admin, user_id=me.profile.user_id), GenerationJobPage, "an admin lists the user's jobs")
assert [listed.generation_id for listed in jobs.generations] == [run.generation_id], jobs
assert expect(list_generation_jobs.sync(client=user), ErrorBody, "the job table is an admin's").error.code == "FORBIDDEN"
record = expect(get_generation_job.sync(run.generation_id, client=admin), GenerationJob, "one generation job")
assert record.status == "completed" and record.tool_id == tool.tool_id, record
unknown = expect(generations_execute.sync(client=user, body=GenerationsExecuteRequest(tool_id="tool_0000000000000000000000")), ErrorBody,
                 "a run of an unknown tool")
assert unknown.error.code == "NOT_FOUND", unknown

# API keys: created, read, renamed, replaced, rotated, used, exchanged for a session, revoked.
created = expect(auth_create_api_key.sync(client=user, body=AuthAPIKeyCreate(name="bot", environment="live", scopes=[APIKeyScope("points:read")])),
                 AuthAPIKey, "create an API key")
assert created.key.startswith("st_live_"), created
read = expect(auth_get_api_key.sync(created.id, client=user), AuthAPIKey, "one API key, never its secret")
assert read.name == "bot" and read.key is UNSET and read.last_four == created.key[-4:], read
assert expect(auth_update_api_key.sync(created.id, client=user, body=AuthAPIKeyUpdate(name="bot 2")), AuthAPIKey, "rename a key").name == "bot 2"
replaced_key = expect(auth_replace_api_key.sync(created.id, client=user, body=AuthAPIKeyReplace(
    name="bot 3", scopes=[APIKeyScope("points:read"), APIKeyScope("collections:read")])), AuthAPIKey, "replace a key (PUT)")
assert replaced_key.name == "bot 3" and sorted(replaced_key.scopes) == ["collections:read", "points:read"], replaced_key
rotated = expect(auth_rotate_api_key.sync(created.id, client=user, body=AuthAPIKeyRotate(grace_seconds=0)), AuthAPIKey, "rotate a key")
assert rotated.key.startswith("st_live_") and rotated.key != created.key, rotated
keyed = caller(rotated.key, header="X-API-Key", prefix="")
assert expect(points_balance.sync(client=keyed), PointsBalanceResponse, "balance by X-API-Key").balance == 30
assert any(listed.id == rotated.id for listed in expect(auth_list_api_keys.sync(client=user), AuthAPIKeyPage, "list API keys").items)
session = expect(auth_exchange_api_key.sync(client=anonymous, body=AuthAPIKeyExchangeRequest(api_key=rotated.key)), AuthTokens,
                 "exchange the key for a session at /api/v1/auth/apikey")
assert expect(user_me.sync(client=caller(session.access_token)), UserMeResponse, "the key's person").profile.username == username
answered(auth_revoke_api_key.sync_detailed(rotated.id, client=user), 204, "revoke the key")
revoked = expect(auth_exchange_api_key.sync(client=anonymous, body=AuthAPIKeyExchangeRequest(api_key=rotated.key)), ErrorBody,
                 "a revoked key is not exchanged")
assert revoked.error.code == "INVALID_CREDENTIALS", revoked

# Users: management by admins (auth.accountAdmin at /api/v1/admin/users).
page = expect(auth_list_accounts.sync(client=admin, email=username.upper(), limit=5), AuthAccountPage, "an admin finds the artist")
assert page.total == 1 and page.items[0].id == me.profile.user_id, page
assert expect(auth_list_accounts.sync(client=user), ErrorBody, "a user may not list accounts").error.code == "FORBIDDEN"
account = expect(auth_get_account.sync(me.profile.user_id, client=admin), AuthAccount, "one account")
assert account.role == AppRole.USER and account.status == "active", account
wrong = expect(auth_change_account_role.sync(me.profile.user_id, client=admin, body=AuthAccountRoleChange(role=AppRole.ADMIN)),
               AuthAccount, "an admin promotes the artist")
assert wrong.role == AppRole.ADMIN, wrong
assert expect(auth_change_account_role.sync(me.profile.user_id, client=admin, body=AuthAccountRoleChange(role=AppRole.USER)),
              AuthAccount, "and demotes them again").role == AppRole.USER
assert expect(auth_ban_account.sync(me.profile.user_id, client=admin), AuthAccount, "ban").status == "banned"
expect(user_me.sync(client=user), ErrorBody, "a banned account's token is refused")
assert expect(auth_unban_account.sync(me.profile.user_id, client=admin), AuthAccount, "unban").status == "active"

# The audit trail (audit: the table writes, the auth events) for admins.
trail = expect(list_audit_events.sync(client=admin, limit=100), AuditEventPage, "an admin reads the audit trail")
assert trail.total >= 1 and trail.items, trail
event = expect(get_audit_event.sync(trail.items[0].id, client=admin), AuditEventAnswer, "one audit event")
assert event.id == trail.items[0].id and event.action == trail.items[0].action, event

# The user changes its password and logs out; the new password signs in.
user = caller(expect(auth_login.sync(client=anonymous, body=AuthLoginRequest(username=username, password=PASSWORD)),
                     AuthTokens, "the artist signs in again").access_token)
answered(auth_change_password.sync_detailed(client=user, body=AuthPasswordChange(current_password=PASSWORD, new_password=PASSWORD + " 2")),
         204, "change the password")
answered(auth_logout.sync_detailed(client=user), 204, "log out")
assert expect(user_me.sync(client=user), ErrorBody, "a logged-out token").error.code == "INVALID_CREDENTIALS"
expect(auth_login.sync(client=anonymous, body=AuthLoginRequest(username=username, password=PASSWORD + " 2")),
       AuthTokens, "sign in with the new password")
done("stationthis")
