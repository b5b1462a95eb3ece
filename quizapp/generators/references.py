"""Does a sentence lean on text outside it? A pronoun, "this decree", "the latter", "also"
or a first person whose referent the sentence does not name makes an item that cannot
be understood without the source at hand (`is_self_contained`).
"""

from __future__ import annotations

import re

from quizapp.generators.discourse import (
    additive,
    bare_comparative,
    gapped,
    lead_tokens,
    leans_on_discourse,
    points_back,
)
from quizapp.generators.referents import (
    SUBJECTS,
    clause_verb,
    expletive,
    governing,
    main_subject,
    object_resolved,
    refers_ahead,
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
    r"|on the spot|the only one(?! (of|who|whom|that)\b)|each one(?! of\b)"
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
PARTY = re.compile(r"\bthe party\b", re.IGNORECASE)
# An opening that restates what the sentence before said.
RESTATING = re.compile(r"^\W*(in other words|that is to say|in short)\b", re.IGNORECASE)


def is_self_contained(sentence: TaggedSentence) -> bool:
    """No pronoun, "this", "the latter" or first person whose referent lies outside it."""
    lead = lead_tokens(sentence)
    resolved = sentence.antecedent.token if sentence.antecedent else None
    if not lead or (
        lead[0].text.lower() in DANGLING and lead[0].i != resolved and not existential(lead[0])
    ):
        return False
    opening = [t for t in sentence.tokens if t.pos not in ("PUNCT", "SPACE")][:1] + lead[:1]
    if any(
        t.text.lower() in ANAPHORIC_LEAD and t.pos in ("ADV", "CCONJ", "SCONJ") for t in opening
    ):
        return False  # "Thus died ...", "But then ...": the sentence continues an argument
    if points_back(sentence) or gapped(sentence) or bare_comparative(sentence):
        return False
    if RESTATING.match(sentence.text):
        return False  # "In other words, …": of what was said before
    if additive(sentence):
        return False  # "Yezhov also supervised ...": who else, besides whom?
    if leans_on_discourse(sentence):
        return False
    if not leans_back_only(sentence) or VAGUE_PHRASES.search(sentence.text):
        return False
    return not any(dangling(sentence))


def existential(token) -> bool:
    """An existential "there" ("There was a contest to see who …"), which points nowhere."""
    return token.text.lower() == "there" and token.dep == "expl"


def leans_on_sentence_before(sentence: TaggedSentence) -> bool:
    """Whether the sentence before it could give all it leaves unsaid: what it lacks is a
    pronoun's or a demonstrative's referent, or the argument an opening "Thus" or a
    "however" continues, not a bare "the decree" or "the party" (which of those the text
    has named may lie anywhere before), a verb left out, a comparison's other term, the
    first person or time counted from the writing."""
    if not leans_back_only(sentence) or points_back(sentence) or gapped(sentence):
        return False
    return not (bare_comparative(sentence) or PARTY.search(sentence.text))


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
    # "its" stands for one body or country, not for a people ("Two Frenchmen attended its
    # first congress": whose?)
    bodies = [
        m.start
        for m in sentence.mentions
        if m.type in ("organization", "place") and not _people_of(sentence, m)
    ]
    for token in sentence.tokens:
        low = token.text.lower()
        if token.i == resolved or (low in HUMAN and _same_man(sentence, resolved, token)):
            continue
        if low in ("he", "his", "she") and refers_ahead(sentence, token):
            continue  # "When he joined the Cheka, Menzhinsky was …"
        if low in HUMAN:
            referents = people
            if low in ("he", "she") and token.dep in SUBJECTS:
                # "Arrested with Karl, he ...", "At Lenin's initiative he ...": not them
                referents = subject_people(sentence, clause_verb(sentence, token))
        elif low in ("it", "its"):
            # "its" may be a country's or a party's; "it" rarely is ("papers in Italy saw in it")
            referents = (bodies if low == "its" else []) + things(sentence, low)
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


def _people_of(sentence: TaggedSentence, mention) -> bool:
    """The mention names people in the plural ("Frenchmen", "the Bolsheviks"), which the
    statistical model may type as a place or a body."""
    inside = [t for t in sentence.tokens if mention.start <= t.start < mention.end]
    return bool(inside) and (inside[-1].tag in ("NNS", "NNPS") or inside[-1].text.endswith("men"))


def leans_back_only(sentence: TaggedSentence) -> bool:
    """Whether all the sentence leaves unsaid could lie in the text before it or in its
    attribution: no first or second person (the author and reader, whom no earlier
    sentence names), and time counted from the writing ("last year") only where the stem
    can say when the text was written (`counts_from_writing`, `dated`)."""
    lowered = {t.text.lower() for t in sentence.tokens}
    if FIRST_PERSON & lowered:
        return False
    return dated(sentence) or not counts_from_writing(sentence)


def counts_from_writing(sentence: TaggedSentence) -> bool:
    """ "Recently", "last year", "have just been arrested", "today": time counted from the
    day the text was written."""
    if WRITING_TIME.search(sentence.text):
        return True
    return any(_today(sentence, t) for t in sentence.tokens)


def dated(sentence: TaggedSentence) -> bool:
    """The stem can say when the sentence was written: the author's own words in a text
    of known year ("According to Serge, writing in 1937, …"), not a quotation."""
    return sentence.year is not None and not sentence.quoted_by


def _today(sentence: TaggedSentence, token) -> bool:
    """ "Today the movement is no more", "the working class today is …", "Stickling, today
    an agent of the Gestapo": the writing's day. (Not a gloss, "Tsaritsyn—today
    Stalingrad": that names the place as the writer knew it, at no time of the story.)"""
    if token.text.lower() != "today":
        return False
    after = sentence.tokens[token.i + 1 : token.i + 2]
    return not (after and after[0].pos == "PROPN")


def _same_man(sentence: TaggedSentence, resolved: int | None, token) -> bool:
    """A "he", "his" or "him" with nobody named between it and the resolved "he" is him
    too ("Interned with his wife and children, he [Trotsky] …")."""
    if resolved is None:
        return False
    low, high = sorted((sentence.tokens[resolved].start, token.start))
    return not any(m.type == "person" and low < m.start < high for m in sentence.mentions)
