"""The demo accounts `make run` creates, with passwords kept in the instance folder."""

from __future__ import annotations

import json
import secrets
from pathlib import Path

from quizapp.services.users import create_user, find_user

DEMO = (("instructor@quizapp.local", "instructor"), ("student@quizapp.local", "student"))


def ensure_demo_accounts(instance: Path) -> list[tuple[str, str, str]]:
    """Create the demo accounts once; return (email, role, password) for each."""
    path = instance / "demo-accounts.json"
    known = json.loads(path.read_text()) if path.exists() else {}
    result = []
    for email, role in DEMO:
        if find_user(email) is None:
            known[email] = secrets.token_urlsafe(9)
            create_user(email, role, known[email])
        result.append((email, role, known.get(email, "(set before; see demo-accounts.json)")))
    instance.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(known, indent=2))
    path.chmod(0o600)
    return result
