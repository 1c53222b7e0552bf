"""Accounts: users with roles, argon2id password hashes, login sessions and API tokens (stored hashed)."""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from medcite.domain import Role, User
from medcite.errors import InputError
from medcite.ports import UserRepository

SESSION_TTL_S = 8 * 3600
MIN_PASSWORD = 10
_USERNAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@-]{1,63}$")
_hasher = PasswordHasher()


def token_hash(token: str) -> str:
    """What is stored for a session or API token: its SHA-256 (the token itself is random, 256 bits)."""
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class AccountService:
    users: UserRepository

    def add_user(self, username: str, password: str, role: str, display_name: str = "") -> User:
        if not _USERNAME.match(username):
            raise InputError(
                "a username is 2-64 letters, digits or _ . @ - (starting with a letter or digit)"
            )
        if len(password) < MIN_PASSWORD:
            raise InputError(f"the password must have at least {MIN_PASSWORD} characters")
        try:
            r = Role(role)
        except ValueError:
            raise InputError(f"role must be one of {', '.join(Role)} (got {role!r})") from None
        return self.users.add(username, _hasher.hash(password), r, display_name or username)

    def authenticate(self, username: str, password: str) -> User | None:
        """The user if the password is right (an old hash is upgraded), else None."""
        found = self.users.credentials(username)
        if found is None:
            _hasher.hash(password)  # the same work for an unknown name: no timing oracle
            return None
        user, stored = found
        try:
            _hasher.verify(stored, password)
        except (VerificationError, InvalidHashError):
            return None
        if user.disabled:
            return None
        if _hasher.check_needs_rehash(stored):
            self.users.set_password_hash(user.id, _hasher.hash(password))
        return user

    def open_session(self, user: User) -> str:
        token = secrets.token_urlsafe(32)
        self.users.add_session(user.id, token_hash(token), SESSION_TTL_S)
        return token

    def session_user(self, token: str) -> User | None:
        return self.users.session_user(token_hash(token))

    def close_session(self, token: str) -> None:
        self.users.drop_session(token_hash(token))

    def new_api_token(self, user: User, name: str) -> str:
        token = "mc_" + secrets.token_urlsafe(32)
        self.users.add_token(user.id, name, token_hash(token))
        return token

    def token_user(self, token: str) -> User | None:
        return self.users.token_user(token_hash(token))
