"""benchauth through its generated client: the organization-scoped items of the authenticated
benchmark, with the owner's organization-bound access token and an API key bound to the same
organization; without credentials every item route is 401."""

from benchauth_client import AuthenticatedClient, Client
from benchauth_client.api.items import create_item, delete_item, get_item, list_items, update_item
from benchauth_client.models import Item, ItemCreate, ItemPage, ItemUpdate, Problem
from journey import API_KEY, ORIGIN, TOKEN, done, expect

owner = AuthenticatedClient(base_url=ORIGIN, token=TOKEN, raise_on_unexpected_status=True)
key = AuthenticatedClient(base_url=ORIGIN, token=API_KEY, prefix="", auth_header_name="X-API-Key", raise_on_unexpected_status=True)
anonymous = Client(base_url=ORIGIN, raise_on_unexpected_status=True)

created = [expect(create_item.sync(client=owner, body=ItemCreate(name=f"mug {n}", price=n + 0.5)), Item, "create") for n in range(3)]
first = created[0]
assert expect(get_item.sync(first.id, client=key), Item, "get with the API key").name == "mug 0"
page = expect(list_items.sync(client=owner, limit=2), ItemPage, "list with total")
assert page.total == 3 and len(page.items) == 2, page
expect(update_item.sync(first.id, client=key, body=ItemUpdate(price=9.5)), Item, "update with the API key")
refused = expect(get_item.sync(first.id, client=anonymous), Problem, "a read without credentials")
assert refused.status == 401, refused
delete_item.sync(first.id, client=owner)
expect(get_item.sync(first.id, client=owner), Problem, "get of a deleted record")
done("benchauth")
