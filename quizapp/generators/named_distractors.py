"""Distractors for a name: people for a person, places of the same kind for a place,
organisations, events and terms like the answer; never the answer under another of its
names, never named in the sentence, only names the corpus backs as being of that kind.
distractors.candidates asks `named_candidates`.
"""

from __future__ import annotations

import re

from quizapp.generators.base import Context
from quizapp.generators.candidate_pool import (
    NAMED,
    Candidate,
    answer_forms,
    first_names,
    head_token,
    is_common_word,
    long_words,
    pool,
    squeeze,
    types_of,
)
from quizapp.generators.name_kinds import (
    TITLE_WORDS,
    evidence,
    fine_kind,
    fits_kind,
    indefinite_article,
    is_acronym,
    looks_like,
    place_kind,
    shown_kind,
    title_before,
    title_of,
    titled,
)
from quizapp.generators.named_referents import referent_name
from quizapp.generators.ranking import PHRASES, Span
from quizapp.generators.values import (
    common_words,
)
from quizapp.tagging.types import TaggedSentence

PARTICLES = {"de", "von", "van", "of", "the", "and", "for", "la", "del", "y", "&"}


def _plausible_name(
    cand: Candidate, answer: str, type_: str, context: Context, answer_curated: bool = False
) -> bool:
    """A name like the answer: proper nouns, seen twice, acronym for acronym.
    `answer_curated`: the answer's type is the glossary's, not the model's guess."""
    tokens = cand.text.split()
    if not tokens or re.search(r"\d", cand.text) or len(tokens) > 6:
        return False
    if type_ == "term":
        ending = r"(ism|ist|ists|ian|ians)$"
        same_case = cand.text[:1].isupper() == answer[:1].isupper()
        plural = cand.text.endswith("s") == answer.endswith("s")
        if cand.text.lower() in common_words(context) and answer.lower() not in common_words(
            context
        ):
            return False
        suffix = re.search(ending, cand.text)
        own = re.search(ending, answer)
        return same_case and plural and (suffix and suffix.group(1)) == (own and own.group(1))
    if not cand.proper or cand.count < 2 or is_acronym(cand.text) != is_acronym(answer):
        return False
    if type_ == "organization" and not _backed_organization(cand):
        return False
    if type_ in ("person", "place") and re.search(
        r"(iks|ists?|ites|ians|ards|ers|isms?)$", cand.text
    ):
        return False  # a group, not one person or place
    if type_ == "place" and place_kind(cand.text) != place_kind(answer):
        return False
    if looks_like(cand.text) not in (type_, None) and "glossary" not in cand.sources:
        return False  # a surname's ending on a "place" only the model typed
    if looks_like(answer) not in (type_, None) and not answer_curated:
        return False
    if type_ != "person" and tokens[0] in first_names(context):
        return False  # "Margarete Buber-Neumann" tagged as an organisation
    if type_ == "person" and len(tokens) == 1 and not _supported_person(cand, context):
        return False  # "Menshevik", "Rosa": a lone word nothing shows to be a surname
    if type_ == "person" and not _called_by_surname(cand, context):
        return False  # "Iron Felix", "Vladimir Ilyich", "La Batalla": not a name and surname
    if len(tokens) == 1 and is_common_word(tokens[0], context):
        return False  # "State", "Party", "Chekists": a generic noun with a capital
    return all(t[:1].isupper() or t.lower() in PARTICLES for t in tokens)


PATRONYMIC = re.compile(r"(?:ovich|evich|ich|ovna|evna|ichna)$")
ARTICLES = {"la", "le", "el", "los", "las", "les", "die", "der", "das", "il", "lo"}


def _called_by_surname(cand: Candidate, context: Context) -> bool:
    """A person's name as an option should end in their surname: not an epithet or a
    given name with a patronymic that the glossary lists besides the full name, not a
    foreign title ("La Batalla") the model took for a person."""
    tokens = cand.text.split()
    if tokens[0].lower() in ARTICLES:
        return False
    if len(tokens) == 2 and PATRONYMIC.search(tokens[1]):
        return False
    entity = context.entities.get(cand.key)
    if entity is None or len(entity.canonical.split()) < 2:
        return True
    return entity.canonical.split()[-1] in tokens


