"""layout (the fidelity test app) through its generated client: every answer in the app's own
shape parses into the models its document declares. Customers live at their own path with
prefixed keys, wrapped requests ("fields") and answers ("data"), paging nested under
"pagination" and a legacy read alias; notes answer bare with their fields nested and lists under
"records"; errors come in the app's own body; the API key travels in `X-Api-Token`."""

import datetime

from layout_client import AuthenticatedClient
from layout_client.api.auth import auth_get_profile, auth_identity, auth_list_api_keys
from layout_client.api.customers import (
    create_customer, get_customer, get_customer_alias_1, list_customers, update_customer,
)
from layout_client.api.notes import create_note, get_note, list_notes
from layout_client.api.platform import platform_get_me
from layout_client.models import (
    AuthAPIKeyPage, AuthIdentity, AuthUser, CreateCustomerBodyType0, CreateCustomerResponse201, CustomerCreate,
    CustomerPage, CustomerUpdate, ErrorBody, GetCustomerAlias1Response200, GetCustomerResponse200, Note, NoteCreate,
    NotePage, UpdateCustomerResponse200,
)
from journey import API_KEY, ORIGIN, PLATFORM_TOKEN, TOKEN, done, expect

user = AuthenticatedClient(base_url=ORIGIN, token=TOKEN, raise_on_unexpected_status=True)
key = AuthenticatedClient(base_url=ORIGIN, token=API_KEY, prefix="", auth_header_name="X-Api-Token", raise_on_unexpected_status=True)

expect(auth_identity.sync(client=user), AuthIdentity, "identity of the access token")
expect(auth_identity.sync(client=key), AuthIdentity, "identity of the API key (X-Api-Token)")
started = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=1)
wrapped = expect(create_customer.sync(client=user, body=CreateCustomerBodyType0(fields=CustomerCreate(
    full_name="Ada", email_address="ada@example.com"))), CreateCustomerResponse201, "create a customer, wrapped request")
customer = wrapped.data
assert customer.customer_id.startswith("cus_") and customer.loyalty_points == 0, customer
expect(create_customer.sync(client=key, body=CustomerCreate(full_name="Grace", email_address="grace@example.com")),
       CreateCustomerResponse201, "create a customer, bare request (the wrapper is optional)")
read = expect(get_customer.sync(customer.customer_id, client=key), GetCustomerResponse200, "read a customer")
assert read.data.full_name == "Ada", read
expect(get_customer_alias_1.sync(customer.customer_id, client=user), GetCustomerAlias1Response200, "read through the legacy alias")
expect(update_customer.sync(customer.customer_id, client=user, body=CustomerUpdate(loyalty_points=5)),
       UpdateCustomerResponse200, "update a customer")
page = expect(list_customers.sync(client=user, limit=1, since=started), CustomerPage, "list with paging nested under pagination")
assert page.pagination.total == 2 and page.pagination.has_next_page and len(page.data) == 1, page
note = expect(create_note.sync(client=user, body=NoteCreate(note_text="Prefers email", customer_id=customer.customer_id)),
              Note, "create a note, bare body")
assert note.fields.customer_id == customer.customer_id, note
expect(get_note.sync(note.note_id, client=key), Note, "read a note, fields nested")
notes = expect(list_notes.sync(client=user), NotePage, "list notes under records")
assert notes.total == 1 and len(notes.records) == 1, notes
missing = expect(get_customer.sync("cus_" + "0" * 22, client=user), ErrorBody, "a missing customer, in the app's error body")
assert missing.error.code == "RESOURCE_NOT_FOUND", missing
invalid = expect(create_customer.sync(client=user, body=CustomerCreate(full_name="", email_address="not an address")),
                 ErrorBody, "an invalid customer, in the app's error body")
assert invalid.error.code == "INVALID_INPUT" and invalid.error.details, invalid
expect(auth_get_profile.sync(client=user), AuthUser, "profile")
expect(auth_list_api_keys.sync(client=user), AuthAPIKeyPage, "API keys")
admin = AuthenticatedClient(base_url=ORIGIN, token=PLATFORM_TOKEN, raise_on_unexpected_status=True)
expect(platform_get_me.sync(client=admin), object, "operator")
done("layout")
