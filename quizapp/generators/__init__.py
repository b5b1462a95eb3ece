"""Question generators, one module per item type, registered by name.

A sentence generator turns one tagged sentence into zero or more drafts; a corpus
generator (chronology, matching) looks across sentences. Generators are pure: they
never see the database or a request.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable
from typing import Protocol

from quizapp.generators.base import Context, Draft
from quizapp.tagging.types import TaggedSentence

BUILT_IN = ("cloze", "multiple_choice", "short_answer", "true_false", "chronology", "matching")


class SentenceGenerator(Protocol):
    name: str
    version: str

    def generate(self, sentence: TaggedSentence, context: Context) -> list[Draft]: ...


class CorpusGenerator(Protocol):
    name: str
    version: str

    def generate_all(self, sentences: list[TaggedSentence], context: Context) -> list[Draft]: ...


class UnknownGenerator(KeyError):
    def __init__(self, name: str, known: Iterable[str]) -> None:
        super().__init__(f"unknown generator {name!r}; known generators: {', '.join(known)}")
        self.message = self.args[0]

    def __str__(self) -> str:
        return self.message


_REGISTRY: dict[str, object] = {}


def register(cls: type) -> type:
    """Class decorator: register a generator under its `name`; names are unique."""
    name = cls.name
    if name in _REGISTRY:
        raise ValueError(f"a generator named {name!r} is registered already")
    _REGISTRY[name] = cls()
    return cls


_loaded = False


def _load_plugins() -> None:
    """Import every module of this package; the generators among them register themselves."""
    global _loaded
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
    _loaded = True


def registry() -> dict[str, object]:
    """All registered generators by name (the package's modules are loaded on first use)."""
    if not _loaded:
        _load_plugins()
    return dict(_REGISTRY)


def select(names: Iterable[str] | None = None) -> list[object]:
    """The generators called `names` (all when None); an unknown name lists the known ones."""
    known = registry()
    if names is None:
        return list(known.values())
    chosen = []
    for name in names:
        if name not in known:
            raise UnknownGenerator(name, sorted(known))
        chosen.append(known[name])
    return chosen


def is_corpus_generator(generator: object) -> bool:
    return isinstance(getattr(generator, "generate_all", None), Callable)
