"""Shared by the client journeys (.ci/journeys): the live server's address and credentials, and
`expect`, which insists an answer parsed into the model the journey asked for."""

import os

ORIGIN = os.environ["LOOM_ORIGIN"]
TOKEN = os.environ.get("LOOM_TOKEN", "")
API_KEY = os.environ.get("LOOM_API_KEY", "")
ORGANIZATION = os.environ.get("LOOM_ORGANIZATION", "")
PLATFORM_TOKEN = os.environ.get("LOOM_PLATFORM_TOKEN", "")

steps = 0


def expect(value, model, what: str):
    """`value` (a generated `sync` result) must be an instance of `model`; counts the step."""
    global steps
    if not isinstance(value, model):
        raise SystemExit(f"{what}: expected {getattr(model, '__name__', model)}, got {type(value).__name__}: {value!r}"[:2000])
    steps += 1
    return value


def done(app: str) -> None:
    print(f"{steps} typed answers parsed")
