"""Runs wrk for one scenario against one server and returns its numbers."""

import json
import os
import statistics
import subprocess

from machine import wait_until_idle

SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "scenario.lua")


def run_wrk(url_base, scenario, settings):
    """One bounded wrk run. `scenario` holds method/path/body/ids_file/connections."""
    environment = dict(os.environ)
    environment["BENCH_METHOD"] = scenario.get("method", "GET")
    environment["BENCH_PATH"] = scenario["path"]
    environment["BENCH_ROWS"] = str(settings.rows)
    environment.pop("BENCH_BODY", None)
    environment.pop("BENCH_IDS_FILE", None)
    environment.pop("BENCH_HEADERS", None)
    if scenario.get("headers"):
        environment["BENCH_HEADERS"] = "\n".join(f"{name}: {value}" for name, value in scenario["headers"].items())
    if scenario.get("body"):
        environment["BENCH_BODY"] = scenario["body"]
    if scenario.get("ids_file"):
        environment["BENCH_IDS_FILE"] = scenario["ids_file"]
    connections = scenario.get("connections", settings.connections)
    threads = min(settings.threads, connections)
    command = [
        "wrk", "-t", str(threads), "-c", str(connections), "-d", f"{settings.duration}s",
        "--timeout", "5s", "-s", SCRIPT, url_base,
    ]
    output = subprocess.run(command, env=environment, capture_output=True, text=True, check=True).stdout
    for line in output.splitlines():
        if line.startswith("BENCH_RESULT "):
            result = json.loads(line[len("BENCH_RESULT "):])
            seconds = result["duration_us"] / 1_000_000
            result["rps"] = result["requests"] / seconds if seconds > 0 else 0.0
            return result
    raise RuntimeError(f"wrk printed no result:\n{output}")


def measure_once(url_base, scenario, settings):
    """One run after waiting for an idle machine; the run records what the machine was doing."""
    machine = wait_until_idle(settings.idle_threshold, settings.idle_timeout)
    result = run_wrk(url_base, scenario, settings)
    result["machine"] = machine
    return result


def summarize(target, name, runs, log):
    """Median and spread of requests per second and latency over the runs of one scenario."""
    rates = [run["rps"] for run in runs]
    p50s = [run["p50_us"] for run in runs]
    p99s = [run["p99_us"] for run in runs]
    errors = sum(run["status_errors"] + run["connect_errors"] + run["read_errors"] + run["timeouts"] for run in runs)
    median = statistics.median(rates)
    summary = {
        "rps_median": round(median, 1),
        "rps_min": round(min(rates), 1),
        "rps_max": round(max(rates), 1),
        "spread_pct": round(100 * (max(rates) - min(rates)) / median, 1) if median else 0.0,
        "p50_ms_median": round(statistics.median(p50s) / 1000, 3),
        "p99_ms_median": round(statistics.median(p99s) / 1000, 3),
        "errors": errors,
        "busy_before_median": round(statistics.median(run["machine"]["busy_before"] for run in runs), 3),
        "runs": runs,
    }
    log(
        f"  {target:<11} {name:<15} {summary['rps_median']:>9.0f} rps "
        f"(spread {summary['spread_pct']:.0f}%, p50 {summary['p50_ms_median']:.2f} ms, "
        f"p99 {summary['p99_ms_median']:.2f} ms, errors {errors}, cpu busy before {summary['busy_before_median']:.0%})"
    )
    return summary
