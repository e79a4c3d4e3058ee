"""The table printed at the end and the JSON written under Benchmarks/results/."""

import json
import os
import time

from targets import AUTH_SCENARIOS, SCENARIOS

PEERS = ["pocketbase", "fastapi-1w", "fastapi-2w"]
# Loom variants measured beside Loom: the same binary with the protections declared, and the
# "before" binary of an A/B; each reported as its rate over Loom's.
VARIANTS = ["loom-protected", "loom-base", "loom-webhooks"]
# The authenticated path: Loom's benchauth against its peers with credentials, and benchauth
# with its protections on, as its rate over benchauth's.
AUTH_PEERS = ["pocketbase-auth", "fastapi-auth-1w", "fastapi-auth-2w"]
AUTH_PROTECTED = "loom-auth-protected"


def _over_loom(variant):
    """The row key of a variant's rate over Loom's (`loom-protected_over_loom`)."""
    return f"{variant}_over_loom"
POCKETBASE_ON_POSTGRES = ("PocketBase is not measured in --postgres mode: it has no PostgreSQL backend (SQLite only); "
                          "the FastAPI columns are FastAPI + asyncpg on the same cluster")


def _rps(results, target, scenario):
    entry = results.get(target, {}).get(scenario)
    return entry["rps_median"] if entry else None


def _format(value, kind="rps"):
    if value is None:
        return "—"
    if kind == "ratio":
        return f"{value:.2f}×"
    if kind == "ms":
        return f"{value:.3f}"
    return f"{value:,.0f}"


def build_rows(results):
    """One row per scenario: Loom's rate, each peer's, Loom/peer and Loom's share of nginx."""
    rows = []
    ceiling = _rps(results, "nginx", "static_json")
    for scenario, label in SCENARIOS:
        if scenario == "latency_1conn":
            continue
        loom = _rps(results, "loom", scenario)
        row = {"scenario": scenario, "label": label, "loom_rps": loom}
        for peer in PEERS:
            peer_rps = _rps(results, peer, scenario)
            row[f"{peer}_rps"] = peer_rps
            row[f"loom_over_{peer}"] = round(loom / peer_rps, 2) if loom and peer_rps else None
        for variant in VARIANTS:
            variant_rps = _rps(results, variant, scenario)
            row[f"{variant}_rps"] = variant_rps
            row[_over_loom(variant)] = round(variant_rps / loom, 2) if loom and variant_rps else None
        row["nginx_rps"] = _rps(results, "nginx", scenario)
        row["loom_share_of_nginx"] = round(loom / ceiling, 3) if loom and ceiling else None
        rows.append(row)
    return rows


def build_auth_rows(results):
    """One row per authenticated scenario: benchauth's rate, each peer's, Loom/peer, and the
    protected variant's rate over benchauth's. The API-key row is compared with the peers'
    token row (neither peer has API keys)."""
    rows = []
    for scenario, label in AUTH_SCENARIOS:
        loom = _rps(results, "loom-auth", scenario)
        row = {"scenario": scenario, "label": label, "loom_rps": loom}
        peer_scenario = "auth_get_by_id" if scenario == "key_get_by_id" else scenario
        for peer in AUTH_PEERS:
            peer_rps = _rps(results, peer, peer_scenario)
            row[f"{peer}_rps"] = peer_rps
            row[f"loom_over_{peer}"] = round(loom / peer_rps, 2) if loom and peer_rps else None
        protected = _rps(results, AUTH_PROTECTED, scenario)
        row[f"{AUTH_PROTECTED}_rps"] = protected
        row[_over_loom(AUTH_PROTECTED)] = round(protected / loom, 2) if loom and protected else None
        rows.append(row)
    return rows


