"""sovrium (reference/sovrium-api-domain.md) through its generated client, the way its users work with
it: the probes ({"status": "ok", timestamp, "app": {"name"}}), the document and its explorer; an
admin (the CI's bootstrap account, role admin by `loom-server set-role`) reads who it is and its
session (/api/auth/session and the released /api/auth/get-session), finds the CI's API key and moves
it to the professional rate-limit tier. The key (X-API-Key) manages a webhook subscription (created
disabled for a documentation address, sent a test message that stays queued, deleted before any
record is written: nothing is ever delivered); keeps projects (wrapped and flat bodies, sorts,
filter expressions and JSON filter trees, field shorthands, paging, search, a field selection,
ETags, soft delete with deleted=include, restore, a batch, all or nothing, and figures over a list
with aggregate=) and contacts (a unique email, upsert, replace, update, delete, restore); a CRM
feeds contacts through the signed incoming webhook (X-Signature: sha256=<HMAC-SHA256 of the raw
body>), and the key adds more in a batch (one repeating a taken email writes none: 409). The admin
gives a dashboard a key scoped to projects:read (as a bearer token it reads projects and finds no
contacts table: 404), renames, rotates, re-tiers and revokes it (API keys may not manage keys or
accounts). A member signs up (/api/auth/signup, /api/auth/sign-up/email: 200 with the tokens, the
access token also as Better Auth's `token`), signs in (/api/auth/login, /api/auth/sign-in/email),
reads and renames itself, is refused the admin routes (403), keeps several sessions (created,
extended, revoked, the others revoked at once), refreshes one, asks for a verification mail and a
password reset (both paths; made-up tokens are refused; the reset quota of 10 a minute answers 429
RATE_LIMITED), finds no OAuth provider enabled; the admin finds, re-roles, bans and unbans it; it
changes its password and signs out (/api/auth/logout, /api/auth/sign-out: 200 {"success": true}).
The key reads the audit trail and the usage statistics. Errors are {"success": false, message, code,
details}.

Each client names its own address in X-Forwarded-For (the server trusts 127.0.0.1 as a proxy), so
anonymous requests spread over the per-IP quotas as separate callers' would; the admin's token
(standard tier, 100 a minute) makes about 25 requests, the key on the professional tier most of
the rest."""

import datetime
import hashlib
import hmac
import json
import os
import re
import secrets
import uuid

import httpx

from sovrium_client import AuthenticatedClient, Client
from sovrium_client.types import UNSET
from sovrium_client.api.audit import get_audit_event, list_audit_events
from sovrium_client.api.auth import (
    auth_ban_account, auth_change_account_role, auth_change_password, auth_create_api_key, auth_create_session,
    auth_current_session, auth_current_session_alias_1, auth_extend_session, auth_forgot_password, auth_forgot_password_alias_1,
    auth_get_account, auth_get_api_key, auth_get_profile, auth_identity, auth_list_accounts, auth_list_api_keys, auth_list_sessions,
    auth_login, auth_login_alias_1, auth_logout, auth_logout_alias_1, auth_o_auth_callback, auth_o_auth_start, auth_refresh,
    auth_request_email_verification, auth_reset_password, auth_revoke_api_key, auth_revoke_other_sessions, auth_revoke_session,
    auth_rotate_api_key, auth_signup, auth_signup_alias_1, auth_unban_account, auth_update_api_key, auth_update_profile,
    auth_verify_email,
)
from sovrium_client.api.contacts import (
    batch_contacts, create_contact, delete_contact, get_contact, list_contacts, replace_contact, restore_contact, update_contact,
    upsert_contact,
)
from sovrium_client.api.operations import receive_contact
from sovrium_client.api.projects import (
    batch_projects, create_project, delete_project, get_project, list_projects, replace_project, restore_project, update_project,
)
from sovrium_client.api.rate_limits import (
    get_api_key_rate_limit_tier, get_organization_rate_limit_tier, list_rate_limit_tiers, set_api_key_rate_limit_tier,
    set_organization_rate_limit_tier,
)
from sovrium_client.api.system import (
    admin_console, admin_console_script, admin_console_style, docs, health, health_live, health_ready, list_tables, openapi_document,
)
from sovrium_client.api.usage import list_usage
from sovrium_client.api.webhooks import (
    create_webhook_subscription, delete_webhook_subscription, get_webhook_subscription, list_webhook_attempts,
    list_webhook_messages, list_webhook_subscriptions, replay_failed_webhook_messages, replay_webhook_message,
    rotate_webhook_secret, send_webhook_test, update_webhook_subscription,
)
from sovrium_client.models import TableCatalog
from sovrium_client.models import (
    AccountStatus, APIKeyEnvironment, APIKeyScope, AppRole, AuditEventAnswer, AuditEventPage, AuthAccount, AuthAccountPage,
    AuthAccountRoleChange, AuthAPIKey, AuthAPIKeyCreate, AuthAPIKeyPage, AuthAPIKeyRotate, AuthAPIKeyUpdate, AuthCurrentSession,
    AuthEmailVerify, AuthIdentity, AuthLoginRequest, AuthLogoutAlias1Response200, AuthLogoutResponse200, AuthPasswordChange,
    AuthPasswordForgot, AuthPasswordReset, AuthProfileUpdate,
    AuthRefreshRequest, AuthRevokedCount, AuthSession, AuthSessionCreate, AuthSessionExtend, AuthSessionList, AuthSignupRequest,
    AuthTokens, AuthUser, Contact, ContactBatch, ContactBatchRecordsItemType0, ContactBatchResponse, ContactCreate, ContactPage,
    ContactUpdate, ContactUpsert, CreateContactBodyType0, CreateProjectBodyType0, ErrorBody, HealthStatus, ListProjectsDeleted,
    OAuthProvider, OpenapiDocumentResponse200, Project, ProjectBatch, ProjectBatchRecordsItemType0, ProjectBatchResponse,
    ProjectCreate, ProjectPage, ProjectSelection, ProjectUpdate, RateLimitTierAssignment, RateLimitTierChange,
    RateLimitTierChangeTierType1, RateLimitTierList, ReceiveContactRequest, ReceiveContactResponse, ReplaceProjectBodyType0,
    UpdateProjectBodyType0, UpsertContactBodyType0, UsagePage, WebhookAttemptPage, WebhookEventTypePattern, WebhookMessage,
    WebhookMessagePage, WebhookReplayRequest, WebhookReplayResult, WebhookSecretRotation, WebhookSubscription,
    WebhookSubscriptionCreate, WebhookSubscriptionPage, WebhookSubscriptionSecret, WebhookSubscriptionUpdate,
)
from journey import API_KEY, ORIGIN, TOKEN, answered, done, expect, forwarded_callers

