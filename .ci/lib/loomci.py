"""Shared pieces of Loom's CI tools (.ci/conformance, .ci/clients, .ci/durability).

Everything here drives the real `loom-server` binary as an operator would: it starts the server
on 127.0.0.1 on a free port with a fresh SQLite file or a fresh PostgreSQL schema, waits for
readiness, bootstraps real credentials through the CLI and the HTTP API, and stops it. No
traffic leaves the loopback interface.
"""

from __future__ import annotations

import base64
import json
import os
import re
import secrets
import shlex
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def log(message: str) -> None:
    """Progress on stderr, so stdout stays for results."""
    print(message, file=sys.stderr, flush=True)


def free_port() -> int:
    """A TCP port on 127.0.0.1 nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def app_config(app: str) -> dict:
    """`Schemas/<app>/app.json`: base path, error format and the auth section."""
    return json.loads((ROOT / "Schemas" / app / "app.json").read_text())


# Apps the tools do not drive yet, each with the reason; every other app of Schemas/ is covered.
NOT_YET_COVERED: dict[str, str] = {}


def camel(name: str) -> str:
    """`organization_id` as a camelCase app spells it: `organizationId`."""
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def snake(name: str) -> str:
    """`allowedCidrs[0]` back in Loom's canonical spelling: `allowed_cidrs[0]`."""
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()


class Contract:
    """What the tools need to know about an app's auth routes, read from its published OpenAPI
    document (`Generated/<App>/openapi.json`, the document the server serves) and the member
    renames of its `app.json`: where an operation lives and what its members are called. Apps
    that move routes (`auth.routes.<name>.path`), rename members or answer in camelCase are
    driven like the others; nothing here knows an app by name."""

    def __init__(self, app: str):
        self.app = app
        self.config = app_config(app)
        self.document = json.loads((ROOT / "Generated" / app.capitalize() / "openapi.json").read_text())
        self.operations: dict[str, tuple[str, str, dict]] = {}
        for path, item in self.document.get("paths", {}).items():
            for method, operation in item.items():
                if isinstance(operation, dict) and "operationId" in operation:
                    self.operations[operation["operationId"]] = (method.upper(), path, operation)

    def path(self, operation_id: str) -> str:
        """The path of `operation_id` (`authSignup` → `/api/accounts/register`)."""
        if operation_id not in self.operations:
            raise RuntimeError(f"{self.app}: the document has no operation {operation_id}")
        return self.operations[operation_id][1]

    def has(self, operation_id: str) -> bool:
        return operation_id in self.operations

    def paths(self, operation_id: str) -> list[str]:
        """The path of `operation_id` and those of its aliases (operations `<id>Alias<n>`, which
        answer the same: `authUpdateProfile` → `/api/v1/end-users/me`, `/api/user/me`)."""
        alias = re.compile(re.escape(operation_id) + r"Alias\d+")
        return [self.path(operation_id)] + [path for name, (_, path, _) in sorted(self.operations.items()) if alias.fullmatch(name)]

    def request_members(self, operation_id: str) -> set[str]:
        """The members of the operation's JSON request body."""
        schema = self.operations[operation_id][2].get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema", {})
        if "$ref" in schema:
            schema = self.document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
        return set(schema.get("properties", {}))

    def body(self, operation_id: str, values: dict, renames: dict[str, str] | None = None) -> dict:
        """`values` (canonical snake_case members) spelled as the operation's request body
        declares them: an explicit rename of app.json first, then the app's naming."""
        members = self.request_members(operation_id)
        body = {}
        for name, value in values.items():
            candidates = [(renames or {}).get(name), name, camel(name)]
            spelled = next((candidate for candidate in candidates if candidate and candidate in members), None)
            if spelled is None:
                raise RuntimeError(f"{self.app}: {operation_id} has no member for {name} (members: {sorted(members)})")
            body[spelled] = value
        return body

    def auth_renames(self, route: str) -> dict[str, str]:
        """`auth.routes.<route>.members` of app.json."""
        declared = self.config.get("auth", {}).get("routes", {}).get(route)
        return declared.get("members", {}) if isinstance(declared, dict) else {}

    def platform_renames(self, route: str) -> dict[str, str]:
        """`auth.platformAdmins.routes.<route>.members` of app.json."""
        declared = self.config.get("auth", {}).get("platformAdmins", {}).get("routes", {}).get(route)
        return declared.get("members", {}) if isinstance(declared, dict) else {}


