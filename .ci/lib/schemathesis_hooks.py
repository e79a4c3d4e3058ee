"""schemathesis hooks of .ci/conformance: what JSON Schema cannot say about Loom's API.

Every other rule of a request is in the OpenAPI document (types, bounds, patterns, enumerations,
the shape of each batch action), and a schema-valid request the server refuses is a failure.
Some values are valid only in the server's own terms, which no JSON Schema expresses; refusals
of those, and only those, are dropped here:

- query parameters of a grammar or issued by the server (400 naming only them): `filter` is an
  expression (nesting, quoting, known fields per type), `aggregate` a JSON object whose `sum`,
  `avg`, `min` and `max` name fields of the table by type (at most 20), `q` at most 16 words,
  `expand` relation paths (at most 8 counting the paths they extend, none repeated), `cursor` a
  token the server signed (the stateful phase sends real ones through the documented `nextPage` link);
- `If-Match` naming a version the record does not have: 412 is what the header is for;
- 422s about the server's state or the caller rather than the body's shape: a relation or
  batch id naming a record that does not exist (for an app whose error body lists no fields,
  a message naming only relation members, documented "References <table>.<key>."), a project that is not an active project of the
  organization, a single-use token (reset, verification, invitation) that was never issued, an
  `expires_at` that must lie in the future, an event without `producer_id` from a caller that
  is not a producer, a webhook `url` whose host does not resolve to public addresses only (the
  SSRF guard asks the network) or that Foundation cannot read as an absolute URL;
- rules JSON Schema could state only at a cost the generated clients would pay: the
  cross-member rules of API-key creation (a plain key needs `scopes`, a service token a
  `role`, `project_id` needs `organization_id`, a `role` only with `service`, and that
  `role` is one of `auth.roles` or, for a key bound to an organization, of its roles), a new
  admin password needing `current_password`, `include_deleted` beside `deleted`, IP address and
  CIDR syntax of `allowed_cidrs`, U+0000 inside the strings of a `json` field (refused in
  every string; a schema saying so would have to recurse through any JSON value), and
  bcrypt's limit of 72 bytes (not characters) on a password, and that a field named in an
  update's `clear` list is not also sent (`clear[i]`: "names X, which the body also sets").

schemathesis counts every dropped failure in its report, and .ci/conformance prints the count.

Apps choose their error body (`errors.body` of app.json: RFC 9457 with `errors`, or their own
shape such as `{"error": {"details": [...]}}`), their JSON naming (camelCase) and the status of a
validation failure (400 or 422), so the field errors are found wherever the body nests them and
field names are compared in Loom's canonical snake_case.

One request change keeps the run's own login working: a generated `PATCH` of the caller's own
profile (the paths .ci/conformance passes in `LOOM_CI_OWN_PROFILE_PATHS`, from the app's
document) is sent without `email` (see `before_call`).
"""

import json
import os
import random
import re
import uuid

import schemathesis

SEMANTIC_PARAMETERS = {"filter", "aggregate", "q", "expand", "cursor"}
CROSS_MEMBER_RULES = {
    ("role", "is required for a service token"),
    ("role", "is only for service tokens (with service)"),
    ("scopes", "is required for a key without service"),
    ("organization_id", "is required with project_id"),
    ("project_id", "is not an active project of the organization"),
    ("producer_id", "is required unless you call with a producer's API key"),
    ("current_password", "is required to change the password"),
    # Two list parameters that say the same thing (`deleted` and its synonym `include_deleted`)
    # are refused together; a document cannot say that two query parameters exclude each other.
    ("include_deleted", "cannot be combined with deleted; send one of them"),
}
CIDR = re.compile(r"^allowed_cidrs\[\d+\]$")
CLEAR_ENTRY = re.compile(r"(^|\.)clear\[\d+\]$")
MISSING_RECORD = re.compile(r"^(references no record in \w+|no \w+ record has \w+ .*)$")


def snake(name: str) -> str:
    """A field path in Loom's canonical spelling (`allowedCidrs[0]` → `allowed_cidrs[0]`)."""
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()


def field_errors(body):
    """The list of `{field, message}` entries wherever the app's error body nests it."""
    if isinstance(body, list):
        if body and all(isinstance(entry, dict) and "field" in entry and "message" in entry for entry in body):
            return body
        return None
    if isinstance(body, dict):
        for value in body.values():
            found = field_errors(value)
            if found:
                return found
    return None


def semantic_parameter(error) -> bool:
    """Whether an entry is about a query parameter of a grammar or issued by the server."""
    return error.get("field") in SEMANTIC_PARAMETERS


