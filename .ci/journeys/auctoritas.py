"""Auctoritas through its generated client: the organization's owner updates the organization
(PUT), creates a project and rotates its production key (pk_prod_...); an end user registers and
logs in with that key, reads their profile with their token beside the key, and keeps data in the
project; a platform admin finds the end user by project. The end user registers with the document's
body {email, password, name} at /api/v1/end-users/auth/register. Members are camelCase on the wire."""

from uuid import UUID

from auctoritas_client import AuthenticatedClient, Client
from auctoritas_client.api.auth import (
    auth_create_project, auth_get_organization, auth_get_profile, auth_list_project_keys, auth_login_alias_1,
    auth_register, auth_rename_organization, auth_rotate_project_key,
)
from auctoritas_client.api.platform import platform_list_end_users
from auctoritas_client.api.user_data import create_user_data, list_user_data
from auctoritas_client.models import (
    AuthAPIKey, AuthAPIKeyList, AuthLoginRequest, AuthOrganization, AuthOrganizationUpdate, AuthProject, AuthProjectCreate,
    AuthProjectKeyRotate, APIKeyEnvironment, AuthRegisterRequest, AuthTokens, AuthUser, PlatformEndUserPage,
    Problem, UserData, UserDataCreate, UserDataPage,
)
from journey import ORGANIZATION, ORIGIN, PLATFORM_TOKEN, TOKEN, done, expect

owner = AuthenticatedClient(base_url=ORIGIN, token=TOKEN, raise_on_unexpected_status=True)
organization = UUID(ORGANIZATION)
expect(auth_get_organization.sync(organization, client=owner), AuthOrganization, "the owner's organization")
expect(auth_rename_organization.sync(organization, client=owner, body=AuthOrganizationUpdate(name="Acme Corp")),
       AuthOrganization, "update the organization (PUT)")
project = expect(auth_create_project.sync(organization, client=owner, body=AuthProjectCreate(
    name="My App", slug="my-app", description="Production application")), AuthProject, "create a project")
rotated = expect(auth_rotate_project_key.sync(organization, project.id, client=owner, body=AuthProjectKeyRotate(
    environment_id=APIKeyEnvironment.PROD)), AuthAPIKey, "rotate the project's prod key")
assert rotated.key.startswith("pk_prod_"), rotated
expect(auth_list_project_keys.sync(organization, project.id, client=owner), AuthAPIKeyList, "the project's keys")

sdk = AuthenticatedClient(base_url=ORIGIN, token=rotated.key, prefix="", auth_header_name="X-API-Key", raise_on_unexpected_status=True)
registered = expect(auth_register.sync(client=sdk, body=AuthRegisterRequest(
    email="user@app.com", password="password123", name="App User")), AuthTokens, "an end user registers with the key")
assert registered.user.project_id == project.id and registered.user.name == "App User", registered
login = expect(auth_login_alias_1.sync(client=sdk, body=AuthLoginRequest(email="user@app.com", password="password123")),
               AuthTokens, "the end user logs in at /api/v1/end-users/auth/login")
user = AuthenticatedClient(base_url=ORIGIN, token=login.access_token, headers={"X-API-Key": rotated.key},
                           raise_on_unexpected_status=True)
profile = expect(auth_get_profile.sync(client=user), AuthUser, "the end user's profile (SDK JWT + API key)")
assert profile.project_id == project.id, profile
expect(create_user_data.sync(client=user, body=UserDataCreate(key="theme", value="dark")), UserData, "the end user's data")
expect(list_user_data.sync(client=user), UserDataPage, "the end user's data, listed")
refused = expect(auth_login_alias_1.sync(client=Client(base_url=ORIGIN, raise_on_unexpected_status=True),
                                         body=AuthLoginRequest(email="user@app.com", password="password123")),
                 Problem, "an end user without the key is no account")
assert refused.status == 401, refused

admin = AuthenticatedClient(base_url=ORIGIN, token=PLATFORM_TOKEN, raise_on_unexpected_status=True)
found = expect(platform_list_end_users.sync(client=admin, project_id=project.id), PlatformEndUserPage, "end users by project")
assert [item.email for item in found.items] == ["user@app.com"], found
done("auctoritas")
