"""Starting and stopping the servers under test, each on loopback, each logging only to a file
in the scratch folder (request logs off: writing them would be measured too)."""

import collections
import os
import shutil
import signal
import subprocess
import time
import urllib.error
import urllib.request


class Server:
    """One running server process (or process group, for uvicorn with workers)."""

    def __init__(self, name, command, url, health_path, log_path, environment=None, cwd=None):
        self.name = name
        self.url = url
        self.log_path = log_path
        log = open(log_path, "ab")
        self.process = subprocess.Popen(
            command, stdout=log, stderr=subprocess.STDOUT, env=environment, cwd=cwd, start_new_session=True
        )
        log.close()
        wait_for(url + health_path, self.process, name, log_path)

    def stop(self):
        """Stops the whole process group this server started, and waits for it."""
        if self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def wait_for(url, process, name, log_path, timeout=60):
    """Polls `url` until it answers 2xx; fails with the server's log when it exits or times out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if 200 <= response.status < 300:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    with open(log_path, errors="replace") as log:
        tail = log.read()[-2000:]
    raise RuntimeError(f"{name} did not become ready at {url}:\n{tail}")


def request_json(method, url, body=None, token=None):
    """A small JSON HTTP call for setting servers up (not for measuring)."""
    import json

    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", token)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            text = response.read()
            return response.status, (json.loads(text) if text else None)
    except urllib.error.HTTPError as error:
        raise RuntimeError(f"{method} {url} answered {error.code}: {error.read()[:500]!r}") from None


def _nginx(name, root, port, workers, locations, ready_path, http_extra=""):
    """nginx under `root` on 127.0.0.1:`port` with the given `location` blocks, started and
    waited for at `ready_path`. Access logs are off unless a location turns its own on."""
    os.makedirs(os.path.join(root, "logs"), exist_ok=True)
    user = "user root root;\n" if os.geteuid() == 0 else ""
    config = os.path.join(root, "nginx.conf")
    with open(config, "w") as conf:
        conf.write(
            f"""{user}worker_processes {workers};
daemon off;
pid {root}/nginx.pid;
error_log {root}/logs/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
{http_extra}    client_body_temp_path {root}/body;
    proxy_temp_path {root}/proxy;
    fastcgi_temp_path {root}/fastcgi;
    uwsgi_temp_path {root}/uwsgi;
    scgi_temp_path {root}/scgi;
    keepalive_requests 1000000;
    server {{
        listen 127.0.0.1:{port};
{locations}    }}
}}
"""
        )
    return Server(name, ["nginx", "-p", root, "-c", config], f"http://127.0.0.1:{port}", ready_path,
                  os.path.join(root, "logs", "stdout.log"))


def start_nginx(work, port):
    """nginx serving one small static JSON file: the ceiling for a tiny HTTP response here."""
    root = os.path.join(work, "nginx")
    os.makedirs(root, exist_ok=True)
    with open(os.path.join(root, "item.json"), "w") as item:
        item.write('{"id":1,"name":"item 1","price":12.5,"created_at":"2026-01-01T00:00:00.000Z","updated_at":"2026-01-01T00:00:00.000Z"}')
    location = f"        location = /item.json {{ root {root}; default_type application/json; }}\n"
    return _nginx("nginx", root, port, "auto", location, "/item.json")


def start_webhook_receiver(work, port):
    """nginx answering 204 to every POST /hook and logging its arrival time, one line each: a
    receiver fast enough that the deliveries it counts measure Loom's outbox, not the receiver."""
    root = os.path.join(work, "receiver")
    shutil.rmtree(root, ignore_errors=True)
    locations = (f"        location = /hook {{ access_log {root}/logs/hooks.log arrival; return 204; }}\n"
                 "        location = /ready { return 200 \"ready\"; }\n")
    server = _nginx("webhook-receiver", root, port, 1, locations, "/ready", http_extra="    log_format arrival '$msec';\n")
    server.hooks_log = os.path.join(root, "logs", "hooks.log")
    return server


def deliveries(hooks_log, settle=2.0, timeout=180.0):
    """Waits until the receiver's log stops growing for `settle` seconds (the outbox drained),
    then returns how many deliveries arrived, over how many seconds with at least one arrival
    (deliveries keep pace with the POST runs, so the span from the first to the last mostly
    measures the other targets' runs in between), their rate over those seconds, and the
    busiest second."""
    def arrivals():
        try:
            with open(hooks_log) as log:
                return [float(line) for line in log if line.strip()]
        except FileNotFoundError:
            return []

    deadline = time.monotonic() + timeout
    seen, quiet_since = -1, time.monotonic()
    while time.monotonic() < deadline:
        count = len(arrivals())
        if count != seen:
            seen, quiet_since = count, time.monotonic()
        elif time.monotonic() - quiet_since >= settle:
            break
        time.sleep(0.2)
    times = arrivals()
    per_second = collections.Counter(int(moment) for moment in times)
    return {"delivered": len(times), "active_seconds": len(per_second),
            "per_active_second": round(len(times) / len(per_second), 1) if per_second else None,
            "busiest_second": max(per_second.values(), default=0)}