caller = forwarded_callers(Client, AuthenticatedClient, "10.31.0")


def refused(answer, code: str, what: str) -> ErrorBody:
    """`answer` is the app's error body with `code`."""
    error = expect(answer, ErrorBody, what)
    assert error.success is False and error.code == code and error.message, (what, error)
    return error


PASSWORD = "correct horse battery staple"
PROFESSIONAL = RateLimitTierChangeTierType1.PROFESSIONAL

# The probes, the document, its explorer and the admin console's files, as anyone reads them.
public = caller()
for probe, name in ((health, "/api/health"), (health_live, "/health/live"), (health_ready, "/health/ready")):
    answer = probe.sync_detailed(client=public)
    status = answered(answer, 200, name)
    assert isinstance(status, HealthStatus) and status.status == "ok" and status.app.name == "sovrium", status
    # An RFC 3339 UTC timestamp with milliseconds, as sent.
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", json.loads(answer.content)["timestamp"]), answer.content
document = expect(openapi_document.sync(client=public), OpenapiDocumentResponse200, "/api/openapi.json")
assert document["openapi"].startswith("3.1") and "/api/tables/projects/records" in document["paths"], sorted(document.additional_properties)
assert "openapi.json" in expect(docs.sync(client=public), str, "/api/docs (the explorer)")
page = expect(admin_console.sync(client=public), str, "/admin (the admin console)")
assert "admin/console.js" in page, page[:300]
assert expect(admin_console_script.sync(client=public), str, "/admin/console.js")
assert expect(admin_console_style.sync(client=public), str, "/admin/console.css")
catalog = expect(list_tables.sync(client=public), TableCatalog, "/api/tables (the table catalog)")
assert [table.name for table in catalog.tables] == ["contacts", "projects"], catalog
assert [field.name for field in catalog.tables[1].fields] == ["name", "status", "priority"], catalog.tables[1]
refused(list_projects.sync(client=caller("", prefix="")), "UNAUTHORIZED", "records without credentials")

# The admin: who it is, its session under both paths, the CI's key moved to the professional tier.
admin = caller(TOKEN)
identity = expect(auth_identity.sync(client=admin), AuthIdentity, "the admin's identity")
assert identity.kind == "user" and "*" in identity.scopes, identity
session = expect(auth_current_session.sync(client=admin), AuthCurrentSession, "the admin's session at /api/auth/session")
assert session.session.current and session.user.role == AppRole.ADMIN, session
assert expect(auth_current_session_alias_1.sync(client=admin), AuthCurrentSession,
              "the same at /api/auth/get-session").session.id == session.session.id