def member(answer: dict, name: str):
    """Member `name` of an answer, in snake_case or camelCase; `KeyError` when absent."""
    for spelled in (name, camel(name)):
        if spelled in answer:
            return answer[spelled]
    raise KeyError(f"{name} not in {sorted(answer)}")


def family_answer(app: str, family: str, answer: dict) -> dict:
    """A single answer of a route family that is not a table (`apiKeys`) without the app's record
    envelope, when `envelopes.families` names the family (`{"data": {...}}` → `{...}`)."""
    envelopes = app_config(app).get("envelopes", {})
    wrap = envelopes.get("record", {}).get("wrap")
    return answer[wrap] if wrap and family in envelopes.get("families", []) else answer


def member_name(answer: dict, name: str) -> str:
    """How the answer spells member `name`."""
    return name if name in answer else camel(name)


def app_names() -> list[str]:
    """Every app of the project (a directory of Schemas/ with an app.json) but those in
    NOT_YET_COVERED, which are named on stderr so they are never skipped silently."""
    names = sorted(path.parent.name for path in (ROOT / "Schemas").glob("*/app.json"))
    for name in names:
        if name in NOT_YET_COVERED:
            print(f"note: {name} is not covered yet: {NOT_YET_COVERED[name]}", file=sys.stderr)
    return [name for name in names if name not in NOT_YET_COVERED]


def python_client(app: str, directory: Path) -> Path:
    """Generates `<app>_client` with openapi-python-client from the app's published document into
    `directory` (put it on PYTHONPATH); fails on any warning."""
    document = ROOT / "Generated" / app.capitalize() / "openapi.json"
    package = directory / f"{app}_client"
    result = subprocess.run(["openapi-python-client", "generate", "--path", str(document), "--output-path", str(package),
                             "--meta", "none"], capture_output=True, text=True)
    output = result.stdout + result.stderr
    if result.returncode != 0 or "warning" in output.lower():
        raise SystemExit(f"openapi-python-client on {app}: exit {result.returncode}\n{output}")
    return package


def build_options(configuration: str = "debug") -> list[str]:
    """The options of every debug `swift build` in this checkout: `.ci/run` builds its one debug
    tree with `--enable-code-coverage` and says so in LOOM_CI_BUILD_OPTIONS; a build without them
    would recompile every module."""
    return shlex.split(os.environ.get("LOOM_CI_BUILD_OPTIONS", "")) if configuration == "debug" else []


def built_product(product: str, configuration: str = "debug") -> Path:
    """Builds `product` (incrementally, with `build_options`) and returns its path."""
    options = ["-c", configuration, *build_options(configuration)]
    subprocess.run(["swift", "build", *options, "--product", product], cwd=ROOT, check=True, stdout=sys.stderr)
    bin_path = subprocess.run(["swift", "build", *options, "--show-bin-path"], cwd=ROOT, check=True,
                              capture_output=True, text=True).stdout.strip()
    return Path(bin_path) / product


def server_binary(configuration: str = "debug") -> Path:
    """Builds `loom-server` and returns its path."""
    return built_product("loom-server", configuration)


@dataclass
class Response:
    """One HTTP answer: status, headers (lower-cased names) and the raw body."""

    status: int
    headers: dict[str, str]
    body: bytes

    def json(self):
        return json.loads(self.body) if self.body else None


def request(method: str, url: str, body=None, headers: dict[str, str] | None = None, timeout: float = 30) -> Response:
    """Sends one request (a JSON body when `body` is not bytes) and returns the answer, 4xx/5xx included."""
    data = body if body is None or isinstance(body, bytes) else json.dumps(body).encode()
    all_headers = {"Content-Type": "application/json"} if data is not None else {}
    all_headers.update(headers or {})
    req = urllib.request.Request(url, data=data, method=method, headers=all_headers)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as answer:
            return Response(answer.status, {k.lower(): v for k, v in answer.headers.items()}, answer.read())
    except urllib.error.HTTPError as error:
        return Response(error.code, {k.lower(): v for k, v in error.headers.items()}, error.read())


