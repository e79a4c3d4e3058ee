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


def start_fastapi(venv, database, port, workers, work, app="fastapi_app:app", variables=None):
    """uvicorn with `workers` processes serving `app` (module:attribute in peers/); the SQLite
    app reads BENCH_DATABASE, the asyncpg app the `variables` it is given."""
    environment = dict(os.environ, **(variables or {"BENCH_DATABASE": database}))
    peers = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "peers")
    command = [
        os.path.join(venv, "bin", "uvicorn"), app, "--host", "127.0.0.1", "--port", str(port),
        "--workers", str(workers), "--no-access-log", "--log-level", "warning",
    ]
    return Server(
        f"fastapi-{workers}w", command, f"http://127.0.0.1:{port}", "/health/live",
        os.path.join(work, f"fastapi-{workers}w.log"), environment=environment, cwd=peers,
    )


PB_EMAIL = "bench@example.com"
PB_PASSWORD = "bench-password-1234"


def _pocketbase_serve(venv, directory, port, work):
    command = [os.path.join(venv, "bin", "pocketbase"), "serve", "--http", f"127.0.0.1:{port}", "--dir", directory]
    return Server("pocketbase", command, f"http://127.0.0.1:{port}", "/api/health", os.path.join(work, "pocketbase.log"))


def start_pocketbase(venv, port, work, rows):
    """A fresh PocketBase with request logs off and an `items` collection with public rules,
    seeded with the same rows (written straight into its SQLite file while it is stopped).
    Returns the server and the file listing its record ids (PocketBase ids are strings)."""
    directory = os.path.join(work, "pocketbase")
    shutil.rmtree(directory, ignore_errors=True)
    binary = os.path.join(venv, "bin", "pocketbase")
    subprocess.run([binary, "superuser", "upsert", PB_EMAIL, PB_PASSWORD, "--dir", directory], check=True, capture_output=True)
    server = _pocketbase_serve(venv, directory, port, work)
    try:
        base = server.url
        _, auth = request_json("POST", base + "/api/collections/_superusers/auth-with-password",
                               {"identity": PB_EMAIL, "password": PB_PASSWORD})
        token = auth["token"]
        request_json("PATCH", base + "/api/settings", {"logs": {"maxDays": 0}}, token)
        request_json("POST", base + "/api/collections", {
            "name": "items", "type": "base", "listRule": "", "viewRule": "", "createRule": "",
            "fields": [
                {"name": "name", "type": "text", "required": True, "min": 1, "max": 200},
                {"name": "price", "type": "number", "required": True, "min": 0, "max": 1000000},
                {"name": "created", "type": "autodate", "onCreate": True, "onUpdate": False},
                {"name": "updated", "type": "autodate", "onCreate": True, "onUpdate": True},
            ],
        }, token)
    finally:
        server.stop()
    generator = random.Random(42)
    alphabet = string.ascii_lowercase + string.digits
    records = []
    for i, name, price, t in rows:
        record_id = "".join(generator.choice(alphabet) for _ in range(15))
        records.append((record_id, name, price, iso_timestamp(t, " "), iso_timestamp(t, " ")))
    db = sqlite3.connect(os.path.join(directory, "data.db"))
    with db:
        db.executemany("INSERT INTO items (id, name, price, created, updated) VALUES (?, ?, ?, ?, ?)", records)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    ids_file = os.path.join(work, "pocketbase-ids.txt")
    with open(ids_file, "w") as ids:
        ids.write("\n".join(record[0] for record in records) + "\n")
    return _pocketbase_serve(venv, directory, port, work), ids_file


if __name__ == "__main__":
    sys.exit("import this module from bench.py")
