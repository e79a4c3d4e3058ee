"""Creating each server's fresh database with the same 10,000 rows, and starting the servers."""

import base64
import os
import random
import shutil
import sqlite3
import string
import subprocess
import sys

from servers import Server, request_json

BASE_SECONDS = 1_767_225_600  # 2026-01-01T00:00:00Z


def seed_rows(count):
    """The rows every peer gets: (id, name, price, timestamp seconds)."""
    return [(i, f"item {i}", round((i * 37 % 10_000) / 100, 2), BASE_SECONDS + i) for i in range(1, count + 1)]


def iso_timestamp(seconds, separator="T"):
    import time

    return time.strftime(f"%Y-%m-%d{separator}%H:%M:%S.000Z", time.gmtime(seconds))


def create_loom_database(binary, work, rows, app="bench", directory="loom"):
    """Migrates a fresh file for `app` (an app serving the bench tables) with Loom itself, then
    inserts the rows in one transaction."""
    path = os.path.join(work, directory, "bench.sqlite")
    shutil.rmtree(os.path.dirname(path), ignore_errors=True)
    os.makedirs(os.path.dirname(path))
    subprocess.run([binary, "migrate", "--app", app, "--database-path", path], check=True, capture_output=True)
    db = sqlite3.connect(path)
    with db:
        db.executemany(
            "INSERT INTO items (id, name, price, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
            [(i, name, price, iso_timestamp(t), iso_timestamp(t)) for i, name, price, t in rows],
        )
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path


def copy_database(source, work, name):
    """A private copy of the seeded file, so one server's writes never reach another."""
    directory = os.path.join(work, name)
    shutil.rmtree(directory, ignore_errors=True)
    os.makedirs(directory)
    target = os.path.join(directory, "bench.sqlite")
    shutil.copyfile(source, target)
    return target


def start_loom(binary, database, port, work, name="loom", database_url=None, app="bench", environment=None):
    """loom-server serving `app` on the SQLite file `database`, or on PostgreSQL when `database_url` is given."""
    store = ["--database-url", database_url] if database_url else ["--database-path", database]
    return Server(
        name, [binary, "serve", "--app", app, *store, "--port", str(port), "--log-level", "warning"],
        f"http://127.0.0.1:{port}", "/health/live", os.path.join(work, f"{name}.log"), environment=environment,
    )


def webhook_environment(receiver_port):
    """The variables the benchwebhooks app reads: its one subscription goes to the local receiver
    on `receiver_port` (loopback allowed, as the variable says), signed with a fresh secret."""
    return dict(os.environ, BENCH_WEBHOOK_URL=f"http://127.0.0.1:{receiver_port}/hook",
                BENCH_WEBHOOK_SECRET="whsec_" + base64.b64encode(os.urandom(32)).decode(),
                LOOM_WEBHOOKS_ALLOW_LOOPBACK="1")


def start_fastapi(venv, database, port, workers, work, app="fastapi_app:app", variables=None, name=None):
    """uvicorn with `workers` processes serving `app` (module:attribute in peers/); the SQLite
    app reads BENCH_DATABASE, the asyncpg app the `variables` it is given."""
    environment = dict(os.environ, **(variables or {"BENCH_DATABASE": database}))
    peers = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "peers")
    command = [
        os.path.join(os.path.abspath(venv), "bin", "uvicorn"), app, "--host", "127.0.0.1", "--port", str(port),
        "--workers", str(workers), "--no-access-log", "--log-level", "warning",
    ]
    name = name or f"fastapi-{workers}w"
    return Server(
        name, command, f"http://127.0.0.1:{port}", "/health/live",
        os.path.join(work, f"{name}.log"), environment=environment, cwd=peers,
    )


AUTH_EMAIL = "owner@bench.example"
AUTH_PASSWORD = "bench-password-1234"


class Credentials:
    """What an authenticated target is asked with: an access token, an API key (Loom only) and
    the subject the seeded rows belong to (Loom: the organization; PocketBase: the user)."""

    def __init__(self, token, api_key=None, owner=None):
        self.token, self.api_key, self.owner = token, api_key, owner


def auth_environment(app):
    """The JWT secret the app reads (`<APP>_JWT_SECRET`), fixed for the run so tokens issued
    while seeding stay valid in every copy of the database."""
    return dict(os.environ, **{f"{app.upper()}_JWT_SECRET": "bench-" + base64.b64encode(b"loom-benchmark-secret-0123456789").decode()})


