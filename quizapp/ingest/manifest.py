"""Read `manifest.toml`: the metadata of each document in a corpus folder."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from quizapp.ingest.load import SourceError

REQUIRED = ("slug", "title", "file")
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,119}$")


@dataclass
class DocumentMeta:
    slug: str
    title: str | None = None
    author: str | None = None
    year: int | None = None
    publication: str | None = None
    origin: str | None = None


def slugify(name: str) -> str:
    """A URL-safe slug from a file name or title."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return slug[:120] or "document"


def meta_from_filename(path: Path) -> DocumentMeta:
    return DocumentMeta(slug=slugify(path.stem))


def load_manifest(folder: Path) -> dict[str, DocumentMeta]:
    """Map file names in `folder` to their metadata; empty when there is no manifest."""
    path = folder / "manifest.toml"
    if not path.exists():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SourceError(path, f"invalid manifest: {exc}") from exc
    entries: dict[str, DocumentMeta] = {}
    for number, entry in enumerate(data.get("document", []), start=1):
        missing = [k for k in REQUIRED if not entry.get(k)]
        if missing:
            raise SourceError(path, f"document entry {number} lacks {', '.join(missing)}")
        if not SLUG.match(entry["slug"]):
            raise SourceError(
                path,
                f"document entry {number}: slug {entry['slug']!r} must be "
                "lower-case letters, digits and hyphens",
            )
        year = entry.get("year")
        if year is not None and not isinstance(year, int):
            raise SourceError(path, f"document entry {number}: year {year!r} is not a number")
        entries[entry["file"]] = DocumentMeta(
            slug=entry["slug"],
            title=entry["title"],
            author=entry.get("author"),
            year=year,
            publication=entry.get("publication"),
            origin=entry.get("origin"),
        )
    return entries
