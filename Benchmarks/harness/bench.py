"""Benchmarks/run's engine: measures Loom and its peers in one invocation on one machine and
reports ratios (absolute numbers mean little on a shared two-core machine; ratios within one
run do). See Benchmarks/README.md."""

import argparse
import json
import os
import subprocess
import sys
import time
import traceback
import urllib.request

import machine
import postgres
import report
import servers
import setups
import targets
from measure import measure_once, summarize

HERE = os.path.dirname(os.path.abspath(__file__))
BENCHMARKS = os.path.dirname(HERE)
REPOSITORY = os.path.dirname(BENCHMARKS)
PORTS = {"loom": 18480, "loom-protected": 18530, "pocketbase": 18490, "fastapi-1w": 18500, "fastapi-2w": 18510,
         "nginx": 18520, "loom-base": 18540, "loom-webhooks": 18550,
         "loom-auth": 18570, "loom-auth-protected": 18580, "pocketbase-auth": 18590, "fastapi-auth-1w": 18600,
         "fastapi-auth-2w": 18650}
RECEIVER_PORT = 18560
# Set-up servers (sign-up, keys) run here while a database is prepared.
SETUP_PORT = 18610
# The Loom variants: `loom-protected` serves Schemas/benchprotected (the bench tables with rate
# limits, audit and idempotency declared) from the same binary; `loom-base` is --base-binary, the
# "before" of an A/B, measured only when that option is given.
PROTECTED_APP = "benchprotected"
# `loom-webhooks` serves Schemas/benchwebhooks (the bench tables, every change sent to one
# subscription) and is asked only the POST scenario; its deliveries go to a local receiver.
WEBHOOKS_APP = "benchwebhooks"
# The authenticated path (issue 22): `loom-auth` serves Schemas/benchauth (bench's items,
# organization-scoped, auth on), asked with the organization owner's token and an API key bound
# to the organization; `loom-auth-protected` is Schemas/benchauthprotected (the same with rate
# limits, idempotency, metrics, CORS and an audit trail); `pocketbase-auth` has an owner rule,
# `fastapi-auth-1w`/`-2w` the FastAPI security tutorial's JWT check and user lookup (with
# --postgres: over asyncpg, peers/fastapi_asyncpg_auth_app.py).
AUTH_APP = "benchauth"
AUTH_PROTECTED_APP = "benchauthprotected"


