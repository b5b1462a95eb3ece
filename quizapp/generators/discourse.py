"""Does a sentence continue an argument made before it? A bare "the decree", an opening
"However" or "there" told earlier, an additive "also", a clause whose verb is left out or
a comparison without its other term: references.py asks these, beside its pronouns.
"""

from __future__ import annotations

import re

from quizapp.generators.referents import SUBJECTS
from quizapp.tagging.types import TaggedSentence

ADDITIVE = {"also", "too", "likewise", "either"}  # "The communists also ...": who else?
# Common nouns that, as a bare "the X", point back to something named earlier.
POINTING_NOUNS = {
    "struggle", "answer", "exception", "man", "men", "woman", "leader", "movement", "group",
    "affair", "episode", "case", "problem", "question", "book",
    "article", "author", "letter", "decree", "speech", "report", "trial", "conference",
    "meeting", "plan", "policy", "decision", "result", "attempt", "step", "measure",
    "consequence", "conspiracy", "plot", "reason", "purpose", "aim", "outcome", "incident",
    "controversy", "congress", "committee", "attack", "campaign", "scheme", "proposal",
    "agreement", "treaty", "operation", "commission", "insurrection", "uprising", "revolt",
    "mutiny", "strike", "crisis", "regime", "régime", "tribunal", "verdict", "crime", "cult",
    "junta",
}  # fmt: skip
MODIFIERS = {
    "compound", "amod", "poss", "prep", "nmod", "relcl", "acl", "appos", "nummod", "npadvmod",
}  # fmt: skip
NONRESTRICTIVE = {"including", "like", "except", "especially"}  # prepositions that add, not pick
CONNECTIVES = {"but", "and", "yet", "so", "however", "thus", "then", "nevertheless", "or"}


def lead_tokens(sentence: TaggedSentence) -> list:
    """The tokens after leading punctuation and connectives ("But", "And", "However,")."""
    tokens = [t for t in sentence.tokens if t.pos != "SPACE"]
    i = 0
    while i < len(tokens) and (tokens[i].pos == "PUNCT" or tokens[i].text.lower() in CONNECTIVES):
        i += 1
    return tokens[i:]


def points_back(sentence: TaggedSentence) -> bool:
    """A bare "the struggle", "the answer", or a bare "the X" opening the sentence as its
    subject ("The communists also stopped work"): a referent named earlier in the text."""
    tokens = sentence.tokens
    for token in tokens:
        low = token.text.lower()
        if low in ("too", "likewise") and token.dep == "advmod" and 0 <= token.head < len(tokens):
            if tokens[token.head].pos in ("VERB", "AUX", "PRON", "PROPN", "NOUN"):
                return True  # "he too an old army chief", "have likewise disappeared": as whom?
        bare_name = token.pos == "PROPN" and low in POINTING_NOUNS  # "the Congress"
        if token.pos != "NOUN" and not bare_name:
            continue
        kids = [t for t in tokens if t.head == token.i and t.i != token.i]
        if any(k.dep in MODIFIERS and k.text.lower() not in NONRESTRICTIVE for k in kids):
            continue  # "the attack on Kirov" says which; "the attack, including ..." does not
        dets = [k for k in kids if k.dep == "det"]
        if not dets or dets[0].text.lower() not in ("the", "this", "these", "that", "those"):
            continue
        lemma = token.lemma.lower()
        if any(t.lemma.lower() == lemma for t in tokens[: dets[0].i]):
            continue  # "the book ... whitewashed those trials": named before in the sentence
        if lemma in POINTING_NOUNS or token.text.lower() in POINTING_NOUNS:
            return True
        additive = any(
            t.text.lower() in ADDITIVE and t.dep == "advmod" and t.head == token.head
            for t in tokens
        )
        if token.dep in SUBJECTS and additive:
            return True  # "The communists also stopped work": which communists, besides whom?
    return False


# Adverbs that tie a sentence to the one before: "however" contrasts it with something,
# "there" and "now" point to a place and a moment told earlier.
CONTRASTIVE = {"however", "nevertheless", "nonetheless"}
DEICTIC = {"there", "now"}
TIED_PHRASES = re.compile(r"\b(at once|before long|soon after|even so)\b", re.IGNORECASE)


def leans_on_discourse(sentence: TaggedSentence) -> bool:
    """ "Under Dzerzhinsky, however, …", "a village formerly located there", "now
    everything is permissible", "Even the pact had its explanation", "Before long …"."""
    if TIED_PHRASES.search(sentence.text):
        return True
    for token in sentence.tokens:
        low = token.text.lower()
        if token.dep not in ("advmod", "npadvmod"):
            continue
        if low == "there" and any(
            m.type == "place" and m.end <= token.start for m in sentence.mentions
        ):
            continue  # "Muna arrived from Czechoslovakia, reporting … there": the sentence's
        if low in CONTRASTIVE or low in DEICTIC:
            return True
    lead = lead_tokens(sentence)
    return bool(lead) and lead[0].text.lower() == "even" and lead[0].dep == "advmod"


def additive(sentence: TaggedSentence) -> bool:
    """ "also", "too" or "likewise" modifies the main verb: the sentence adds to one before."""
    tokens = sentence.tokens
    for token in tokens:
        if (
            token.text.lower() in ADDITIVE
            and token.dep == "advmod"
            and 0 <= token.head < len(tokens)
        ):
            if tokens[token.head].dep == "ROOT":
                return True
    return False


def bare_comparative(sentence: TaggedSentence) -> bool:
    """A predicate comparative without "than": "Ordjonikidze is more capable" than whom?"""
    tokens = sentence.tokens
    if any(t.text.lower() == "than" for t in tokens):
        return False
    for token in tokens:
        if token.dep != "acomp":
            continue
        degree = [t for t in tokens if t.head == token.i and t.dep == "advmod"]
        if token.tag == "JJR" or any(t.text.lower() in ("more", "less") for t in degree):
            return True
    return False


def gapped(sentence: TaggedSentence) -> bool:
    """A clause whose verb is left out: "Rosenberg arrives in Madrid, Antonov in Barcelona."
    A comma, then a name and a prepositional phrase up to the end with no verb."""
    tokens = [t for t in sentence.tokens if t.pos != "SPACE"]
    for k, token in enumerate(tokens):
        if token.text not in (",", ";"):
            continue
        rest = tokens[k + 1 :]
        names = 0
        while names < len(rest) and (
            rest[names].pos == "PROPN" or (names and rest[names].tag == "HYPH")
        ):
            names += 1
        tail = rest[names:]
        if not names or not tail or tail[0].pos != "ADP":
            continue
        words_after = [t for t in tail if t.pos != "PUNCT"]
        if words_after and not any(t.pos in ("VERB", "AUX") for t in tail):
            if all(t.text in (".", ",", ";", "!") for t in tail if t.pos == "PUNCT"):
                return True
    return False
