"""benchauth through its generated client: the organization-scoped items of the authenticated
benchmark, with the owner's organization-bound access token and an API key bound to the same
organization; without credentials every item route is 401."""

from benchauth_client import AuthenticatedClient, Client
from benchauth_client.api.items import create_items, delete_items, get_items, list_items, update_items
from benchauth_client.models import Items, ItemsCreate, ItemsPage, ItemsUpdate, Problem
from journey import API_KEY, ORIGIN, TOKEN, done, expect

owner = AuthenticatedClient(base_url=ORIGIN, token=TOKEN, raise_on_unexpected_status=True)
key = AuthenticatedClient(base_url=ORIGIN, token=API_KEY, prefix="", auth_header_name="X-API-Key", raise_on_unexpected_status=True)
anonymous = Client(base_url=ORIGIN, raise_on_unexpected_status=True)

created = [expect(create_items.sync(client=owner, body=ItemsCreate(name=f"mug {n}", price=n + 0.5)), Items, "create") for n in range(3)]
first = created[0]
assert expect(get_items.sync(first.id, client=key), Items, "get with the API key").name == "mug 0"
page = expect(list_items.sync(client=owner, limit=2), ItemsPage, "list with total")
assert page.total == 3 and len(page.items) == 2, page
expect(update_items.sync(first.id, client=key, body=ItemsUpdate(price=9.5)), Items, "update with the API key")
refused = expect(get_items.sync(first.id, client=anonymous), Problem, "a read without credentials")
assert refused.status == 401, refused
delete_items.sync(first.id, client=owner)
expect(get_items.sync(first.id, client=owner), Problem, "get of a deleted record")
done("benchauth")
