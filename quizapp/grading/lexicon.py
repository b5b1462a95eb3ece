"""The names of the corpus's entities, in comparable form, for judging typed answers.

An entity is known by its canonical name, its glossary aliases and every text the tagger
linked to it in the corpus ("Dzerzhinsky", "Felix Dzerzhinsky", "Iron Felix"). A typed
answer that is one of these names belongs to that entity.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from quizapp.checking.normalize import normalize_answer


@dataclass(frozen=True)
class Lexicon:
    """Entity names: who owns each comparable form, and each entity's names as written."""

    owners: dict[str, frozenset[str]] = field(default_factory=dict)  # form -> entity keys
    names: dict[str, tuple[str, ...]] = field(default_factory=dict)  # entity key -> names

    @classmethod
    def build(cls, entries: Iterable[tuple[str, Iterable[str]]]) -> Lexicon:
        """A lexicon from (entity key, names) pairs; a key may come more than once."""
        names: dict[str, dict[str, None]] = defaultdict(dict)
        owners: dict[str, set[str]] = defaultdict(set)
        for key, written in entries:
            for name in written:
                form = normalize_answer(name or "")
                if form:
                    names[key].setdefault(name.strip(), None)
                    owners[form].add(key)
        return cls(
            owners={form: frozenset(keys) for form, keys in owners.items()},
            names={key: tuple(found) for key, found in names.items()},
        )

    def extended(self, entries: Iterable[tuple[str, Iterable[str]]]) -> Lexicon:
        """This lexicon with more (entity key, names) pairs; this one is left as it is."""
        more = Lexicon.build(entries)
        owners = dict(self.owners)
        for form, keys in more.owners.items():
            owners[form] = owners.get(form, frozenset()) | keys
        names = dict(self.names)
        for key, found in more.names.items():
            names[key] = tuple(dict.fromkeys([*names.get(key, ()), *found]))
        return Lexicon(owners=owners, names=names)

    def entities_named(self, text: str) -> frozenset[str]:
        """The keys of the entities one of whose names `text` is."""
        return self.owners.get(normalize_answer(text), frozenset())

    def display(self, key: str) -> str:
        """The entity's first name as written (its canonical name when built from records)."""
        found = self.names.get(key)
        return found[0] if found else key


NO_NAMES = Lexicon()  # judging without the corpus's names: only the key and its alternatives
