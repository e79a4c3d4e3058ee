"""stationthis (reference/stationthis-external-api.md) through its generated client: a user signs
in by username at /api/v1/auth/password, reads its profile, gets points from an admin, spends
them with an Idempotency-Key, keeps collections, datasets and trainings of its own, runs a generation
that the local worker completes, manages its API keys at /api/v1/user/apikeys and exchanges one for a
session at /api/v1/auth/apikey; an admin finds, re-roles, bans and unbans the user at /api/v1/admin/users;
errors are {"error": {code, message}}."""

import secrets
import time
import uuid

from stationthis_client import AuthenticatedClient, Client
from stationthis_client.api.auth import (
    auth_ban_account, auth_change_account_role, auth_create_api_key, auth_exchange_api_key, auth_get_account, auth_list_accounts,
    auth_list_api_keys, auth_login, auth_revoke_api_key, auth_signup, auth_unban_account,
)
from stationthis_client.api.datasets import create_dataset
from stationthis_client.api.tools import create_tool, list_tools
from stationthis_client.api.trainings import create_training, list_trainings
from stationthis_client.api.collections import create_collection, delete_collection, get_collection, list_collections, replace_collection
from stationthis_client.api.operations import (
    generations_execute, generations_status, grant_points, points_balance, points_summary, spend_points, status_health, user_me,
)
from stationthis_client.api.point_transactions import list_point_transactions
from stationthis_client.models import (
    AppRole, AuthAccount, AuthAccountPage, AuthAccountRoleChange, APIKeyScope, AuthAPIKey, AuthAPIKeyCreate, AuthAPIKeyExchangeRequest, AuthAPIKeyPage, GenerationsExecuteRequest,
    GenerationsExecuteResponse, GenerationsStatusResponse, AuthLoginRequest, AuthSignupRequest, AuthTokens, Collection, CollectionCreate,
    CollectionPage, ErrorBody, GrantPointsRequest, GrantPointsResponse, PointsBalanceResponse, PointsSummaryResponse,
    CreateDatasetResponse201, DatasetCreate, Tool, ToolCreate, ToolPage, PointTransactionPage, SpendPointsRequest, Training, TrainingCreate, TrainingPage, SpendPointsResponse, StatusHealthResponse, UserMeResponse,
)
from journey import ORIGIN, TOKEN, done, expect

public = Client(base_url=ORIGIN, raise_on_unexpected_status=True)
assert expect(status_health.sync(client=public), StatusHealthResponse, "health").status == "ok"
admin = AuthenticatedClient(base_url=ORIGIN, token=TOKEN, raise_on_unexpected_status=True)
anonymous = AuthenticatedClient(base_url=ORIGIN, token="", prefix="", raise_on_unexpected_status=True)
tool = expect(create_tool.sync(client=admin, body=ToolCreate(name="Text to image", cost_points=5)), Tool, "an admin adds a tool")
assert tool.tool_id.startswith("tool_"), tool
assert any(listed.tool_id == tool.tool_id for listed in expect(list_tools.sync(client=public), ToolPage, "the public tools list").tools)

username = f"artist-{secrets.token_hex(3)}@example.com"
expect(auth_signup.sync(client=anonymous, body=AuthSignupRequest(email=username, password="correct horse battery", name="Artist")),
       AuthTokens, "sign up")
tokens = expect(auth_login.sync(client=anonymous, body=AuthLoginRequest(username=username, password="correct horse battery")),
                AuthTokens, "sign in by username at /api/v1/auth/password")
user = AuthenticatedClient(base_url=ORIGIN, token=tokens.access_token, raise_on_unexpected_status=True)
me = expect(user_me.sync(client=user), UserMeResponse, "profile, wallets, status")
assert me.profile.username == username and me.wallets == [] and me.status == "active", me

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

collection = expect(create_collection.sync(client=user, body=CollectionCreate(name="Cats", description="Cyberpunk cats")),
                    Collection, "create a collection")
assert len(expect(list_collections.sync(client=user), CollectionPage, "list collections").collections) == 1
renamed = expect(replace_collection.sync(collection.collection_id, client=user, body=CollectionCreate(name="Cats II")),
                 Collection, "update a collection (PUT)")
assert renamed.name == "Cats II", renamed
delete_collection.sync(collection.collection_id, client=user)
missing = expect(get_collection.sync(collection.collection_id, client=user), ErrorBody, "a deleted collection")
assert missing.error.code == "NOT_FOUND", missing

dataset = expect(create_dataset.sync(client=user, body=DatasetCreate(name="Cat photos")), CreateDatasetResponse201, "a dataset").data
training = expect(create_training.sync(client=user, body=TrainingCreate(dataset_id=dataset.dataset_id, model_type="SDXL", trigger_words="mycat")),
                  Training, "a training")
assert training.status == "queued", training
assert len(expect(list_trainings.sync(client=user), TrainingPage, "list trainings").trainings) == 1

run = expect(generations_execute.sync(client=user, body=GenerationsExecuteRequest(tool_id=tool.tool_id)), GenerationsExecuteResponse,
             "start a generation (poll mode)")
assert run.status == "accepted" and run.generation_id.startswith("gen_") and run.delivery.mode == "poll", run
for _ in range(100):
    job = expect(generations_status.sync(run.generation_id, client=user), GenerationsStatusResponse, "a generation's status")
    if job.status == "completed":
        break
    time.sleep(0.1)
assert job.status == "completed" and job.outputs is not None, job
unknown = expect(generations_execute.sync(client=user, body=GenerationsExecuteRequest(tool_id="tool_0000000000000000000000")), ErrorBody,
                 "a run of an unknown tool")
assert unknown.error.code == "NOT_FOUND", unknown

created = expect(auth_create_api_key.sync(client=user, body=AuthAPIKeyCreate(name="bot", environment="live", scopes=[APIKeyScope("points:read")])),
                 AuthAPIKey, "create an API key")
assert created.key.startswith("st_live_"), created
keyed = AuthenticatedClient(base_url=ORIGIN, token=created.key, prefix="", auth_header_name="X-API-Key", raise_on_unexpected_status=True)
assert expect(points_balance.sync(client=keyed), PointsBalanceResponse, "balance by X-API-Key").balance == 30
expect(auth_list_api_keys.sync(client=user), AuthAPIKeyPage, "list API keys")
session = expect(auth_exchange_api_key.sync(client=anonymous, body=AuthAPIKeyExchangeRequest(api_key=created.key)), AuthTokens,
                 "exchange the key for a session at /api/v1/auth/apikey")
exchanged = AuthenticatedClient(base_url=ORIGIN, token=session.access_token, raise_on_unexpected_status=True)
assert expect(user_me.sync(client=exchanged), UserMeResponse, "the key's person").profile.username == username
auth_revoke_api_key.sync(created.id, client=user)
revoked = expect(auth_exchange_api_key.sync(client=anonymous, body=AuthAPIKeyExchangeRequest(api_key=created.key)), ErrorBody,
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
expect(auth_login.sync(client=anonymous, body=AuthLoginRequest(username=username, password="correct horse battery")),
       AuthTokens, "the artist signs in again")
done("stationthis")
