"""Benchmarks/profile's engine: the server's CPU time per request for one Loom endpoint, and
where it goes (perf).

CPU time per request of the server process is far steadier than requests per second while
other work shares the machine (valgrind's callgrind would count instructions, but the
distribution's valgrind cannot read the DWARF 5 of Swift release binaries, and this machine
exposes no hardware instruction counter to perf). It starts loom-server on a seeded database,
warms up, then runs wrk while `perf stat -e task-clock` watches the server, and divides; with
--record it samples with `perf record` and prints the hottest symbols."""

import argparse
import os
import re
import subprocess
import types

import servers
import setups
from measure import run_wrk
import targets
from targets import POST_BODY

SCENARIOS = {
    "get_by_id": {"path": "/v1/items/{id}"},
    "page_total": {"path": "/v1/items?limit=20&offset={offset}"},
    "page_no_total": {"path": "/v1/items?limit=20&offset={offset}&count=none"},
    "post": {"method": "POST", "path": "/v1/items", "body": POST_BODY},
    "health_live": {"path": "/health/live"},
    "key_get_by_id": None,  # apps with auth only (benchauth, benchauthprotected)
}
AUTH_APPS = ("benchauth", "benchauthprotected")


def auth_scenarios(credentials):
    """The same scenario names on an authenticated app: each request carries the organization
    owner's token (key_get_by_id: the API key bound to the organization)."""
    asked = targets.loom_auth(credentials.token, credentials.api_key)
    named = {name: asked["auth_" + name] for name in ("get_by_id", "page_total", "page_no_total", "post")}
    return dict(named, key_get_by_id=asked["key_get_by_id"], health_live=SCENARIOS["health_live"])


def event_counts(perf_output):
    """The counts of `perf stat -x ';'` by event name (task-clock in milliseconds)."""
    counts = {}
    for line in perf_output.splitlines():
        fields = line.split(";")
        if len(fields) > 2 and fields[2]:
            try:
                counts[fields[2]] = float(fields[0])
            except ValueError:
                counts[fields[2]] = 0.0  # <not counted> / <not supported>
    if "task-clock" not in counts:
        raise RuntimeError(f"perf printed no task-clock:\n{perf_output}")
    return counts


def main():
    parser = argparse.ArgumentParser(description="Server CPU time per request of a Loom endpoint.")
    parser.add_argument("scenarios", nargs="+", choices=sorted(SCENARIOS))
    parser.add_argument("--duration", type=int, default=5)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--record", action="store_true", help="also sample with perf record and list hot symbols")
    parser.add_argument("--record-event", default="cpu-clock",
                        help="the event --record samples (e.g. syscalls:sys_enter_sched_yield with --children: who calls it)")
    parser.add_argument("--events", default="",
                        help="comma-separated perf events also counted per request (e.g. context-switches,"
                             "syscalls:sys_enter_futex,syscalls:sys_enter_sched_yield)")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--children", action="store_true",
                        help="with --record: sample call chains (frame pointers) and rank symbols by time spent inside them")
    parser.add_argument("--app", default="bench",
                        help="an app serving the bench tables: bench, benchprotected (protections on), benchwebhooks, "
                             "benchauth (organization-scoped, every request with a token or key), benchauthprotected")
    parser.add_argument("--binary", required=True)
    parser.add_argument("--work", required=True)
    options = parser.parse_args()
    os.makedirs(options.work, exist_ok=True)
    scenarios, environment = SCENARIOS, None
    if options.app in AUTH_APPS:
        database, credentials = setups.create_loom_auth_database(options.binary, options.work, setups.seed_rows(10_000),
                                                                 18572, app=options.app)
        scenarios, environment = auth_scenarios(credentials), setups.auth_environment(options.app)
    else:
        database = setups.create_loom_database(options.binary, options.work, setups.seed_rows(10_000), app=options.app)
    if any(scenarios[name] is None for name in options.scenarios):
        parser.error(f"key_get_by_id needs an app with auth: {', '.join(AUTH_APPS)}")
    settings = types.SimpleNamespace(rows=10_000, connections=options.connections, threads=2, duration=options.duration)
    # The webhooks variant delivers every change to a local receiver, whose CPU is not counted.
    receiver = servers.start_webhook_receiver(options.work, 18571) if options.app == "benchwebhooks" else None
    environment = setups.webhook_environment(18571) if receiver else environment
    server = setups.start_loom(options.binary, database, 18570, options.work, name="loom-profile", app=options.app,
                               environment=environment)
    try:
        for name in options.scenarios:
            scenario = scenarios[name]
            run_wrk(server.url, dict(scenario), types.SimpleNamespace(**{**vars(settings), "duration": 1}))  # warm-up
            watch = ["-p", str(server.process.pid), "--", "sleep", str(options.duration)]
            events = [event for event in options.events.split(",") if event]
            perf_command = ["perf", "stat", "-x", ";", "-e", ",".join(["task-clock", *events]), *watch]
            record_file = os.path.join(options.work, f"perf-{name}.data")
            if options.record:
                chains = ["-g"] if options.children else []
                perf_command = ["perf", "record", "-q", *chains, "-e", options.record_event, *(["-F", "2000"] if options.record_event == "cpu-clock" else []), "-o", record_file, *watch]
            perf = subprocess.Popen(perf_command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
            # wrk runs one second longer than perf watches, so perf sees only full-load time;
            # requests are scaled to perf's window below.
            result = run_wrk(server.url, dict(scenario), types.SimpleNamespace(**{**vars(settings), "duration": options.duration + 1}))
            _, perf_output = perf.communicate()
            if options.record:
                report = subprocess.run(
                    ["perf", "report", "-i", record_file, "--children" if options.children else "--no-children",
                     "-g", "none", "--sort", "symbol", "--stdio", "--percent-limit", "0.7"],
                    capture_output=True, text=True).stdout
                print(f"\n{name}: {result['rps']:,.0f} rps; hottest symbols")
                lines = [line for line in report.splitlines() if line.strip() and not line.startswith("#")]
                for line in lines[: options.top]:
                    print("  " + line.strip()[:200])
            else:
                counts = event_counts(perf_output)
                requests = result["rps"] * options.duration
                print(f"{name:<12} {1000 * counts['task-clock'] / requests:8.1f} µs server CPU per request "
                      f"({result['rps']:,.0f} rps, errors {result['status_errors']})")
                for event in events:
                    print(f"{'':<12} {counts.get(event, 0) / requests:8.3f} {event} per request")
    finally:
        server.stop()
        if receiver:
            receiver.stop()


if __name__ == "__main__":
    main()