def latency_row(results):
    """One-connection p50/p99 (ms) of every target and Loom's p50 over nginx's."""
    row = {}
    for target in ["loom", *PEERS, "nginx"]:
        entry = results.get(target, {}).get("latency_1conn")
        if entry:
            row[target] = {"p50_ms": entry["p50_ms_median"], "p99_ms": entry["p99_ms_median"], "rps": entry["rps_median"]}
    if "loom" in row and "nginx" in row and row["nginx"]["p50_ms"]:
        row["loom_p50_over_nginx_p50"] = round(row["loom"]["p50_ms"] / row["nginx"]["p50_ms"], 2)
    return row


def targets(results, rows, auth_rows, latency, postgres=False):
    """The issues' targets, as measured ratios next to the bar they must reach (on PostgreSQL,
    issue 22's bars against FastAPI + asyncpg replace PocketBase's, which has no PostgreSQL)."""
    by_name = {row["scenario"]: row for row in rows}
    auth = {row["scenario"]: row for row in auth_rows}
    health = _rps(results, "loom", "health_live")
    get = _rps(results, "loom", "get_by_id")
    auth_get = _rps(results, "loom-auth", "auth_get_by_id")
    checks = [
        ("GET by id / PocketBase", by_name["get_by_id"]["loom_over_pocketbase"], ">=", 3.5),
        ("GET by id / Loom /health/live", round(get / health, 2) if get and health else None, ">=", 0.8),
        ("page+total / PocketBase", by_name["page_total"]["loom_over_pocketbase"], ">=", 5.0),
        ("POST / PocketBase", by_name["post"]["loom_over_pocketbase"], ">=", 2.0),
        ("1-conn p50 / nginx p50", latency.get("loom_p50_over_nginx_p50"), "<=", 1.5),
        ("protections on/off, GET by id", by_name["get_by_id"][_over_loom("loom-protected")], ">=", 0.9),
        ("protections on/off, POST", by_name["post"][_over_loom("loom-protected")], ">=", 0.9),
        ("POST, one webhook subscription/none", by_name["post"][_over_loom("loom-webhooks")], ">=", 0.85),
        ("page no total / PocketBase", by_name["page_no_total"]["loom_over_pocketbase"], ">=", 3.0),
        ("auth GET by id / PocketBase owner", auth["auth_get_by_id"]["loom_over_pocketbase-auth"], ">=", 3.0),
        ("auth GET by id / public GET by id", round(auth_get / get, 2) if auth_get and get else None, ">=", 0.6),
        ("API-key GET by id / PocketBase", auth["key_get_by_id"]["loom_over_pocketbase-auth"], ">=", 3.0),
        ("auth page no total / PocketBase", auth["auth_page_no_total"]["loom_over_pocketbase-auth"], ">=", 3.0),
        ("auth page+total / PocketBase", auth["auth_page_total"]["loom_over_pocketbase-auth"], ">=", 4.0),
        ("auth POST / PocketBase", auth["auth_post"]["loom_over_pocketbase-auth"], ">=", 2.0),
        ("auth protections on/off, GET by id", auth["auth_get_by_id"][_over_loom(AUTH_PROTECTED)], ">=", 0.9),
        ("auth protections on/off, POST", auth["auth_post"][_over_loom(AUTH_PROTECTED)], ">=", 0.9),
    ]
    if postgres:
        checks = [
            ("PG GET by id / FastAPI+asyncpg 1w", by_name["get_by_id"]["loom_over_fastapi-1w"], ">=", 4.0),
            ("PG GET by id / FastAPI+asyncpg 2w", by_name["get_by_id"]["loom_over_fastapi-2w"], ">=", 4.0),
            ("PG page+total / FastAPI+asyncpg 1w", by_name["page_total"]["loom_over_fastapi-1w"], ">=", 4.0),
            ("PG page+total / FastAPI+asyncpg 2w", by_name["page_total"]["loom_over_fastapi-2w"], ">=", 4.0),
            ("PG auth GET by id / FastAPI+asyncpg JWT 1w", auth["auth_get_by_id"]["loom_over_fastapi-auth-1w"], ">=", 3.0),
            ("PG auth GET by id / FastAPI+asyncpg JWT 2w", auth["auth_get_by_id"]["loom_over_fastapi-auth-2w"], ">=", 3.0),
            *[check for check in checks if "protections" in check[0] or "webhook" in check[0]],
        ]
    return [
        {"target": name, "measured": value, "bar": f"{op} {bar}",
         "met": None if value is None else (value >= bar if op == ">=" else value <= bar)}
        for name, value, op, bar in checks
    ]


