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
from html import escape

import genanki

from quizapp.export import anki_models
from quizapp.export.citing import citations_html
from quizapp.export.item_parts import (
    also_accepted,
    choices,
    events,
    pairs,
    shuffled,
    split_blank,
)
from quizapp.export.selection import ExportItem, Selection, SourceInfo

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_TAG_PREFIXES = ("source", "type", "entity", "topic")


def build_apkg(selection: Selection, public_url: str | None = None) -> bytes:
    """The .apkg file of the selection's items, as bytes."""
    decks: dict[str, list[NoteRow]] = {}
    for item in selection.items:
        decks.setdefault(anki_models.deck_name(item.source.title), []).append(
            note_for(item, public_url)
        )
    return package_bytes(decks, selection.timestamp)


@dataclass(frozen=True, slots=True)
class NoteRow:
    """One note as the collection stores it; each of our note types makes one card."""

    model: genanki.Model
    fields: list[str]
    sort_field: str
    tags: list[str]
    guid: str


def package_bytes(decks: dict[str, list[NoteRow]], timestamp: float) -> bytes:
    """The collection, written in memory and zipped with `timestamp` as every date.

    genanki writes the collection, our note types and the decks; the notes and their
    cards are inserted here in two batches, which is what keeps an export of ten
    thousand items near the time genanki alone needs for the same notes.
    """
    root = genanki.Deck(anki_models.deck_id(anki_models.ROOT_DECK), anki_models.ROOT_DECK)
    for model in anki_models.MODELS:
        root.add_model(model)
    named = [genanki.Deck(anki_models.deck_id(name), name) for name in sorted(decks)]
    connection = sqlite3.connect(":memory:")
    cursor = connection.cursor()
    ids = itertools.count(int(timestamp * 1000))
    genanki.Package([root, *named]).write_to_db(cursor, timestamp, ids)
    notes, cards = [], []
    for deck in named:
        for note in decks[deck.name]:
            note_id, card_id = next(ids), next(ids)
            notes.append(_note_values(note, note_id, timestamp))
            cards.append((card_id, note_id, deck.deck_id, 0, int(timestamp), *_NEW_CARD))
    cursor.executemany(f"INSERT INTO notes VALUES({', '.join('?' * 11)})", notes)
    cursor.executemany(f"INSERT INTO cards VALUES({', '.join('?' * 18)})", cards)
    connection.commit()
    collection = connection.serialize()
    connection.close()
    buffer = io.BytesIO()
    # The fastest deflate level: nearly the same size for a fifth of the time.
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(_entry("collection.anki2", timestamp), collection, compresslevel=1)
        archive.writestr(_entry("media", timestamp), "{}", compresslevel=1)
    return buffer.getvalue()


# usn -1 (not synced), type and queue 0 (new), due, interval, factor, reps, lapses, left,
# original due, original deck, flags 0, data "": a new card, as genanki writes it.
_NEW_CARD = (-1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, "")


def _note_values(note: NoteRow, note_id: int, timestamp: float) -> tuple:
    tags = f" {' '.join(note.tags)} "
    fields = "\x1f".join(note.fields)
    return (
        note_id,
        note.guid,
        note.model.model_id,
        int(timestamp),
        -1,
        tags,
        fields,
        note.sort_field,
        0,
        0,
        "",
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
    if item.type == "cloze" and split_blank(item.version.stem):
        model, fields = anki_models.CLOZE_MODEL, _cloze_fields(item, public_url)
    elif item.type == "multiple_choice":
        model, fields = anki_models.CHOICE_MODEL, _choice_fields(item, public_url)
    else:
        model, fields = anki_models.QUESTION_MODEL, _question_fields(item, public_url)
    # The GUID is the uuid, never the text: an edited item must update its note.
    return NoteRow(model, fields, item.version.stem, anki_tags(item), item.uuid)


def _cloze_fields(item: ExportItem, public_url: str | None) -> list[str]:
    before, after = split_blank(item.version.stem)
    text = f"{escape(before)}{{{{c1::{_cloze_safe(item.version.answer)}}}}}{escape(after)}"
    return [text, _extra(item), citations_html(item, public_url), _source(item)]


def _cloze_safe(answer: str) -> str:
    """The answer inside {{c1::…}}: "::" would start a hint and "}}" end the deletion."""
    return escape(answer).replace("::", ":&#58;").replace("}}", "}&#125;")


def _choice_fields(item: ExportItem, public_url: str | None) -> list[str]:
    options = choices(item.version, item.uuid)
    listed = "".join(f"<li>{escape(option)}</li>" for option in options)
    letter = LETTERS[options.index(item.version.answer)] if len(options) <= len(LETTERS) else ""
    answer = f"{letter}. {escape(item.version.answer)}" if letter else escape(item.version.answer)
    return [
        escape(item.version.stem),
        f'<ol class="quizapp-choices">{listed}</ol>',
        answer,
        escape(item.version.explanation or ""),
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
    parts = []
    others = also_accepted(item.version)
    if others:
        parts.append(f'<div class="quizapp-also">Also accepted: {escape(", ".join(others))}</div>')
    if item.version.explanation:
        parts.append(f'<div class="quizapp-explanation">{escape(item.version.explanation)}</div>')
    return "".join(parts)


def _list(tag: str, values: list[str], attributes: str = 'class="quizapp-list"') -> str:
    return f"<{tag} {attributes}>" + "".join(f"<li>{escape(v)}</li>" for v in values) + f"</{tag}>"


def _pairs_table(rows: list[tuple[str, str]]) -> str:
    cells = "".join(
        f"<tr><td>{escape(left)}</td><td>{escape(right)}</td></tr>" for left, right in rows
    )
    return f'<table class="quizapp-pairs">{cells}</table>'


def _source(item: ExportItem) -> str:
    return _escaped_reference(item.source)


@lru_cache(maxsize=256)
def _escaped_reference(source: SourceInfo) -> str:
    return escape(source.reference())


# ---- tags ------------------------------------------------------------------------------


def anki_tags(item: ExportItem) -> list[str]:
    """quizapp's tags as Anki's hierarchy: `quizapp::source::<slug>`, `quizapp::type::cloze`,
    `quizapp::entity::<name>`, `quizapp::topic::<topic>`, `quizapp::tag::<other>`."""
    tags = {_anki_tag(f"source:{item.source.slug}"), _anki_tag(f"type:{item.type}")}
    tags.update(_anki_tag(tag) for tag in item.tags)
    return sorted(tags)


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
