"""bench through its generated client: create, read (whole and partial), page with cursors,
update, replace, batch, delete."""

from bench_client import Client
from bench_client.api.items import batch_items, create_items, delete_items, get_items, list_items, replace_items, update_items
from bench_client.api.system import health_ready
from bench_client.models import (
    BatchItemsBody, BatchItemsBodyOperationsItemType0, BatchItemsBodyOperationsItemType2, BatchItemsBodyOperationsItemType3,
    BatchItemsResponse200, HealthStatus, Items, ItemsCreate, ItemsPage, ItemsSelection, ItemsUpdate, Problem,
)
from journey import ORIGIN, done, expect

client = Client(base_url=ORIGIN, raise_on_unexpected_status=True)
expect(health_ready.sync(client=client), HealthStatus, "readiness")
created = [expect(create_items.sync(client=client, body=ItemsCreate(name=f"mug {n}", price=n + 0.5)), Items, "create") for n in range(5)]
first = created[0]
expect(get_items.sync(first.id, client=client), Items, "get")
partial = expect(get_items.sync(first.id, client=client, fields="id,name"), ItemsSelection, "get with fields")
assert partial.name == "mug 0", partial
seen, cursor = [], None
while True:
    page = expect(list_items.sync(client=client, limit=2, sort="-price", **({"cursor": cursor} if cursor else {})), ItemsPage, "list page")
    seen += [item.id for item in page.items]
    cursor = page.next_cursor
    if not cursor:
        break
assert seen == [item.id for item in reversed(created)], seen
expect(update_items.sync(first.id, client=client, body=ItemsUpdate(price=9.5)), Items, "update")
expect(replace_items.sync(first.id, client=client, body=ItemsCreate(name="mug zero", price=1.0)), Items, "replace")
batch = BatchItemsBody(operations=[
    BatchItemsBodyOperationsItemType0(action="create", data=ItemsCreate(name="mug 9", price=9.0)),
    BatchItemsBodyOperationsItemType2(action="update", id=created[1].id, data=ItemsUpdate(name="mug one")),
    BatchItemsBodyOperationsItemType3(action="delete", id=created[2].id),
])
result = expect(batch_items.sync(client=client, body=batch), BatchItemsResponse200, "batch")
assert [item.status for item in result.results] == [201, 200, 204], result
delete_items.sync(first.id, client=client)
expect(get_items.sync(first.id, client=client), Problem, "get of a deleted record")
done("bench")
