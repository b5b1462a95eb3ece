"""What kind of thing a name is, beyond its tagged type: a country or a town, a newspaper
or a party, a person's title; read from the words around its mentions, its head noun,
its ending and the glossary's description. A distractor must be of the answer's kind.
"""

from __future__ import annotations

import re
from collections import Counter

from quizapp.generators.base import Context
from quizapp.generators.candidate_pool import Candidate
from quizapp.generators.countries import COUNTRIES
from quizapp.tagging.evidence import occurrence_kind
from quizapp.tagging.types import TaggedSentence

PLACE_LIKE_PERSON = {"berlin", "kremlin", "stalin", "lenin", "dublin", "pskov", "kharkov"}
# Regions inside a country: a region is not swapped for a country, nor a country for one.
REGIONS = set(
    "siberia caucasus crimea urals turkestan manchuria catalonia bavaria saxony prussia ruhr "
    "silesia galicia kazakhstan ukraine byelorussia transcaucasia volga donbas karelia "
    "andalusia asturias aragon".split()
)

CONTINENTS = {"europe", "asia", "africa", "australia", "latin america", "south america"}


def looks_like(text: str) -> str | None:
    """The type a name's ending suggests: Russian surnames, towns in -sk or -grad; None
    for a country ("Spain" ends like "Lenin")."""
    last = text.split()[-1].lower() if text.split() else ""
    if text.lower() in COUNTRIES:
        return None
    if re.search(r"(ov|ev|in|sky|ski|ich|vich|enko|idze|adze|yan)$", last) and len(last) > 4:
        return None if last in PLACE_LIKE_PERSON else "person"
    if re.search(r"(sk|grad|gorod|burg|pol)$", last):
        return "place"
    return None


def is_acronym(text: str) -> bool:
    return bool(re.fullmatch(r"[A-Z.\s]+", text)) and sum(c.isupper() for c in text) >= 2


def place_kind(text: str) -> str:
    return "country" if text.lower() in COUNTRIES else "other"


def indefinite_article(text: str) -> str:
    return "an" if re.match(r"[aeiouAEIOU]", text) else "a"


# --- kinds of values, from the words around every mention in the corpus -------------

TITLE_WORDS = {
    "comrade", "general", "marshal", "admiral", "colonel", "captain", "lieutenant", "count",
    "baron", "prince", "president", "premier", "professor", "doctor", "dr", "mr", "mrs",
    "m", "mme", "citizen", "tsar", "czar", "commissar", "ambassador", "minister", "bishop",
}  # fmt: skip
PLACE_NOUNS = {"region", "town", "city", "province", "village", "district", "port", "island"}
# The head noun of a multi-word name says what kind of organisation or place it is.
HEADS = {
    "military": "army armies battalion battalions guard guards fleet navy division regiment "
    "corps brigade brigades detachment detachments",
    "party": "party parties opposition international league bloc group faction democracy "
    "federation confederation union front",
    "body": "committee commissariat commission council bureau administration congress "
    "conference soviet tribunal court ministry department government cabinet presidium "
    "politbureau executive directorate secretariat",
    "business": "bank trust company works factory plant",
    "building": "palace prison fortress square street station cathedral hotel institute "
    "museum house hall church monastery theatre isolator",
    "nature": "sea lake river ocean gulf bay mountains mountain strait peninsula island",
}
EVENT_HEADS = {
    "meeting": "congress conference plenum session assembly",
    "rising": "revolution insurrection uprising rising putsch commune mutiny",
    "war": "war wars campaign offensive",
    "trial": "trial trials",
    "terror": "terror purge purges",
}
EVENT_KIND = {w: kind for kind, words in EVENT_HEADS.items() for w in words.split()}
HEAD_KIND = {w: kind for kind, words in HEADS.items() for w in words.split()}
DESCRIBED = {  # words of a glossary description's first noun phrase
    "press": "newspaper paper journal magazine review weekly daily",
    "police": "police",
    "country": "state country republic kingdom empire",
    "region": "region province territory",
    "city": "city capital town village",
    "building": "building station fortress palace prison isolator seat",
}
DESCRIBED_KIND = {w: kind for kind, words in DESCRIBED.items() for w in words.split()}


def _rows(sentence: TaggedSentence) -> list[list]:
    """The sentence's tokens as analysis rows, for evidence.occurrence_kind."""
    return [
        [t.start, t.text, t.space, t.lemma, t.pos, t.tag, t.dep, t.head] for t in sentence.tokens
    ]


# By the identity of a token list (tagging shares one list among the witnesses of a
# sentence), with the list itself so that its id is not reused while cached.
_ROWS: dict[int, tuple[list, list]] = {}


