"""The authenticated FastAPI peer on PostgreSQL: fastapi_asyncpg_app's endpoints behind the FastAPI
security tutorial ("OAuth2 with Password (and hashing), Bearer with JWT tokens"), as
fastapi_auth_app does on SQLite: `OAuth2PasswordBearer`, PyJWT (HS256), the user read from the
database on every request and refused when disabled; every statement carries the user's
organization, as Loom's tenant condition does. Over a copy of benchauth's seeded database.

Run: BENCH_DATABASE_URL=postgresql://... BENCH_JWT_SECRET=... uvicorn fastapi_asyncpg_auth_app:app --workers N
"""

import os
from datetime import datetime, timezone
from typing import Annotated

import jwt
from fastapi import Depends, FastAPI, HTTPException, Query, status
from fastapi.security import OAuth2PasswordBearer
from jwt.exceptions import InvalidTokenError
from pydantic import BaseModel

# The public PostgreSQL peer's pool (opened in the lifespan), row shape and input model.
from fastapi_asyncpg_app import COLUMNS, ItemIn, item, lifespan, state

SECRET_KEY = os.environ["BENCH_JWT_SECRET"]
ALGORITHM = "HS256"
app = FastAPI(lifespan=lifespan)
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token")


class User(BaseModel):
    username: str
    organization_id: str
    disabled: bool


async def get_user(username: str):
    row = await state["pool"].fetchrow(
        "SELECT username, organization_id, disabled FROM bench_users WHERE username = $1", username)
    return User(**dict(row)) if row else None


async def get_current_user(token: Annotated[str, Depends(oauth2_scheme)]) -> User:
    credentials_exception = HTTPException(
        status_code=status.HTTP_401_UNAUTHORIZED,
        detail="Could not validate credentials",
        headers={"WWW-Authenticate": "Bearer"},
    )
    try:
        payload = jwt.decode(token, SECRET_KEY, algorithms=[ALGORITHM])
        username = payload.get("sub")
        if username is None:
            raise credentials_exception
    except InvalidTokenError:
        raise credentials_exception
    user = await get_user(username)
    if user is None:
        raise credentials_exception
    return user


async def get_current_active_user(current_user: Annotated[User, Depends(get_current_user)]) -> User:
    if current_user.disabled:
        raise HTTPException(status_code=400, detail="Inactive user")
    return current_user


CurrentUser = Annotated[User, Depends(get_current_active_user)]


@app.get("/health/live")
async def live():
    return {"status": "ok"}


@app.get("/v1/items/{item_id}")
async def get_item(item_id: int, user: CurrentUser):
    row = await state["pool"].fetchrow(f"SELECT {COLUMNS} FROM items WHERE id = $1 AND organization_id = $2",
                                       item_id, user.organization_id)
    if row is None:
        raise HTTPException(status_code=404, detail="not found")
    return item(row)


@app.get("/v1/items")
async def list_items(user: CurrentUser, limit: int = Query(20, ge=1, le=100), offset: int = Query(0, ge=0), total: bool = True):
    organization = user.organization_id
    async with state["pool"].acquire() as connection:
        if not total:
            rows = await connection.fetch(
                f"SELECT {COLUMNS} FROM items WHERE organization_id = $1 ORDER BY id LIMIT $2 OFFSET $3", organization, limit, offset)
            return {"items": [item(row) for row in rows], "limit": limit, "offset": offset}
        # Page and count from one snapshot, as Loom reads them.
        async with connection.transaction(isolation="repeatable_read", readonly=True):
            rows = await connection.fetch(
                f"SELECT {COLUMNS} FROM items WHERE organization_id = $1 ORDER BY id LIMIT $2 OFFSET $3", organization, limit, offset)
            count = await connection.fetchval("SELECT count(*) FROM items WHERE organization_id = $1", organization)
    return {"items": [item(row) for row in rows], "limit": limit, "offset": offset, "total": count}


@app.post("/v1/items", status_code=201)
async def create_item(body: ItemIn, user: CurrentUser):
    now = datetime.now(timezone.utc)
    row = await state["pool"].fetchrow(
        f"INSERT INTO items (name, price, organization_id, created_at, updated_at) VALUES ($1, $2, $3, $4, $4) RETURNING {COLUMNS}",
        body.name, body.price, user.organization_id, now,
    )
    return item(row)
