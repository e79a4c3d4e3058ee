"""EventFlow through its generated client: an admin registers a producer and a consumer, the
producer sends events with its API key and one as a signed Standard Webhooks message, the
consumer fetches them with its service token."""

import base64
import hashlib
import hmac
import json
import os
import time

from eventflow_client import AuthenticatedClient, Client
from eventflow_client.api.auth import auth_identity
from eventflow_client.api.consumers import consumer_events, register_consumer
from eventflow_client.api.events import ingest_event, list_events
from eventflow_client.api.operations import system_health
from eventflow_client.api.producers import receive_webhook, register_producer
from eventflow_client.models import (
    AuthIdentity, ConsumerEventsResponse, EventPage, FlatError, IngestEventRequest, IngestEventResponse, ReceiveWebhookRequest,
    ReceiveWebhookResponse, RegisterConsumerRequest, RegisterConsumerResponse, RegisterProducerRequest,
    RegisterProducerResponse, SystemHealthResponse,
)
from journey import ORIGIN, TOKEN, done, expect


def keyed(key: str) -> AuthenticatedClient:
    return AuthenticatedClient(base_url=ORIGIN, token=key, prefix="", auth_header_name="X-API-Key", raise_on_unexpected_status=True)


expect(system_health.sync(client=Client(base_url=ORIGIN, raise_on_unexpected_status=True)), SystemHealthResponse, "health")
admin = AuthenticatedClient(base_url=ORIGIN, token=TOKEN, raise_on_unexpected_status=True)
assert "*" in expect(auth_identity.sync(client=admin), AuthIdentity, "admin identity").scopes
producer = expect(register_producer.sync(client=admin, body=RegisterProducerRequest(name="billing")), RegisterProducerResponse, "producer")
consumer = expect(register_consumer.sync(client=admin, body=RegisterConsumerRequest(name="analytics", subscribed_event_types=["order.paid"])),
                  RegisterConsumerResponse, "consumer")
sender = keyed(producer.api_key)
for n, event_type in enumerate(["order.created", "order.paid", "order.paid"]):
    expect(ingest_event.sync(client=sender, body=IngestEventRequest(event_type=event_type, payload={"order": n})), IngestEventResponse, "ingest")
# The same kind of event as a Standard Webhooks message, signed with the server's secret (loomci sets it).
message = ReceiveWebhookRequest(type_="order.paid", data={"order": 3})
body = json.dumps(message.to_dict(), separators=(",", ":"))
secret = base64.b64decode(os.environ["EVENTFLOW_INBOUND_WEBHOOK_SECRET"].removeprefix("whsec_"))
stamp = str(int(time.time()))
signature = "v1," + base64.b64encode(hmac.new(secret, f"msg_journey.{stamp}.{body}".encode(), hashlib.sha256).digest()).decode()
public = Client(base_url=ORIGIN, raise_on_unexpected_status=True)
for attempt in ("webhook", "the same webhook-id again"):
    expect(receive_webhook.sync(producer.producer_id, client=public, body=message, webhook_id="msg_journey", webhook_timestamp=stamp,
                                webhook_signature=signature), ReceiveWebhookResponse, attempt)
expect(receive_webhook.sync(producer.producer_id, client=public, body=message, webhook_id="msg_journey", webhook_timestamp=stamp,
                            webhook_signature="v1,AAAA"), FlatError, "a bad signature")
# A consumer sees events once they have settled (1 s), so that a slower concurrent insert is never skipped.
time.sleep(1.5)
fetched = expect(consumer_events.sync(consumer.consumer_id, client=keyed(consumer.service_token)), ConsumerEventsResponse, "consumer fetch")
assert [event.event_type for event in fetched.events] == ["order.paid", "order.paid", "order.paid"], fetched
expect(list_events.sync(client=admin), EventPage, "events list")
expect(register_producer.sync(client=sender, body=RegisterProducerRequest(name="sneaky")), FlatError, "a producer key cannot register")
done("eventflow")
