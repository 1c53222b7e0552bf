"""Users, login sessions and API tokens in SQL: implements :class:`medcite.ports.UserRepository`."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, RowMapping, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from medcite.adapters.sql.articles import _iso
from medcite.adapters.sql.schema import api_tokens, sessions, users
from medcite.domain import Role, User
from medcite.errors import InputError


def _user(row: RowMapping) -> User:
    return User(
        id=str(row["id"]),
        username=str(row["username"]),
        role=Role(row["role"]),
        display_name=str(row["display_name"]),
        created_at=_iso(row["created_at"]),
        disabled=bool(row["disabled"]),
    )


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


class SqlUserRepository:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def add(self, username: str, password_hash: str, role: Role, display_name: str = "") -> User:
        uid = str(uuid.uuid4())
        now = datetime.now(UTC)
        values = {
            "id": uid,
            "username": username,
            "display_name": display_name,
            "role": role.value,
            "password_hash": password_hash,
            "disabled": False,
            "created_at": now,
        }
        try:
            with self.engine.begin() as conn:
                conn.execute(insert(users).values(**values))
        except IntegrityError as exc:
            raise InputError(f"the username {username!r} is taken") from exc
        return User(uid, username, role, display_name, _iso(now))

    def credentials(self, username: str) -> tuple[User, str] | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(users).where(users.c.username == username)).mappings().first()
        return (_user(row), str(row["password_hash"])) if row else None

    def get(self, user_id: str) -> User | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(users).where(users.c.id == user_id)).mappings().first()
        return _user(row) if row else None

    def set_password_hash(self, user_id: str, password_hash: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(users).where(users.c.id == user_id).values(password_hash=password_hash))

    def add_session(self, user_id: str, token_hash: str, ttl_s: int) -> None:
        now = datetime.now(UTC)
        row = {"token_hash": token_hash, "user_id": user_id, "created_at": now}
        with self.engine.begin() as conn:
            conn.execute(insert(sessions).values(**row, expires_at=now + timedelta(seconds=ttl_s)))

    def session_user(self, token_hash: str) -> User | None:
        query = (
            select(users, sessions.c.expires_at)
            .join(sessions, sessions.c.user_id == users.c.id)
            .where(sessions.c.token_hash == token_hash)
        )
        with self.engine.connect() as conn:
            row = conn.execute(query).mappings().first()
        if row is None or _aware(row["expires_at"]) <= datetime.now(UTC) or row["disabled"]:
            return None
        return _user(row)

    def drop_session(self, token_hash: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(sessions).where(sessions.c.token_hash == token_hash))

    def add_token(self, user_id: str, name: str, token_hash: str) -> None:
        now = datetime.now(UTC)
        with self.engine.begin() as conn:
            conn.execute(
                insert(api_tokens).values(token_hash=token_hash, user_id=user_id, name=name, created_at=now)
            )

    def token_user(self, token_hash: str) -> User | None:
        query = (
            select(users)
            .join(api_tokens, api_tokens.c.user_id == users.c.id)
            .where(api_tokens.c.token_hash == token_hash)
        )
        with self.engine.connect() as conn:
            row = conn.execute(query).mappings().first()
        return _user(row) if row is not None and not row["disabled"] else None