assert expect(auth_get_profile.sync(client=admin), AuthUser, "the admin's account").id == session.user.id
keys = expect(auth_list_api_keys.sync(client=admin), AuthAPIKeyPage, "the API keys")
ci_key = next(listed for listed in keys.items if listed.last_four == API_KEY[-4:])
assert ci_key.scopes == ["*"] and ci_key.key is UNSET, ci_key
tiers = expect(list_rate_limit_tiers.sync(client=admin), RateLimitTierList, "the rate-limit tiers")
assert [(tier.name, tier.quota, tier.default) for tier in tiers.items] == [
    ("standard", 100, True), ("professional", 1000, False), ("enterprise", 10000, False)], tiers
assert expect(get_api_key_rate_limit_tier.sync(ci_key.id, client=admin), RateLimitTierAssignment,
              "the CI key's tier").effective_tier == "standard"
moved = expect(set_api_key_rate_limit_tier.sync(ci_key.id, client=admin, body=RateLimitTierChange(tier=PROFESSIONAL)),
               RateLimitTierAssignment, "the CI key moves to the professional tier")
assert moved.tier == "professional" and moved.effective_tier == "professional", moved
refused(get_organization_rate_limit_tier.sync(uuid.uuid4(), client=admin), "NOT_FOUND", "an unknown organization's tier")
refused(set_organization_rate_limit_tier.sync(uuid.uuid4(), client=admin, body=RateLimitTierChange(tier=PROFESSIONAL)),
        "NOT_FOUND", "an unknown organization's tier is not set")

# The key (X-API-Key) does the rest of the administration.
key = caller(API_KEY, header="X-API-Key", prefix="")
assert expect(auth_identity.sync(client=key), AuthIdentity, "the key's identity").kind == "api_key"

# Webhook subscriptions: created disabled for a documentation address (192.0.2.0/24, which the address
# guard passes without a DNS lookup), read, edited, its secret rotated, a test message queued (a
# disabled subscription has no delivery loop, so it stays pending), its logs and attempts read, the
# message replayed, the subscription deleted before any record is written: nothing is ever sent.
created = expect(create_webhook_subscription.sync(client=key, body=WebhookSubscriptionCreate(
    url="https://192.0.2.10/hooks/sovrium", description="CRM sync", event_types=[WebhookEventTypePattern.PROJECTS],
    enabled=False)), WebhookSubscriptionSecret, "create a webhook subscription")
assert created.secret.startswith("whsec_") and not created.enabled and created.event_types == ["projects.*"], created
hook = created.id
refused(create_webhook_subscription.sync(client=key, body=WebhookSubscriptionCreate(
    url="http://127.0.0.1:9/hook", event_types=[WebhookEventTypePattern.VALUE_0])), "VALIDATION_ERROR", "a loopback URL is refused")
assert expect(get_webhook_subscription.sync(hook, client=key), WebhookSubscription, "one subscription").description == "CRM sync"
listed = expect(list_webhook_subscriptions.sync(client=key), WebhookSubscriptionPage, "the subscriptions")
assert [item.id for item in listed.items] == [hook], listed
edited = expect(update_webhook_subscription.sync(hook, client=key, body=WebhookSubscriptionUpdate(
    description="CRM sync (projects, new contacts)",
    event_types=[WebhookEventTypePattern.PROJECTS, WebhookEventTypePattern.CONTACTS_CREATED])), WebhookSubscription, "edit it")
assert sorted(edited.event_types) == ["contacts.created", "projects.*"] and not edited.enabled, edited
rotated_secret = expect(rotate_webhook_secret.sync(hook, client=key, body=WebhookSecretRotation(grace_seconds=60)),
                        WebhookSubscriptionSecret, "rotate its signing secret")
assert rotated_secret.secret != created.secret and rotated_secret.previous_secret_expires_at is not None, rotated_secret
assert expect(list_webhook_messages.sync(hook, client=key), WebhookMessagePage, "its delivery logs, empty").total == 0
test = expect(send_webhook_test.sync(hook, client=key), WebhookMessage, "a test message (queued: a disabled subscription gets no delivery)")
assert test.event_type == "webhook.test" and test.status == "pending" and test.attempts == 0, test
logs = expect(list_webhook_messages.sync(hook, client=key), WebhookMessagePage, "its delivery logs")
assert [message.id for message in logs.items] == [test.id], logs
assert expect(list_webhook_attempts.sync(hook, test.id, client=key), WebhookAttemptPage, "the message's attempts (none)").total == 0
refused(list_webhook_attempts.sync(hook, "msg_unknown", client=key), "NOT_FOUND", "the attempts of an unknown message")
assert expect(replay_webhook_message.sync(hook, test.id, client=key), WebhookMessage, "replay the message").id == test.id
assert expect(replay_failed_webhook_messages.sync(hook, client=key, body=WebhookReplayRequest()), WebhookReplayResult,
              "replay its failed messages (none)").replayed == 0
