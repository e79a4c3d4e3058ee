#!/usr/bin/env python3
"""An integration with stationthis through the Python client openapi-python-client generates from the
app's published document (Generated/Stationthis/openapi.json): sign up and sign in, read the
balance, spend points with an Idempotency-Key (and see the replay), start a generation whose
completion is POSTed to a receiver this program runs on 127.0.0.1, verify the delivery's signature,
and read the generation's status. Every step prints what it did; any unexpected answer ends the
program with exit code 1.

    openapi-python-client generate --path Generated/Stationthis/openapi.json \\
        --output-path /tmp/clients/stationthis_client --meta none
    STATIONTHIS_ADMIN_EMAIL=admin@example.com STATIONTHIS_ADMIN_PASSWORD='correct horse battery' \\
        PYTHONPATH=/tmp/clients python3 Examples/python/stationthis_example.py http://127.0.0.1:8080

The server URL is the first argument, else STATIONTHIS_URL, else http://127.0.0.1:8080. An admin
account (STATIONTHIS_ADMIN_EMAIL, STATIONTHIS_ADMIN_PASSWORD; `loom-server set-role --app stationthis
<email> admin`) grants the points and adds the tool. The receiver listens on 127.0.0.1, so the server
must run with LOOM_WEBHOOKS_ALLOW_LOOPBACK=1 (development only).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import queue
import secrets
import sys
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from threading import Thread

from stationthis_client import AuthenticatedClient, Client
from stationthis_client.api.auth import auth_login, auth_signup
from stationthis_client.api.operations import (
    generations_execute, generations_status, grant_points, points_balance, spend_points, user_me,
)
from stationthis_client.api.tools import create_tool
from stationthis_client.models import (
    AuthLoginRequest, AuthSignupRequest, AuthTokens, GenerationsExecuteRequest, GenerationsExecuteRequestDeliveryType0,
    GenerationsExecuteRequestDeliveryType0Mode, GenerationsExecuteResponse, GenerationsStatusResponse, GrantPointsRequest,
    GrantPointsResponse, PointsBalanceResponse, SpendPointsRequest, SpendPointsResponse, Tool, ToolCreate, UserMeResponse,
)

PASSWORD = "correct horse battery staple"
step_count = 0


def step(text: str) -> None:
    global step_count
    step_count += 1
    print(f"{step_count}. {text}", flush=True)


def fail(message: str) -> None:
    print(f"stationthis-example FAILED after {step_count} steps: {message}", flush=True)
    sys.exit(1)


def expect(answer, kind, what: str):
    """The parsed answer when it is a `kind`; any other answer (an ErrorBody, None) fails the program."""
    if not isinstance(answer, kind):
        fail(f"{what}: unexpected answer {answer!r}")
    return answer


class WebhookReceiver(ThreadingHTTPServer):
    """Receives the completion on 127.0.0.1 at a port the system picks: each POST's path, headers
    and raw body go into `deliveries`, and the answer is 204."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), DeliveryHandler)
        self.deliveries: queue.Queue[tuple[str, dict[str, str], bytes]] = queue.Queue()
        Thread(target=self.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/generation-done"


class DeliveryHandler(BaseHTTPRequestHandler):
    def do_POST(self) -> None:  # noqa: N802 (http.server's name)
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self.server.deliveries.put((self.path, {name.lower(): value for name, value in self.headers.items()}, body))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *arguments) -> None:
        pass


def signature_is_valid(header: str | None, body: bytes, secret: str) -> bool:
    """`X-Webhook-Signature: sha256=<hex HMAC-SHA256 of the raw body with the delivery secret>`,
    compared in constant time. Verify the bytes received, before parsing them."""
    expected = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return header is not None and hmac.compare_digest(header, expected)


def sign_in(origin: str, email: str, password: str) -> AuthenticatedClient:
    """`POST /api/v1/auth/password` by username (the account's email); a client without `Origin`
    gets the access token in the body, sent as `Authorization: Bearer` from then on."""
    anonymous = Client(base_url=origin)
    tokens = expect(auth_login.sync(client=anonymous, body=AuthLoginRequest(username=email, password=password)), AuthTokens,
                    f"sign in as {email}")
    return AuthenticatedClient(base_url=origin, token=tokens.access_token)


