"""Benchmark the Anki export of 10,000 items against raw genanki writing the same notes.

Seeds a temporary SQLite database with 10,000 approved, supported items (bulk inserts
through the models: one source, 1,000 cited sentences, four item types, three tags
each), then times, in the same run, best of five each:

- quizapp: choosing and loading the items, building the notes and writing the .apkg
  (`quizapp export anki` without the command line around it, which includes pausing
  the cyclic garbage collector as the command does);
- genanki: making the same 10,000 notes (fields, tags and GUIDs taken from quizapp's
  build beforehand) and `Package.write_to_file`.

Prints both times, wall clock and CPU, and their ratio (the target is at most 1.3).
It asserts nothing.

    .venv/bin/python bench/export.py [--items 10000]
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import genanki
from flask_migrate import upgrade
from sqlalchemy import insert, select

from quizapp import create_app
from quizapp.config import TestingConfig
from quizapp.export import anki_models
from quizapp.export.anki import build_apkg, note_for
from quizapp.export.files import write_atomically
from quizapp.export.gc_pause import paused_gc
from quizapp.export.selection import scope_query, select_items
from quizapp.extensions import db
from quizapp.models import (
    CitationRecord,
    Document,
    Item,
    ItemTag,
    ItemVersion,
    Passage,
    Section,
    Sentence,
)

SENTENCES = 1_000
TYPES = ("cloze", "multiple_choice", "short_answer", "true_false")
PLACES = ("Petrograd", "Moscow", "Kiev", "Kharkov", "Odessa", "Tiflis", "Baku", "Kazan")
REPEATS = 5


def seed(items: int) -> None:
    """One source, its sentences, and `items` approved items citing them."""
    moment = datetime(2026, 1, 1, tzinfo=UTC)
    document = Document(
        slug="bench", title="A Bench Source", author="A. Author", year=1937, checksum="0" * 64
    )
    db.session.add(document)
    db.session.flush()
    section = Section(document_id=document.id, key="s0", ordinal=0, title="Chapter One")
    db.session.add(section)
    db.session.flush()
    passage = Passage(
        document_id=document.id, section_id=section.id, key="p0", ordinal=0, start=0, end=0
    )
    db.session.add(passage)
    db.session.flush()
    texts = [
        f"In {1900 + n % 40} the committee of {PLACES[n % len(PLACES)]} met for the {n}th time."
        for n in range(SENTENCES)
    ]
    db.session.execute(
        insert(Sentence),
        [
            {
                "key": f"k{n:011d}",
                "document_id": document.id,
                "passage_id": passage.id,
                "ordinal": n,
                "start": 0,
                "end": len(text),
                "text": text,
                "text_hash": hashlib.sha256(text.encode()).hexdigest(),
                "cluster": f"k{n:011d}",
            }
            for n, text in enumerate(texts)
        ],
    )
    db.session.execute(
        insert(Item),
        [
            {
                "uuid": f"00000000-0000-4000-8000-{n:012d}",
                "type": TYPES[n % len(TYPES)],
                "status": "approved",
                "fingerprint": f"{n:064d}",
                "document_id": document.id,
                "current_version": 1,
                "created_at": moment,
            }
            for n in range(items)
        ],
    )
    item_ids = list(db.session.scalars(select(Item.id).order_by(Item.id)))
    db.session.execute(
        insert(ItemVersion), [_version(n, i, texts, moment) for n, i in enumerate(item_ids)]
    )
    version_ids = dict(db.session.execute(select(ItemVersion.item_id, ItemVersion.id)).all())
    db.session.execute(
        insert(CitationRecord),
        [_citation(n, version_ids[i], texts) for n, i in enumerate(item_ids)],
    )
    db.session.execute(
        insert(ItemTag),
        [
            {"item_id": i, "tag": tag}
            for n, i in enumerate(item_ids)
            for tag in (
                "source:bench",
                f"type:{TYPES[n % len(TYPES)]}",
                f"entity:place:{PLACES[n % len(PLACES)].lower()}",
            )
        ],
    )
    db.session.commit()


def _version(n: int, item_id: int, texts: list[str], moment: datetime) -> dict:
    text, place = texts[n % SENTENCES], PLACES[(n % SENTENCES) % len(PLACES)]
    item_type = TYPES[n % len(TYPES)]
    stem = text.replace(place, "_____")
    if item_type == "short_answer":
        stem = f"Whose committee met for the {n % SENTENCES}th time?"
    elif item_type == "true_false":
        stem = f"True or false: {text}"
    return {
        "item_id": item_id,
        "number": 1,
        "stem": stem,
        "answer": "True" if item_type == "true_false" else place,
        "alternatives": [],
        "distractors": [p for p in PLACES if p != place][:3]
        if item_type == "multiple_choice"
        else [],
        "explanation": f"The source says: “{text}”",
        "payload": {},
        "author": "generator:bench@1",
        "score": 0.5,
        "verdict": "supported",
        "reasons": [],
        "created_at": moment,
    }


def _citation(n: int, version_id: int, texts: list[str]) -> dict:
    text = texts[n % SENTENCES]
    place = PLACES[(n % SENTENCES) % len(PLACES)]
    start = text.index(place)
    return {
        "version_id": version_id,
        "ordinal": 0,
        "sentence_key": f"k{n % SENTENCES:011d}",
        "sentence_hash": hashlib.sha256(text.encode()).hexdigest(),
        "start": start,
        "end": start + len(place),
        "role": "answer",
    }


def time_quizapp(out: Path) -> tuple[float, float]:
    """(wall, CPU) seconds of one export."""
    wall, cpu = time.perf_counter(), time.process_time()
    with paused_gc():  # as the command does around its work
        selection = select_items(scope_query(), "approved")
        write_atomically(out, build_apkg(selection, "https://quiz.example.org"))
    return time.perf_counter() - wall, time.process_time() - cpu


def raw_notes() -> tuple[list[tuple], float]:
    """quizapp's notes as (model, fields, sort field, tags, guid, source), and their time."""
    selection = select_items(scope_query(), "approved")
    notes = []
    for item in selection.items:
        note = note_for(item, "https://quiz.example.org")
        notes.append(
            (note.model, note.fields, note.sort_field, note.tags, note.guid, item.source.title)
        )
    return notes, selection.timestamp