def _supported_person(cand: Candidate, context: Context) -> bool:
    """A one-word person name the corpus backs: a glossary name, the surname of a
    full name, or a name the words around it show to be a person's."""
    if cand.text in first_names(context):
        return False
    entity = context.entities.get(cand.key)
    if "glossary" in cand.sources or (entity and len(entity.canonical.split()) > 1):
        return True
    if types_of(context).get(cand.text.lower(), set()) - {"person"}:
        return False  # "Orel", "Caucasus": tagged as a place or party elsewhere
    shown = evidence(cand)
    return shown["person"] > 0 and shown["place"] == 0


def named_candidates(sentence: TaggedSentence, span: Span, context: Context) -> list[Candidate]:
    """Entities of the answer's type: same word count, not in the sentence, not aliases."""
    forms = answer_forms(span, context)
    entity = context.entities.get(span.mention.entity or "")
    names = [span.text, *((entity.canonical, *entity.aliases) if entity else ())]
    banned = set().union(*(long_words(n) for n in names)) | long_words(sentence.text)
    banned |= long_words(referent_name(sentence))  # "he [Stalin]": not an option
    banned |= long_words(sentence.author or "")
    size = len(span.text.split())
    types = types_of(context)
    if len(types.get(span.text.lower(), ())) > 1:
        return []  # the answer is tagged as another kind of thing elsewhere
    phrase = span.mention.source in PHRASES
    type_ = span.mention.type
    if not _answer_fits(sentence, span, context):
        return []
    title, own_title = title_before(sentence, span.start), title_of(span.text)
    article = re.search(r"\b(a|an)\s+$", sentence.text[: span.start], re.IGNORECASE)
    definite = takes_the(sentence, span.start, span.end)
    kind = fine_kind(span.text, type_, context, span.mention.entity or "")
    result = []
    for cand in pool(context, span.mention.type):
        if cand.key == span.mention.entity or squeeze(cand.text) in forms:
            continue
        if phrase != bool(cand.sources & set(PHRASES)) or (phrase and cand.count < 2):
            continue  # a quoted phrase for a quoted phrase, and only one said twice
        if any(squeeze(cand.text).startswith(f) or f.startswith(squeeze(cand.text)) for f in forms):
            continue  # "Stalinists" for "Stalin"
        if squeeze(cand.text) in squeeze(sentence.text) or long_words(cand.text) & banned:
            continue
        if len(cand.text.split()) != size:
            continue
        curated = span.mention.source == "glossary"
        if not _plausible_name(cand, span.text, span.mention.type, context, curated):
            continue
        if len(types.get(cand.text.lower(), ())) > 1:
            continue  # tagged as another kind of thing elsewhere
        if type_ in ("person", "place", "organization") and not fits_kind(cand, type_):
            continue  # "in X" for a person, "X said" for a place
        if title_of(cand.text) != own_title or (title and not titled(cand, title, context)):
            continue  # "General ___" wants people the corpus calls generals
        if type_ in ("place", "organization", "event") and not same_kind(
            fine_kind(cand.text, type_, context, cand.key), kind, type_
        ):
            continue  # a newspaper for a newspaper, a region for a region
        if article and indefinite_article(cand.text) != article.group(1).lower():
            continue  # "an ___" wants a name that takes "an"
        if (
            type_ in ("place", "organization")
            and definite is not None
            and (written_with_the(cand) != definite)
        ):
            continue  # "in the ___" wants "the Urals", not "the New York"
        if article and plural_name(cand.text) and not plural_name(span.text):
            continue  # "a fine giant of a ___": a Bolshevik, not "a Mensheviks"
        result.append(cand)
    return result


# A place nothing describes is most often a town: it may stand for a city and a city for it.
SETTLEMENTS = {"city", "other"}