def state_dependent(error):
    """Whether an entry is about the server's state or the caller, not the body's shape."""
    field, message = snake(error.get("field", "")), error.get("message", "")
    return (
        bool(MISSING_RECORD.match(message))
        or message == "is invalid, expired or already used"
        or (field == "expires_at" and "in the future" in message)
        or (field, message) in CROSS_MEMBER_RULES
        or (field == "role" and message.startswith("is not one of "))
        or (bool(CIDR.match(field)) and message.startswith("is not an IP address or CIDR range"))
        # NUL is refused in every text, the body's (U+0000) and the query string's (%00):
        # PostgreSQL can neither store nor compare it (Sources/Runtime/HTTP/QueryString.swift).
        or message in ("must not contain the NUL character (U+0000)", "must not contain the NUL character (%00)")
        or (field == "url" and (message.startswith("refused: ") or message == "must be an absolute http or https URL"))
        or message.startswith("is longer than 72 bytes")
        or (bool(CLEAR_ENTRY.search(field)) and message.endswith("which the body also sets"))
        # The idempotency key schemathesis generated was sent before with another body: the
        # earlier request is the server's state (422, or 400 where the app says so).
        or message.startswith("was already used with another request")
    )


INVALID_FIELDS = re.compile(r"^The request body has \d+ invalid fields?: (.+)\.$")
INVALID_PARAMETERS = re.compile(r"^The (?:query string|request) has \d+ invalid parameters?: (.+)\.$")


def error_message(body):
    """The message of an error body in any of the apps' formats."""
    if not isinstance(body, dict):
        return None
    for value in (body.get("message"), body.get("detail"), (body.get("error") or {}).get("message")
                  if isinstance(body.get("error"), dict) else None):
        if isinstance(value, str):
            return value
    return None


# Messages of a refusal about one grammar parameter, which they name in their own words.
SEMANTIC_MESSAGES = {"The expansion is invalid.", "The filter is invalid.", "The cursor does not fit this list."}


def only_semantic_parameters_named(body) -> bool:
    """For an app whose error body lists no fields: whether the message names only query
    parameters of a grammar or issued by the server (`semantic_parameter`)."""
    if error_message(body) in SEMANTIC_MESSAGES:
        return True
    match = INVALID_PARAMETERS.match(error_message(body) or "")
    return bool(match) and all(name.strip() in SEMANTIC_PARAMETERS for name in match.group(1).split(","))


# Fields whose schema-valid values are refused only by a cross-member rule of CROSS_MEMBER_RULES
# (or, for `role`, by naming no role of the app), in Loom's canonical spelling.
CROSS_MEMBER_FIELDS = {field for field, _ in CROSS_MEMBER_RULES}


def only_state_fields_named(case, body) -> bool:
    """For an app whose error body lists no fields (stationthis: `{"error": {code, message}}`),
    whether the message names only fields whose refusal is the server's state or its own terms,
    as `state_dependent` tells from the messages of apps that list their fields: relations
    (documented as "References <table>.<key>.") and ids of accounts (documented as "naming no
    account is refused"), whose generated or example id names no record; `expires_at`, which must
    lie in the future (the clock); URLs, which the SSRF guard refuses unless their host resolves
    to public addresses (the resolver); the members of API-key creation's cross-member rules; and
    the entries of `allowed_cidrs` (IP address and CIDR syntax). The message lists the first five
    fields and then `...`: a longer list counts when the five it shows count."""
    match = INVALID_FIELDS.match(error_message(body) or "")
    if not match:
        return False
    try:
        document = case.operation.schema.raw_schema
        schema = case.operation.definition.raw["requestBody"]["content"]["application/json"]["schema"]
        while "$ref" in schema:
            schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
        properties = schema.get("properties", {})
    except (AttributeError, KeyError, TypeError):
        return False

    def state_field(name: str) -> bool:
        member = name.split("[", 1)[0]
        description = properties.get(member, {}).get("description", "")
        canonical = snake(member)
        return ("References " in description or "naming no account is refused" in description
                or canonical in ("expires_at", "url") or name.endswith(".url") or canonical in CROSS_MEMBER_FIELDS
                or bool(CIDR.match(snake(name))))

    names = [name.strip() for name in match.group(1).split(",")]
    if len(names) == 6 and names[-1] == "...":
        names.pop()
    return all(state_field(name) for name in names)


def idempotency_key_reused(body) -> bool:
    """For an app whose error body lists no fields: whether the refusal is of an Idempotency-Key
    sent before with another request (the document's example key, or one schemathesis generated
    twice): the earlier request is the server's state, as `state_dependent` says for apps that
    list their fields."""
    return "was already used with another request" in (error_message(body) or "")


