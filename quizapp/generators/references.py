"""Does a sentence lean on text outside it? A pronoun, "this decree", "the latter", "also"
or a first person whose referent the sentence does not name makes an item that cannot
be understood without the source at hand (`is_self_contained`).
"""

from __future__ import annotations

import re

from quizapp.tagging.types import Mention, TaggedSentence

DANGLING = {
    "he", "she", "it", "they", "him", "her", "them", "his", "its", "their", "hers",
    "theirs", "this", "these", "those", "that", "such", "there", "here", "both",
}  # fmt: skip
FIRST_PERSON = {
    "i", "we", "us", "our", "ours", "my", "me", "ourselves", "myself", "you", "your",
}  # fmt: skip
DEMONSTRATIVE = {"this", "that", "these", "those"}
NAMED = ("person", "organization", "place", "event")  # the types of named things
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
    r"|recently|lately|of late|nowadays|these days|\w+ (days|weeks|months|years) ago"
    r"|(last|this|next) (year|month|week|spring|summer|autumn|fall|winter|january|february"
    r"|march|april|may|june|july|august|september|october|november|december))\b",
    re.IGNORECASE,
)
# Opening words that continue an argument made before the sentence ("Thus died ...").
ANAPHORIC_LEAD = {
    "thus", "then", "also", "hence", "therefore", "moreover", "furthermore", "besides",
    "likewise", "similarly", "consequently", "accordingly", "meanwhile", "instead", "again",
    "otherwise", "thereupon", "afterwards", "later",
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
SUBJECTS = {"nsubj", "nsubjpass"}
NONRESTRICTIVE = {"including", "like", "except", "especially"}  # prepositions that add, not pick
CONNECTIVES = {"but", "and", "yet", "so", "however", "thus", "then", "nevertheless", "or"}


def _lead_tokens(sentence: TaggedSentence) -> list:
    """The tokens after leading punctuation and connectives ("But", "And", "However,")."""
    tokens = [t for t in sentence.tokens if t.pos != "SPACE"]
    i = 0
    while i < len(tokens) and (tokens[i].pos == "PUNCT" or tokens[i].text.lower() in CONNECTIVES):
        i += 1
    return tokens[i:]


def is_self_contained(sentence: TaggedSentence) -> bool:
    """No pronoun, "this", "the latter" or first person whose referent lies outside it."""
    lead = _lead_tokens(sentence)
    if not lead or lead[0].text.lower() in DANGLING:
        return False
    opening = [t for t in sentence.tokens if t.pos not in ("PUNCT", "SPACE")][:1] + lead[:1]
    if any(
        t.text.lower() in ANAPHORIC_LEAD and t.pos in ("ADV", "CCONJ", "SCONJ") for t in opening
    ):
        return False  # "Thus died ...", "But then ...": the sentence continues an argument
    if _points_back(sentence) or _gapped(sentence) or _bare_comparative(sentence):
        return False
    if _additive(sentence):
        return False  # "Yezhov also supervised ...": who else, besides whom?
    lowered = [t.text.lower() for t in sentence.tokens]
    if FIRST_PERSON & set(lowered) or VAGUE_PHRASES.search(sentence.text):
        return False
    people = [m.start for m in sentence.mentions if m.type == "person"]
    named = people + [m.start for m in sentence.mentions if m.type in ("organization", "place")]
    places = [m.start for m in sentence.mentions if m.type in ("organization", "place")]
    for token in sentence.tokens:
        low = token.text.lower()
        if low in HUMAN:
            referents = people
            if low in ("he", "she") and token.dep in SUBJECTS:
                # "Arrested with Karl, he ...", "At Lenin's initiative he ...": not them
                referents = _subject_people(sentence, clause_verb(sentence, token))
        elif low in ("it", "its"):
            # "its" may be a country's or a party's; "it" rarely is ("papers in Italy saw in it")
            referents = (places if low == "its" else []) + _things(sentence, low)
            if low == "it" and token.dep in SUBJECTS and _expletive(sentence, token):
                continue  # "it was claimed that ...": no referent needed
            if low == "it" and _main_subject(sentence, token):
                referents = _subject_things(sentence)  # "In Petrograd it triumphed": what?
        elif low in ("they", "them", "their"):
            referents = _things(sentence, low) + places + (people if len(people) > 1 else [])
            if low == "they" and _main_subject(sentence, token):
                referents = _subject_things(sentence) + _subject_people(sentence)
        else:
            referents = named
        if low in PERSONAL and token.pos == "PRON":
            above = _governing(sentence, token)  # "the first reference to it": not "reference"
            referents = [r for r in referents if r not in above]
            if token.start < min(referents, default=1e9):
                return False
        if low in OBJECT and token.tag == "PRP" and not _object_resolved(sentence, token):
            return False  # "came with him": rarely the sentence's own subject
        pointing = token.tag == "DT" or (token.tag != "WDT" and token.dep in NOMINAL)
        if low in DEMONSTRATIVE and pointing and not _restricted(sentence, token):
            if not _repeated(sentence, token):
                return False  # "this decree", "following that": the referent is elsewhere
    return True


def _governing(sentence: TaggedSentence, token) -> set[int]:
    """Where the nouns stand whose phrase holds the token (a pronoun cannot stand for
    the phrase it is part of)."""
    above, _verb = _heads_to_verb(sentence, token)
    return {sentence.tokens[i].start for i in above if sentence.tokens[i].pos in ("NOUN", "PROPN")}


def _mention_tokens(sentence: TaggedSentence, mention: Mention) -> list:
    return [t for t in sentence.tokens if mention.start <= t.start < mention.end]


def _is_subject(sentence: TaggedSentence, token) -> bool:
    """A subject, or a conjunct or apposition of one ("Bukharin and Rykov are ...")."""
    seen = set()
    while token.dep in ("conj", "appos", "compound", "poss") and token.i not in seen:
        seen.add(token.i)
        if not 0 <= token.head < len(sentence.tokens):
            break
        token = sentence.tokens[token.head]
    return token.dep in SUBJECTS


def _subject_people(sentence: TaggedSentence, verb: int | None = None) -> list[int]:
    """Where the people that stand as subjects of a clause begin, or as possessors in
    another clause than `verb`'s ("Dzerzhinsky's record was poor: he ...")."""
    found = []
    for m in sentence.mentions:
        if m.type != "person":
            continue
        tokens = _mention_tokens(sentence, m)
        if any(_is_subject(sentence, t) for t in tokens):
            found.append(m.start)
        elif verb is not None and any(
            t.dep == "poss" and clause_verb(sentence, t) != verb for t in tokens
        ):
            found.append(m.start)
    return found


def clause_verb(sentence: TaggedSentence, token) -> int:
    """The verb whose clause holds the token."""
    return _heads_to_verb(sentence, token)[1]


def _heads_to_verb(sentence: TaggedSentence, token) -> tuple[list[int], int]:
    """The heads above the token up to the verb of its clause, and where the walk ended:
    that verb, or where it left the sentence or came round again."""
    tokens, above = sentence.tokens, []
    i = token.head
    while 0 <= i < len(tokens) and tokens[i].pos not in ("VERB", "AUX") and i not in above:
        above.append(i)
        i = tokens[i].head
    return above, i


def _main_subject(sentence: TaggedSentence, token) -> bool:
    """The pronoun is the subject of the sentence's main verb (or of a verb joined to it)."""
    if token.dep not in SUBJECTS or not 0 <= token.head < len(sentence.tokens):
        return False
    verb = sentence.tokens[token.head]
    while verb.dep == "conj" and 0 <= verb.head < len(sentence.tokens) and verb.head != verb.i:
        verb = sentence.tokens[verb.head]
    return verb.dep == "ROOT"


def _expletive(sentence: TaggedSentence, token) -> bool:
    """ "it was claimed that ...", "it is necessary to ...": "it" stands for a clause."""
    verb, tokens = token.head, sentence.tokens
    if any(t.head == verb and t.dep in ("ccomp", "xcomp", "csubj") for t in tokens):
        return True
    if not (0 <= verb < len(tokens)) or tokens[verb].lemma != "be":
        return False
    # a cleft: "it was the pressure of the party which brought about ..."
    attrs = [t for t in tokens if t.head == verb and t.dep == "attr"]
    return any(t.dep == "relcl" and t.i > a.i for a in attrs for t in tokens)


def _subject_things(sentence: TaggedSentence) -> list[int]:
    """Where the subjects that are no people and no pronouns stand ("When the Party
    grew, it ...")."""
    people = [m for m in sentence.mentions if m.type == "person"]
    return [
        t.start
        for t in sentence.tokens
        if t.pos in ("NOUN", "PROPN")
        and _is_subject(sentence, t)
        and not any(m.start <= t.start < m.end for m in people)
    ]


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


def _gapped(sentence: TaggedSentence) -> bool:
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


def _things(sentence: TaggedSentence, low: str) -> list[int]:
    """Where a non-human referent for "it"/"its" (a singular noun that names no person, a
    term or an event) or for "they"/"them"/"their" (a plural noun) stands in the sentence."""
    people = [m for m in sentence.mentions if m.type == "person"]
    if low in ("it", "its"):
        found = [m.start for m in sentence.mentions if m.type in ("term", "event")]
        names = [m for m in sentence.mentions if m.type in NAMED and m.type != "event"]
        return found + [  # any thing named before: "signed the treaty without reading it"
            t.start
            for t in sentence.tokens
            if t.tag in ("NN", "NNP")
            and not any(m.start <= t.start < m.end for m in (people if low == "its" else names))
        ]
    elif low in ("they", "them", "their"):
        found, tags = [], ("NNS", "NNPS")
    else:
        return []
    return found + [
        t.start
        for t in sentence.tokens
        if t.tag in tags  # a plural noun in any role: "the communists who fled their ..."
        and not any(m.start <= t.start < m.end for m in people)
    ]


def _object_resolved(sentence: TaggedSentence, token) -> bool:
    """ "him"/"her" after a person who is not the subject of the pronoun's own clause
    ("Mercader infiltrated Trotsky's compound and struck him down")."""
    if token.text.lower() not in ("him", "her"):
        return False
    subjects = _clause_subjects(sentence, token)
    return any(
        m.type == "person"
        and m.end <= token.start
        and not any(m.start <= t.start < m.end for t in subjects)
        and not any(_is_subject(sentence, t) for t in _mention_tokens(sentence, m))
        for m in sentence.mentions
    )


def _clause_subjects(sentence: TaggedSentence, token) -> list:
    """The subjects of the verb governing `token` and of the verbs it is conjoined with,
    with their appositions."""
    tokens = sentence.tokens
    verb, seen = token.head, set()
    while 0 <= verb < len(tokens) and tokens[verb].pos not in ("VERB", "AUX") and verb not in seen:
        seen.add(verb)  # "superiority over him": climb to the verb of the clause
        verb = tokens[verb].head
    chain = set()
    while 0 <= verb < len(tokens) and verb not in chain:
        chain.add(verb)
        if tokens[verb].dep != "conj":
            break
        verb = tokens[verb].head
    subjects = [t for t in tokens if t.head in chain and t.dep in ("nsubj", "nsubjpass")]
    return subjects + [t for t in tokens if t.dep == "appos" and t.head in {s.i for s in subjects}]


def _repeated(sentence: TaggedSentence, token) -> bool:
    """ "those trials" where the sentence named the trials before: the referent is inside."""
    following = sentence.tokens[token.i + 1 : token.i + 2]
    before = sentence.tokens[: token.i]
    if token.text.lower() in ("those", "these") and token.dep == "pobj":
        # "...19 million arrests had been made; of those, ...": a plural named before
        clause = any(t.text in (";", ":") for t in before)
        return clause and any(t.tag == "NNS" for t in before)
    if token.tag != "DT" or not following or following[0].pos != "NOUN":
        return False
    lemma = following[0].lemma.lower()
    return any(t.lemma.lower() == lemma for t in sentence.tokens[: token.i])


def _restricted(sentence: TaggedSentence, token) -> bool:
    """ "those who ...", "that of ...": the demonstrative's referent follows it."""
    following = sentence.tokens[token.i + 1 : token.i + 2]
    return bool(following) and following[0].text.lower() in ("who", "which", "whom", "of")