def same_kind(kind: str, other: str, type_: str) -> bool:
    """Whether two fine kinds match: equal, or a city and an undescribed place."""
    return kind == other or (type_ == "place" and {kind, other} <= SETTLEMENTS)


THE = re.compile(r"\bthe\s+$", re.IGNORECASE)


def takes_the(sentence: TaggedSentence, start: int, end: int) -> bool | None:
    """Whether the name at start:end has "the" of its own ("in the Urals": True, "in
    Moscow": False); None when it modifies a noun after it ("the Moscow region"), whose
    article that is."""
    head = head_token(sentence, start, end)
    if (
        head is not None
        and head.dep in ("compound", "amod", "nmod", "poss")
        and (head.head > head.i)
    ):
        return None
    return bool(THE.search(sentence.text[:start]))


def written_with_the(cand: Candidate) -> bool:
    """Whether the corpus mostly writes the name with "the" of its own ("the Urals",
    "the Cheka"); uses as a modifier ("the Moscow region") do not count."""
    uses = [
        takes_the(sentence, start, end)
        for sentence, (start, end) in zip(cand.sentences, cand.spans, strict=True)
    ]
    counted = [u for u in uses if u is not None]
    return sum(counted) * 2 > len(counted)


def plural_name(name: str) -> bool:
    """A name of members in the plural ("Mensheviks", "Left SRs"), by its last word."""
    last = name.split()[-1]
    return last.endswith("s") and not last.endswith(("ss", "us", "is"))


def _answer_fits(sentence: TaggedSentence, span: Span, context: Context) -> bool:
    """The answer's own place in the sentence is one its distractors can take: not a
    title of a work ("in The ___"), not a surname after a given name ("Marcel ___"),
    not shown as another kind than its tag ("in the region of ___" for a person)."""
    type_ = span.mention.type
    before = sentence.text[: span.start].rstrip()
    if span.start > 0 and re.search(r"(^|[^.!?:]\s)The$", before):
        return False  # "in The ___": a work's or paper's title
    words = before.split()
    last = words[-1] if words else ""
    if type_ == "person" and last == "the":
        return False  # "the dungeons of the ___": no person's name takes "the"
    if (
        type_ == "person"
        and re.fullmatch(r"[A-Z][a-zé]+", last)
        and last.lower() not in TITLE_WORDS
        and len(words) > 1
        and last in first_names(context)
    ):
        return False  # "Marcel ___": the given name cues a surname of one nationality
    shown = shown_kind(sentence, span.start, span.end)
    if type_ == "person" and shown == "place":
        return False
    if type_ in NAMED and not _answer_backed(span, context):
        return False  # "Kara-Kum" or "Meyer" as an organisation: the model's guess
    return not (type_ in ("place", "organization") and shown == "person")


def _answer_backed(span: Span, context: Context) -> bool:
    """A one-word name only the statistical model typed is trusted as the kind its
    distractors must share when the corpus backs it: an organisation named three times
    (or an acronym), a person never tagged or shown as another kind ("Kara-Kum",
    "Zimmerwald")."""
    type_ = span.mention.type
    if len(span.text.split()) > 1 or span.mention.source == "glossary":
        return True
    if is_common_word(span.text, context):
        return False  # "an arrested Oppositionist": a word the corpus writes in lower case
    own = next((c for c in pool(context, type_) if c.text == span.text), None)
    if own is None or "glossary" in own.sources:
        return True
    if type_ == "organization" and not _backed_organization(own):
        return False
    if type_ != "person":
        return True
    if types_of(context).get(own.text.lower(), set()) - {"person"}:
        return False
    shown = evidence(own)
    return shown["place"] == 0 or shown["person"] > shown["place"]


def _backed_organization(cand: Candidate) -> bool:
    """Not a lone capitalised word the model alone calls an organisation ("Turkoman")
    unless the corpus names it three times or it is an acronym."""
    one_word = len(cand.text.split()) == 1
    model_only = "glossary" not in cand.sources
    return not (one_word and model_only and cand.count < 3 and not is_acronym(cand.text))
