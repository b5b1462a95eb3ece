"""HTML escaping exactly as `html.escape` does it, quicker for text with nothing to escape.

An Anki export escapes some eighty thousand short strings, most of which hold none of
`& < > " '`: five `in` tests cost less than the five replacements `html.escape` makes.
"""

from __future__ import annotations

from html import escape as _escape


def escape(text: str) -> str:
    """`text` with & < > " ' as entities, the same output as `html.escape(text)`."""
    if "&" in text or "<" in text or ">" in text or '"' in text or "'" in text:
        return _escape(text)
    return text