answered(delete_webhook_subscription.sync_detailed(hook, client=key), 204, "delete the subscription")
refused(get_webhook_subscription.sync(hook, client=key), "NOT_FOUND", "a deleted subscription")

# Projects: wrapped and flat bodies, validation, reads, lists, edits, soft delete and restore.
relaunch = expect(create_project.sync(client=key, body=CreateProjectBodyType0(fields=ProjectCreate(
    name="Website relaunch", priority=3))), Project, "create a project, wrapped in fields")
assert relaunch.fields.status == "active" and relaunch.fields.priority == 3 and relaunch.deleted_at is None, relaunch
audit_project = expect(create_project.sync(client=key, body=ProjectCreate(name="Audit", status="planned", priority=2)), Project,
                       "create a project, flat body")
archive = expect(create_project.sync(client=key, body=ProjectCreate(name="Archive")), Project, "create a project with the defaults")
assert archive.fields.priority == 1 and archive.fields.status == "active", archive
invalid = refused(create_project.sync(client=key, body=ProjectCreate(name="", priority=5000)), "VALIDATION_ERROR", "an invalid project")
assert {detail.field for detail in invalid.details} >= {"name", "priority"}, invalid
read = get_project.sync_detailed(relaunch.id, client=key)
assert isinstance(answered(read, 200, "read a project"), Project) and read.parsed.fields.name == "Website relaunch", read.parsed
answered(get_project.sync_detailed(relaunch.id, client=key, if_none_match=read.headers["ETag"]), 304, "an unchanged project (ETag)")
selected = expect(get_project.sync(relaunch.id, client=key, fields="name"), ProjectSelection, "a project's name alone")
assert selected.fields.name == "Website relaunch" and "priority" not in selected.fields.to_dict(), selected
by_priority = expect(list_projects.sync(client=key, sort="priority:desc,name:asc"), ProjectPage, "projects by priority, then name")
assert [record.fields.name for record in by_priority.records] == ["Website relaunch", "Audit", "Archive"], by_priority
assert by_priority.pagination.total == 3 and not by_priority.pagination.has_next_page, by_priority.pagination
assert [record.fields.name for record in expect(list_projects.sync(client=key, sort="-priority"), ProjectPage,
                                                "projects, -priority").records][:1] == ["Website relaunch"]
above = expect(list_projects.sync(client=key, filter_="priority > 1", sort="name"), ProjectPage, "a filter expression")
assert [record.fields.name for record in above.records] == ["Audit", "Website relaunch"], above
tree = json.dumps({"and": [{"field": "status", "operator": "equals", "value": "active"},
                           {"field": "priority", "operator": "greaterThan", "value": 1}]})
assert [record.fields.name for record in expect(list_projects.sync(client=key, filter_=tree), ProjectPage,
                                                "a JSON filter tree").records] == ["Website relaunch"]
active = expect(list_projects.sync(client=key, status="active", sort="name"), ProjectPage, "the status=active shorthand")
assert [record.fields.name for record in active.records] == ["Archive", "Website relaunch"], active
first = expect(list_projects.sync(client=key, limit=2, sort="name"), ProjectPage, "the first page of two")
assert first.pagination.has_next_page and not first.pagination.has_previous_page and first.pagination.total_pages == 2, first.pagination
second_page = expect(list_projects.sync(client=key, limit=2, offset=2, sort="name"), ProjectPage, "the second page")
assert second_page.pagination.page == 2 and second_page.pagination.has_previous_page and len(second_page.records) == 1, second_page
assert [record.fields.name for record in expect(list_projects.sync(client=key, q="relaunch"), ProjectPage,
                                                "a search").records] == ["Website relaunch"]
replaced = expect(replace_project.sync(audit_project.id, client=key, body=ReplaceProjectBodyType0(fields=ProjectCreate(
    name="Security audit", status="active", priority=4))), Project, "replace a project (PUT)")
assert replaced.fields.name == "Security audit" and replaced.fields.priority == 4, replaced
patched = expect(update_project.sync(relaunch.id, client=key, body=UpdateProjectBodyType0(fields=ProjectUpdate(status="done"))),
                 Project, "update a project (PATCH, wrapped)")
assert patched.fields.status == "done" and patched.fields.name == "Website relaunch", patched
refused(update_project.sync(relaunch.id, client=key, body=ProjectUpdate(priority=9), if_match='"stale"'),
        "PRECONDITION_FAILED", "an update against a stale ETag")
assert expect(update_project.sync(relaunch.id, client=key, body=ProjectUpdate(priority=9)), Project,
              "update a project (PATCH, flat)").fields.priority == 9
