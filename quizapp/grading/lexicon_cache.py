"""The corpus's lexicon, built once per process and reused until the entities change.

Building a Lexicon normalises every entity name in the corpus; doing it for every typed
answer was most of an answer's cost. The cache keeps one lexicon with the stamp it was
built under and rebuilds it when the stamp differs. The stamp is made of:

- the caller's fingerprint of the stored entities (services/attempts.py reads their
  count, highest id and the total length of their names in one cheap query), so a
  change made by another process (another gunicorn worker, `quizapp generate`) shows;
- a generation this process bumps whenever it stores entities (`entities_changed`,
  called by services/tagging.py before and after the commit), so an edit that keeps
  the fingerprint (a name swapped for one of the same length) shows at once here;
- the current minute window, so even such an edit made by another process is seen
  within MAX_AGE_SECONDS.

No database here: the caller passes the fingerprint and a function that builds.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable

from quizapp.grading.lexicon import Lexicon

MAX_AGE_SECONDS = 60

_lock = threading.Lock()
_generation = 0
_cached: tuple[Hashable, Lexicon] | None = None


def entities_changed() -> None:
    """The stored entities changed (or are about to): the next lexicon is rebuilt."""
    global _generation, _cached
    with _lock:
        _generation += 1
        _cached = None


def cached_lexicon(fingerprint: Hashable, build: Callable[[], Lexicon]) -> Lexicon:
    """The lexicon built for this stamp, calling `build` only when the stamp changed."""
    global _cached
    with _lock:
        stamp = (fingerprint, _generation, int(time.monotonic() // MAX_AGE_SECONDS))
        found = _cached
    if found is not None and found[0] == stamp:
        return found[1]
    lexicon = build()
    with _lock:
        # a bump while building leaves the generation changed: do not keep a stale build
        if stamp[1] == _generation:
            _cached = (stamp, lexicon)
    return lexicon
