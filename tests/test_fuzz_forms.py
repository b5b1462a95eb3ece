"""Fuzzing every form: whatever a client sends in a form's fields, no request gives a 500.

The forms are found by reading the pages: every GET route of the URL map is opened (as
an instructor for the bank, as a student for studying: a quiz attempt's question page
and a flashcard deck included), every `<form method="post">` on it is parsed with its
fields, and hypothesis fills the fields with values of their kind (a shown option,
a number, a checkbox), or anything at all. The CSRF token is kept, so the view itself
gets the input. A form added later is fuzzed without an entry here. File fields and
signing out are left alone: an upload would start an ingest job, and signing out ends
the session the other forms need.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.security_world import build_world, fill, signed_in_client, token_for
from tests.test_access_matrix import classified

SKIPPED_ACTIONS = ("/logout",)
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
QUESTIONS_VISITED = 12  # every question page of the student's attempt, one per item type
ANYTHING = st.one_of(
    st.text(max_size=60),
    st.sampled_from(["", " ", "0", "-1", "1e309", "99999999999999999999", "NaN", "y", "\x00"]),
    st.text(alphabet="<>\"'&%;\\/`{}$*_", max_size=20),
)
EXAMPLES = settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@dataclass
class Field:
    name: str
    kind: str  # text, textarea, select, checkbox, radio, number, hidden, file ...
    options: list[str] = field(default_factory=list)


@dataclass
class Form:
    action: str
    page: str
    fields: dict[str, Field] = field(default_factory=dict)

    def signature(self) -> tuple:
        """Forms that differ only by the object they act on are fuzzed once."""
        return (UUID.sub("<uuid>", self.action), tuple(sorted(self.fields)))


class _PostForms(HTMLParser):
    def __init__(self, page: str) -> None:
        super().__init__()
        self.page = page
        self.forms: dict[str, Form] = {}
        self._open: str | None = None
        self._select: Field | None = None
        self._owned: list[tuple[str, Field]] = []

    def handle_starttag(self, tag, attrs):
        values = {k: v or "" for k, v in attrs}
        if tag == "form":
            if (values.get("method") or "get").lower() == "post":
                key = values.get("id") or f"form-{len(self.forms)}"
                self.forms[key] = Form(values.get("action") or self.page, self.page)
                self._open = key
            return
        if tag == "option" and self._select is not None:
            self._select.options.append(values.get("value", ""))
            return
        if tag not in ("input", "textarea", "select", "button") or not values.get("name"):
            return
        kind = tag if tag != "input" else (values.get("type") or "text").lower()
        if kind in ("button", "submit") and values.get("name") != "action":
            return
        found = Field(values["name"], kind, [values["value"]] if "value" in values else [])
        if tag == "select":
            self._select = found
        owner = values.get("form") or self._open
        if values.get("form"):
            self._owned.append((owner, found))
        elif owner in self.forms:
            existing = self.forms[owner].fields.get(found.name)
            if existing is not None:  # radio buttons and repeated names: one field, options
                existing.options += found.options
            else:
                self.forms[owner].fields[found.name] = found

    def handle_endtag(self, tag):
        if tag == "form":
            self._open = None
        if tag == "select":
            self._select = None

    def result(self) -> list[Form]:
        for owner, found in self._owned:
            if owner in self.forms:
                self.forms[owner].fields.setdefault(found.name, found)
        return list(self.forms.values())


def discover(app, client, urls: list[str]) -> list[Form]:
    forms: dict[tuple, Form] = {}
    for url in urls:
        response = client.get(url)
        if response.status_code != 200 or not response.mimetype.startswith("text/html"):
            continue
        parser = _PostForms(url)
        parser.feed(response.get_data(as_text=True))
        for form in parser.result():
            if urlsplit(form.action).path in SKIPPED_ACTIONS:
                continue
            forms.setdefault(form.signature(), form)
    return list(forms.values())


def value_for(spec: Field) -> st.SearchStrategy:
    if spec.kind == "csrf":
        raise AssertionError("the token is never fuzzed")
    if spec.kind in ("select", "radio") and spec.options:
        return st.one_of(st.sampled_from(spec.options), ANYTHING)
    if spec.kind == "checkbox":
        return st.sampled_from(["y", "on", ""])
    if spec.kind == "number":
        return st.one_of(st.integers(-(10**12), 10**12).map(str), ANYTHING)
    return ANYTHING


def fuzz_form(client, token: str, form: Form) -> list[str]:
    """Post `form` with fuzzed fields; the requests that gave a 500."""
    failures: list[str] = []
    fuzzed = {
        name: value_for(spec)
        for name, spec in form.fields.items()
        if name != "csrf_token" and spec.kind != "file"
    }

    @EXAMPLES
    @given(st.fixed_dictionaries({}, optional=fuzzed))
    def post(values):
        response = client.post(form.action, data={**values, "csrf_token": token})
        if response.status_code >= 500:
            failures.append(f"{form.action} {values!r}: {response.status_code}")

    post()
    return failures


@pytest.fixture
def world(app, runner, tmp_path, monkeypatch):
    return build_world(runner, tmp_path, monkeypatch)


def pages(app, world, prefixes: tuple[str, ...]) -> list[str]:
    urls = [
        fill(rule, world.values, names)
        for method, rule, _access, names in classified(app)
        if method == "GET" and rule.rule.startswith(prefixes)
    ]
    if "/study" in prefixes:
        attempt = world.values["attempt"]
        urls += [f"/study/attempts/{attempt}/q/{n}" for n in range(2, QUESTIONS_VISITED + 1)]
    return urls


@pytest.mark.parametrize(
    "role, prefixes, expected",
    [
        ("instructor", ("/bank", "/sources"), {"/bank/quizzes", "/bank/glossary"}),
        ("student", ("/study",), {"/study/attempts/", "/study/cards/"}),
    ],
)
def test_no_form_input_gives_a_500(app, world, role, prefixes, expected):
    app.config["PROPAGATE_EXCEPTIONS"] = False  # a crash must show as the 500 it would be
    try:
        client = signed_in_client(app, role)
        token = token_for(client)
        forms = discover(app, client, pages(app, world, prefixes))
        actions = {form.action for form in forms}
        for wanted in expected:
            assert any(a.startswith(wanted) for a in actions), (wanted, sorted(actions))
        failures = [problem for form in forms for problem in fuzz_form(client, token, form)]
    finally:
        app.config["PROPAGATE_EXCEPTIONS"] = None
    assert not failures, "\n".join(failures[:20])
