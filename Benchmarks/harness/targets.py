"""What each server is asked, in the same words: the scenarios per target."""

POST_BODY = '{"name":"bench item","price":12.5}'

#: Scenario names in table order, with the label the table prints.
SCENARIOS = [
    ("get_by_id", "GET one by random id"),
    ("page_total", "GET page of 20 + total"),
    ("page_no_total", "GET page of 20, no total"),
    ("post", "POST one record"),
    ("latency_1conn", "1 connection, GET by id"),
    ("health_live", "GET /health/live"),
    ("static_json", "static JSON file"),
]


#: The authenticated path (issue 22): the same requests with a credential, on a table whose
#: every row belongs to a tenant (Loom: an organization; PocketBase: an owner rule; FastAPI: the
#: user's organization read by the session check). Measured on the `*-auth` targets.
AUTH_SCENARIOS = [
    ("auth_get_by_id", "GET one by id, access token"),
    ("key_get_by_id", "GET one by id, API key"),
    ("auth_page_total", "GET page of 20 + total, token"),
    ("auth_page_no_total", "GET page of 20, no total, token"),
    ("auth_post", "POST one record, token"),
]


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


def loom_auth(token, api_key):
    """benchauth: every request bound to the seeded organization, by its owner's token or a key."""
    public = loom()
    return {
        "auth_get_by_id": dict(public["get_by_id"], headers=bearer(token)),
        "key_get_by_id": dict(public["get_by_id"], headers={"X-API-Key": api_key}),
        "auth_page_total": dict(public["page_total"], headers=bearer(token)),
        "auth_page_no_total": dict(public["page_no_total"], headers=bearer(token)),
        "auth_post": dict(public["post"], headers=bearer(token)),
    }


def pocketbase_auth(ids_file, token, owner):
    """PocketBase's `owned` collection: list and view rule `owner = @request.auth.id`; a record
    names its owner, so the POST body carries it (the create rule checks it)."""
    records = "/api/collections/owned/records"
    body = POST_BODY[:-1] + f',"owner":"{owner}"}}'
    return {
        "auth_get_by_id": {"path": records + "/{id}", "ids_file": ids_file, "headers": bearer(token)},
        "auth_page_total": {"path": records + "?page={page}&perPage=20", "headers": bearer(token)},
        "auth_page_no_total": {"path": records + "?page={page}&perPage=20&skipTotal=1", "headers": bearer(token)},
        "auth_post": {"method": "POST", "path": records, "body": body, "headers": bearer(token)},
    }


def fastapi_auth(token):
    """The FastAPI peer with JWT verification and the tutorial's user lookup per request."""
    public = fastapi()
    return {
        "auth_get_by_id": dict(public["get_by_id"], headers=bearer(token)),
        "auth_page_total": dict(public["page_total"], headers=bearer(token)),
        "auth_page_no_total": dict(public["page_no_total"], headers=bearer(token)),
        "auth_post": dict(public["post"], headers=bearer(token)),
    }


def loom():
    return {
        "get_by_id": {"path": "/v1/items/{id}"},
        "page_total": {"path": "/v1/items?limit=20&offset={offset}"},
        "page_no_total": {"path": "/v1/items?limit=20&offset={offset}&count=none"},
        "post": {"method": "POST", "path": "/v1/items", "body": POST_BODY},
        "latency_1conn": {"path": "/v1/items/{id}", "connections": 1},
        "health_live": {"path": "/health/live"},
    }


def pocketbase(ids_file):
    records = "/api/collections/items/records"
    return {
        "get_by_id": {"path": records + "/{id}", "ids_file": ids_file},
        "page_total": {"path": records + "?page={page}&perPage=20"},
        "page_no_total": {"path": records + "?page={page}&perPage=20&skipTotal=1"},
        "post": {"method": "POST", "path": records, "body": POST_BODY},
        "latency_1conn": {"path": records + "/{id}", "ids_file": ids_file, "connections": 1},
    }


def fastapi():
    return {
        "get_by_id": {"path": "/v1/items/{id}"},
        "page_total": {"path": "/v1/items?limit=20&offset={offset}"},
        "page_no_total": {"path": "/v1/items?limit=20&offset={offset}&total=false"},
        "post": {"method": "POST", "path": "/v1/items", "body": POST_BODY},
        "latency_1conn": {"path": "/v1/items/{id}", "connections": 1},
    }


def nginx():
    return {
        "static_json": {"path": "/item.json"},
        "latency_1conn": {"path": "/item.json", "connections": 1},
    }


def concrete_path(scenario, first_id):
    """One real path of a scenario, for the correctness check before measuring."""
    return (
        scenario["path"].replace("{id}", first_id).replace("{offset}", "40").replace("{page}", "3")
    )