def only_clear_entries_named(body) -> bool:
    """For an app whose error body lists no fields: whether the message names only entries of an
    update's `clear` list; a schema-valid list is refused only for naming a member also sent."""
    match = INVALID_FIELDS.match(error_message(body) or "")
    return bool(match) and all(CLEAR_ENTRY.search(name.strip()) for name in match.group(1).split(","))


@schemathesis.hook
def filter_failure(context, failure, case, response):
    # An app that declares rate limits documents 429 on every limited operation, and a run of
    # a thousand requests a minute spends its quotas: a 429 is the documented answer, whatever
    # check expected another (401 for a request without credentials, say).
    if response is not None and response.status_code == 429:
        return False
    if type(failure).__name__ == "EnsureResourceAvailability" and case.path_parameters and any(
            str(value) in REPLACED_SUBJECTS for value in case.path_parameters.values()):
        return False
    if type(failure).__name__ != "RejectedPositiveData":
        return True
    if response.status_code == 412 and case.headers and "If-Match" in case.headers:
        return False
    try:
        body = json.loads(response.content)
        errors = field_errors(body)
    except ValueError:
        return True
    if not errors and response.status_code in (400, 422):
        return not (only_state_fields_named(case, body) or only_semantic_parameters_named(body) or only_clear_entries_named(body)
                    or idempotency_key_reused(body))
    if not errors or response.status_code not in (400, 422):
        return True
    return not all(semantic_parameter(error) or state_dependent(error) for error in errors)


# The run logs in again (with the bootstrap account's email and password) whenever a token
# ends; a generated profile update that renamed that account's email would lock the run out
# of every later operation. Only this member of these two bodies is withheld.
OWN_PROFILE_PATHS = tuple(path for path in os.environ.get("LOOM_CI_OWN_PROFILE_PATHS", "").split(",") if path)

# The ids of the run's own account, platform admin and API key (.ci/conformance passes them in
# LOOM_CI_OWN_SUBJECTS): a generated write naming one in its path (ban, deactivate, delete; or
# a key replaced with the document's example, whose `allowed_cidrs` refuse the run's addresses)
# would lock the run out of every later operation, as a changed email would. Such a request
# names a random id instead; the route is still exercised.
OWN_SUBJECTS = {subject for subject in os.environ.get("LOOM_CI_OWN_SUBJECTS", "").split(",") if subject}

# The random ids put in place of an own subject. schemathesis counts a path parameter changed
# after generation as one a link filled in, so a request following a `POST` whose id was drawn
# from the pool (the run's own admin, from `GET .../me`) and then replaced here would be read as
# "the resource just created answers 404" (ST302). That 404 is for the replacement, which names
# nothing; such a failure is dropped (see `filter_failure`).
REPLACED_SUBJECTS = set()

# The run's own login emails: a generated login (or any body) with one of them and a wrong
# password counts against that email's failed-login throttle, which would lock the run's own
# re-login; such a value is replaced by another address.
OWN_EMAILS = {email.lower() for email in os.environ.get("LOOM_CI_OWN_EMAILS", "").split(",") if email}


# An app with per-client rate limits that trusts 127.0.0.1 as a proxy (.ci/conformance says so
# in LOOM_CI_FORWARDED_CLIENTS) is fuzzed as many clients: each generated request names its own
# client in X-Forwarded-For, so one machine's thousand requests a minute do not spend the
# per-address quotas of the login the run itself depends on.
FORWARDED_CLIENTS = os.environ.get("LOOM_CI_FORWARDED_CLIENTS") == "1"
# Its own generator: Hypothesis reseeds the global one for every test case, which made a fifth
# of a run's requests name the same few addresses and spend their quotas at once.
CLIENT_ADDRESSES = random.Random()


@schemathesis.hook
def before_call(context, case, **kwargs):
    if FORWARDED_CLIENTS:
        case.headers = dict(case.headers or {})
        case.headers["X-Forwarded-For"] = f"198.18.{CLIENT_ADDRESSES.randrange(256)}.{CLIENT_ADDRESSES.randrange(1, 255)}"
    if case.method.upper() == "PATCH" and OWN_PROFILE_PATHS and case.path.endswith(OWN_PROFILE_PATHS) and isinstance(case.body, dict):
        case.body.pop("email", None)
    if OWN_EMAILS and isinstance(case.body, dict):
        for name, value in list(case.body.items()):
            if isinstance(value, str) and value.lower() in OWN_EMAILS:
                case.body[name] = f"fuzz-{uuid.uuid4().hex[:8]}@example.com"
    if OWN_SUBJECTS and case.method.upper() != "GET" and case.path_parameters:
        for name, value in list(case.path_parameters.items()):
            if str(value).lower() in OWN_SUBJECTS:
                replacement = str(uuid.uuid4())
                REPLACED_SUBJECTS.add(replacement)
                case.path_parameters[name] = replacement