def main() -> None:
    origin = (sys.argv[1:] or [os.environ.get("STATIONTHIS_URL", "http://127.0.0.1:8080")])[0]
    admin_email, admin_password = os.environ.get("STATIONTHIS_ADMIN_EMAIL"), os.environ.get("STATIONTHIS_ADMIN_PASSWORD")
    if not admin_email or not admin_password:
        fail("set STATIONTHIS_ADMIN_EMAIL and STATIONTHIS_ADMIN_PASSWORD (an account with the admin role)")
    email = f"python-{secrets.token_hex(4)}@example.com"
    print(f"stationthis at {origin}, account {email}")

    # 1. Sign up, then sign in by username.
    expect(auth_signup.sync(client=Client(base_url=origin), body=AuthSignupRequest(email=email, password=PASSWORD, name="Python Example")),
           AuthTokens, "sign up")
    user = sign_in(origin, email, PASSWORD)
    me = expect(user_me.sync(client=user), UserMeResponse, "read the profile")
    step(f"signed up and signed in as {me.profile.username} (user {me.profile.user_id}, role {me.profile.role})")

    # 2. An admin grants points; the user reads the balance.
    admin = sign_in(origin, admin_email, admin_password)
    granted = expect(grant_points.sync(client=admin, body=GrantPointsRequest(user_id=me.profile.user_id, amount=100, description="welcome")),
                     GrantPointsResponse, "grant points")
    balance = expect(points_balance.sync(client=user), PointsBalanceResponse, "read the balance")
    if balance.balance != 100:
        fail(f"the balance is {balance.balance} after a grant of 100")
    step(f"an admin granted 100 points (transaction {granted.transaction_id}); balance {balance.balance} {balance.currency}")

    # 3. Spend with an Idempotency-Key; the same request again is replayed, not spent twice.
    key = str(uuid.uuid4())
    first = spend_points.sync_detailed(client=user, body=SpendPointsRequest(amount=30, description="an image"), idempotency_key=key)
    spent = expect(first.parsed, SpendPointsResponse, "spend 30 points")
    again = spend_points.sync_detailed(client=user, body=SpendPointsRequest(amount=30, description="an image"), idempotency_key=key)
    replayed = expect(again.parsed, SpendPointsResponse, "the same spend again")
    if again.headers.get("idempotent-replayed") != "true" or replayed.transaction_id != spent.transaction_id:
        fail(f"the second spend was not a replay: {again.headers.get('idempotent-replayed')!r}, {replayed!r}")
    balance = expect(points_balance.sync(client=user), PointsBalanceResponse, "read the balance")
    if balance.balance != 70:
        fail(f"the balance is {balance.balance} after spending 30 of 100 once")
    step(f"spent 30 points with Idempotency-Key {key}: {first.status_code.value}, transaction {spent.transaction_id}; "
         f"sent again: Idempotent-Replayed: true, the same transaction; balance {balance.balance}")

    # 4. A generation delivered by webhook to this program's receiver.
    tool = expect(create_tool.sync(client=admin, body=ToolCreate(name="Text to image", description="SDK example")), Tool, "add a tool")
    receiver = WebhookReceiver()
    secret = secrets.token_urlsafe(24)
    delivery = GenerationsExecuteRequestDeliveryType0(mode=GenerationsExecuteRequestDeliveryType0Mode.WEBHOOK, url=receiver.url,
                                                      secret=secret)
    started = expect(generations_execute.sync(client=user, body=GenerationsExecuteRequest(
        tool_id=tool.tool_id, inputs={"prompt": "a cat in a spacesuit", "steps": 30}, delivery=delivery)),
        GenerationsExecuteResponse, "start a generation")
    step(f"started generation {started.generation_id} of tool {tool.tool_id}: {started.status}, delivery to {started.delivery.url}")

    try:
        path, headers, body = receiver.deliveries.get(timeout=30)
    except queue.Empty:
        fail("no delivery within 30 s (is the server running with LOOM_WEBHOOKS_ALLOW_LOOPBACK=1?)")
    finally:
        receiver.shutdown()
    if not signature_is_valid(headers.get("x-webhook-signature"), body, secret):
        fail(f"the delivery's signature {headers.get('x-webhook-signature')!r} does not match its body")
    if signature_is_valid(headers.get("x-webhook-signature"), body + b" ", secret):
        fail("the signature also verified a body with one byte more")
    event = json.loads(body)
    if event.get("event") != "generation.completed" or event.get("generationId") != started.generation_id:
        fail(f"the delivery does not name the generation: {event}")
    step(f"received POST {path}: signature verified (and refused for the body with one byte more), "
         f"{event['event']} of {event['generationId']}, status {event['status']}")

    # 5. The status, read back: the same outputs the webhook carried.
    status = expect(generations_status.sync(started.generation_id, client=user), GenerationsStatusResponse, "read the status")
    if status.status != "completed" or status.outputs != event["outputs"]:
        fail(f"the status does not match the delivery: {status!r}")
    step(f"GET /api/v1/generations/status/{status.generation_id}: {status.status}, outputs {json.dumps(status.outputs, sort_keys=True)}")
    print(f"stationthis-example: {step_count} steps passed")


if __name__ == "__main__":
    main()
