"""Anki decks (.apkg): one note per item, on quizapp's own note types.

A note's GUID comes from the item's uuid, never from its text, so importing a deck
again after an edit updates the note in place (and keeps its review history). Notes go
to `quizapp::<source title>` subdecks with hierarchical tags. The package is built with
the selection's timestamp and a zip of fixed dates, so the same bank gives the same
bytes; a later edit gives a later timestamp, which is what Anki compares before it
updates a note.
"""

from __future__ import annotations

import io
import itertools
import sqlite3
import time
import zipfile
from dataclasses import dataclass
from functools import lru_cache

import genanki

from quizapp.export import anki_models
from quizapp.export.citing import citations_html
from quizapp.export.escaping import escape
from quizapp.export.export_items import ExportItem
from quizapp.export.gc_pause import paused_gc
from quizapp.export.item_parts import (
    also_accepted,
    choices,
    events,
    pairs,
    shuffled,
    split_blank,
)
from quizapp.export.selection import Selection

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_TAG_PREFIXES = ("source", "type", "entity", "topic")


def build_apkg(selection: Selection, public_url: str | None = None) -> bytes:
    """The .apkg file of the selection's items, as bytes."""
    with paused_gc():
        return package_bytes(_decks(selection.items, public_url), selection.timestamp)


def _decks(items: list[ExportItem], public_url: str | None) -> dict[str, list[tuple]]:
    """Each deck's notes, as `package_bytes` takes them."""
    decks: dict[str, list[tuple]] = {}
    by_title: dict[str, list[tuple]] = {}  # deck_name() once per source, not per item
    for item in items:
        title = item.source.title
        notes = by_title.get(title)
        if notes is None:
            notes = by_title[title] = decks.setdefault(anki_models.deck_name(title), [])
        model, fields, tags = _note_parts(item, public_url)
        notes.append(
            (
                item.uuid,
                model.model_id,
                f" {' '.join(tags)} ",
                "\x1f".join(fields),
                item.version.stem,
            )
        )
    return decks


@dataclass(slots=True)
class NoteRow:
    """One note as the collection stores it; each of our note types makes one card."""

    model: genanki.Model
    fields: list[str]
    sort_field: str
    tags: list[str]
    guid: str


def package_bytes(decks: dict[str, list[tuple]], timestamp: float) -> bytes:
    """The collection, written in memory and zipped with `timestamp` as every date.

    `decks` holds each deck's notes as (guid, note type id, tags as the collection
    stores them, fields joined, sort field). genanki writes the collection, our note
    types and the decks; the notes are inserted here in one batch and their cards made
    from them by the database, which is what keeps an export of ten thousand items near
    the time genanki alone needs for the same notes.
    """
    root = genanki.Deck(anki_models.deck_id(anki_models.ROOT_DECK), anki_models.ROOT_DECK)
    for model in anki_models.MODELS:
        root.add_model(model)
    named = [genanki.Deck(anki_models.deck_id(name), name) for name in sorted(decks)]
    connection = sqlite3.connect(":memory:")
    cursor = connection.cursor()
    ids = itertools.count(int(timestamp * 1000))
    genanki.Package([root, *named]).write_to_db(cursor, timestamp, ids)
    notes, spans = [], []
    modified = int(timestamp)
    for deck in named:
        start = len(notes)
        for guid, model_id, tags, fields, sort_field in decks[deck.name]:
            note_id = next(ids)
            next(ids)  # the note's card: the note's id + 1
            # usn -1 (not synced), checksum 0, flags 0, data "", as genanki writes a note.
            notes.append(
                (note_id, guid, model_id, modified, -1, tags, fields, sort_field, 0, 0, "")
            )
        # Every deck has notes: `decks` only names the decks of some item.
        spans.append((deck.deck_id, modified, notes[start][0], notes[-1][0]))
    cursor.executemany(f"INSERT INTO notes VALUES({', '.join('?' * 11)})", notes)
    # The cards made by the database from the notes, deck by deck, rather than as ten
    # thousand rows of eighteen values from Python.
    cursor.executemany(_CARDS_OF_NOTES, spans)
    connection.commit()
    collection = connection.serialize()
    connection.close()
    buffer = io.BytesIO()
    # The fastest deflate level: nearly the same size for a fifth of the time.
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(_entry("collection.anki2", timestamp), collection, compresslevel=1)
        archive.writestr(_entry("media", timestamp), "{}", compresslevel=1)
    return buffer.getvalue()


# id, note id, deck, ordinal 0, modified, then usn -1 (not synced), type and queue 0
# (new), due, interval, factor, reps, lapses, left, original due, original deck, flags 0,
# data "": a new card, as genanki writes it.
_CARDS_OF_NOTES = (
    "INSERT INTO cards SELECT id + 1, id, ?, 0, ?, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ''"
    " FROM notes WHERE id BETWEEN ? AND ? ORDER BY id"
)


def _entry(name: str, timestamp: float) -> zipfile.ZipInfo:
    moment = time.gmtime(max(timestamp, 315_532_800))  # zip dates start in 1980
    entry = zipfile.ZipInfo(name, date_time=moment[:6])
    entry.compress_type = zipfile.ZIP_DEFLATED
    entry.external_attr = 0o644 << 16
    return entry


