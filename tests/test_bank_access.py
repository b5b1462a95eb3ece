"""Every page and action of the bank's browse, review and audit is for instructors and admins.

Anonymous visitors are sent to /login; students get 403. POSTs carry a valid CSRF token so
that the answer is the role check's, not the CSRF check's.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from quizapp.extensions import db
from quizapp.models import Item
from tests.helpers import csrf_token, make_users, sign_in
from tests.test_bank_browse import seed_bank

# (method, url, status for an instructor or admin); "{uuid}" is an item of the bank.
URLS = [
    ("GET", "/bank", 200),
    ("GET", "/bank?q=cheka&verdict=supported&page=2", 200),
    ("GET", "/bank/review", 200),
    ("GET", "/bank/audit", 200),
    ("POST", "/bank/review/{uuid}/approve", 302),
    ("POST", "/bank/review/{uuid}/reject", 302),
    ("POST", "/bank/review/approve-supported", 302),
]
ROLES = {"anonymous": None, "student": 403, "instructor": "ok", "admin": "ok"}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("method, url, allowed", URLS)
def test_access(client, role, method, url, allowed):
    make_users()
    seed_bank(3)
    item = db.session.scalar(select(Item).order_by(Item.id))
    url = url.format(uuid=item.uuid)
    if role != "anonymous":
        sign_in(client, f"{role}@example.org")
    token = csrf_token(client, "/login" if role == "anonymous" else "/sources/")
    if method == "GET":
        response = client.get(url)
    else:
        response = client.post(url, data={"csrf_token": token, "reason": "Not needed."})
    expected = ROLES[role]
    if expected is None:
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/login?next=")
    elif expected == "ok":
        assert response.status_code == allowed
    else:
        assert response.status_code == expected
    if ROLES[role] != "ok" and method == "POST":
        db.session.refresh(item)
        assert item.status == "draft"


@pytest.mark.parametrize("role, shown", [("student", False), ("instructor", True), ("admin", True)])
def test_the_header_links_to_the_bank_for_instructors(client, role, shown):
    make_users()
    sign_in(client, f"{role}@example.org")
    page = client.get("/sources/").get_data(as_text=True)
    for link in ('href="/bank">Bank<', 'href="/bank/review">Review<', 'href="/bank/audit">Audit<'):
        assert (link in page) is shown
