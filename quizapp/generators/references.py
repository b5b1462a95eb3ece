"""Does a sentence lean on text outside it? A pronoun, "this decree", "the latter", "also"
or a first person whose referent the sentence does not name makes an item that cannot
be understood without the source at hand (`is_self_contained`).
"""

from __future__ import annotations

import re

from quizapp.generators.referents import (
    SUBJECTS,
    clause_verb,
    expletive,
    governing,
    main_subject,
    object_resolved,
    repeated,
    restricted,
    subject_people,
    subject_things,
    things,
)
from quizapp.tagging.types import TaggedSentence

DANGLING = {
    "he", "she", "it", "they", "him", "her", "them", "his", "its", "their", "hers",
    "theirs", "this", "these", "those", "that", "such", "there", "here", "both",
}  # fmt: skip
FIRST_PERSON = {
    "i", "we", "us", "our", "ours", "my", "me", "ourselves", "myself", "you", "your",
}  # fmt: skip
DEMONSTRATIVE = {"this", "that", "these", "those"}
OBJECT = {"him", "her", "them"}
HUMAN = {"he", "she", "him", "her", "his", "hers"}
NOMINAL = {"nsubj", "nsubjpass", "dobj", "pobj", "attr"}
PERSONAL = {"he", "she", "they", "him", "her", "them", "his", "their", "it", "its"}
VAGUE_PHRASES = re.compile(
    r"\b(the (latter|former|same|above|following|others|rest)|the party"
    r"|this (man|party|period|time)|these (men|people)|at that time|above|below|as follows"
    r"|no exception|in turn|the (next|previous|preceding|same|first|second|last|final) (day|morning"
    r"|evening|night|week|month|year)|(just|equally) as \w+(?=[,:;.])|any such|no such"
    r"|similar\b(?! to)|therefore|consequently"
    r"|(?<!one )another|such (?!as\b)[a-z]+|the other|the (two|three|four|five)"
    r"|^(a few|some|several|two|three|four|five|six|ten) (days|weeks|months|years) later"
    r"|^(two|three|four|five|six) (men|people|comrades|leaders|persons)"
    r")\b",
    re.IGNORECASE,
)
# Time counted from the writing ("last year"): no sentence before it says when that was.
WRITING_TIME = re.compile(
    r"\b(recently|lately|of late|nowadays|these days|\w+ (days|weeks|months|years) ago"
    r"|(has|have)( \w+ly)? just"
    r"|(last|this|next) (year|month|week|spring|summer|autumn|fall|winter|january|february"
    r"|march|april|may|june|july|august|september|october|november|december))\b",
    re.IGNORECASE,
)
# Opening words that continue an argument made before the sentence ("Thus died ...").
ANAPHORIC_LEAD = {
    "thus", "then", "also", "hence", "therefore", "moreover", "furthermore", "besides",
    "likewise", "similarly", "consequently", "accordingly", "meanwhile", "instead", "again",
    "otherwise", "thereupon", "afterwards", "later", "secondly", "thirdly", "fourthly",
    "lastly",
}  # fmt: skip
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


def _lead_tokens(sentence: TaggedSentence) -> list:
    """The tokens after leading punctuation and connectives ("But", "And", "However,")."""
    tokens = [t for t in sentence.tokens if t.pos != "SPACE"]
    i = 0
    while i < len(tokens) and (tokens[i].pos == "PUNCT" or tokens[i].text.lower() in CONNECTIVES):
        i += 1
    return tokens[i:]


PARTY = re.compile(r"\bthe party\b", re.IGNORECASE)


def is_self_contained(sentence: TaggedSentence) -> bool:
    """No pronoun, "this", "the latter" or first person whose referent lies outside it."""
    lead = _lead_tokens(sentence)
    resolved = sentence.antecedent.token if sentence.antecedent else None
    if not lead or (lead[0].text.lower() in DANGLING and lead[0].i != resolved):
        return False
    opening = [t for t in sentence.tokens if t.pos not in ("PUNCT", "SPACE")][:1] + lead[:1]
    if any(
        t.text.lower() in ANAPHORIC_LEAD and t.pos in ("ADV", "CCONJ", "SCONJ") for t in opening
    ):
        return False  # "Thus died ...", "But then ...": the sentence continues an argument
    if _points_back(sentence) or gapped(sentence) or _bare_comparative(sentence):
        return False
    if _additive(sentence):
        return False  # "Yezhov also supervised ...": who else, besides whom?
    if _leans_on_discourse(sentence):
        return False
    if not leans_back_only(sentence) or VAGUE_PHRASES.search(sentence.text):
        return False
    return not any(dangling(sentence))