answered(delete_project.sync_detailed(archive.id, client=key), 204, "delete a project")
refused(get_project.sync(archive.id, client=key), "NOT_FOUND", "a deleted project")
assert expect(list_projects.sync(client=key), ProjectPage, "live projects").pagination.total == 2
with_deleted = expect(list_projects.sync(client=key, deleted=ListProjectsDeleted.INCLUDE), ProjectPage, "projects, the deleted included")
assert any(record.id == archive.id and record.deleted_at is not None for record in with_deleted.records), with_deleted
restored = expect(restore_project.sync(archive.id, client=key), Project, "restore a project")
assert restored.deleted_at is None and restored.fields.name == "Archive", restored
refused(get_project.sync(uuid.uuid4(), client=key), "NOT_FOUND", "an unknown project")

# A batch of projects (a wrapped and a flat record), created together; one with an invalid record is
# refused whole, its details naming the record, and writes nothing.
batch = answered(batch_projects.sync_detailed(client=key, body=ProjectBatch(records=[
    ProjectBatchRecordsItemType0(fields=ProjectCreate(name="Onboarding", priority=7)), ProjectCreate(name="Migration", status="planned")])),
    201, "create two projects in one batch")
assert isinstance(batch, ProjectBatchResponse), batch
assert [(record.fields.name, record.fields.status, record.fields.priority) for record in batch.created] == [
    ("Onboarding", "active", 7), ("Migration", "planned", 1)], batch
invalid = refused(batch_projects.sync(client=key, body=ProjectBatch(records=[
    ProjectCreate(name="Backlog grooming"), ProjectCreate(name="", priority=5000)])), "VALIDATION_ERROR", "a batch with an invalid project")
assert {detail.field for detail in invalid.details} == {"records[1].name", "records[1].priority"}, invalid
assert expect(list_projects.sync(client=key, q="Backlog"), ProjectPage, "nothing of the refused batch").pagination.total == 0

# Figures over every matching record, not only the page: the active projects are Security audit (4),
# Archive (1) and Onboarding (7).
figures = json.dumps({"count": True, "sum": ["priority"], "avg": ["priority"], "min": ["priority"], "max": ["priority"]})
summed = expect(list_projects.sync(client=key, status="active", limit=1, aggregate=figures), ProjectPage,
                "aggregates of the active projects")
assert len(summed.records) == 1 and summed.pagination.total == 3, summed
totals = summed.aggregations
assert (totals.count, totals.sum_.priority, totals.avg.priority, totals.min_.priority, totals.max_.priority) == (3, 12, 4, 1, 7), totals
assert expect(list_projects.sync(client=key), ProjectPage, "a list without aggregate=").aggregations is UNSET
bad_figures = refused(list_projects.sync(client=key, aggregate=json.dumps({"sum": ["name"]})), "VALIDATION_ERROR",
                      "a sum of a text field")
assert [detail.field for detail in bad_figures.details] == ["aggregate"], bad_figures

# Contacts: a unique email, upsert by email, replace, update, delete, restore.
ada = expect(create_contact.sync(client=key, body=CreateContactBodyType0(fields=ContactCreate(
    email="ada.lovelace@example.com", first_name="Ada"))), Contact, "create a contact")
assert ada.fields.email == "ada.lovelace@example.com" and ada.fields.last_name is None, ada
refused(create_contact.sync(client=key, body=ContactCreate(email="ada.lovelace@example.com")), "CONFLICT",
        "a second contact with that email")
refused(create_contact.sync(client=key, body=ContactCreate(email="not an address")), "VALIDATION_ERROR", "a contact without a valid email")
upserted = answered(upsert_contact.sync_detailed(client=key, body=UpsertContactBodyType0(fields=ContactUpsert(
    email="ada.lovelace@example.com", first_name="Ada", last_name="Lovelace"))), 200, "upsert (replace) the existing contact")
assert upserted.id == ada.id and upserted.fields.last_name == "Lovelace", upserted
alan = answered(upsert_contact.sync_detailed(client=key, body=ContactUpsert(email="alan.turing@example.com", first_name="Alan")),
                201, "upsert a new contact")
assert alan.fields.first_name == "Alan", alan
assert expect(get_contact.sync(ada.id, client=key), Contact, "read a contact").fields.first_name == "Ada"
replaced_contact = expect(replace_contact.sync(alan.id, client=key, body=ContactCreate(
    email="alan.turing@example.com", first_name="Alan", last_name="Turing")), Contact, "replace a contact (PUT)")
assert replaced_contact.fields.last_name == "Turing", replaced_contact
assert expect(update_contact.sync(ada.id, client=key, body=ContactUpdate(first_name="Augusta Ada")), Contact,
              "update a contact").fields.first_name == "Augusta Ada"
by_email = expect(list_contacts.sync(client=key, email="alan.turing@example.com"), ContactPage, "a contact by email")
assert [record.id for record in by_email.records] == [alan.id], by_email
answered(delete_contact.sync_detailed(alan.id, client=key), 204, "delete a contact")
assert expect(list_contacts.sync(client=key), ContactPage, "live contacts").pagination.total == 1
assert expect(restore_contact.sync(alan.id, client=key), Contact, "restore a contact").deleted_at is None

