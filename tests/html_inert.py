"""Parse a page and report what in it could run script: the check behind the XSS tests.

A page is inert when its only scripts are empty <script src="/static/…"> elements, no
element carries an event-handler attribute (on…), and no URL attribute holds a
javascript:, vbscript: or data:text/html URL. `text_of` gives the text a reader sees, so a
test can also show that a payload was displayed as text rather than dropped.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data", "srcdoc"}
# Browsers ignore control characters and whitespace inside a scheme: "java\tscript:".
IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20]+")
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:text/html")


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name, value in values.items():
            if name.startswith("on"):
                self.problems.append(f"<{tag}> has an event handler {name}={value!r}")
            if name in URL_ATTRIBUTES:
                scheme = IGNORED_IN_SCHEME.sub("", value).lower()
                if scheme.startswith(DANGEROUS_SCHEMES):
                    self.problems.append(f"<{tag} {name}={value!r}> is a script URL")
        if tag == "script":
            self._in_script = True
            if not values.get("src", "").startswith("/static/"):
                self.problems.append(f"<script> without a /static/ source: {values}")
        if tag in ("iframe", "object", "embed", "base"):
            self.problems.append(f"<{tag}> element: {values}")
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            self.problems.append(f"<meta http-equiv=refresh>: {values}")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self._in_script = False

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.problems.append(f"inline script body: {data.strip()[:80]!r}")
        else:
            self.text.append(data)


def _parse(html: str) -> _Collector:
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector


def script_problems(html: str) -> list[str]:
    """What in `html` could run script; empty when the page is inert."""
    return _parse(html).problems


def text_of(html: str) -> str:
    """The page's text as a reader sees it (entities decoded, whitespace collapsed)."""
    return " ".join(" ".join(_parse(html).text).split())
