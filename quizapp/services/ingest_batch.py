"""Ingest many files: read each, run the pure stages on several cores, store in order.

Storing stays in order and in this process, because a document's duplicate clusters
depend on the documents stored before it; the spaCy work, which is most of the time,
runs in worker processes when more than one is asked for.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from quizapp.ingest.load import SourceError, SourceText, read_source
from quizapp.ingest.manifest import DocumentMeta
from quizapp.ingest.prepare import PreparedDocument, prepare_document
from quizapp.services.corpus import IngestReport, ingest_source, is_current


@dataclass
class Outcome:
    meta: DocumentMeta
    report: IngestReport | None = None
    error: SourceError | None = None


def ingest_many(
    items: list[tuple[Path, DocumentMeta]], model: str, max_bytes: int, workers: int = 1
) -> Iterator[Outcome]:
    """Ingest `items` in order, yielding each one's outcome as it is stored."""
    sources: list[tuple[DocumentMeta, SourceText | SourceError]] = []
    for path, meta in items:
        try:
            sources.append((meta, read_source(path, max_bytes)))
        except SourceError as exc:
            sources.append((meta, exc))
    pending = {
        m.slug: s for m, s in sources if isinstance(s, SourceText) and not is_current(s, m, model)
    }
    with _pool(workers, len(pending)) as pool:
        futures: dict[str, Future] = (
            {
                slug: pool.submit(prepare_document, source.text, slug, model)
                for slug, source in pending.items()
            }
            if pool
            else {}
        )
        for meta, source in sources:
            if isinstance(source, SourceError):
                yield Outcome(meta, error=source)
                continue
            yield _store(meta, source, model, futures.get(meta.slug))


def _store(meta: DocumentMeta, source: SourceText, model: str, future: Future | None) -> Outcome:
    try:
        prepared: PreparedDocument | None = future.result() if future else None
        return Outcome(meta, report=ingest_source(source, meta, model, prepared=prepared))
    except SourceError as exc:
        return Outcome(meta, error=exc)


class _NoPool:
    def __enter__(self):
        return None

    def __exit__(self, *exc) -> None:
        return None


def _pool(workers: int, jobs: int):
    if workers <= 1 or jobs <= 1:
        return _NoPool()
    return ProcessPoolExecutor(
        max_workers=min(workers, jobs), mp_context=multiprocessing.get_context("fork")
    )
