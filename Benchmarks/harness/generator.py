"""Benchmarks/generator's engine: times `loom generate` on a scratch root holding one app of N
tables, each like a real table (a dozen fields of every kind, a relation to the table before
it, a unique field, an index)."""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import time


def table(index):
    fields = {
        "title": {"type": "string", "description": "Short title.", "required": True, "minLength": 1, "maxLength": 200,
                  "searchable": True},
        "details": {"type": "text", "description": "Longer description.", "nullable": True},
        "code": {"type": "string", "description": "Reference.", "nullable": True, "unique": True, "pattern": "[A-Z]{2,5}-[0-9]{1,6}"},
        "status": {"type": "enum", "description": "State.", "values": ["todo", "in_progress", "done"], "default": "todo"},
        "priority": {"type": "integer", "description": "1 to 5.", "min": 1, "max": 5, "default": 3},
        "estimate": {"type": "number", "description": "Hours.", "nullable": True, "min": 0, "max": 10000},
        "billable": {"type": "boolean", "description": "Billed.", "default": False},
        "due_on": {"type": "date", "description": "Due day.", "nullable": True},
        "completed_at": {"type": "datetime", "description": "Completion.", "nullable": True},
        "contact": {"type": "email", "description": "Contact.", "nullable": True},
        "labels": {"type": "json", "description": "Labels.", "nullable": True},
    }
    if index > 1:
        fields["parent_id"] = {"type": "relation", "description": "The record of the table before.", "table": f"t{index - 1:03d}",
                               "onDelete": "cascade", "nullable": True}
    return {"$schema": "../../loom-schema.json#/$defs/table", "name": f"t{index:03d}", "description": f"Table {index}.",
            "fields": fields, "indexes": [{"fields": ["status", "due_on"]}]}


def write_root(repository, work, count):
    shutil.rmtree(work, ignore_errors=True)
    schemas = os.path.join(work, "Schemas")
    os.makedirs(os.path.join(schemas, "wide", "tables"))
    shutil.copytree(os.path.join(repository, "Templates"), os.path.join(work, "Templates"))
    shutil.copy(os.path.join(repository, "Schemas", "loom-schema.json"), schemas)
    with open(os.path.join(schemas, "loom.json"), "w") as project:
        json.dump({"$schema": "./loom-schema.json#/$defs/project", "defaultApp": "wide"}, project)
    with open(os.path.join(schemas, "wide", "app.json"), "w") as app:
        json.dump({"$schema": "../loom-schema.json#/$defs/app", "name": "wide", "title": "Wide", "version": "1.0.0",
                   "description": f"{count} tables.", "basePath": "/v1"}, app)
    for index in range(1, count + 1):
        with open(os.path.join(schemas, "wide", "tables", f"t{index:03d}.json"), "w") as file:
            json.dump(table(index), file, indent=1)


def timed(loom, work):
    started = time.perf_counter()
    output = subprocess.run([loom, "generate", "--root", work], capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if output.returncode != 0:
        raise SystemExit(f"loom generate failed:\n{output.stdout}\n{output.stderr}")
    return seconds, output.stdout.strip().splitlines()[-1] if output.stdout.strip() else ""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--loom", required=True)
    parser.add_argument("--repository", required=True)
    parser.add_argument("--tables", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", required=True)
    options = parser.parse_args()
    results = {"first": [], "unchanged": [], "one field added": []}
    for run in range(options.runs):
        write_root(options.repository, options.work, options.tables)
        seconds, said = timed(options.loom, options.work)
        results["first"].append(seconds)
        seconds, _ = timed(options.loom, options.work)
        results["unchanged"].append(seconds)
        path = os.path.join(options.work, "Schemas", "wide", "tables", "t025.json" if options.tables >= 25 else "t001.json")
        with open(path) as file:
            changed = json.load(file)
        changed["fields"][f"added_{run}"] = {"type": "string", "description": "Added.", "nullable": True}
        with open(path, "w") as file:
            json.dump(changed, file, indent=1)
        seconds, _ = timed(options.loom, options.work)
        results["one field added"].append(seconds)
    print(f"loom generate, one app of {options.tables} tables ({said}); median of {options.runs} runs:")
    for name, values in results.items():
        print(f"  {name:<16} {statistics.median(values):6.3f} s  (min {min(values):.3f}, max {max(values):.3f})")


if __name__ == "__main__":
    main()
