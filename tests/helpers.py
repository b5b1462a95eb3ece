"""Helpers for web tests: accounts of each role, signing in with a real CSRF token, a small bank."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import event

from quizapp.extensions import db
from quizapp.services.users import create_user

PASSWORD = "a long enough password"
ROLES = ("student", "instructor", "admin")
HISTORY_TEXT = """Dzerzhinsky and the Cheka

The Cheka was established in December 1917 by the Soviet government in Petrograd. Felix Dzerzhinsky, a Polish intellectual, led the Cheka until his death in 1926. In 1922 the Cheka was reorganized as the State Political Administration, or GPU.

Dzerzhinsky's successor, Vyacheslav Menzhinsky, was not originally part of Stalin's faction. In 1934 Genrikh Yagoda became head of the secret police, and 1,966 delegates attended the Seventeenth Congress in Moscow. Sergei Kirov was assassinated in Leningrad in December 1934.
"""


def make_users() -> dict[str, object]:
    """One account per role plus a second student; emails are <role>@example.org."""
    users = {role: create_user(f"{role}@example.org", role, PASSWORD)[0] for role in ROLES}
    users["other_student"] = create_user("other@example.org", "student", PASSWORD)[0]
    return users


def csrf_token(client, url: str = "/login") -> str:
    page = client.get(url).get_data(as_text=True)
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    assert match, f"no CSRF token on {url}"
    return match.group(1)


def sign_in(client, email: str, password: str = PASSWORD):
    data = {"email": email, "password": password, "csrf_token": csrf_token(client)}
    response = client.post("/login", data=data)
    assert response.status_code == 302, f"could not sign in as {email}"
    return response


def make_bank(runner, folder: Path, only: str = "cloze,multiple_choice,short_answer,true_false"):
    """Ingest a short history text and draft items from it."""
    path = folder / "history.txt"
    path.write_text(HISTORY_TEXT)
    assert runner.invoke(args=["ingest", str(path)]).exit_code == 0
    result = runner.invoke(args=["generate", "--only", only])
    assert result.exit_code == 0, result.output


@contextmanager
def counted_statements(fresh: bool = False) -> Iterator[list[str]]:
    """The SQL statements run inside the block. `fresh`: start from an empty session, as a
    new request would, so nothing already loaded saves a statement."""
    statements: list[str] = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    if fresh:
        db.session.remove()
    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