def shown_kind(sentence: TaggedSentence, start: int, end: int) -> str | None:
    """The kind the words around sentence.text[start:end] show ("in X": a place)."""
    cached = _ROWS.get(id(sentence.tokens))
    if cached is None or cached[0] is not sentence.tokens:
        if len(_ROWS) > 50000:
            _ROWS.clear()
        cached = _ROWS[id(sentence.tokens)] = (sentence.tokens, _rows(sentence))
    rows = cached[1]
    kind = occurrence_kind({"tokens": rows}, start, end)
    if kind:
        return kind
    before = sentence.text[:start].lower().split()[-3:]
    if len(before) >= 2 and before[-1] == "of" and before[-2] in PLACE_NOUNS:
        return "place"  # "the region of X"
    return None


def evidence(cand: Candidate) -> Counter:
    """How often the corpus's words around the candidate show each kind."""
    if cand.shown is None:
        cand.shown = Counter(
            k
            for s, (a, b) in zip(cand.sentences, cand.spans, strict=True)
            if (k := shown_kind(s, a, b))
        )
    return cand.shown


def modifier_use(cand: Candidate) -> bool:
    """The corpus mostly uses the name as an adjective or a noun's modifier ("Menshevik
    leaders", "Turkoman tribes"), so it is no place or person of its own."""
    modifying = 0
    for sentence, (start, end) in zip(cand.sentences, cand.spans, strict=True):
        inside = [t for t in sentence.tokens if start <= t.start < end]
        last = inside[-1] if inside else None
        if last is None:
            continue
        head = sentence.tokens[last.head] if 0 <= last.head < len(sentence.tokens) else None
        if last.pos == "ADJ" or (
            last.dep in ("amod", "compound") and head is not None and head.pos == "NOUN"
        ):
            modifying += 1
    return modifying * 2 > len(cand.sentences)


def fits_kind(cand: Candidate, type_: str) -> bool:
    """The corpus never shows the candidate as another kind more than as its own."""
    if type_ in ("place", "person") and "glossary" not in cand.sources and modifier_use(cand):
        return False
    shown = evidence(cand)
    if type_ == "person":
        return shown["place"] == 0 or shown["person"] > shown["place"]
    if type_ == "place":
        return shown["person"] == 0 and (shown["place"] > 0 or "glossary" in cand.sources)
    if type_ == "organization":
        return shown["person"] == 0
    return True


def fine_kind(text: str, type_: str, context: Context, key: str = "") -> str:
    """A finer kind of an organisation or place: its glossary description's first noun,
    the head noun of its name, a country; "other" when nothing says."""
    entity = context.entities.get(key)
    if entity and entity.description:
        words = re.findall(r"[a-z]+", entity.description.lower())[:6]
        for word in words:
            if word in DESCRIBED_KIND:
                return DESCRIBED_KIND[word]
    if type_ == "place" and text.lower() in CONTINENTS:
        return "continent"
    if type_ == "place" and text.lower() in REGIONS:
        return "region"
    if type_ == "place" and text.lower() in COUNTRIES:
        return "country"
    words = text.lower().split()
    if type_ == "event":
        return next((EVENT_KIND[w] for w in reversed(words) if w in EVENT_KIND), "other")
    for word in reversed(words):
        if word in HEAD_KIND:
            return HEAD_KIND[word]
    if type_ in ("place", "organization") and len(words) > 1:
        for word in words:
            if word in HEAD_KIND:
                return HEAD_KIND[word]
    return "other"


def title_before(sentence: TaggedSentence, start: int) -> str | None:
    """A title word right before the span ("General ___"), lower case."""
    words = re.findall(r"[\w.]+", sentence.text[:start])
    if words and words[-1].lower().rstrip(".") in TITLE_WORDS:
        return words[-1].lower().rstrip(".")
    return None


def title_of(text: str) -> str | None:
    first = text.split()[0].lower().rstrip(".") if text.split() else ""
    return first if first in TITLE_WORDS and len(text.split()) > 1 else None


# The title as the person's rank in a description ("Marshal, hero of …", "a White general
# of …"), not a word of another title ("General secretary", "the General Staff",
# "consul general").
RANK = r"(?<!consul )\b{title}\b(?=\s*(?:$|[,.;:)]|(?:of|in|and|who|under|during)\b))"


def titled(cand: Candidate, title: str, context: Context) -> bool:
    """The corpus calls the candidate by the title, or its description has the title."""
    entity = context.entities.get(cand.key)
    if entity and re.search(RANK.format(title=re.escape(title)), entity.description.lower()):
        return True
    return any(
        title_before(s, a) == title for s, (a, _) in zip(cand.sentences, cand.spans, strict=True)
    )