# ---- notes -----------------------------------------------------------------------------


def note_for(item: ExportItem, public_url: str | None) -> NoteRow:
    """The item's note: cloze, multiple choice, or a question for every other type."""
    model, fields, tags = _note_parts(item, public_url)
    # The GUID is the uuid, never the text: an edited item must update its note.
    return NoteRow(model, fields, item.version.stem, tags, item.uuid)


def _note_parts(item: ExportItem, public_url: str | None) -> tuple[genanki.Model, list, list]:
    """The item's note type, fields and tags."""
    if item.type == "cloze":
        blank = split_blank(item.version.stem)
        if blank:
            return anki_models.CLOZE_MODEL, _cloze_fields(item, blank, public_url), anki_tags(item)
    elif item.type == "multiple_choice":
        return anki_models.CHOICE_MODEL, _choice_fields(item, public_url), anki_tags(item)
    return anki_models.QUESTION_MODEL, _question_fields(item, public_url), anki_tags(item)


def _cloze_fields(
    item: ExportItem, blank: tuple[str, str, str], public_url: str | None
) -> list[str]:
    before, after, hint = blank
    hinted = f"::{_cloze_safe(hint)}" if hint else ""  # Anki shows "[L…]" for the blank
    text = f"{escape(before)}{{{{c1::{_cloze_safe(item.version.answer)}{hinted}}}}}{escape(after)}"
    return [text, _extra(item), citations_html(item, public_url), _source(item)]


def _cloze_safe(answer: str) -> str:
    """The answer inside {{c1::…}}: "::" would start a hint and "}}" end the deletion."""
    return escape(answer).replace("::", ":&#58;").replace("}}", "}&#125;")


def _choice_fields(item: ExportItem, public_url: str | None) -> list[str]:
    version = item.version
    options = choices(version, item.uuid)
    listed = "".join([f"<li>{escape(option)}</li>" for option in options])
    letter = LETTERS[options.index(version.answer)] if len(options) <= len(LETTERS) else ""
    answer = f"{letter}. {escape(version.answer)}" if letter else escape(version.answer)
    return [
        escape(version.stem),
        f'<ol class="quizapp-choices">{listed}</ol>',
        answer,
        escape(version.explanation or ""),
        citations_html(item, public_url),
        _source(item),
    ]


def _question_fields(item: ExportItem, public_url: str | None) -> list[str]:
    version = item.version
    front, answer = (
        escape(version.stem),
        f'<div class="quizapp-answer">{escape(version.answer)}</div>',
    )
    if item.type == "chronology":
        front += _list("ul", shuffled(events(version), item.uuid))
        answer = _list("ol", events(version), 'class="quizapp-answer quizapp-list"')
    elif item.type == "matching":
        found = pairs(version)
        front += _list("ol", [left for left, _ in found])
        rights = shuffled([right for _, right in found], item.uuid)
        front += _list("ol", rights, 'class="quizapp-choices"')
        answer = _pairs_table(found)
    return [front, answer + _extra(item), citations_html(item, public_url), _source(item)]


def _extra(item: ExportItem) -> str:
    version = item.version
    extra = ""
    if version.alternatives:
        others = also_accepted(version)
        if others:
            extra = f'<div class="quizapp-also">Also accepted: {escape(", ".join(others))}</div>'
    if version.explanation:
        extra += f'<div class="quizapp-explanation">{escape(version.explanation)}</div>'
    return extra


def _list(tag: str, values: list[str], attributes: str = 'class="quizapp-list"') -> str:
    return f"<{tag} {attributes}>" + "".join(f"<li>{escape(v)}</li>" for v in values) + f"</{tag}>"


def _pairs_table(rows: list[tuple[str, str]]) -> str:
    cells = "".join(
        f"<tr><td>{escape(left)}</td><td>{escape(right)}</td></tr>" for left, right in rows
    )
    return f'<table class="quizapp-pairs">{cells}</table>'


def _source(item: ExportItem) -> str:
    return item.source.escaped_reference()


# ---- tags ------------------------------------------------------------------------------


def anki_tags(item: ExportItem) -> list[str]:
    """quizapp's tags as Anki's hierarchy: `quizapp::source::<slug>`, `quizapp::type::cloze`,
    `quizapp::entity::<name>`, `quizapp::topic::<topic>`, `quizapp::tag::<other>`."""
    return sorted(
        {
            _anki_tag(f"source:{item.source.slug}"),
            _anki_tag(f"type:{item.type}"),
            *map(_anki_tag, item.tags),
        }
    )


@lru_cache(maxsize=4096)
def _anki_tag(tag: str) -> str:
    prefix, separator, rest = tag.partition(":")
    if separator and prefix in _TAG_PREFIXES and rest:
        if prefix == "entity":
            rest = rest.rpartition(":")[2]  # "person:felix-dzerzhinsky": the name
        return f"quizapp::{prefix}::{_tag_word(rest)}"
    return f"quizapp::tag::{_tag_word(tag)}"


def _tag_word(text: str) -> str:
    """No spaces (Anki splits tags on them) and no quotes."""
    return "_".join(text.split()).replace('"', "")
