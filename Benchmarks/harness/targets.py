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