def create_loom_auth_database(binary, work, rows, port, app="benchauth", directory="loom-auth"):
    """Migrates a fresh file for `app` (benchauth or a variant), signs its owner up through the
    API (creating the organization), makes an API key bound to it, and inserts the rows as the
    organization's. Returns the file and the credentials."""
    path = os.path.join(work, directory, "bench.sqlite")
    shutil.rmtree(os.path.dirname(path), ignore_errors=True)
    os.makedirs(os.path.dirname(path))
    subprocess.run([binary, "migrate", "--app", app, "--database-path", path], check=True, capture_output=True)
    credentials = enroll_owner(binary, work, port, app, f"{directory}-setup", database=path)
    db = sqlite3.connect(path)
    with db:
        db.executemany(
            "INSERT INTO items (id, name, price, organization_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
            [(i, name, price, credentials.owner, iso_timestamp(t), iso_timestamp(t)) for i, name, price, t in rows],
        )
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path, credentials


def enroll_owner(binary, work, port, app, name, database=None, database_url=None):
    """Starts `app` on a migrated database once: signs the owner up through the API (creating
    the organization) and makes an API key bound to it. Returns the credentials; `owner` is the
    organization's id."""
    server = start_loom(binary, database, port, work, name=name, app=app, database_url=database_url,
                        environment=auth_environment(app))
    try:
        _, signup = request_json("POST", server.url + "/v1/auth/signup", {
            "email": AUTH_EMAIL, "password": AUTH_PASSWORD, "name": "Bench Owner",
            "organization_name": "Bench", "organization_slug": "bench"})
        token = signup["access_token"]
        _, identity = request_json("GET", server.url + "/v1/auth/identity", token="Bearer " + token)
        organization = identity["organization_id"]
        _, key = request_json("POST", server.url + "/v1/auth/api-keys", {
            "name": "bench", "environment": "live", "scopes": ["items:read", "items:write"],
            "organization_id": organization}, token="Bearer " + token)
    finally:
        server.stop()
    return Credentials(token, key["key"], organization)


def create_fastapi_auth_database(source, work, organization, name="fastapi-auth"):
    """A copy of benchauth's seeded file with the table the FastAPI security tutorial reads per
    request (`users`: username, organization, disabled), one enabled user in the rows' organization."""
    path = copy_database(source, work, name)
    db = sqlite3.connect(path)
    with db:
        db.execute("CREATE TABLE bench_users (username TEXT PRIMARY KEY, organization_id TEXT NOT NULL, disabled INTEGER NOT NULL)")
        db.execute("INSERT INTO bench_users VALUES (?, ?, 0)", (AUTH_EMAIL, organization))
    db.close()
    return path