@dataclass
class Database:
    """Where one server keeps its data: a SQLite file, or a schema of the PostgreSQL server
    named by `LOOM_TEST_DATABASE_URL` (created here, dropped by `drop()`)."""

    engine: str
    directory: Path
    url: str | None = None
    schema: str | None = None

    @staticmethod
    def fresh(engine: str, name: str) -> "Database":
        directory = Path(tempfile.mkdtemp(prefix=f"loom-{name}-"))
        if engine == "sqlite":
            return Database("sqlite", directory)
        base = os.environ.get("LOOM_TEST_DATABASE_URL")
        if not base:
            raise SystemExit("PostgreSQL runs need LOOM_TEST_DATABASE_URL (run under .ci/with-postgres)")
        schema = f"ci_{name}_{secrets.token_hex(4)}"
        psql(base, f"CREATE SCHEMA {schema}")
        separator = "&" if "?" in base else "?"
        return Database("postgres", directory, f"{base}{separator}schema={schema}&pool_size=10", schema)

    @property
    def arguments(self) -> list[str]:
        """The `loom-server` options selecting this database."""
        if self.engine == "sqlite":
            return ["--database-path", str(self.directory / "app.sqlite")]
        return ["--database-url", self.url]

    def drop(self) -> None:
        if self.schema:
            psql(os.environ["LOOM_TEST_DATABASE_URL"], f"DROP SCHEMA IF EXISTS {self.schema} CASCADE")


def psql(url: str, sql: str) -> str:
    """Runs one statement with psql against `url` and returns its unaligned output."""
    return subprocess.run(["psql", url, "-v", "ON_ERROR_STOP=1", "-qAt", "-c", sql], check=True,
                          capture_output=True, text=True).stdout


def incoming_webhook_secret_variables(app: str) -> list[str]:
    """The `webhook.secretEnv` of every endpoint file of `app`."""
    directory = ROOT / "Schemas" / app / "endpoints"
    files = sorted(directory.glob("*.json")) if directory.is_dir() else []
    return [webhook["secretEnv"] for file in files if (webhook := json.loads(file.read_text()).get("webhook"))]


@dataclass
class Server:
    """A running `loom-server serve` of one app."""

    binary: Path
    app: str
    database: Database
    port: int = field(default_factory=free_port)
    extra_environment: dict[str, str] = field(default_factory=dict)
    extra_arguments: list[str] = field(default_factory=list)
    runner: list[str] = field(default_factory=list)  # a command the server runs under (`setpriv ...`)
    process: subprocess.Popen | None = None
    log_path: Path | None = None

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def base(self) -> str:
        """Origin plus the app's base path (`/v1`)."""
        return self.origin + app_config(self.app).get("basePath", "/v1")

    @property
    def environment(self) -> dict[str, str]:
        """The process environment: the app's signing secret (fixed per database, so restarts
        keep tokens valid) and the extra variables."""
        environment = dict(os.environ)
        environment.pop("DATABASE_URL", None)
        auth = app_config(self.app).get("auth")
        if auth:
            secret_file = self.database.directory / "jwt-secret"
            if not secret_file.exists():
                secret_file.write_text(secrets.token_urlsafe(48))
            environment[auth["tokens"]["secretVariable"]] = secret_file.read_text()
        for variable in incoming_webhook_secret_variables(self.app):
            # `serve` refuses to start without the secret of an endpoint declaring `webhook`; it is
            # kept in this process's environment so journeys (children of it) can sign messages.
            os.environ.setdefault(variable, "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode())
            environment[variable] = os.environ[variable]
        environment.update(self.extra_environment)
        return environment

    def command(self, *arguments: str) -> str:
        """Runs a `loom-server` subcommand (`create-admin`, `set-role`) on this server's database."""
        result = subprocess.run([str(self.binary), *arguments, "--app", self.app, *self.database.arguments],
                                env=self.environment, capture_output=True, text=True)
        if result.returncode != 0:
            raise RuntimeError(f"loom-server {' '.join(arguments[:1])} failed: {result.stderr}{result.stdout}")
        return result.stdout

    def start(self, wait: float = 60) -> "Server":
        self.log_path = self.database.directory / f"server-{self.port}.log"
        output = open(self.log_path, "ab")
        self.process = subprocess.Popen(
            [*self.runner, str(self.binary), "serve", "--app", self.app, "--port", str(self.port), "--log-level", "warning",
             *self.database.arguments, *self.extra_arguments],
            env=self.environment, stdout=output, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"loom-server exited with {self.process.returncode}: {self.log_tail()}")
            try:
                if request("GET", self.origin + "/health/ready", timeout=2).status == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"loom-server did not become ready in {wait} s: {self.log_tail()}")

    def stop(self, timeout: float = 30) -> float:
        """SIGTERM, then waits; returns the seconds shutdown took. Kills and raises past `timeout`."""
        if not self.process or self.process.poll() is not None:
            return 0.0
        started = time.monotonic()
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise RuntimeError(f"loom-server did not stop within {timeout} s of SIGTERM")
        return time.monotonic() - started

    def kill(self) -> None:
        """kill -9: no shutdown, no flush; what a crash or power loss looks like to the process."""
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def log_tail(self, lines: int = 30) -> str:
        if not self.log_path or not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])


