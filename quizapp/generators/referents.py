"""Where in a sentence a pronoun's referent may stand: the people that are subjects of a
clause, the things "it" or "they" may stand for, the verb whose clause holds a word, and
the checks that an object pronoun or a demonstrative is resolved inside the sentence.
references.is_self_contained asks these.
"""

from __future__ import annotations

from quizapp.tagging.types import Mention, TaggedSentence

NAMED = ("person", "organization", "place", "event")  # the types of named things
SUBJECTS = {"nsubj", "nsubjpass"}


def governing(sentence: TaggedSentence, token) -> set[int]:
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


def subject_people(sentence: TaggedSentence, verb: int | None = None) -> list[int]:
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


def main_subject(sentence: TaggedSentence, token) -> bool:
    """The pronoun is the subject of the sentence's main verb (or of a verb joined to it)."""
    if token.dep not in SUBJECTS or not 0 <= token.head < len(sentence.tokens):
        return False
    verb = sentence.tokens[token.head]
    while verb.dep == "conj" and 0 <= verb.head < len(sentence.tokens) and verb.head != verb.i:
        verb = sentence.tokens[verb.head]
    return verb.dep == "ROOT"


def expletive(sentence: TaggedSentence, token) -> bool:
    """ "it was claimed that ...", "it is necessary to ...": "it" stands for a clause."""
    verb, tokens = token.head, sentence.tokens
    if any(t.head == verb and t.dep in ("ccomp", "xcomp", "csubj") for t in tokens):
        return True
    if not (0 <= verb < len(tokens)) or tokens[verb].lemma != "be":
        return False
    # a cleft: "it was the pressure of the party which brought about ..."
    attrs = [t for t in tokens if t.head == verb and t.dep == "attr"]
    return any(t.dep == "relcl" and t.i > a.i for a in attrs for t in tokens)


def subject_things(sentence: TaggedSentence) -> list[int]:
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


def things(sentence: TaggedSentence, low: str) -> list[int]:
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


def object_resolved(sentence: TaggedSentence, token) -> bool:
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


def repeated(sentence: TaggedSentence, token) -> bool:
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


def restricted(sentence: TaggedSentence, token) -> bool:
    """ "those who ...", "that of ...": the demonstrative's referent follows it."""
    following = sentence.tokens[token.i + 1 : token.i + 2]
    return bool(following) and following[0].text.lower() in ("who", "which", "whom", "of")


# How a clause or phrase that opens a sentence hangs on its main verb.
FRONTED = {"advcl", "prep", "npadvmod"}


def refers_ahead(sentence: TaggedSentence, token) -> bool:
    """A "he" or "his" in a clause or phrase that opens the sentence, ahead of a main
    clause whose subject is a person: that person ("When he joined the Cheka, Menzhinsky
    was …", "After his release, Radek …"). Not an object: in "With him came Zinoviev" the
    man who came is not "him"."""
    tokens = sentence.tokens
    root = next((t for t in tokens if t.dep == "ROOT"), None)
    if root is None or token.i >= root.i:
        return False
    i, seen = token.i, set()
    while tokens[i].head != root.i and 0 <= tokens[i].head < len(tokens) and i not in seen:
        seen.add(i)
        i = tokens[i].head
    if tokens[i].head != root.i or tokens[i].dep not in FRONTED:
        return False
    subjects = [t for t in tokens if t.head == root.i and t.dep in SUBJECTS and t.i > i]
    people = [m for m in sentence.mentions if m.type == "person"]
    return any(m.start <= t.start < m.end for t in subjects[:1] for m in people)
