"""`Benchmarks/run --postgres`: a throwaway PostgreSQL cluster and the seeded databases of Loom
and of its PostgreSQL peer (FastAPI + asyncpg).

The cluster is created like `.ci/with-postgres` creates the test cluster: in a temporary
directory owned by an unprivileged user (the current one, or `loomtest` under root, since root
cannot run postgres), listening only on 127.0.0.1, and always stopped and deleted afterwards.
Unlike the test cluster it keeps PostgreSQL's durability defaults (fsync and synchronous_commit
on) and plain TCP: a benchmark of writes that are not flushed would flatter every server."""

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile

BASE_SECONDS = 1_767_225_600  # the same rows as setups.seed_rows: 2026-01-01T00:00:00Z + id
USER = "loom"


def _binary(name):
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=lambda path: int(path.split("/")[4]))
    if not candidates:
        raise RuntimeError(f"{name} not found: install the distribution's postgresql package")
    return candidates[-1]


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Cluster:
    """One running throwaway cluster; `stop()` stops it and deletes its directory."""

    def __init__(self, max_connections=200):
        self.port = _free_port()
        self.directory = tempfile.mkdtemp(prefix="loom-bench-postgres-")
        self.run_as = []
        owner = pwd.getpwuid(os.getuid()).pw_name
        if os.getuid() == 0:
            owner = "loomtest"
            try:
                pwd.getpwnam(owner)
            except KeyError:
                subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", owner], check=True)
            self.run_as = ["runuser", "-u", owner, "--"]
        shutil.chown(self.directory, owner)
        os.chmod(self.directory, 0o700)
        self.data = os.path.join(self.directory, "data")
        self._pg_ctl = _binary("pg_ctl")
        subprocess.run([*self.run_as, _binary("initdb"), "-D", self.data, "-U", USER, "--auth=trust",
                        "--encoding=UTF8", "--locale=C.UTF-8"], check=True, capture_output=True)
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.directory} -c max_connections={max_connections}"
        subprocess.run([*self.run_as, self._pg_ctl, "-D", self.data, "-l", os.path.join(self.directory, "server.log"),
                        "-w", "-o", options, "start"], check=True, capture_output=True)

    def url(self, database, scheme="postgres"):
        return f"{scheme}://{USER}@127.0.0.1:{self.port}/{database}"

    def sql(self, statement, database="postgres"):
        """Runs one SQL command with psql (autocommit), failing on any error."""
        subprocess.run([_binary("psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", self.url(database), "-c", statement],
                       check=True, capture_output=True)

    def stop(self):
        subprocess.run([*self.run_as, self._pg_ctl, "-D", self.data, "-m", "fast", "stop"], capture_output=True)
        shutil.rmtree(self.directory, ignore_errors=True)


def create_databases(cluster, binary, rows):
    """Migrates `loom_bench` with Loom itself, inserts `rows` rows equal to setups.seed_rows's,
    then copies it as `fastapi_bench` (CREATE DATABASE ... TEMPLATE), so both servers start
    from the same table and rows. Returns the two database names."""
    create_loom_database(cluster, binary, rows, "loom_bench", "bench")
    cluster.sql("CREATE DATABASE fastapi_bench TEMPLATE loom_bench")
    return "loom_bench", "fastapi_bench"


def create_loom_database(cluster, binary, rows, database, app):
    """Creates `database`, migrates it for `app` (an app serving the bench tables) with Loom
    itself and inserts `rows` rows equal to setups.seed_rows's."""
    cluster.sql(f"CREATE DATABASE {database}")
    subprocess.run([binary, "migrate", "--app", app, "--database-url", cluster.url(database) + "?sslmode=disable"],
                   check=True, capture_output=True)
    cluster.sql(
        "INSERT INTO items (id, name, price, created_at, updated_at) "
        "SELECT i, 'item ' || i, round(((i * 37) % 10000) / 100.0, 2), "
        f"to_timestamp({BASE_SECONDS} + i), to_timestamp({BASE_SECONDS} + i) FROM generate_series(1, {rows}) AS i",
        database)
    cluster.sql(f"SELECT setval(pg_get_serial_sequence('items', 'id'), {rows})", database)
    cluster.sql("VACUUM ANALYZE items", database)


def create_loom_auth_database(cluster, binary, rows, database, app, work, port):
    """Creates `database` for `app` (benchauth or a variant), migrates it with Loom, enrolls the
    owner through the API (sign-up creating the organization, an API key bound to it; see
    setups.enroll_owner) and inserts `rows` rows as the organization's. Returns the credentials."""
    import setups

    cluster.sql(f"CREATE DATABASE {database}")
    url = cluster.url(database) + "?sslmode=disable"
    subprocess.run([binary, "migrate", "--app", app, "--database-url", url], check=True, capture_output=True)
    credentials = setups.enroll_owner(binary, work, port, app, f"{database}-setup", database_url=url)
    organization = credentials.owner.replace("'", "''")
    cluster.sql(
        "INSERT INTO items (id, name, price, organization_id, created_at, updated_at) "
        f"SELECT i, 'item ' || i, round(((i * 37) % 10000) / 100.0, 2), '{organization}', "
        f"to_timestamp({BASE_SECONDS} + i), to_timestamp({BASE_SECONDS} + i) FROM generate_series(1, {rows}) AS i",
        database)
    cluster.sql(f"SELECT setval(pg_get_serial_sequence('items', 'id'), {rows})", database)
    cluster.sql("VACUUM ANALYZE items", database)
    return credentials


def create_fastapi_auth_database(cluster, source, database, organization, username):
    """A copy of the seeded benchauth database (`CREATE DATABASE ... TEMPLATE`) with the table
    the FastAPI security tutorial reads per request: one enabled user in the rows' organization."""
    cluster.sql(f"CREATE DATABASE {database} TEMPLATE {source}")
    cluster.sql("CREATE TABLE bench_users (username TEXT PRIMARY KEY, organization_id TEXT NOT NULL, disabled BOOLEAN NOT NULL)",
                database)
    cluster.sql(f"INSERT INTO bench_users VALUES ('{username}', '{organization}', false)", database)
