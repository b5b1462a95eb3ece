"""The plain records tagging produces and generators read."""

from __future__ import annotations

from dataclasses import dataclass, field

from quizapp.ingest.analysis import DEP, HEAD, LEMMA, OFFSET, POS, SPACE, TAG, TEXT

TYPES = ("person", "organization", "place", "date", "number", "event", "term")


@dataclass(frozen=True, slots=True)
class Token:
    """One token of a sentence, with its parse; offsets are within the sentence text."""

    i: int
    start: int
    text: str
    space: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int  # index of the head token in the sentence, -1 when outside it

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def tokens_of(analysis: dict) -> list[Token]:
    """Token records from a stored sentence analysis."""
    return [
        Token(
            i,
            row[OFFSET],
            row[TEXT],
            row[SPACE],
            row[LEMMA],
            row[POS],
            row[TAG],
            row[DEP],
            row[HEAD],
        )
        for i, row in enumerate(analysis.get("tokens", []))
    ]


@dataclass(frozen=True)
class Entity:
    """Something the corpus names: a person, organisation, place, event or term."""

    key: str  # stable, e.g. "person:dzerzhinsky"
    canonical: str  # "Felix Dzerzhinsky"
    type: str  # one of TYPES (never date or number)
    aliases: tuple[str, ...] = ()  # "Dzerzhinsky", "Iron Felix"
    description: str = ""
    source: str = "glossary"  # glossary | model


@dataclass(frozen=True, slots=True)
class Mention:
    """A tagged span of a sentence."""

    start: int  # within the sentence text
    end: int
    text: str
    type: str  # one of TYPES
    entity: str | None = None  # Entity.key for named things
    value: str | None = None  # dates: a sortable form ("1918-02-21", "1918-02", "1918",
    #                            "1920s", "1925~" for the mid-1920s); numbers: the digits
    source: str = "model"  # glossary | model | rule | quote | phrase (tagging/phrases.py)


@dataclass(frozen=True, slots=True)
class Antecedent:
    """Who a sentence's subject "he" is, from the sentences before it (tagging/antecedents.py)."""

    token: int  # index of the pronoun
    end: int  # where the pronoun ends in the sentence text: the name goes after it
    name: str  # as the passage named him
    entity: str | None = None
    possessive: bool = False  # "His [Trotsky's] written style"

    @property
    def bracketed(self) -> str:
        """What a stem adds after the pronoun: "[Stalin]", "[Trotsky's]"."""
        return f"[{self.name}'s]" if self.possessive else f"[{self.name}]"


@dataclass(slots=True)
class TaggedSentence:
    """A sentence with everything a generator may look at."""

    key: str
    text: str
    text_hash: str
    document: str  # slug
    document_title: str
    author: str | None
    year: int | None
    section: str
    passage_key: str
    passage_text: str
    kind: str  # body | caption | attribution | footnote
    ordinal: int  # position in the document
    cluster: str
    tokens: list[Token] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    quoted_by: str | None = None  # the speaker when the sentence quotes a third party
    previous: str | None = None  # the sentence before it in the passage, if any
    antecedent: Antecedent | None = None  # who its subject "he" is, when the passage says
    # A piece of a longer sentence (generators/pieces.py): where `text` starts in the cited
    # sentence, and that sentence's whole text; citations point into the whole.
    offset: int = 0
    whole: str | None = None
