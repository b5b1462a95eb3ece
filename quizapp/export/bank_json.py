"""The bank as JSON, lossless, so a bank can move from one installation to another.

Every item keeps its uuid, status, fingerprint, tags and every version with its verdict,
reasons, author and dates; each citation carries its sentence key, hash and span and
the sentence's text, so an installation whose corpus lacks the sentence can still say
which sentence it was (the item is then imported as stale).
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from sqlalchemy import Select, select
from sqlalchemy.orm import selectinload

from quizapp.export import ExportError
from quizapp.extensions import db
from quizapp.models import Document, Item, ItemVersion, Sentence
from quizapp.models.bank import STATUSES, VERDICTS
from quizapp.services.bank_import import ImportedCitation, ImportedItem, ImportedVersion

FORMAT = "quizapp-bank"
FORMAT_VERSION = 1


def build_bank_json(item_ids: Select) -> tuple[bytes, int]:
    """The items whose ids `item_ids` selects, with all their versions, as JSON bytes;
    and how many items that is."""
    items = db.session.scalars(
        select(Item)
        .where(Item.id.in_(item_ids))
        .options(
            selectinload(Item.versions).selectinload(ItemVersion.citations),
            selectinload(Item.tags),
        )
        .order_by(Item.id)
    ).all()
    if not items:
        raise ExportError("nothing to export: no item matches")
    slugs = dict(db.session.execute(select(Document.id, Document.slug)).all())
    keys = {c.sentence_key for i in items for v in i.versions for c in v.citations}
    texts = _sentence_texts(keys)
    document = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "items": [_item(item, slugs[item.document_id], texts) for item in items],
    }
    text = json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return text.encode(), len(items)


def _sentence_texts(keys: set[str]) -> dict[str, str]:
    wanted, texts = sorted(keys), {}
    for start in range(0, len(wanted), 500):
        statement = select(Sentence.key, Sentence.text).where(
            Sentence.key.in_(wanted[start : start + 500])
        )
        texts.update(dict(db.session.execute(statement).all()))
    return texts


def _item(item: Item, slug: str, texts: dict[str, str]) -> dict:
    return {
        "uuid": item.uuid,
        "type": item.type,
        "status": item.status,
        "status_reason": item.status_reason,
        "override_reason": item.override_reason,
        "fingerprint": item.fingerprint,
        "source": slug,
        "current_version": item.current_version,
        "created_at": _date(item.created_at),
        "tags": sorted(t.tag for t in item.tags),
        "versions": [_version(v, texts) for v in item.versions],
    }


def _version(version: ItemVersion, texts: dict[str, str]) -> dict:
    return {
        "number": version.number,
        "stem": version.stem,
        "answer": version.answer,
        "alternatives": list(version.alternatives or []),
        "distractors": list(version.distractors or []),
        "explanation": version.explanation,
        "payload": version.payload or {},
        "author": version.author,
        "score": version.score,
        "verdict": version.verdict,
        "reasons": list(version.reasons or []),
        "created_at": _date(version.created_at),
        "citations": [
            {
                "sentence_key": c.sentence_key,
                "sentence_hash": c.sentence_hash,
                "start": c.start,
                "end": c.end,
                "role": c.role,
                "text": texts.get(c.sentence_key, ""),
            }
            for c in version.citations
        ],
    }


def _date(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


# ---- reading -------------------------------------------------------------------------


def read_bank_json(path: Path) -> list[ImportedItem]:
    """The items of a quizapp JSON export; a malformed file is refused whole."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ExportError(f"{path}: {exc.strerror}") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ExportError(f"{path}: not a JSON file ({exc})") from exc
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ExportError(f'{path}: not a quizapp bank export (no "format": "{FORMAT}")')
    if document.get("version") != FORMAT_VERSION:
        raise ExportError(f"{path}: bank format version {document.get('version')!r} is unknown")
    items = []
    for n, raw in enumerate(document.get("items", []), start=1):
        try:
            items.append(_read_item(raw))
        except (KeyError, TypeError, ValueError) as exc:
            raise ExportError(f"{path}: item {n} is malformed ({exc!r})") from exc
    return items


def _read_item(raw: dict) -> ImportedItem:
    versions = [_read_version(v) for v in raw["versions"]]
    if not versions:
        raise ValueError("it has no versions")
    if raw.get("status", "draft") not in STATUSES:
        raise ValueError(f"unknown status {raw.get('status')!r}")
    return ImportedItem(
        type=raw["type"],
        versions=versions,
        uuid=raw["uuid"],
        status=raw.get("status", "draft"),
        source=raw.get("source"),
        current_version=raw.get("current_version"),
        tags=list(raw.get("tags", [])),
        status_reason=raw.get("status_reason"),
        override_reason=raw.get("override_reason"),
        fingerprint=raw.get("fingerprint"),
        created_at=_parse_date(raw.get("created_at")),
    )


def _read_version(raw: dict) -> ImportedVersion:
    if raw.get("verdict") not in (None, *VERDICTS):
        raise ValueError(f"unknown verdict {raw.get('verdict')!r}")
    return ImportedVersion(
        number=int(raw["number"]),
        stem=raw["stem"],
        answer=raw["answer"],
        alternatives=list(raw.get("alternatives", [])),
        distractors=list(raw.get("distractors", [])),
        explanation=raw.get("explanation", ""),
        payload=dict(raw.get("payload") or {}),
        author=raw.get("author", "import:json"),
        score=float(raw.get("score", 0.0)),
        verdict=raw.get("verdict"),
        reasons=list(raw.get("reasons", [])),
        created_at=_parse_date(raw.get("created_at")),
        citations=[
            ImportedCitation(
                sentence_key=c["sentence_key"],
                sentence_hash=c.get("sentence_hash", ""),
                start=int(c.get("start", 0)),
                end=int(c.get("end", 0)),
                role=c.get("role", "answer"),
                text=c.get("text", ""),
            )
            for c in raw.get("citations", [])
        ],
    )


def _parse_date(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None