# The incoming webhook: a CRM posts a person, signed with the shared secret; a wrong signature runs nothing.
secret = os.environ["SOVRIUM_CONTACTS_WEBHOOK_SECRET"].encode()
crm = caller()


def signature(body: ReceiveContactRequest) -> str:
    """`sha256=<hex HMAC>` of the exact bytes the generated client sends for `body`."""
    raw = httpx.Request("POST", ORIGIN, json=body.to_dict()).read()
    return "sha256=" + hmac.new(secret, raw, hashlib.sha256).hexdigest()


grace = ReceiveContactRequest(email="grace.hopper@example.com", first_name="Grace", last_name="Hopper")
expect(receive_contact.sync(client=crm, body=grace, x_signature=signature(grace)), ReceiveContactResponse, "a signed contact")
names = ReceiveContactRequest(email="ada.lovelace@example.com", last_name="King")
expect(receive_contact.sync(client=crm, body=names, x_signature=signature(names)), ReceiveContactResponse, "a signed update")
forged = ReceiveContactRequest(email="mallory@example.com", first_name="Mallory")
refused(receive_contact.sync(client=crm, body=forged, x_signature="sha256=" + "0" * 64), "UNAUTHORIZED", "a forged signature")
fed = expect(list_contacts.sync(client=key, sort="email"), ContactPage, "the contacts after the webhook")
assert [(record.fields.email, record.fields.last_name) for record in fed.records] == [
    ("ada.lovelace@example.com", "King"), ("alan.turing@example.com", "Turing"), ("grace.hopper@example.com", "Hopper")], fed

# More contacts in one batch; a batch repeating a taken email is a 409 naming the record and writes none.
people = answered(batch_contacts.sync_detailed(client=key, body=ContactBatch(records=[
    ContactBatchRecordsItemType0(fields=ContactCreate(email="edsger.dijkstra@example.com", first_name="Edsger")),
    ContactCreate(email="barbara.liskov@example.com", last_name="Liskov")])), 201, "create two contacts in one batch")
assert isinstance(people, ContactBatchResponse), people
assert [(record.fields.email, record.fields.last_name) for record in people.created] == [
    ("edsger.dijkstra@example.com", None), ("barbara.liskov@example.com", "Liskov")], people
taken = refused(batch_contacts.sync(client=key, body=ContactBatch(records=[
    ContactCreate(email="margaret.hamilton@example.com"), ContactCreate(email="grace.hopper@example.com")])), "CONFLICT",
    "a batch with a taken email")
assert [detail.field for detail in taken.details] == ["records[1].email"], taken
counted = expect(list_contacts.sync(client=key, limit=1, aggregate=json.dumps({"count": True})), ContactPage, "count the contacts")
assert counted.aggregations.count == 5 and len(counted.records) == 1, counted
assert expect(list_contacts.sync(client=key, email="margaret.hamilton@example.com"), ContactPage,
              "nothing of the refused batch").pagination.total == 0

# A key scoped to reading projects: it reads them (as a bearer token too); the contacts table is not
# there for it (404); it is renamed, rotated, re-tiered and revoked.
reader = expect(auth_create_api_key.sync(client=admin, body=AuthAPIKeyCreate(
    name="dashboard", environment=APIKeyEnvironment.TEST, scopes=[APIKeyScope.PROJECTSREAD])), AuthAPIKey, "create a read-only key")
assert reader.key.startswith("sov_test_") and reader.scopes == ["projects:read"], reader
dashboard = caller(reader.key)
assert expect(list_projects.sync(client=dashboard), ProjectPage, "the read-only key lists projects (Bearer)").pagination.total == 5
refused(list_contacts.sync(client=dashboard), "NOT_FOUND", "the read-only key sees no contacts table")
refused(create_project.sync(client=dashboard, body=ProjectCreate(name="Nope")), "NOT_FOUND", "nor may it write projects")
assert expect(auth_get_api_key.sync(reader.id, client=admin), AuthAPIKey, "one key, never its secret").key is UNSET
assert expect(auth_update_api_key.sync(reader.id, client=admin, body=AuthAPIKeyUpdate(name="wall dashboard")), AuthAPIKey,
              "rename the key").name == "wall dashboard"
rotated = expect(auth_rotate_api_key.sync(reader.id, client=admin, body=AuthAPIKeyRotate(grace_seconds=0)), AuthAPIKey,
                 "rotate the key (a new key, the old one expiring now)")