def print_table(rows, auth_rows, latency, goals, log, postgres=False):
    fastapi = "FastAPI+asyncpg" if postgres else "FastAPI"
    headers = ["scenario", "Loom", "PocketBase", f"{fastapi} 1w", f"{fastapi} 2w", "L/PB", "L/FA1", "L/FA2", "L/nginx"]
    if postgres:
        log("\n" + POCKETBASE_ON_POSTGRES + "; Loom on PostgreSQL")
    table = [headers]
    for row in rows:
        table.append([
            row["label"], _format(row["loom_rps"]), _format(row["pocketbase_rps"]), _format(row["fastapi-1w_rps"]),
            _format(row["fastapi-2w_rps"]) if row["scenario"] != "static_json" else _format(row["nginx_rps"]),
            _format(row["loom_over_pocketbase"], "ratio"), _format(row["loom_over_fastapi-1w"], "ratio"),
            _format(row["loom_over_fastapi-2w"], "ratio"), _format(row["loom_share_of_nginx"], "ratio"),
        ])
    widths = [max(len(str(line[i])) for line in table) for i in range(len(headers))]
    log("\nrequests per second (median of runs); static JSON row: nginx in the FastAPI 2w column")
    for index, line in enumerate(table):
        log("  " + " | ".join(str(cell).rjust(widths[i]) if i else str(cell).ljust(widths[i]) for i, cell in enumerate(line)))
        if index == 0:
            log("  " + "-+-".join("-" * width for width in widths))
    variants = [variant for variant in VARIANTS if any(row[f"{variant}_rps"] for row in rows)]
    if variants:
        log("\nLoom variants, requests per second (median of runs) and rate over Loom's")
        for row in rows:
            if row["loom_rps"] is None:
                continue
            cells = "  ".join(f"{variant} {_format(row[f'{variant}_rps'])} ({_format(row[_over_loom(variant)], 'ratio')})"
                              for variant in variants)
            log(f"  {row['label']:<26} loom {_format(row['loom_rps'])}  {cells}")
    if any(row["loom_rps"] for row in auth_rows):
        log("\nauthenticated, organization-scoped (Loom benchauth; PocketBase owner rule; FastAPI JWT + user lookup)")
        for row in auth_rows:
            cells = "  ".join(f"{name} {_format(row[f'{name}_rps'])} ({_format(row[f'loom_over_{name}'], 'ratio')})"
                              for name in AUTH_PEERS)
            log(f"  {row['label']:<34} loom {_format(row['loom_rps'])}  {cells}  protections on "
                f"{_format(row[f'{AUTH_PROTECTED}_rps'])} ({_format(row[_over_loom(AUTH_PROTECTED)], 'ratio')})")
    log("\none connection, GET by id (nginx: static file): p50 / p99 ms")
    for target, values in latency.items():
        if isinstance(values, dict):
            log(f"  {target:<12} {values['p50_ms']:.3f} / {values['p99_ms']:.3f}  ({values['rps']:,.0f} rps)")
    log("\ntargets")
    for goal in goals:
        verdict = "n/a" if goal["met"] is None else ("met" if goal["met"] else "NOT met")
        log(f"  {goal['target']:<36} {_format(goal['measured'], 'ratio'):>8}  (bar {goal['bar']})  {verdict}")


def write_json(directory, document, label):
    os.makedirs(directory, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    path = os.path.join(directory, f"{stamp}{'-' + label if label else ''}.json")
    with open(path, "w") as output:
        json.dump(document, output, indent=1, sort_keys=True)
        output.write("\n")
    return path