@dataclass
class Credentials:
    """What a client of one app signs in with, bootstrapped by `bootstrap`, and how it signs in
    again: the login route, its body and the answer member holding the token, each as the app's
    document spells them (schemathesis logs in with them whenever a token ends)."""

    email: str | None = None
    password: str | None = None
    organization_id: str | None = None
    access_token: str | None = None
    api_key: str | None = None
    # The id of the run's own API key, kept out of generated writes like the account's id.
    api_key_id: str | None = None
    platform_email: str | None = None
    platform_password: str | None = None
    platform_token: str | None = None
    login_path: str | None = None
    login_body: dict = field(default_factory=dict)
    token_member: str = "access_token"
    platform_login_path: str | None = None
    platform_login_body: dict = field(default_factory=dict)
    platform_token_member: str = "access_token"


def bootstrap(server: Server) -> Credentials:
    """Creates real credentials for the app behind `server`: a platform admin (CLI), an account
    with the app's top role (sign-up, plus `set-role` when sign-up hands out a lesser role), an
    organization it owns when the app has organizations, an access token bound to it, and an
    API key with every scope. Routes and members come from the app's `Contract`."""
    auth = app_config(server.app).get("auth")
    credentials = Credentials()
    if not auth:
        return credentials
    contract = Contract(server.app)
    credentials.email = f"owner-{secrets.token_hex(3)}@example.com"
    credentials.password = "correct horse battery staple"
    signup = {"email": credentials.email, "password": credentials.password, "name": "CI Owner"}
    # A bound credential holds its organization role's scopes; where an organization's owner
    # holds none (b2b: its organizations confer no access), the account's own token is the credential.
    bound = bool(auth.get("organizationRoles", {}).get("owner"))
    if bound:
        signup.update(organization_name="CI Organization", organization_slug=f"ci-{secrets.token_hex(3)}")
    answer = request("POST", server.origin + contract.path("authSignup"),
                     contract.body("authSignup", signup, contract.auth_renames("signup")))
    # 200 or 201 with tokens (the document says which), or 202 with no body for an app whose
    # sign-up reveals no account (`auth.signup.answer: "accepted"`); the account then logs in either way.
    if answer.status not in (200, 201, 202):
        raise RuntimeError(f"sign-up failed: {answer.status} {answer.body!r}")
    # The role holding every scope; an app with none (auctoritas: app roles are an end user's)
    # keeps the sign-up role, and its organization owner's bound token holds the rest.
    top_role = next((name for name, scopes in auth["roles"].items() if "*" in scopes), auth.get("defaultRole"))
    if auth.get("defaultRole") != top_role:
        server.command("set-role", credentials.email, top_role)
    login = {"email": credentials.email, "password": credentials.password}
    if bound:
        token = member(answer.json(), "access_token") if answer.status in (200, 201) else member(
            request("POST", server.origin + contract.path("authLogin"),
                    contract.body("authLogin", login, contract.auth_renames("login"))).json(), "access_token")
        identity = request("GET", server.origin + contract.path("authIdentity"),
                           headers={"Authorization": f"Bearer {token}"}).json()
        credentials.organization_id = member(identity, "organization_id")
        login["organization_id"] = credentials.organization_id
    credentials.login_path = contract.path("authLogin")
    credentials.login_body = contract.body("authLogin", login, contract.auth_renames("login"))
    answer = request("POST", server.origin + credentials.login_path, credentials.login_body)
    if answer.status != 200:
        raise RuntimeError(f"login failed: {answer.status} {answer.body!r}")
    credentials.token_member = member_name(answer.json(), "access_token")
    credentials.access_token = answer.json()[credentials.token_member]
    if "apiKeys" in auth:
        key = {"name": "ci", "environment": next(iter(auth["apiKeys"]["prefixes"])), "scopes": ["*"]}
        answer = request("POST", server.origin + contract.path("authCreateAPIKey"), contract.body("authCreateAPIKey", key),
                         {"Authorization": f"Bearer {credentials.access_token}"})
        if answer.status != 201:
            raise RuntimeError(f"API key creation failed: {answer.status} {answer.body!r}")
        credentials.api_key = member(family_answer(server.app, "apiKeys", answer.json()), "key")
        credentials.api_key_id = member(family_answer(server.app, "apiKeys", answer.json()), "id")
    if auth.get("platformAdmins") is not None:
        credentials.platform_email = f"admin-{secrets.token_hex(3)}@example.com"
        credentials.platform_password = "correct horse battery staple"
        server.command("create-admin", credentials.platform_email, credentials.platform_password, "CI Admin")
        credentials.platform_login_path = contract.path("platformLogin")
        credentials.platform_login_body = contract.body(
            "platformLogin", {"email": credentials.platform_email, "password": credentials.platform_password},
            contract.platform_renames("login"))
        answer = request("POST", server.origin + credentials.platform_login_path, credentials.platform_login_body)
        if answer.status != 200:
            raise RuntimeError(f"platform login failed: {answer.status} {answer.body!r}")
        credentials.platform_token_member = member_name(answer.json(), "access_token")
        credentials.platform_token = answer.json()[credentials.platform_token_member]
    return credentials