def arguments():
    parser = argparse.ArgumentParser(description="Measure Loom against PocketBase, FastAPI and nginx.")
    parser.add_argument("--duration", type=int, default=5, help="seconds per wrk run (default 5)")
    parser.add_argument("--runs", type=int, default=3, help="runs per scenario; median and spread reported (default 3)")
    parser.add_argument("--connections", type=int, default=32, help="wrk connections (default 32)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    parser.add_argument("--rows", type=int, default=10_000, help="rows seeded in every database (default 10000)")
    parser.add_argument("--idle-threshold", type=float, default=0.15, help="CPU busy share counted as idle (default 0.15)")
    parser.add_argument("--idle-timeout", type=float, default=10, help="longest wait for idle before a run, seconds (default 10)")
    parser.add_argument("--only", default="", help="comma-separated targets: loom,pocketbase,fastapi-1w,fastapi-2w,nginx,"
                                                    "loom-protected,loom-webhooks,loom-auth,loom-auth-protected,pocketbase-auth,"
                                                    "fastapi-auth-1w,fastapi-auth-2w")
    parser.add_argument("--label", default="", help="suffix of the results file name")
    parser.add_argument("--postgres", action="store_true",
                        help="Loom and FastAPI + asyncpg on a throwaway PostgreSQL cluster (PocketBase has no PostgreSQL mode)")
    parser.add_argument("--binary", required=True, help="the release loom-server binary")
    parser.add_argument("--base-binary", default=None,
                        help="a second loom-server binary, measured as target loom-base interleaved with loom (an A/B)")
    parser.add_argument("--venv", required=True, help="virtual environment holding pocketbase and uvicorn")
    parser.add_argument("--work", required=True, help="scratch folder (deleted and recreated)")
    return parser.parse_args()


def check(server, scenarios, first_id):
    """One request per scenario before measuring: a benchmark of 404s would be worthless."""
    for name, scenario in scenarios.items():
        url = server.url + targets.concrete_path(scenario, first_id)
        request = urllib.request.Request(url, method=scenario.get("method", "GET"),
                                         data=scenario.get("body", "").encode() or None)
        request.add_header("Content-Type", "application/json")
        for header, value in scenario.get("headers", {}).items():
            request.add_header(header, value)
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
            if not 200 <= response.status < 300:
                raise RuntimeError(f"{server.name} {name}: {url} answered {response.status}")
            if "page" in name and body.count(b'"name"') != 20:
                raise RuntimeError(f"{server.name} {name}: {url} did not return 20 records: {body[:300]!r}")


def measure_interleaved(plan, only, settings, log, results):
    """Starts every target (they idle while not measured), checks each scenario once, then
    measures round-robin: for each scenario, run 1 of every target, then run 2 of every
    target, and so on. Load from outside the run then falls on Loom and its peers alike,
    which keeps the ratios meaningful on a shared machine."""
    started = {}
    try:
        for name in only:
            if name not in plan:
                log(f"{name}: not measured in this mode")
                continue
            log(f"starting {name}")
            server, scenarios, first_id = plan[name]()
            started[name] = (server, scenarios)
            check(server, scenarios, first_id)
        # Reads first, POST last, so reads always see the seeded rows only.
        everything = [scenario for scenario, _ in targets.SCENARIOS + targets.AUTH_SCENARIOS]
        order = [scenario for scenario in everything if "post" not in scenario] + ["post", "auth_post"]
        for scenario in order:
            runs = {name: [] for name, (_, scenarios) in started.items() if scenario in scenarios}
            if not runs:
                continue
            log(f"\n{scenario}")
            for _ in range(settings.runs):
                for name in runs:
                    server, scenarios = started[name]
                    runs[name].append(measure_once(server.url, dict(scenarios[scenario], name=scenario), settings))
            for name, measured in runs.items():
                results.setdefault(name, {})[scenario] = summarize(name, scenario, measured, log)
    finally:
        for server, _ in started.values():
            server.stop()
    return results


def _or_dash(value):
    return "—" if value is None else f"{value:,.0f}"


def git_commit():
    try:
        return subprocess.run(["git", "-C", REPOSITORY, "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def main():
    settings = arguments()
    log = lambda line: print(line, flush=True)
    only = [name for name in settings.only.split(",") if name] or [name for name in PORTS if name != "loom-base"]
    if settings.base_binary and "loom-base" not in only:
        only.append("loom-base")
    elif not settings.base_binary and "loom-base" in only:
        sys.exit("target loom-base needs --base-binary")
    work = settings.work
    os.makedirs(work, exist_ok=True)
    rows = setups.seed_rows(settings.rows)
    started = time.time()
    log(f"seeding {settings.rows} rows; {settings.runs} runs x {settings.duration}s per scenario, "
        f"{settings.connections} connections, wrk threads {settings.threads}")
    results = {}
    if settings.postgres:
        if "pocketbase" in only:
            only.remove("pocketbase")
            log(report.POCKETBASE_ON_POSTGRES)
        cluster = postgres.Cluster()
        try:
            loom_database, fastapi_database = postgres.create_databases(cluster, settings.binary, settings.rows)
            if "loom-protected" in only:
                postgres.create_loom_database(cluster, settings.binary, settings.rows, "loom_protected_bench", PROTECTED_APP)
            if "loom-base" in only:
                postgres.create_loom_database(cluster, settings.base_binary, settings.rows, "loom_base_bench", "bench")
            if "loom-webhooks" in only:
                postgres.create_loom_database(cluster, settings.binary, settings.rows, "loom_webhooks_bench", WEBHOOKS_APP)
            if "pocketbase-auth" in only:
                only.remove("pocketbase-auth")
            auth = {}
            if any(name in only for name in ("loom-auth", "fastapi-auth-1w", "fastapi-auth-2w")):
                auth[AUTH_APP] = postgres.create_loom_auth_database(
                    cluster, settings.binary, settings.rows, "loom_auth_bench", AUTH_APP, work, SETUP_PORT)
            if "loom-auth-protected" in only:
                auth[AUTH_PROTECTED_APP] = postgres.create_loom_auth_database(
                    cluster, settings.binary, settings.rows, "loom_auth_protected_bench", AUTH_PROTECTED_APP, work, SETUP_PORT)
            if any(name in only for name in ("fastapi-auth-1w", "fastapi-auth-2w")):
                postgres.create_fastapi_auth_database(cluster, "loom_auth_bench", "fastapi_auth_bench", auth[AUTH_APP].owner,
                                                      setups.AUTH_EMAIL)
            log(f"PostgreSQL cluster on 127.0.0.1:{cluster.port}: Loom on {loom_database}, FastAPI + asyncpg on {fastapi_database}")
            plan = postgres_plan(settings, work, cluster, loom_database, fastapi_database, results, auth)
            finish(settings, only, plan, started, results, log)
        finally:
            cluster.stop()
        return
    loom_database = setups.create_loom_database(settings.binary, work, rows)

    def variant_database(name, binary, app):
        database = setups.create_loom_database(binary, work, rows, app=app, directory=name)
        return setups.copy_database(database, work, f"{name}-run")

    def loom_variant(name, binary, app):
        server = setups.start_loom(binary, variant_database(name, binary, app), PORTS[name], work, name=name, app=app)
        return server, targets.loom(), "1"

    def fastapi(workers):
        name = f"fastapi-{workers}w"
        database = setups.copy_database(loom_database, work, name)
        return setups.start_fastapi(settings.venv, database, PORTS[name], workers, work), targets.fastapi(), "1"

    def pocketbase():
        server, ids_file = setups.start_pocketbase(settings.venv, PORTS["pocketbase"], work, rows)
        with open(ids_file) as ids:
            first_id = ids.readline().strip()
        return server, targets.pocketbase(ids_file), first_id

    seeded = {}

    def auth_seed(app):
        """One seeded file (and its credentials) per authenticated app, made on first use: the
        FastAPI peer copies benchauth's instead of seeding a file of its own."""
        if app not in seeded:
            seeded[app] = setups.create_loom_auth_database(settings.binary, work, rows, SETUP_PORT, app=app,
                                                          directory=f"{app}-seed")
        return seeded[app]

    def loom_auth(name, app):
        database, credentials = auth_seed(app)
        server = setups.start_loom(settings.binary, setups.copy_database(database, work, f"{name}-run"), PORTS[name],
                                   work, name=name, app=app, environment=setups.auth_environment(app))
        return server, targets.loom_auth(credentials.token, credentials.api_key), "1"

    def pocketbase_auth():
        server, ids_file, credentials = setups.start_pocketbase_auth(settings.venv, PORTS["pocketbase-auth"], work, rows)
        with open(ids_file) as ids:
            first_id = ids.readline().strip()
        return server, targets.pocketbase_auth(ids_file, credentials.token, credentials.owner), first_id

    def fastapi_auth(workers):
        name = f"fastapi-auth-{workers}w"
        source, credentials = auth_seed(AUTH_APP)
        secret = "bench-fastapi-" + credentials.owner
        database = setups.create_fastapi_auth_database(source, work, credentials.owner, name)
        server = setups.start_fastapi(settings.venv, database, PORTS[name], workers, work, app="fastapi_auth_app:app",
                                      variables={"BENCH_DATABASE": database, "BENCH_JWT_SECRET": secret},
                                      name=name)
        return server, targets.fastapi_auth(setups.fastapi_auth_token(secret)), "1"

    plan = {
        "loom-auth": lambda: loom_auth("loom-auth", AUTH_APP),
        "loom-auth-protected": lambda: loom_auth("loom-auth-protected", AUTH_PROTECTED_APP),
        "pocketbase-auth": pocketbase_auth,
        "fastapi-auth-1w": lambda: fastapi_auth(1),
        "fastapi-auth-2w": lambda: fastapi_auth(2),
        "loom": lambda: (setups.start_loom(settings.binary, setups.copy_database(loom_database, work, "loom-run"),
                                           PORTS["loom"], work), targets.loom(), "1"),
        "loom-protected": lambda: loom_variant("loom-protected", settings.binary, PROTECTED_APP),
        "loom-base": lambda: loom_variant("loom-base", settings.base_binary, "bench"),
        "loom-webhooks": lambda: loom_webhooks(settings, work, PORTS["loom-webhooks"], results,
                                               database=variant_database("loom-webhooks", settings.binary, WEBHOOKS_APP)),
        "pocketbase": pocketbase,
        "fastapi-1w": lambda: fastapi(1),
        "fastapi-2w": lambda: fastapi(2),
        "nginx": lambda: (servers.start_nginx(work, PORTS["nginx"]), targets.nginx(), "1"),
    }
    finish(settings, only, plan, started, results, log)


class WebhookTarget:
    """loom-server serving the webhooks variant and the receiver its deliveries go to; stopping
    it first waits for the outbox to drain and records the deliveries in `results`."""

    def __init__(self, loom, receiver, results):
        self.loom, self.receiver, self.results = loom, receiver, results
        self.url = loom.url

    def stop(self):
        try:
            self.results.setdefault("loom-webhooks", {})["deliveries"] = servers.deliveries(self.receiver.hooks_log)
        finally:
            self.loom.stop()
            self.receiver.stop()


def loom_webhooks(settings, work, port, results, database=None, database_url=None):
    """The `loom-webhooks` target: a receiver, then Loom delivering to it (loopback allowed, as
    the variable says), asked only the POST scenario."""
    receiver = servers.start_webhook_receiver(work, RECEIVER_PORT)
    environment = setups.webhook_environment(RECEIVER_PORT)
    try:
        loom = setups.start_loom(settings.binary, database, port, work, name="loom-webhooks", app=WEBHOOKS_APP,
                                 database_url=database_url, environment=environment)
    except Exception:
        receiver.stop()
        raise
    return WebhookTarget(loom, receiver, results), {"post": targets.loom()["post"]}, "1"


def postgres_plan(settings, work, cluster, loom_database, fastapi_database, results, auth):
    """The targets of --postgres: Loom and FastAPI + asyncpg (1 and 2 workers) on their own
    database of one cluster, nginx as the ceiling; on the authenticated path, benchauth (and its
    protected variant) against the asyncpg peer with the FastAPI security tutorial's JWT check
    and user lookup (`auth`: the credentials of each seeded benchauth database). Loom's pool
    (pool_size, 20 by default) and the asyncpg pools (20 for one worker, 10 per worker for two)
    hold the same number of PostgreSQL connections."""

    def fastapi(workers):
        name = f"fastapi-{workers}w"
        variables = {"BENCH_DATABASE_URL": cluster.url(fastapi_database, "postgresql"),
                     "BENCH_POOL_SIZE": str(20 // workers)}
        server = setups.start_fastapi(settings.venv, None, PORTS[name], workers, work,
                                      app="fastapi_asyncpg_app:app", variables=variables)
        return server, targets.fastapi(), "1"

    def loom(name, binary, database, app="bench"):
        server = setups.start_loom(binary, None, PORTS[name], work, name=name, app=app,
                                   database_url=cluster.url(database) + "?sslmode=disable")
        return server, targets.loom(), "1"

    def loom_auth(name, database, app):
        credentials = auth[app]
        server = setups.start_loom(settings.binary, None, PORTS[name], work, name=name, app=app,
                                   database_url=cluster.url(database) + "?sslmode=disable",
                                   environment=setups.auth_environment(app))
        return server, targets.loom_auth(credentials.token, credentials.api_key), "1"

    def fastapi_auth(workers):
        name = f"fastapi-auth-{workers}w"
        secret = "bench-fastapi-" + auth[AUTH_APP].owner
        variables = {"BENCH_DATABASE_URL": cluster.url("fastapi_auth_bench", "postgresql"),
                     "BENCH_POOL_SIZE": str(20 // workers), "BENCH_JWT_SECRET": secret}
        server = setups.start_fastapi(settings.venv, None, PORTS[name], workers, work,
                                      app="fastapi_asyncpg_auth_app:app", variables=variables, name=name)
        return server, targets.fastapi_auth(setups.fastapi_auth_token(secret)), "1"

    return {
        "loom": lambda: loom("loom", settings.binary, loom_database),
        "loom-protected": lambda: loom("loom-protected", settings.binary, "loom_protected_bench", PROTECTED_APP),
        "loom-base": lambda: loom("loom-base", settings.base_binary, "loom_base_bench"),
        "loom-webhooks": lambda: loom_webhooks(settings, work, PORTS["loom-webhooks"], results,
                                               database_url=cluster.url("loom_webhooks_bench") + "?sslmode=disable"),
        "fastapi-1w": lambda: fastapi(1),
        "fastapi-2w": lambda: fastapi(2),
        "loom-auth": lambda: loom_auth("loom-auth", "loom_auth_bench", AUTH_APP),
        "loom-auth-protected": lambda: loom_auth("loom-auth-protected", "loom_auth_protected_bench", AUTH_PROTECTED_APP),
        "fastapi-auth-1w": lambda: fastapi_auth(1),
        "fastapi-auth-2w": lambda: fastapi_auth(2),
        "nginx": lambda: (servers.start_nginx(work, PORTS["nginx"]), targets.nginx(), "1"),
    }


def finish(settings, only, plan, started, results, log):
    """Measures the plan, prints the table and writes the results file."""
    failure = None
    try:
        measure_interleaved(plan, only, settings, log, results)
    except Exception as error:  # the results file names the failure
        failure = repr(error)
        traceback.print_exc()
        log(f"\nfailed: {error!r}")
    table = report.build_rows(results)
    authenticated = report.build_auth_rows(results)
    latency = report.latency_row(results)
    goals = report.targets(results, table, authenticated, latency, postgres=settings.postgres)
    report.print_table(table, authenticated, latency, goals, log, postgres=settings.postgres)
    delivered = results.get("loom-webhooks", {}).get("deliveries")
    if delivered:
        log(f"\nwebhook deliveries to the local receiver: {delivered['delivered']:,} in {delivered['active_seconds']} seconds "
            f"with arrivals ({_or_dash(delivered['per_active_second'])}/s; busiest second {delivered['busiest_second']:,})")
    document = {
        "started_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(started)),
        "elapsed_s": round(time.time() - started),
        "commit": git_commit(),
        "settings": {key: value for key, value in vars(settings).items() if key not in ("binary", "venv", "work")},
        "machine": machine.describe(),
        "load_1m_at_end": round(machine.load_average(), 2),
        "table": table,
        "authenticated": authenticated,
        "latency_1conn": latency,
        "targets": goals,
        "results": results,
        "failure": failure,
    }
    if settings.postgres:
        document["note"] = report.POCKETBASE_ON_POSTGRES
    label = settings.label or ("postgres" if settings.postgres else "")
    path = report.write_json(os.path.join(BENCHMARKS, "results"), document, label)
    log(f"\nwrote {os.path.relpath(path, REPOSITORY)}")
    if failure:
        sys.exit(1)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit(130)