assert rotated.key.startswith("sov_test_") and rotated.key != reader.key and rotated.id != reader.id, rotated
refused(list_projects.sync(client=dashboard), "UNAUTHORIZED", "the key's old secret, rotated without grace")
dashboard = caller(rotated.key, header="X-API-Key", prefix="")
assert expect(list_projects.sync(client=dashboard, limit=1), ProjectPage, "the rotated key (X-API-Key)").pagination.has_next_page
assert expect(set_api_key_rate_limit_tier.sync(rotated.id, client=admin, body=RateLimitTierChange(tier=None)),
              RateLimitTierAssignment, "the key keeps the default tier").effective_tier == "standard"
answered(auth_revoke_api_key.sync_detailed(rotated.id, client=admin), 204, "revoke the key")
refused(list_projects.sync(client=dashboard), "UNAUTHORIZED", "a revoked key")

# A member: sign-up under both paths, sign-in under both, itself, its sessions.
email = f"member-{secrets.token_hex(3)}@example.com"
anonymous = caller("", prefix="")
signed_up = answered(auth_signup.sync_detailed(client=anonymous, body=AuthSignupRequest(email=email, password=PASSWORD, name="Member")),
                     200, "sign up at /api/auth/signup")
assert isinstance(signed_up, AuthTokens) and signed_up.user.role == AppRole.MEMBER, signed_up
assert signed_up.access_token and signed_up.token == signed_up.access_token, signed_up
refused(auth_signup.sync(client=anonymous, body=AuthSignupRequest(email=email, password=PASSWORD, name="Again")), "CONFLICT",
        "the same email again")
other_email = f"colleague-{secrets.token_hex(3)}@example.com"
colleague = answered(auth_signup_alias_1.sync_detailed(client=caller("", prefix=""), body=AuthSignupRequest(
    email=other_email, password=PASSWORD, name="Colleague")), 200, "sign up at /api/auth/sign-up/email")
assert isinstance(colleague, AuthTokens) and colleague.user.email == other_email and colleague.user.role == AppRole.MEMBER, colleague
assert colleague.token == colleague.access_token, colleague
refused(auth_login.sync(client=anonymous, body=AuthLoginRequest(email=email, password="wrong password")), "UNAUTHORIZED",
        "a wrong password")
tokens = expect(auth_login.sync(client=anonymous, body=AuthLoginRequest(email=email, password=PASSWORD)), AuthTokens,
                "sign in at /api/auth/login")
member = caller(tokens.access_token)
other = expect(auth_login_alias_1.sync(client=caller("", prefix=""), body=AuthLoginRequest(email=email, password=PASSWORD)),
               AuthTokens, "sign in at /api/auth/sign-in/email")
me = expect(auth_get_profile.sync(client=member), AuthUser, "the member's account")
assert me.email == email and me.role == AppRole.MEMBER, me
assert expect(auth_update_profile.sync(client=member, body=AuthProfileUpdate(name="Mem Ber")), AuthUser, "rename").name == "Mem Ber"
assert expect(auth_current_session.sync(client=member), AuthCurrentSession, "the member's session").session.id == tokens.session_id
assert expect(create_project.sync(client=member, body=ProjectCreate(name="Member's project")), Project,
              "a member writes a project").fields.name == "Member's project"
refused(auth_list_accounts.sync(client=member), "FORBIDDEN", "a member may not list accounts")
refused(list_audit_events.sync(client=member), "FORBIDDEN", "nor read the audit trail")
extra = expect(auth_create_session.sync(client=member, body=AuthSessionCreate()), AuthTokens, "a new session")
sessions = expect(auth_list_sessions.sync(client=member), AuthSessionList, "the member's sessions")
assert {session.id for session in sessions.items} >= {tokens.session_id, other.session_id, extra.session_id}, sessions
until = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=2)
extended = expect(auth_extend_session.sync(extra.session_id, client=member, body=AuthSessionExtend(expires_at=until)),
                  AuthSession, "extend the new session")
assert abs((extended.expires_at - until).total_seconds()) < 2, extended
answered(auth_revoke_session.sync_detailed(extra.session_id, client=member), 204, "revoke it")
refused(auth_get_profile.sync(client=caller(extra.access_token)), "UNAUTHORIZED", "a revoked session's token")
signed_out = answered(auth_logout_alias_1.sync_detailed(client=caller(other.access_token)), 200, "sign out at /api/auth/sign-out")
assert isinstance(signed_out, AuthLogoutAlias1Response200) and signed_out.success is True, signed_out
third = expect(auth_create_session.sync(client=member, body=AuthSessionCreate()), AuthTokens, "a third session")
assert expect(auth_revoke_other_sessions.sync(client=member), AuthRevokedCount, "revoke every other session").revoked >= 1
refused(auth_get_profile.sync(client=caller(third.access_token)), "UNAUTHORIZED", "a session revoked with the others")
refreshed = expect(auth_refresh.sync(client=anonymous, body=AuthRefreshRequest(refresh_token=tokens.refresh_token)), AuthTokens,
                   "refresh the sign-in's session")
