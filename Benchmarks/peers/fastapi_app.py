"""The FastAPI peer: the same endpoints as Loom's bench app, over a copy of the same SQLite
file, written the way the FastAPI documentation teaches (sync endpoints on the thread pool,
Pydantic input model, dict responses). Durability matches Loom: WAL and synchronous=FULL.

Run: BENCH_DATABASE=/path/items.sqlite uvicorn fastapi_app:app --workers N
"""

import os
import sqlite3
import threading
from datetime import datetime, timezone

from fastapi import FastAPI, HTTPException, Query
from pydantic import BaseModel, Field

DATABASE = os.environ["BENCH_DATABASE"]
COLUMNS = "id, name, price, created_at, updated_at"
app = FastAPI()
_local = threading.local()


def connection():
    """One connection per worker thread, opened on first use."""
    if not hasattr(_local, "connection"):
        db = sqlite3.connect(DATABASE, isolation_level=None, check_same_thread=False)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=FULL")
        db.execute("PRAGMA busy_timeout=5000")
        db.row_factory = sqlite3.Row
        _local.connection = db
    return _local.connection


class ItemIn(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    price: float = Field(ge=0, le=1_000_000)


@app.get("/health/live")
def live():
    return {"status": "ok"}


@app.get("/v1/items/{item_id}")
def get_item(item_id: int):
    row = connection().execute(f"SELECT {COLUMNS} FROM items WHERE id = ?", (item_id,)).fetchone()
    if row is None:
        raise HTTPException(status_code=404, detail="not found")
    return dict(row)


@app.get("/v1/items")
def list_items(limit: int = Query(20, ge=1, le=100), offset: int = Query(0, ge=0), total: bool = True):
    db = connection()
    db.execute("BEGIN")
    try:
        rows = db.execute(f"SELECT {COLUMNS} FROM items ORDER BY id LIMIT ? OFFSET ?", (limit, offset)).fetchall()
        page = {"items": [dict(row) for row in rows], "limit": limit, "offset": offset}
        if total:
            page["total"] = db.execute("SELECT count(*) FROM items").fetchone()[0]
    finally:
        db.execute("COMMIT")
    return page


@app.post("/v1/items", status_code=201)
def create_item(item: ItemIn):
    now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
    row = connection().execute(
        f"INSERT INTO items (name, price, created_at, updated_at) VALUES (?, ?, ?, ?) RETURNING {COLUMNS}",
        (item.name, item.price, now, now),
    ).fetchall()[0]  # fetchall steps the statement to its end, so autocommit commits it here
    return dict(row)
