"""Repair extraction damage: one named function per rule, applied in order by `clean`.

Each rule takes the list of paragraphs and returns a new one. Rules classify
paragraphs (heading, footnote, caption, attribution) and drop what is not text of
the work (title pages, running heads, page numbers, a publisher's list); the text of
the work itself is only ever rejoined, never rewritten.
"""

from __future__ import annotations

import re
from collections import Counter

from quizapp.ingest.markup import strip_markup
from quizapp.ingest.paragraphs import Para, split_paragraphs
from quizapp.ingest.words import join_broken_word, lexicon_of

# A sentence end, perhaps closed by quotes, a note marker or an end-of-article mark (■).
TERMINAL = re.compile(r"""[.?!:;…](?:[*†‡]+)?["'”’)\]]*(?:[*†‡]+|\[\d+\])?(?:\s*[■□◆◇∎])?$""")
PRICE = re.compile(r"(\\?\$\s?\d+(?:\.\d\d)?|\b\d+c)\s*$")
PAGE_NUMBER = re.compile(r"^(?:page\s+)?[-–—]?\s*(\d{1,4}|[ivxlcdm]{1,7})\s*[-–—]?$", re.I)
SYMBOL_NOTE = re.compile(r"^(?P<marker>[*†‡]+)\s*(?P<text>\S.*)$")
BRACKET_NOTE = re.compile(r"^\[(?P<marker>\d{1,3})\]\s*(?P<text>\S.*)$")
EMPHASISED_LINE = re.compile(r"^\*[^\s*][^*]*\*+$")
NUMBERED = re.compile(r"^(?P<marker>\d{1,3})\.\s+(?P<text>\S.*)$")
NOTE_LABEL = re.compile(r"^(translator|editor|author|publisher)['’]?s\s+note\b", re.I)
POSITION_CUE = re.compile(
    r"\((left|right|center|centre|above|below|top|bottom)\)"
    r"|^(Above|Below|Left|Right)\b(?: is| are|:|,)"
)
SMALL_WORDS = {
    "a",
    "an",
    "the",
    "and",
    "or",
    "of",
    "in",
    "on",
    "to",
    "for",
    "with",
    "as",
    "at",
    "by",
    "from",
    "into",
    "is",
    "its",
    "de",
    "la",
    "le",
    "du",
    "des",
    "von",
    "van",
    "vs",
    "than",
}
OPENING = "\"'“‘«(["
PROSE_WORDS = 15


def clean(text: str) -> list[Para]:
    """Apply every rule to raw text and return the classified paragraphs of the work."""
    lexicon = lexicon_of(text)
    paras = split_paragraphs(text, lexicon)
    paras = drop_page_furniture(paras)
    paras = mark_footnotes(paras)
    paras = drop_front_matter(paras)
    paras = drop_back_matter(paras)
    paras = mark_headings(paras)
    paras = mark_captions(paras)
    paras = mark_attributions(paras)
    paras = rejoin_split_paragraphs(paras, lexicon)
    return paras


# ---- shape tests -------------------------------------------------------------------


def words_of(text: str) -> list[str]:
    return re.findall(r"[\w’'-]+", text)


def is_terminated(text: str) -> bool:
    """True when a paragraph ends as a sentence ends (punctuation, maybe a note marker)."""
    return bool(TERMINAL.search(text.rstrip()))


def is_prose(para: Para) -> bool:
    """A paragraph of running text: long enough and ending as a sentence does."""
    return len(words_of(para.text)) >= PROSE_WORDS and is_terminated(para.text)


def is_heading_like(text: str) -> bool:
    """Short, unpunctuated (or a question) and in capitals or title case."""
    text = strip_markup(text).text
    words = words_of(text)
    if not words or len(words) > 14 or len(text) > 120:
        return False
    if is_terminated(text) and not text.rstrip("\"'”’").endswith("?"):
        return False
    if text.startswith(("—", "–", "-", "(")) or PRICE.search(text):
        return False
    if text.rstrip().endswith(","):
        return False  # a line of verse or a list running on (`Give us hundreds,` / `Thousands,`)
    numbered = NUMBERED.match(text)
    if numbered:
        rest = numbered.group("text")
        return rest[:1].isupper() and len(words) <= 10 and not re.search(r"[;.,]", rest)
    letters = [ch for ch in text if ch.isalpha()]
    if letters and all(not ch.islower() for ch in letters):
        return True
    content = [w for w in words if w.lower() not in SMALL_WORDS and w[:1].isalpha()]
    if not content:
        return False
    capitalised = sum(1 for w in content if w[:1].isupper())
    return capitalised / len(content) >= 0.75


# ---- rules -------------------------------------------------------------------------


def drop_page_furniture(paras: list[Para]) -> list[Para]:
    """Drop page numbers and running heads (short lines repeated through the document)."""
    counts = Counter(p.text.casefold() for p in paras if len(words_of(p.text)) <= 8)
    kept = []
    for para in paras:
        if PAGE_NUMBER.match(para.text):
            continue
        if counts[para.text.casefold()] >= 3 and not is_terminated(para.text):
            continue
        kept.append(para)
    return kept


def mark_footnotes(paras: list[Para]) -> list[Para]:
    """Mark footnote paragraphs: `*`/`†` notes, `[1]` notes, and numbered notes at the end."""
    last_prose = max(
        (i for i, p in enumerate(paras) if is_prose(p) and not _note_match(p)), default=-1
    )
    for index, para in enumerate(paras):
        match = _note_match(para)
        if match:
            para.kind, para.marker, para.text = "footnote", match[0], match[1]
            continue
        numbered = NUMBERED.match(para.text)
        if numbered and (index > last_prose or NOTE_LABEL.match(numbered.group("text"))):
            if is_terminated(para.text) and len(words_of(para.text)) >= 4:
                para.kind, para.marker = "footnote", numbered.group("marker")
                para.text = numbered.group("text")
    return paras