def leans_on_sentence_before(sentence: TaggedSentence) -> bool:
    """Whether the sentence before it could give all it leaves unsaid: what it lacks is a
    pronoun's or a demonstrative's referent, or the argument an opening "Thus" or a
    "however" continues, not a bare "the decree" or "the party" (which of those the text
    has named may lie anywhere before), a verb left out, a comparison's other term, the
    first person or time counted from the writing."""
    if not leans_back_only(sentence) or _points_back(sentence) or gapped(sentence):
        return False
    return not (_bare_comparative(sentence) or PARTY.search(sentence.text))


def dangling(sentence: TaggedSentence):
    """The pronouns and demonstratives whose referent the sentence does not give, each as
    (token, kind): "personal" ("he", "its", "them"), "object" ("came with him") or
    "demonstrative" ("this decree")."""
    resolved = sentence.antecedent.token if sentence.antecedent else None
    people = [m.start for m in sentence.mentions if m.type == "person"]
    if resolved is not None:
        people.append(sentence.tokens[resolved].start)  # "he [Stalin]": named in the stem
    named = people + [m.start for m in sentence.mentions if m.type in ("organization", "place")]
    places = [m.start for m in sentence.mentions if m.type in ("organization", "place")]
    for token in sentence.tokens:
        low = token.text.lower()
        if token.i == resolved or (low in HUMAN and _same_man(sentence, resolved, token)):
            continue
        if low in HUMAN:
            referents = people
            if low in ("he", "she") and token.dep in SUBJECTS:
                # "Arrested with Karl, he ...", "At Lenin's initiative he ...": not them
                referents = subject_people(sentence, clause_verb(sentence, token))
        elif low in ("it", "its"):
            # "its" may be a country's or a party's; "it" rarely is ("papers in Italy saw in it")
            referents = (places if low == "its" else []) + things(sentence, low)
            if low == "it" and token.dep in SUBJECTS and expletive(sentence, token):
                continue  # "it was claimed that ...": no referent needed
            if low == "it" and main_subject(sentence, token):
                referents = subject_things(sentence)  # "In Petrograd it triumphed": what?
        elif low in ("they", "them", "their"):
            referents = things(sentence, low) + places + (people if len(people) > 1 else [])
            if low == "they" and main_subject(sentence, token):
                referents = subject_things(sentence) + subject_people(sentence)
        else:
            referents = named
        if low in PERSONAL and token.pos == "PRON":
            above = governing(sentence, token)  # "the first reference to it": not "reference"
            referents = [r for r in referents if r not in above]
            if token.start < min(referents, default=1e9):
                yield token, "personal"
                continue
        if low in OBJECT and token.tag == "PRP" and not object_resolved(sentence, token):
            yield token, "object"  # "came with him": rarely the sentence's own subject
            continue
        pointing = token.tag == "DT" or (token.tag != "WDT" and token.dep in NOMINAL)
        if low in DEMONSTRATIVE and pointing and not restricted(sentence, token):
            if not repeated(sentence, token):
                yield token, "demonstrative"  # "this decree", "following that": elsewhere


def leans_back_only(sentence: TaggedSentence) -> bool:
    """Whether all the sentence leaves unsaid could lie in the text before it: no first or
    second person (the author and reader, whom no earlier sentence names) and no time
    counted from the writing ("last year")."""
    lowered = {t.text.lower() for t in sentence.tokens}
    if FIRST_PERSON & lowered or WRITING_TIME.search(sentence.text):
        return False
    return not any(_today(sentence, t) for t in sentence.tokens)


def _today(sentence: TaggedSentence, token) -> bool:
    """ "Today the movement is no more": the writing's day. (Not a gloss, "Tsaritsyn—today
    Stalingrad": that names the place as the writer knew it, at no time of the story.)"""
    if token.text.lower() != "today" or not 0 <= token.head < len(sentence.tokens):
        return False
    return sentence.tokens[token.head].pos in ("VERB", "AUX")


def _same_man(sentence: TaggedSentence, resolved: int | None, token) -> bool:
    """A "he", "his" or "him" with nobody named between it and the resolved "he" is him
    too ("Interned with his wife and children, he [Trotsky] …")."""
    if resolved is None:
        return False
    low, high = sorted((sentence.tokens[resolved].start, token.start))
    return not any(m.type == "person" and low < m.start < high for m in sentence.mentions)


def _points_back(sentence: TaggedSentence) -> bool:
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


def _leans_on_discourse(sentence: TaggedSentence) -> bool:
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
    lead = _lead_tokens(sentence)
    return bool(lead) and lead[0].text.lower() == "even" and lead[0].dep == "advmod"


def _additive(sentence: TaggedSentence) -> bool:
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


def _bare_comparative(sentence: TaggedSentence) -> bool:
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
