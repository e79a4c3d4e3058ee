"""bench through its generated client: create, read (whole and partial), page with cursors,
update, replace, batch, delete."""

from bench_client import Client
from bench_client.api.items import batch_items, create_item, delete_item, get_item, list_items, replace_item, update_item
from bench_client.api.system import health_ready
from bench_client.models import (
    ItemBatch, ItemBatchCreate, ItemBatchUpdate, ItemBatchDelete,
    ItemBatchResponse, HealthStatus, Item, ItemCreate, ItemPage, ItemSelection, ItemUpdate, Problem,
)
from journey import ORIGIN, done, expect

client = Client(base_url=ORIGIN, raise_on_unexpected_status=True)
expect(health_ready.sync(client=client), HealthStatus, "readiness")
created = [expect(create_item.sync(client=client, body=ItemCreate(name=f"mug {n}", price=n + 0.5)), Item, "create") for n in range(5)]
first = created[0]
expect(get_item.sync(first.id, client=client), Item, "get")
partial = expect(get_item.sync(first.id, client=client, fields="id,name"), ItemSelection, "get with fields")
assert partial.name == "mug 0", partial
seen, cursor = [], None
while True:
    page = expect(list_items.sync(client=client, limit=2, sort="-price", **({"cursor": cursor} if cursor else {})), ItemPage, "list page")
    seen += [item.id for item in page.items]
    cursor = page.next_cursor
    if not cursor:
        break
assert seen == [item.id for item in reversed(created)], seen
expect(update_item.sync(first.id, client=client, body=ItemUpdate(price=9.5)), Item, "update")
expect(replace_item.sync(first.id, client=client, body=ItemCreate(name="mug zero", price=1.0)), Item, "replace")
batch = ItemBatch(operations=[
    ItemBatchCreate(action="create", data=ItemCreate(name="mug 9", price=9.0)),
    ItemBatchUpdate(action="update", id=created[1].id, data=ItemUpdate(name="mug one")),
    ItemBatchDelete(action="delete", id=created[2].id),
])
result = expect(batch_items.sync(client=client, body=batch), ItemBatchResponse, "batch")
assert [item.status for item in result.results] == [201, 200, 204], result
delete_item.sync(first.id, client=client)
expect(get_item.sync(first.id, client=client), Problem, "get of a deleted record")
done("bench")
