"""Shared by the client journeys (.ci/journeys): the live server's address and credentials,
`expect`, which insists an answer parsed into the model the journey asked for, and `answered`,
which insists on a status. With `LOOM_REQUEST_LOG` set, every request the generated clients send
is appended to that file as a JSON line `{"method", "path", "status"}`: `.ci/clients` measures the
journey's endpoint coverage from it when the app's server writes no access log."""

import json
import os

import httpx

ORIGIN = os.environ["LOOM_ORIGIN"]
TOKEN = os.environ.get("LOOM_TOKEN", "")
API_KEY = os.environ.get("LOOM_API_KEY", "")
ORGANIZATION = os.environ.get("LOOM_ORGANIZATION", "")
PLATFORM_TOKEN = os.environ.get("LOOM_PLATFORM_TOKEN", "")

steps = 0

REQUEST_LOG = os.environ.get("LOOM_REQUEST_LOG")
if REQUEST_LOG:
    _send = httpx.Client.send

    def _recorded_send(self, request, **arguments):
        response = _send(self, request, **arguments)
        with open(REQUEST_LOG, "a") as record:
            record.write(json.dumps({"method": request.method, "path": request.url.path, "status": response.status_code}) + "\n")
        return response

    httpx.Client.send = _recorded_send


def expect(value, model, what: str):
    """`value` (a generated `sync` result) must be an instance of `model`; counts the step."""
    global steps
    if not isinstance(value, model):
        raise SystemExit(f"{what}: expected {getattr(model, '__name__', model)}, got {type(value).__name__}: {value!r}"[:2000])
    steps += 1
    return value


def answered(response, status: int, what: str):
    """`response` (a generated `sync_detailed` result, or an httpx answer) must have `status`;
    counts the step and returns the parsed answer (`None` for one without a body or an httpx one)."""
    global steps
    if response.status_code != status:
        raise SystemExit(f"{what}: expected {status}, got {int(response.status_code)}: {response.content[:500]!r}")
    steps += 1
    return getattr(response, "parsed", None)


def done(app: str) -> None:
    print(f"{steps} typed answers parsed")


def forwarded_callers(client, authenticated_client, network: str):
    """`caller(token=None, header="Authorization", prefix="Bearer")` for an app whose server trusts
    127.0.0.1 as a proxy: each call makes a client of the generated package (`client`, or
    `authenticated_client` with `token`) that names its own address in X-Forwarded-For
    (`<network>.<n>`), so a journey's requests spread over per-address quotas as separate callers'
    would. Anonymous without `token`."""
    count = 0

    def caller(token: str | None = None, header: str = "Authorization", prefix: str = "Bearer"):
        nonlocal count
        count += 1
        headers = {"X-Forwarded-For": f"{network}.{count}"}
        if token is None:
            return client(base_url=ORIGIN, headers=headers, raise_on_unexpected_status=True)
        return authenticated_client(base_url=ORIGIN, token=token, prefix=prefix, auth_header_name=header, headers=headers,
                                    raise_on_unexpected_status=True)

    return caller