def time_genanki(notes: list[tuple], timestamp: float, out: Path) -> tuple[float, float]:
    """(wall, CPU) seconds of genanki making and writing the notes."""
    wall, cpu = time.perf_counter(), time.process_time()
    decks: dict[str, genanki.Deck] = {}  # by source title: a deck's name and id made once
    for model, fields, sort_field, tags, guid, title in notes:
        deck = decks.get(title)
        if deck is None:
            name = anki_models.deck_name(title)
            deck = decks[title] = genanki.Deck(anki_models.deck_id(name), name)
        deck.add_note(genanki.Note(model, list(fields), sort_field, list(tags), guid))
    genanki.Package(list(decks.values())).write_to_file(str(out), timestamp=timestamp)
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        app = create_app(TestingConfig(f"sqlite:///{work / 'bench.db'}", work / "instance"))
        with app.app_context():
            upgrade()
            started = time.perf_counter()
            seed(args.items)
            print(f"seeded {args.items} items in {time.perf_counter() - started:.2f} s")
            notes, timestamp = raw_notes()
            ours, theirs = [], []
            for _ in range(REPEATS):  # alternate, so both see the same load on the machine
                ours.append(time_quizapp(work / "quizapp.apkg"))
                theirs.append(time_genanki(notes, timestamp, work / "genanki.apkg"))
            size = (work / "quizapp.apkg").stat().st_size
            db.session.remove()
    # The best of the runs; CPU time as well, which other processes on a shared machine
    # disturb less than the wall clock.
    (wall, cpu), (raw_wall, raw_cpu) = _best(ours), _best(theirs)
    print(f"quizapp export anki: {wall:.3f} s wall, {cpu:.3f} s CPU for {args.items} items")
    print(f"raw genanki:         {raw_wall:.3f} s wall, {raw_cpu:.3f} s CPU for the same notes")
    print(f"ratio:               {wall / raw_wall:.2f} wall, {cpu / raw_cpu:.2f} CPU (target 1.3)")
    print(f"deck size:           {size / 1e6:.1f} MB")


def _best(runs: list[tuple[float, float]]) -> tuple[float, float]:
    return min(r[0] for r in runs), min(r[1] for r in runs)


if __name__ == "__main__":
    sys.exit(main())
