"""Run the generators over tagged sentences, document by document, on one or more cores.

A sentence that duplicates one of an earlier document (a second witness) is left to
the first: one item per cluster. A sentence a cloze, multiple-choice or true/false
generator cannot use as a whole is offered as its halves (generators/pieces.py).
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from quizapp.generators import is_corpus_generator, select
from quizapp.generators.base import Context, Draft
from quizapp.generators.pieces import PIECE_GENERATORS, pieces
from quizapp.tagging.types import TaggedSentence


@dataclass
class _Work:
    context: Context
    names: list[str]


_WORK: _Work | None = None  # set in the parent before forking workers


def draft_documents(
    documents: dict[str, list[TaggedSentence]], context: Context, names: list[str], workers: int = 1
) -> dict[str, list[Draft]]:
    """Drafts for each document slug, from the generators called `names`."""
    global _WORK
    _WORK = _Work(context, names)
    slugs = list(documents)
    if workers <= 1 or len(slugs) <= 1:
        return {slug: _draft(documents[slug]) for slug in slugs}
    # Fork so the workers share the context instead of each unpickling a copy.
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"))
    with pool:
        results = pool.map(_draft, [documents[slug] for slug in slugs])
        return dict(zip(slugs, results, strict=True))


def _draft(sentences: list[TaggedSentence]) -> list[Draft]:
    assert _WORK is not None
    own = [s for s in sentences if s.cluster == s.key]
    drafts: list[Draft] = []
    halves: dict[str, list[TaggedSentence]] = {}  # pieces.pieces of a sentence, by key
    for generator in select(_WORK.names):
        if is_corpus_generator(generator):
            drafts.extend(generator.generate_all(own, _WORK.context))
            continue
        for sentence in own:
            found = generator.generate(sentence, _WORK.context)
            if not found and generator.name in PIECE_GENERATORS:
                if sentence.key not in halves:  # split once, whichever generator asks first
                    halves[sentence.key] = pieces(sentence)
                for piece in halves[sentence.key]:  # a sentence unfit as a whole: its halves
                    found.extend(generator.generate(piece, _WORK.context))
            drafts.extend(found)
    return drafts
