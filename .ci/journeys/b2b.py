"""b2b (reference/b2b-saas-api.md) through its generated client: users and organizations with
prefixed ids in {"data": ...} envelopes, limit/offset pages with total, the document's error
body and codes, keys at /v1/keys (managed with an admin key too), the audit trail and usage statistics, all in the
document's envelopes; the API key travels in `X-API-Key`."""

from b2b_client import AuthenticatedClient
from b2b_client.api.audit import list_audit_events
from b2b_client.api.auth import auth_create_api_key, auth_get_api_key, auth_list_api_keys, auth_update_api_key
from b2b_client.api.organizations import create_organization, list_organizations
from b2b_client.api.usage import list_usage
from b2b_client.api.users import create_user, delete_user, get_user, list_users, replace_user, update_user
from b2b_client.models import (
    AuditEventPage, AuthAPIKey, AuthAPIKeyCreate, APIKeyEnvironment, APIKeyScope, AuthAPIKeyPage, AuthAPIKeyUpdate,
    CreateOrganizationResponse201, CreateUserResponse201, ErrorBody, GetUserResponse200, OrganizationCreate, OrganizationPage,
    ReplaceUserResponse200, UpdateUserResponse200, UsagePage, UserCreate, UserPage, UserUpdate,
)
from journey import API_KEY, ORIGIN, TOKEN, done, expect

operator = AuthenticatedClient(base_url=ORIGIN, token=TOKEN, raise_on_unexpected_status=True)
key = AuthenticatedClient(base_url=ORIGIN, token=API_KEY, prefix="", auth_header_name="X-API-Key", raise_on_unexpected_status=True)

created_key = expect(auth_create_api_key.sync(client=operator, body=AuthAPIKeyCreate(
    name="backend", environment=APIKeyEnvironment.TEST, scopes=[APIKeyScope(scope) for scope in ("users:read", "users:write", "users:delete", "admin")])),
    AuthAPIKey, "create an sk_test_ key at /v1/keys").data
assert created_key.key.startswith("sk_test_"), created_key
backend = AuthenticatedClient(base_url=ORIGIN, token=created_key.key, prefix="", auth_header_name="X-API-Key",
                              raise_on_unexpected_status=True)
listed_keys = expect(auth_list_api_keys.sync(client=operator), AuthAPIKeyPage, "list keys")
assert created_key.id in [listed.id for listed in listed_keys.data], listed_keys
# "admin: Full access including key management": the admin key manages keys itself.
minted = expect(auth_create_api_key.sync(client=backend, body=AuthAPIKeyCreate(
    name="crm-sync", environment=APIKeyEnvironment.LIVE, scopes=[APIKeyScope.USERSREAD])), AuthAPIKey,
    "an admin key creates an sk_live_ key").data
assert minted.key.startswith("sk_live_"), minted
read_key = expect(auth_get_api_key.sync(minted.id, client=backend), AuthAPIKey, "read a key (never its secret)").data
assert read_key.id == minted.id and not read_key.key, read_key
renamed = expect(auth_update_api_key.sync(minted.id, client=backend, body=AuthAPIKeyUpdate(name="crm-readonly")), AuthAPIKey,
                 "rename a key").data
assert renamed.name == "crm-readonly", renamed
expect(auth_list_api_keys.sync(client=backend), AuthAPIKeyPage, "an admin key lists keys")
organization = expect(create_organization.sync(client=backend, body=OrganizationCreate(name="Acme Corp")),
                      CreateOrganizationResponse201, "create an organization").data
assert organization.id.startswith("org_"), organization
user = expect(create_user.sync(client=backend, body=UserCreate(email="user@example.com", organization_id=organization.id),
                                x_idempotency_key="unique-request-id-12345"), CreateUserResponse201, "create a user").data
assert user.id.startswith("usr_") and user.organization_id == organization.id, user
expect(get_user.sync(user.id, client=key), GetUserResponse200, "read a user")
expect(replace_user.sync(user.id, client=backend, body=UserCreate(email="ada@example.com", name="Ada")),
       ReplaceUserResponse200, "replace a user (PUT)")
expect(update_user.sync(user.id, client=backend, body=UserUpdate(name="Ada Lovelace")), UpdateUserResponse200, "update a user (PATCH)")
page = expect(list_users.sync(client=backend, limit=50, offset=0), UserPage, "list users")
assert page.total == 1 and page.limit == 50 and page.offset == 0 and len(page.data) == 1, page
expect(list_organizations.sync(client=backend), OrganizationPage, "list organizations")
missing = expect(get_user.sync("usr_" + "0" * 22, client=backend), ErrorBody, "a missing user, in the document's error body")
assert missing.error.code == "RESOURCE_NOT_FOUND", missing
invalid = expect(create_user.sync(client=backend, body=UserCreate(email="not an address")), ErrorBody, "an invalid user")
assert invalid.error.code == "VALIDATION_ERROR" and invalid.error.details[0].field == "email", invalid
delete_user.sync(user.id, client=backend)
audit = expect(list_audit_events.sync(client=operator, resource="users"), AuditEventPage, "the audit trail")
assert audit.total >= 1 and len(audit.data) >= 1, audit
usage = expect(list_usage.sync(client=backend), UsagePage, "usage statistics (metrics via API)")
assert usage.total >= 1 and usage.data[0].requests >= 1, usage
done("b2b")
