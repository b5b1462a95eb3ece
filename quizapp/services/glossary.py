"""Editing the glossary: validate, save, re-tag the corpus and re-check the bank.

The glossary is the YAML file named by QUIZAPP_GLOSSARY; a save replaces it whole and
atomically, so a half-written glossary never exists on disk.
"""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from pathlib import Path

from flask import current_app
from sqlalchemy import select

from quizapp.extensions import db
from quizapp.models import Document
from quizapp.services.audit import record
from quizapp.services.sentence_rows import sentence_rows
from quizapp.services.tagging import store_tagging
from quizapp.services.verdicts import recheck_bank
from quizapp.tagging.glossary import parse_glossary
from quizapp.tagging.tagger import tag_sentences


def glossary_path() -> Path:
    return Path(current_app.config["GLOSSARY_PATH"])


def read_glossary_text() -> str:
    path = glossary_path()
    return path.read_text(encoding="utf-8") if path.exists() else ""


def save_glossary(text: str, user) -> Counter:
    """Validate and save `text` (GlossaryError names the line); re-tag; return verdicts."""
    entities = parse_glossary(text, filename=glossary_path().name)
    before = read_glossary_text()
    _write_atomically(glossary_path(), text)
    record(
        user,
        "edit",
        "glossary",
        glossary_path().name,
        {"entries": before.count("\n- ") + before.startswith("- ")},
        {"entries": len(entities)},
    )
    documents = db.session.scalars(select(Document).order_by(Document.id)).all()
    store_tagging(tag_sentences(sentence_rows(documents), entities))
    db.session.commit()
    return recheck_bank()


def _write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".glossary-", suffix=".yaml")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
