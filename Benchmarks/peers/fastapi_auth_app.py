"""The authenticated FastAPI peer: fastapi_app's endpoints behind the FastAPI security tutorial
("OAuth2 with Password (and hashing), Bearer with JWT tokens"): `OAuth2PasswordBearer`, the
token verified with PyJWT (HS256), the user read from the database on every request
(`get_user`) and refused when disabled (`get_current_active_user`); every statement carries the
user's organization, as Loom's tenant condition does. Over a copy of benchauth's seeded file.

Run: BENCH_DATABASE=/path/bench.sqlite BENCH_JWT_SECRET=... uvicorn fastapi_auth_app:app --workers N
"""

import os
from datetime import datetime, timezone
from typing import Annotated

import jwt
from fastapi import Depends, FastAPI, HTTPException, Query, status
from fastapi.security import OAuth2PasswordBearer
from jwt.exceptions import InvalidTokenError
from pydantic import BaseModel

# The public peer's connection per worker thread (WAL, synchronous=FULL, as Loom), column list
# and input model, over the same BENCH_DATABASE.
from fastapi_app import COLUMNS, ItemIn, connection

SECRET_KEY = os.environ["BENCH_JWT_SECRET"]
ALGORITHM = "HS256"
app = FastAPI()
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token")


class User(BaseModel):
    username: str
    organization_id: str
    disabled: bool


def get_user(username: str):
    row = connection().execute(
        "SELECT username, organization_id, disabled FROM bench_users WHERE username = ?", (username,)).fetchone()
    return User(**dict(row)) if row else None


def get_current_user(token: Annotated[str, Depends(oauth2_scheme)]) -> User:
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
    user = get_user(username)
    if user is None:
        raise credentials_exception
    return user


def get_current_active_user(current_user: Annotated[User, Depends(get_current_user)]) -> User:
    if current_user.disabled:
        raise HTTPException(status_code=400, detail="Inactive user")
    return current_user


CurrentUser = Annotated[User, Depends(get_current_active_user)]


@app.get("/health/live")
def live():
    return {"status": "ok"}


@app.get("/v1/items/{item_id}")
def get_item(item_id: int, user: CurrentUser):
    row = connection().execute(f"SELECT {COLUMNS} FROM items WHERE id = ? AND organization_id = ?",
                               (item_id, user.organization_id)).fetchone()
    if row is None:
        raise HTTPException(status_code=404, detail="not found")
    return dict(row)


@app.get("/v1/items")
def list_items(user: CurrentUser, limit: int = Query(20, ge=1, le=100), offset: int = Query(0, ge=0), total: bool = True):
    db = connection()
    db.execute("BEGIN")
    try:
        rows = db.execute(f"SELECT {COLUMNS} FROM items WHERE organization_id = ? ORDER BY id LIMIT ? OFFSET ?",
                          (user.organization_id, limit, offset)).fetchall()
        page = {"items": [dict(row) for row in rows], "limit": limit, "offset": offset}
        if total:
            page["total"] = db.execute("SELECT count(*) FROM items WHERE organization_id = ?",
                                       (user.organization_id,)).fetchone()[0]
    finally:
        db.execute("COMMIT")
    return page


@app.post("/v1/items", status_code=201)
def create_item(item: ItemIn, user: CurrentUser):
    now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
    row = connection().execute(
        f"INSERT INTO items (name, price, organization_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?) RETURNING {COLUMNS}",
        (item.name, item.price, user.organization_id, now, now),
    ).fetchall()[0]  # fetchall steps the statement to its end, so autocommit commits it here
    return dict(row)
