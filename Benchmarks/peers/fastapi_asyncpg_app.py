"""The FastAPI peer of `Benchmarks/run --postgres`: the same endpoints as Loom's bench app over
a copy of the same PostgreSQL table, written the way the FastAPI and asyncpg documentation
teach (async endpoints, one asyncpg pool per worker opened in the lifespan, a Pydantic input
model, dict responses). Durability matches Loom: PostgreSQL's defaults (synchronous_commit on).

Run: BENCH_DATABASE_URL=postgresql://... uvicorn fastapi_asyncpg_app:app --workers N
"""

import os
from contextlib import asynccontextmanager
from datetime import datetime, timezone

import asyncpg
from fastapi import FastAPI, HTTPException, Query
from pydantic import BaseModel, Field

DATABASE_URL = os.environ["BENCH_DATABASE_URL"]
POOL_SIZE = int(os.environ.get("BENCH_POOL_SIZE", "10"))
COLUMNS = "id, name, price, created_at, updated_at"
state = {}


@asynccontextmanager
async def lifespan(_):
    state["pool"] = await asyncpg.create_pool(DATABASE_URL, min_size=POOL_SIZE, max_size=POOL_SIZE)
    yield
    await state["pool"].close()


app = FastAPI(lifespan=lifespan)


def timestamp(moment):
    """The same text Loom writes: UTC with milliseconds and a Z."""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def item(row):
    return {"id": row["id"], "name": row["name"], "price": row["price"],
            "created_at": timestamp(row["created_at"]), "updated_at": timestamp(row["updated_at"])}


class ItemIn(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    price: float = Field(ge=0, le=1_000_000)


@app.get("/health/live")
async def live():
    return {"status": "ok"}


@app.get("/v1/items/{item_id}")
async def get_item(item_id: int):
    row = await state["pool"].fetchrow(f"SELECT {COLUMNS} FROM items WHERE id = $1", item_id)
    if row is None:
        raise HTTPException(status_code=404, detail="not found")
    return item(row)


@app.get("/v1/items")
async def list_items(limit: int = Query(20, ge=1, le=100), offset: int = Query(0, ge=0), total: bool = True):
    async with state["pool"].acquire() as connection:
        if not total:
            rows = await connection.fetch(f"SELECT {COLUMNS} FROM items ORDER BY id LIMIT $1 OFFSET $2", limit, offset)
            return {"items": [item(row) for row in rows], "limit": limit, "offset": offset}
        # Page and count from one snapshot, as Loom reads them.
        async with connection.transaction(isolation="repeatable_read", readonly=True):
            rows = await connection.fetch(f"SELECT {COLUMNS} FROM items ORDER BY id LIMIT $1 OFFSET $2", limit, offset)
            count = await connection.fetchval("SELECT count(*) FROM items")
    return {"items": [item(row) for row in rows], "limit": limit, "offset": offset, "total": count}


@app.post("/v1/items", status_code=201)
async def create_item(body: ItemIn):
    now = datetime.now(timezone.utc)
    row = await state["pool"].fetchrow(
        f"INSERT INTO items (name, price, created_at, updated_at) VALUES ($1, $2, $3, $3) RETURNING {COLUMNS}",
        body.name, body.price, now,
    )
    return item(row)