def fastapi_auth_token(secret):
    """An HS256 token for the FastAPI peer's user, signed with the secret its PyJWT verifies.
    Signed here with the standard library: the harness runs outside the peers' virtual environment."""
    import hashlib
    import hmac
    import json
    import time

    def part(value):
        return base64.urlsafe_b64encode(value).rstrip(b"=").decode()

    header = part(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    claims = part(json.dumps({"sub": AUTH_EMAIL, "exp": int(time.time()) + 86_400}).encode())
    signature = hmac.new(secret.encode(), f"{header}.{claims}".encode(), hashlib.sha256).digest()
    return f"{header}.{claims}.{part(signature)}"


PB_EMAIL = "bench@example.com"
PB_PASSWORD = "bench-password-1234"


def _pocketbase_serve(venv, directory, port, work, name="pocketbase"):
    # Collections created through the API would otherwise be written as migration files next to
    # the data directory and replayed into the next fresh PocketBase of the run.
    command = [os.path.join(venv, "bin", "pocketbase"), "serve", "--http", f"127.0.0.1:{port}", "--dir", directory,
               "--automigrate=false"]
    return Server(name, command, f"http://127.0.0.1:{port}", "/api/health", os.path.join(work, f"{name}.log"))


ITEM_FIELDS = [
    {"name": "name", "type": "text", "required": True, "min": 1, "max": 200},
    {"name": "price", "type": "number", "required": True, "min": 0, "max": 1000000},
    {"name": "created", "type": "autodate", "onCreate": True, "onUpdate": False},
    {"name": "updated", "type": "autodate", "onCreate": True, "onUpdate": True},
]


def start_pocketbase(venv, port, work, rows):
    """A fresh PocketBase with request logs off and an `items` collection with public rules,
    seeded with the same rows (written straight into its SQLite file while it is stopped).
    Returns the server and the file listing its record ids (PocketBase ids are strings)."""
    def configure(base, token):
        request_json("POST", base + "/api/collections", {
            "name": "items", "type": "base", "listRule": "", "viewRule": "", "createRule": "", "fields": ITEM_FIELDS,
        }, token)
        return "items", {}, None

    server, ids_file, _ = _start_seeded_pocketbase(venv, port, work, rows, "pocketbase", configure)
    return server, ids_file


def start_pocketbase_auth(venv, port, work, rows):
    """PocketBase as the authenticated peer: a user of its `users` collection and an `owned`
    collection (the item fields plus `owner`, a relation to users) whose list and view rules are
    `owner = @request.auth.id` and whose create rule asks the body to name the caller, seeded
    with the same rows, all the user's. Returns the server, the id file and the credentials
    (the user's token from `auth-with-password`)."""
    def configure(base, token):
        _, users = request_json("GET", base + "/api/collections/users", None, token)
        request_json("POST", base + "/api/collections/users/records", {
            "email": AUTH_EMAIL, "password": AUTH_PASSWORD, "passwordConfirm": AUTH_PASSWORD, "verified": True}, token)
        _, user = request_json("POST", base + "/api/collections/users/auth-with-password",
                               {"identity": AUTH_EMAIL, "password": AUTH_PASSWORD})
        owner_rule = "owner = @request.auth.id"
        request_json("POST", base + "/api/collections", {
            "name": "owned", "type": "base", "listRule": owner_rule, "viewRule": owner_rule,
            "createRule": '@request.auth.id != "" && @request.body.owner = @request.auth.id',
            "fields": ITEM_FIELDS + [{"name": "owner", "type": "relation", "required": True, "maxSelect": 1,
                                      "collectionId": users["id"], "cascadeDelete": False}],
        }, token)
        owner = user["record"]["id"]
        return "owned", {"owner": owner}, Credentials(user["token"], owner=owner)

    return _start_seeded_pocketbase(venv, port, work, rows, "pocketbase-auth", configure)


def _start_seeded_pocketbase(venv, port, work, rows, name, configure):
    """A fresh PocketBase in `work/name` with a superuser and request logs off; `configure(base,
    token)` creates the collection and answers its name, the extra columns every seeded row
    gets and what to hand back to the caller. The rows are then written straight into its SQLite file
    while it is stopped."""
    directory = os.path.join(work, name)
    shutil.rmtree(directory, ignore_errors=True)
    binary = os.path.join(venv, "bin", "pocketbase")
    subprocess.run([binary, "superuser", "upsert", PB_EMAIL, PB_PASSWORD, "--dir", directory], check=True, capture_output=True)
    server = _pocketbase_serve(venv, directory, port, work, name)
    try:
        base = server.url
        _, auth = request_json("POST", base + "/api/collections/_superusers/auth-with-password",
                               {"identity": PB_EMAIL, "password": PB_PASSWORD})
        token = auth["token"]
        request_json("PATCH", base + "/api/settings", {"logs": {"maxDays": 0}}, token)
        collection, columns, handback = configure(base, token)
    finally:
        server.stop()
    generator = random.Random(42)
    alphabet = string.ascii_lowercase + string.digits
    records = []
    for i, item_name, price, t in rows:
        record_id = "".join(generator.choice(alphabet) for _ in range(15))
        records.append((record_id, item_name, price, iso_timestamp(t, " "), iso_timestamp(t, " "), *columns.values()))
    names = ", ".join(["id", "name", "price", "created", "updated", *columns])
    marks = ", ".join("?" * (5 + len(columns)))
    db = sqlite3.connect(os.path.join(directory, "data.db"))
    with db:
        db.executemany(f"INSERT INTO {collection} ({names}) VALUES ({marks})", records)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    ids_file = os.path.join(work, f"{name}-ids.txt")
    with open(ids_file, "w") as ids:
        ids.write("\n".join(record[0] for record in records) + "\n")
    return _pocketbase_serve(venv, directory, port, work, name), ids_file, handback


if __name__ == "__main__":
    sys.exit("import this module from bench.py")