assert refreshed.session_id == tokens.session_id and refreshed.refresh_token != tokens.refresh_token, refreshed
member = caller(refreshed.access_token)

# Mail: verification and password reset (the app's mail goes to its log); made-up tokens are refused;
# OAuth providers without credentials are not enabled.
answered(auth_request_email_verification.sync_detailed(client=member), 202, "ask for a verification mail")
refused(auth_verify_email.sync(client=anonymous, body=AuthEmailVerify(token="made-up")), "VALIDATION_ERROR", "a made-up verification token")
resetter = caller()
answered(auth_forgot_password.sync_detailed(client=resetter, body=AuthPasswordForgot(email=email)), 202, "forgot password")
answered(auth_forgot_password_alias_1.sync_detailed(client=resetter, body=AuthPasswordForgot(email=email)), 202,
         "forgot password at /api/auth/request-password-reset")
refused(auth_reset_password.sync(client=resetter, body=AuthPasswordReset(token="made-up", new_password=PASSWORD + " 2")),
        "VALIDATION_ERROR", "a made-up reset token")
for attempt in range(10):
    answer = auth_forgot_password.sync_detailed(client=resetter, body=AuthPasswordForgot(email=f"nobody-{attempt}@example.com"))
    if answer.status_code == 429:
        break
refused(answer.parsed, "RATE_LIMITED", "the password-reset quota (10 a minute) is spent")
assert "Retry-After" in answer.headers, answer.headers
refused(auth_o_auth_start.sync(OAuthProvider.GITHUB, client=anonymous), "OAUTH_PROVIDER_NOT_FOUND", "GitHub is not configured")
refused(auth_o_auth_callback.sync(OAuthProvider.GOOGLE, client=anonymous, code="made-up", state="made-up"),
        "OAUTH_PROVIDER_NOT_FOUND", "nor is Google")

# Admin user management (auth.accountAdmin at /api/admin/users).
found = expect(auth_list_accounts.sync(client=admin, email=email.upper(), limit=5), AuthAccountPage, "an admin finds the member")
assert found.total == 1 and found.items[0].id == me.id, found
account = expect(auth_get_account.sync(me.id, client=admin), AuthAccount, "one account")
assert account.role == AppRole.MEMBER and account.status == AccountStatus.ACTIVE and account.name == "Mem Ber", account
assert expect(auth_change_account_role.sync(me.id, client=admin, body=AuthAccountRoleChange(role=AppRole.ADMIN)), AuthAccount,
              "promote the member").role == AppRole.ADMIN
assert expect(auth_change_account_role.sync(me.id, client=admin, body=AuthAccountRoleChange(role=AppRole.MEMBER)), AuthAccount,
              "and demote them again").role == AppRole.MEMBER
assert expect(auth_ban_account.sync(me.id, client=admin), AuthAccount, "ban").status == AccountStatus.BANNED
refused(auth_get_profile.sync(client=member), "UNAUTHORIZED", "a banned account's token")
assert expect(auth_unban_account.sync(me.id, client=admin), AuthAccount, "unban").status == AccountStatus.ACTIVE

# The member changes its password and signs out; the new password signs in.
member = caller(expect(auth_login.sync(client=caller("", prefix=""), body=AuthLoginRequest(email=email, password=PASSWORD)),
                       AuthTokens, "the member signs in again").access_token)
answered(auth_change_password.sync_detailed(client=member, body=AuthPasswordChange(current_password=PASSWORD,
                                                                                   new_password=PASSWORD + " 2")),
         204, "change the password")
signed_out = answered(auth_logout.sync_detailed(client=member), 200, "sign out at /api/auth/logout")
assert isinstance(signed_out, AuthLogoutResponse200) and signed_out.success is True, signed_out
refused(auth_get_profile.sync(client=member), "UNAUTHORIZED", "a signed-out token")
expect(auth_login.sync(client=caller("", prefix=""), body=AuthLoginRequest(email=email, password=PASSWORD + " 2")),
       AuthTokens, "sign in with the new password")

# The audit trail and the usage statistics.
trail = expect(list_audit_events.sync(client=key, resource="projects", limit=100), AuditEventPage, "the projects' audit trail")
assert trail.total >= 1 and all(event.resource == "projects" for event in trail.items), trail
event = expect(get_audit_event.sync(trail.items[0].id, client=key), AuditEventAnswer, "one audit event")
assert event.id == trail.items[0].id and event.action == trail.items[0].action, event
usage = expect(list_usage.sync(client=key, api_key_id=ci_key.id), UsagePage, "the CI key's usage")
assert all(day.api_key_id in (None, str(ci_key.id)) for day in usage.items), usage
done("sovrium")
