"""Benchmarks/memory's engine (issue 22): resident memory of Loom and PocketBase after 20 s at
500 connections on the authenticated path (GET by id with a token on an organization-scoped
table, PocketBase with the owner rule), measured in the same run.

Each server starts on its own seeded copy; wrk holds `--connections` open for `--duration`
seconds; the resident size of the server's whole process tree (`VmRSS`, summed over the
processes its session holds) is sampled every half second. Reported: at rest before the load,
the largest sample, and at the end of the load (issue 22's figure), with the requests served."""

import argparse
import json
import os
import threading
import time
import types

import machine
import setups
import targets
from measure import run_wrk

PORTS = {"loom-auth": 18620, "pocketbase-auth": 18630, "setup": 18640}


def tree(pid):
    """`pid` and every descendant."""
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    pending += [int(child) for child in children.read().split()]
        except OSError:
            continue
    return found


def resident_kib(pid):
    """VmRSS of `pid`'s process tree, in KiB."""
    total = 0
    for member in tree(pid):
        try:
            with open(f"/proc/{member}/status") as status:
                for line in status:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
        except OSError:
            continue
    return total


def measure(server, scenario, settings):
    """Rest, peak and end resident size under `scenario` at `settings.connections`."""
    pid = server.process.pid
    rest = resident_kib(pid)
    samples, done = [], threading.Event()

    def sample():
        while not done.is_set():
            samples.append(resident_kib(pid))
            done.wait(0.5)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    result = run_wrk(server.url, dict(scenario), settings)
    end = resident_kib(pid)
    done.set()
    sampler.join()
    errors = sum(result.get(k, 0) for k in ("status_errors", "connect_errors", "read_errors", "write_errors", "timeouts"))
    return {"rest_mib": rest / 1024, "peak_mib": max(samples + [end]) / 1024, "end_mib": end / 1024,
            "rps": result["rps"], "errors": errors}


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--binary", required=True)
    parser.add_argument("--venv", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--connections", type=int, default=500)
    parser.add_argument("--duration", type=int, default=20)
    parser.add_argument("--label", default="")
    options = parser.parse_args()
    os.makedirs(options.work, exist_ok=True)
    rows = setups.seed_rows(10_000)
    settings = types.SimpleNamespace(rows=10_000, connections=options.connections, threads=2, duration=options.duration)
    results = {}

    database, credentials = setups.create_loom_auth_database(options.binary, options.work, rows, PORTS["setup"])
    loom = setups.start_loom(options.binary, database, PORTS["loom-auth"], options.work, name="loom-auth", app="benchauth",
                             environment=setups.auth_environment("benchauth"))
    try:
        results["loom-auth"] = measure(loom, targets.loom_auth(credentials.token, credentials.api_key)["auth_get_by_id"], settings)
    finally:
        loom.stop()
    pocketbase, ids_file, pb = setups.start_pocketbase_auth(options.venv, PORTS["pocketbase-auth"], options.work, rows)
    try:
        results["pocketbase-auth"] = measure(pocketbase, targets.pocketbase_auth(ids_file, pb.token, pb.owner)["auth_get_by_id"], settings)
    finally:
        pocketbase.stop()

    print(f"resident memory, GET by id with a token, {options.connections} connections for {options.duration} s")
    print(f"{'target':<18}{'at rest':>10}{'peak':>10}{'at end':>10}{'rps':>10}{'errors':>8}")
    for name, r in results.items():
        print(f"{name:<18}{r['rest_mib']:>8.1f} M{r['peak_mib']:>8.1f} M{r['end_mib']:>8.1f} M{r['rps']:>10,.0f}{r['errors']:>8}")
    ratio = results["loom-auth"]["end_mib"] / results["pocketbase-auth"]["end_mib"]
    print(f"Loom / PocketBase at the end: {ratio:.2f} (issue 22: at most 1.0)")
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    path = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "results",
                        f"{stamp}-memory{'-' + options.label if options.label else ''}.json")
    with open(path, "w") as out:
        json.dump({"settings": vars(options), "machine": machine.describe(),
                   "results": results, "loom_over_pocketbase_end": round(ratio, 2)}, out, indent=2)
    print(f"saved {path}")


if __name__ == "__main__":
    main()
