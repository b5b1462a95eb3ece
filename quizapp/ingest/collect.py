"""Expand the paths given to `quizapp ingest` into (file, metadata) pairs, in ingest order."""

from __future__ import annotations

from pathlib import Path

from quizapp.ingest.load import TEXT_SUFFIXES, SourceError
from quizapp.ingest.manifest import DocumentMeta, load_manifest, meta_from_filename


def collect_sources(paths: list[str]) -> tuple[list[tuple[Path, DocumentMeta]], list[SourceError]]:
    """Return the files to ingest with their metadata, and the errors for paths that fail.

    A folder contributes the files its manifest lists (in manifest order), then its other
    text files in name order. A file given directly uses its folder's manifest entry if
    there is one.
    """
    found: list[tuple[Path, DocumentMeta]] = []
    errors: list[SourceError] = []
    for raw in paths:
        path = Path(raw)
        try:
            if path.is_dir():
                found.extend(_folder(path))
            elif path.exists():
                manifest = load_manifest(path.parent)
                found.append((path, manifest.get(path.name) or meta_from_filename(path)))
            else:
                errors.append(SourceError(path, "no such file or folder"))
        except SourceError as exc:
            errors.append(exc)
    return found, errors


def _folder(folder: Path) -> list[tuple[Path, DocumentMeta]]:
    manifest = load_manifest(folder)
    items: list[tuple[Path, DocumentMeta]] = []
    for name, meta in manifest.items():
        path = folder / name
        if not path.exists():
            raise SourceError(folder / "manifest.toml", f"lists {name}, which is not in {folder}")
        items.append((path, meta))
    listed = set(manifest)
    for path in sorted(folder.iterdir()):
        if path.is_file() and path.suffix.lower() in TEXT_SUFFIXES and path.name not in listed:
            if path.name.lower() in {"readme.md", "readme.txt"}:
                continue
            items.append((path, meta_from_filename(path)))
    return items