# Apps whose journey must exercise every operation of their document (`.ci/clients` fails below it).
FULL_ENDPOINT_COVERAGE = {"sovrium", "stationthis"}

_ACCESS_LINE = re.compile(r'"method":"([A-Z]+)","route":"([^"]*)"|\bmethod=([A-Z]+) route=("(?:[^"\\]|\\.)*"|\S+)')


@dataclass
class EndpointCoverage:
    """Which operations of an app's published document (`Generated/<App>/openapi.json`: method and
    path template, each alias its own operation) a run exercised. The server's access log names
    each request's route template (apps with an `accessLog` section); for other apps the journey's
    own record of what its generated client sent (`journey.py`, `LOOM_REQUEST_LOG`) is matched
    against the templates, a literal segment winning over a parameter (`/points/balance` is not
    `/points/{id}`). Parameter names do not matter (`/user/apikeys/{prefix}` is the route
    `/user/apikeys/{id}`), and a document whose server URL carries a path has it put in front."""

    app: str
    operations: dict[tuple[str, str], str] = field(default_factory=dict)  # (METHOD, normalized template) → operation id
    exercised: set[str] = field(default_factory=set)
    source: str = ""

    def __post_init__(self):
        contract = Contract(self.app)
        prefix = ""
        servers = contract.document.get("servers") or []
        if servers and "{" not in urllib.parse.urlsplit(servers[0].get("url", "")).path:
            prefix = urllib.parse.urlsplit(servers[0]["url"]).path.rstrip("/")
        for operation_id, (method, path, _) in contract.operations.items():
            self.operations[(method, self.normalized(prefix + path))] = operation_id

    @staticmethod
    def normalized(template: str) -> str:
        """`/api/v1/user/apikeys/{prefix}` and `/api/v1/user/apikeys/:id` → `/api/v1/user/apikeys/{}`."""
        parts = [part for part in template.split("?")[0].split("/") if part]
        return "/" + "/".join("{}" if part.startswith(("{", ":")) else part for part in parts)

    def add_access_log(self, text: str) -> None:
        """Counts the route template of every access log line in `text` (JSON or text format)."""
        for match in _ACCESS_LINE.finditer(text):
            method = match.group(1) or match.group(3)
            route = match.group(2) if match.group(1) else match.group(4)
            if route.startswith('"'):
                route = json.loads(route)
            operation = self.operations.get((method, self.normalized(route)))
            if operation:
                self.exercised.add(operation)
        self.source = "the server's access log"

    def add_requests(self, lines: list[str]) -> None:
        """Counts requests recorded as JSON lines `{"method", "path"}` by matching each concrete path."""
        for line in lines:
            if line.strip():
                sent = json.loads(line)
                operation = self.match(sent["method"], sent["path"])
                if operation:
                    self.exercised.add(operation)
        self.source = "the journey's requests"

    def match(self, method: str, path: str) -> str | None:
        """The operation whose template fits `path` best: most literal segments, then first declared."""
        parts = self.normalized(path).strip("/").split("/")
        best, best_literals = None, -1
        for (declared_method, template), operation in self.operations.items():
            segments = template.strip("/").split("/")
            if declared_method != method or len(segments) != len(parts):
                continue
            if all(segment == "{}" or segment == part for segment, part in zip(segments, parts)):
                literals = sum(segment != "{}" for segment in segments)
                if literals > best_literals:
                    best, best_literals = operation, literals
        return best

    @property
    def missing(self) -> list[str]:
        return sorted(f"{operation} ({method} {template})" for (method, template), operation in self.operations.items()
                      if operation not in self.exercised)

    def line(self) -> str:
        total, missing = len(self.operations), self.missing
        text = f"endpoint coverage: {self.app}: {total - len(missing)} of {total} operations exercised (from {self.source})"
        return text + ("; not exercised: " + ", ".join(missing) if missing else "")
