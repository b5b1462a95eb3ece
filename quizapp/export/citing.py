"""An item's citations as the exports show them: the sentence with the answer marked,
"Title — Author (year), section", and a link to the sentence in quizapp when the
installation has a public address (QUIZAPP_PUBLIC_URL).

Every piece of corpus text is HTML-escaped here; the markup around it is our own.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import quote

from quizapp.export.escaping import escape
from quizapp.export.export_items import CitedSentence, ExportItem


def sentence_url(public_url: str | None, slug: str, key: str) -> str | None:
    """Where the reader shows the sentence, or None without a public address."""
    if not public_url:
        return None
    return f"{_document_url(public_url, slug)}#s-{_anchor(key)}"


@lru_cache(maxsize=256)
def _document_url(public_url: str, slug: str) -> str:
    return f"{public_url.rstrip('/')}/sources/{quote(slug, safe='')}"


def marked_sentence(citation: CitedSentence) -> str:
    """The sentence, escaped, with its answer span in <mark> (when it has one)."""
    text, start, end = citation.text, citation.start, citation.end
    if not (0 <= start < end <= len(text)):
        return escape(text)
    return (
        escape(text[:start]) + "<mark>" + escape(text[start:end]) + "</mark>" + escape(text[end:])
    )


def reference(item: ExportItem, citation: CitedSentence) -> str:
    """Plain "Title — Author (year), section" of the cited sentence."""
    return (citation.source or item.source).reference(citation.section)


def citations_html(item: ExportItem, public_url: str | None) -> str:
    """Each cited sentence as a quotation followed by its reference and link."""
    html = ""
    for citation in item.citations:
        source = citation.source or item.source
        line = source.escaped_reference(citation.section)
        if public_url:
            line += _link_start(public_url, source.slug) + _anchor(citation.key) + _LINK_END
        html += (
            f'<blockquote class="quizapp-quote">{marked_sentence(citation)}</blockquote>'
            f'<p class="quizapp-ref">{line}</p>'
        )
    return html


_LINK_END = '">Read it in quizapp</a>'


def _anchor(key: str) -> str:
    # quote() leaves only letters, digits and "_.-~%": nothing HTML needs escaped.
    return key if key.isalnum() else quote(key, safe="")


@lru_cache(maxsize=256)
def _link_start(public_url: str, slug: str) -> str:
    """The link of `sentence_url`, escaped, up to the sentence's anchor."""
    return f' · <a href="{escape(_document_url(public_url, slug))}#s-'


def citations_text(item: ExportItem, public_url: str | None) -> str:
    """The citations as plain text, one per line: “sentence” — reference <url>."""
    lines = []
    for citation in item.citations:
        source = citation.source or item.source
        line = f"“{citation.text}” — {reference(item, citation)}"
        url = sentence_url(public_url, source.slug, citation.key)
        lines.append(f"{line} <{url}>" if url else line)
    return "\n".join(lines)