def _note_match(para: Para) -> tuple[str, str] | None:
    if EMPHASISED_LINE.match(para.text):
        return None  # `*Stalin's greatness is a halo … factories.**`: verse in italics
    symbol = SYMBOL_NOTE.match(para.text)
    if symbol:
        marker, text = symbol.group("marker"), symbol.group("text")
        # `**Ville conquise* (Rieder)`: one star is the marker, the next opens emphasis.
        while len(marker) > 1 and marker.startswith("*") and text.count("*") % 2 == 1:
            marker, text = marker[:-1], "*" + text
        return marker, text
    bracket = BRACKET_NOTE.match(para.text)
    if bracket:
        return f"[{bracket.group('marker')}]", bracket.group("text")
    return None


def drop_front_matter(paras: list[Para]) -> list[Para]:
    """Drop title pages: the lines before the first prose paragraph that are not sentences.

    The heading just before the first prose paragraph stays, and so does any sentence
    of five words or more (an editor's note, a dateline) and everything after one, so
    text is never lost.
    """
    first = next(
        (i for i, p in enumerate(paras) if p.kind == "body" and _opens_text(paras, i)), None
    )
    if first is None:
        return paras
    if first == 0:
        return paras
    # After a sentence the text has begun: what follows it is no title page, however
    # short (else a paragraph added later, opening the prose, would drop it).
    kept: list[Para] = []
    begun = False
    for para in paras[: first - 1]:
        begun = begun or _is_front_sentence(para)
        if begun or para.kind == "footnote":
            kept.append(para)
    last = paras[first - 1]
    if begun or is_heading_like(last.text) or _is_front_sentence(last):
        kept.append(last)
    return kept + paras[first:]


def _is_front_sentence(para: Para) -> bool:
    return is_terminated(para.text) and len(words_of(para.text)) >= 5


def _opens_text(paras: list[Para], index: int) -> bool:
    """Prose, or a long paragraph a page break cut that the next one continues."""
    para = paras[index]
    if is_prose(para):
        return True
    following = next((p for p in paras[index + 1 :] if p.kind == "body"), None)
    return (
        len(words_of(para.text)) >= PROSE_WORDS
        and following is not None
        and _continues(para, following)
        and is_prose(Para(f"{para.text} {following.text}", para.line))
    )


def drop_back_matter(paras: list[Para]) -> list[Para]:
    """Drop a trailing run of list lines (a publisher's list, prices, names)."""
    end = len(paras)
    while end > 0:
        para = paras[end - 1]
        if para.kind == "footnote":
            end -= 1
            continue
        if is_terminated(para.text) and not (PRICE.search(para.text) or is_heading_like(para.text)):
            break
        end -= 1
    trailing_notes = [p for p in paras[end:] if p.kind == "footnote"]
    return paras[:end] + trailing_notes


def mark_headings(paras: list[Para]) -> list[Para]:
    """Mark section headings: capitals, title case or numbered, standing alone."""
    for para in paras:
        if para.kind == "body" and is_heading_like(para.text):
            para.kind = "heading"
    return paras


def mark_captions(paras: list[Para]) -> list[Para]:
    """Mark picture captions: set apart by extra blank lines, or naming positions in a picture."""
    for index, para in enumerate(paras):
        if para.kind != "body":
            continue
        set_apart = para.blank_before >= 3 and len(words_of(para.text)) <= 40
        if set_apart or POSITION_CUE.search(para.text):
            para.kind = "caption"
            previous = paras[index - 1] if index else None
            if previous and previous.kind == "heading" and para.blank_before < 3:
                previous.kind = "caption"  # the caption's own title line
    return paras


def mark_attributions(paras: list[Para]) -> list[Para]:
    """Mark the source line under a quotation (`—quoted in …`)."""
    for para in paras:
        if para.kind == "body" and para.text.startswith(("—", "– ", "-- ")):
            if len(words_of(para.text)) <= 25:
                para.kind = "attribution"
    return paras


def rejoin_split_paragraphs(paras: list[Para], lexicon: set[str]) -> list[Para]:
    """Rejoin a paragraph cut by a page break, past any notes or captions set in the gap."""
    result: list[Para] = []
    open_body: Para | None = None
    for para in paras:
        if para.kind == "body" and open_body is not None and _continues(open_body, para):
            if open_body.text.endswith("-"):
                open_body.text = join_broken_word(open_body.text, para.text, lexicon)
            else:
                open_body.text = f"{open_body.text} {para.text}"
            if is_terminated(open_body.text):
                open_body = None
            continue
        result.append(para)
        if para.kind == "body":
            open_body = None if is_terminated(para.text) else para
        elif para.kind == "heading":
            open_body = None
    return result


def _continues(head: Para, tail: Para) -> bool:
    first = tail.text[:1]
    if not first:
        return False
    if head.text.endswith("-"):
        return first.islower()
    if first.islower():
        return True
    if len(words_of(head.text)) < PROSE_WORDS:
        return False  # a short unterminated line is a heading or a line of verse
    if first.isupper() and head.text.rstrip()[-1:].islower():
        # `…behind the lines of the German army after` / `Hitler's invasion, had been …`:
        # running text does not stop on a lowercase word, so the blank line is a cut
        return True
    # `…issued a decree entitled` / `"The Socialist Fatherland Is in Danger."`
    return first in OPENING
