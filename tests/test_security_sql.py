"""SQL metacharacters in every search and filter field and in path arguments: no error,
no leak, nothing changed.

The fields are the bank's filter parameters plus every field of every GET form found on
the pages (read from the HTML), so a search box added later is covered. Each payload
must give a page (never a 500), must match no item (a LIKE wildcard or an injected
OR would match them all), must show no database error text, and must leave every
table's row count as it was.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import quote, urlencode, urlsplit

import pytest

from quizapp.bank.queries import filter_names
from tests.html_inert import text_of
from tests.security_world import build_world, signed_in_client
from tests.test_access_matrix import row_counts

PAYLOADS = [
    "' OR '1'='1' --",
    '" OR ""="',
    "1; DROP TABLE item; --",
    "' UNION SELECT password_hash, email FROM user_account --",
    "%",
    "_",
    "\\",
    "\x00",
]
# Payloads that legitimately match: cloze stems contain "_____".
MATCH_SOMETHING = {"_"}
LEAKS = ("Traceback", "sqlite3", "psycopg", "OperationalError", "ProgrammingError", "scrypt:")
ITEM_LINK = re.compile(r'href="/bank/items/([0-9a-f-]{36})"')
PAGES_WITH_FORMS = ("/bank", "/bank/review", "/study/", "/sources/", "/bank/stats")


class _GetForms(HTMLParser):
    """(action, [field names]) of every method=get form, with fields joined by form=id."""

    def __init__(self, page_url: str) -> None:
        super().__init__()
        self.page_url = page_url
        self.forms: dict[str, tuple[str, list[str]]] = {}
        self._open: str | None = None
        self._owned: list[tuple[str, str]] = []  # fields that name their form by id

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "form" and (values.get("method") or "get").lower() == "get":
            key = values.get("id") or f"form{len(self.forms)}"
            self.forms[key] = (values.get("action") or self.page_url, [])
            self._open = key
        elif tag in ("input", "select", "textarea") and values.get("name"):
            if values.get("type") in ("submit", "hidden"):
                return
            if values.get("form"):
                self._owned.append((values["form"], values["name"]))
            elif self._open is not None:
                self.forms[self._open][1].append(values["name"])

    def handle_endtag(self, tag):
        if tag == "form":
            self._open = None


def get_form_fields(client, urls) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for url in urls:
        response = client.get(url)
        if response.status_code != 200:
            continue
        parser = _GetForms(url)
        parser.feed(response.get_data(as_text=True))
        for form, name in parser._owned:
            if form in parser.forms:
                parser.forms[form][1].append(name)
        for action, names in parser.forms.values():
            found.setdefault(urlsplit(action).path, set()).update(names)
    return found


@pytest.fixture
def world(app, runner, tmp_path, monkeypatch):
    return build_world(runner, tmp_path, monkeypatch)


def check_page(response, url: str, matches_none: bool = True) -> list[str]:
    problems = []
    if response.status_code >= 500:
        problems.append(f"{url}: {response.status_code}")
    body = response.get_data(as_text=True) if response.mimetype.startswith("text/") else ""
    problems += [f"{url}: shows {leak!r}" for leak in LEAKS if leak in body]
    if matches_none and ITEM_LINK.search(body):
        problems.append(f"{url}: lists items for a payload that matches none")
    return problems


def test_search_and_filter_fields_take_sql_metacharacters_as_text(app, world):
    client = signed_in_client(app, "instructor")
    item_page = f"/bank/items/{world.values['item']}"
    fields = get_form_fields(client, [*PAGES_WITH_FORMS, item_page])
    assert set(filter_names()) <= fields.get("/bank", set()), fields
    assert "q" in fields.get(item_page, set()), "the item page's sentence search was not found"
    for url in ("/bank", "/bank/review", "/bank/export"):
        fields.setdefault(url, set()).update(filter_names())
    fields["/bank/review"].discard("status")  # the queue shows drafts whatever is asked
    baseline = client.get("/bank").get_data(as_text=True)
    assert ITEM_LINK.search(baseline), "the bank lists no items to leak"
    before = row_counts()
    problems = []
    for path, names in sorted(fields.items()):
        for name in sorted(names):
            for payload in PAYLOADS:
                url = f"{path}?{urlencode({name: payload})}"
                response = client.get(url)
                problems += check_page(response, url, payload not in MATCH_SOMETHING)
    assert not problems, "\n".join(problems)
    assert row_counts() == before


def test_sql_metacharacters_in_path_arguments_find_nothing(app, world):
    """Ids, slugs, tags and decks from the URL are values, never SQL."""
    student = signed_in_client(app, "student")
    instructor = signed_in_client(app, "instructor")
    before = row_counts()
    for payload in PAYLOADS:
        if payload != "\x00":
            check_path_arguments(instructor, student, quote(payload, safe=""))
    assert row_counts() == before


def check_path_arguments(instructor, student, quoted: str) -> None:
    urls = {
        instructor: [
            f"/sources/{quoted}",
            f"/bank/items/{quoted}",
            f"/bank/quizzes/{quoted}",
            f"/bank/tags/{quoted}",
            f"/bank/jobs/{quoted}",
        ],
        student: [f"/study/attempts/{quoted}", f"/study/cards/{quoted}"],
    }
    for client, paths in urls.items():
        for url in paths:
            response = client.get(url)
            assert response.status_code == 404, (url, response.status_code)
            assert not check_page(response, url)


def test_a_nul_character_is_refused_by_name(app, world):
    client = signed_in_client(app, "instructor")
    response = client.get("/bank?q=a%00b")
    assert response.status_code == 400
    assert "'q' contains a NUL character" in text_of(response.get_data(as_text=True))
