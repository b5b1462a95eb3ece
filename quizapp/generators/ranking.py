"""Score sentences and answer spans on features that predict a good quiz item.

Every generator reuses these: `sentence_quality` (is the sentence worth asking about),
`is_self_contained` (no dangling reference), `answer_salience` (is a span worth
blanking), `answer_spans` (a sentence's candidate answers, best first),
`attribution` (the "According to X, " a stem needs, or None to skip the sentence) and
`limit_per_entity` (keep one entity from answering too many items in a bank).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from quizapp.checking.normalize import normalize_answer
from quizapp.checking.statements import CONNECTIVE
from quizapp.generators.base import Context, Draft
from quizapp.generators.values import common_words, is_count
from quizapp.tagging.types import Mention, TaggedSentence

THRESHOLD = 0.5  # drafts scoring below this are dropped
MAX_PER_ENTITY = 20  # items one entity may answer across a bank

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
    r"|no exception|in turn|the (next|previous|preceding|same) (day|morning"
    r"|evening|night|week|month|year)|(just|equally) as \w+(?=[,:;.])|any such|no such"
    r"|similar\b(?! to)|therefore|consequently"
    r"|(?<!one )another|such (?!as\b)[a-z]+|the other|the (two|three|four|five)"
    r"|^(a few|some|several|two|three|four|five|six|ten) (days|weeks|months|years) later)\b",
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
    "agreement", "treaty", "operation",
}  # fmt: skip
MODIFIERS = {
    "compound", "amod", "poss", "prep", "nmod", "relcl", "acl", "appos", "nummod", "npadvmod",
}  # fmt: skip
SUBJECTS = {"nsubj", "nsubjpass"}
NONRESTRICTIVE = {"including", "like", "except", "especially"}  # prepositions that add, not pick
CONNECTIVES = {"but", "and", "yet", "so", "however", "thus", "then", "nevertheless", "or"}
OPINION = re.compile(
    r"\b(must|should|ought|undoubtedly|doubtless|certainly|perhaps|probably|surely|clearly"
    r"|obviously|seems?|seemed|appears?|indeed|in fact|of course|no doubt|alas)\b",
    re.IGNORECASE,
)
STOP = {
    "the", "a", "an", "one", "he", "she", "it", "they", "this", "that", "these", "those",
    "today", "now", "then", "once", "time", "year", "years", "day", "days", "first",
}  # fmt: skip
TYPE_SALIENCE = {
    "person": 1.0, "date": 0.95, "event": 0.9, "term": 0.9,
    "organization": 0.85, "number": 0.8, "place": 0.75,
}  # fmt: skip
QUOTES = '"“”«»'
COUNTING = {
    "hundred",
    "thousand",
    "million",
    "billion",
    "hours",
    "days",
    "weeks",
    "months",
    "years",
}
PHRASES = ("quote", "phrase")  # mention sources of tagging/phrases.py
PHRASE_SALIENCE = 0.7
QUALIFIER = re.compile(
    r"(only|approximately|about|around|some|nearly|almost|over|just|roughly|at least"
    r"|at most|more than|less than|fewer than|up to)\s+",
    re.IGNORECASE,
)
NAMED = ("person", "organization", "place", "event")
ENUMERATOR = re.compile(r"(?:^|\bof|[,:;])\s*\d{1,2}\.$")  # "The cases of 1.", "..., 12."


@dataclass(frozen=True)
class Span:
    """A candidate answer: a cleaned mention span with its salience."""

    start: int
    end: int
    text: str
    mention: Mention
    salience: float


def words(sentence: TaggedSentence) -> list[str]:
    return [t.text for t in sentence.tokens if t.pos not in ("PUNCT", "SPACE")]


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
                referents = _subject_people(sentence, _verb_of(sentence, token))
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
        if low in PERSONAL and token.pos == "PRON" and token.start < min(referents, default=1e9):
            return False
        if low in OBJECT and token.tag == "PRP" and not _object_resolved(sentence, token):
            return False  # "came with him": rarely the sentence's own subject
        pointing = token.tag == "DT" or (token.tag != "WDT" and token.dep in NOMINAL)
        if low in DEMONSTRATIVE and pointing and not _restricted(sentence, token):
            if not _repeated(sentence, token):
                return False  # "this decree", "following that": the referent is elsewhere
    return True


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
            t.dep == "poss" and _verb_of(sentence, t) != verb for t in tokens
        ):
            found.append(m.start)
    return found


def _verb_of(sentence: TaggedSentence, token) -> int:
    """The verb whose clause holds the token."""
    tokens, seen = sentence.tokens, set()
    i = token.head
    while 0 <= i < len(tokens) and tokens[i].pos not in ("VERB", "AUX") and i not in seen:
        seen.add(i)
        i = tokens[i].head
    return i


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


def is_well_formed(sentence: TaggedSentence) -> bool:
    """Starts with a capital, ends a sentence, quotes and brackets balanced."""
    text = sentence.text.strip()
    if not text or not (text[0].isupper() or text[0] in QUOTES + "("):
        return False
    if text.rstrip(QUOTES + "’)").rstrip()[-1:] not in (".", "!"):
        return False  # a heading, a fragment or a question: no statement to ask about
    previous = (sentence.previous or ".").rstrip().rstrip(QUOTES + "’)")
    if previous[-1:] not in (".", "!", "?", ":"):
        return False  # the tail of a sentence the segmenter cut
    if re.search(r"(\. ?){3}\W*$", text):
        return False  # ends in an ellipsis: an excerpt cut short
    if ENUMERATOR.search(text) or ENUMERATOR.search(previous):
        return False  # "The cases of 1." / "12. Kuzmichev are ...": a numbered list cut up
    if text.count("(") != text.count(")") or text.count("[") != text.count("]"):
        return False
    if re.search(r"\b[a-z]{3,}[.!?][\"”’)]?\s+[\"“(]?[A-Z]", text.rstrip()):
        return False  # two sentences the segmenter did not split
    if text.startswith("(") and text.rstrip(".").endswith(")"):
        return False  # a parenthetical aside: its subject is in the sentence before
    straight = text.count('"') % 2 == 0
    return straight and text.count("“") == text.count("”")


def is_quotation(sentence: TaggedSentence) -> bool:
    """Most of the sentence stands within quotation marks (a third party speaking)."""
    text = sentence.text
    inside = sum(len(q) for q in re.findall(r"[\"“][^\"“”]*[\"”]", text))
    return text.lstrip()[:1] in '"“' or inside > 0.5 * len(text)


def has_subject(sentence: TaggedSentence) -> bool:
    """The main verb has a subject (or "there"): not a note ("Served with the navy"), an
    order, or the tail of a sentence a page break cut ("..., had been a GPU agent")."""
    roots = [t for t in sentence.tokens if t.dep == "ROOT"]
    if not roots or roots[0].pos not in ("VERB", "AUX"):
        return True
    root, tokens = roots[0], sentence.tokens
    if _relative_fragment(sentence, root):
        return False  # "Bogdan and Lominadze, both of whom have committed suicide."
    deps = {"nsubj", "nsubjpass", "expl", "csubj", "csubjpass"}
    if any(t.head == root.i and t.i != root.i and t.dep in deps for t in tokens):
        return True
    # the parser misses many subjects: only a finite verb opening the sentence is sure
    # to lack one
    words_ = [t for t in tokens if t.pos not in ("PUNCT", "SPACE")]
    if words_ and words_[0].i == root.i and words_[0].tag == "VBN":
        return False  # "Exiled to Alma Ata; banished to Prinkipo"
    before = tokens[root.i - 1] if root.i > 0 else None
    if root.tag in ("VBD", "VBZ", "VBP") and before is not None and before.text == ";":
        return False  # "Served with the navy in Kronstadt; was in the uprising ...": a note
    return not (words_ and words_[0].tag in ("VBD", "VBZ", "VBP"))


def _relative_fragment(sentence: TaggedSentence, root) -> bool:
    """The only verb is that of a relative clause the parser took for the main one."""
    tokens = sentence.tokens
    relative = next((t for t in tokens if t.tag in ("WP", "WDT") and t.i > 0), None)
    verbs = [t for t in tokens if t.pos in ("VERB", "AUX")]
    if relative is None or not verbs or verbs[0].i < relative.i:
        return False
    token, seen = relative, set()
    while (
        token.pos not in ("VERB", "AUX") and token.i not in seen and 0 <= token.head < len(tokens)
    ):
        seen.add(token.i)  # up to the verb of the relative's clause
        token = tokens[token.head]
    return token.i == root.i


def is_list(sentence: TaggedSentence) -> bool:
    """A heading and a list ("Principal works: Translations of ...; Gladkov's novel")."""
    head, colon, _ = sentence.text.partition(":")
    if not colon:
        return False
    before = [t for t in sentence.tokens if t.end <= len(head) and t.pos != "PUNCT"]
    return len(before) <= 3 or not any(t.pos in ("VERB", "AUX") for t in before)


def length_score(count: int) -> float:
    """1 for 8-45 words, falling off outside; 0 under 7 or over 70."""
    if count < 7 or count > 70:
        return 0.0
    if count < 8:
        return 0.7
    if count > 45:
        return 1.0 - 0.02 * (count - 45)
    return 1.0


def sentence_quality(sentence: TaggedSentence) -> float:
    """0..1: how fit the sentence is to ask about; 0 for captions, headings, fragments."""
    if sentence.kind not in ("body", "footnote") or not is_well_formed(sentence):
        return 0.0
    if not is_self_contained(sentence) or re.search(r"\[\d+\]|\bp\. ?\d", sentence.text):
        return 0.0
    if is_quotation(sentence) and not sentence.quoted_by:
        return 0.0
    roots = [t for t in sentence.tokens if t.dep == "ROOT"]
    if not roots or roots[0].pos not in ("VERB", "AUX") or is_list(sentence):
        return 0.0  # no verb: a caption, a title or a list
    if not has_subject(sentence):
        return 0.0  # "Served with the navy in Kronstadt; ...": a note, or a sentence's tail
    score = length_score(len(words(sentence)))
    if sentence.kind == "footnote":
        score *= 0.8
    return score


def attribution(sentence: TaggedSentence) -> str | None:
    """The prefix a stem needs: "" for a plain statement, "According to X, " for a
    quotation or the author's opinion, None when an opinion has no author to name."""
    if sentence.quoted_by:
        speaker = speaker_name(sentence.quoted_by)
        return f"According to {speaker}, " if speaker else None
    if REPORTED.search(sentence.previous or ""):
        return None  # '"...," he says. Bukharin is ...': the report may go on, unmarked
    author = (sentence.author or "").strip()
    if not author or author.lower() in ("unattributed", "anonymous", "unknown"):
        return None if OPINION.search(sentence.text) else ""
    if not OPINION.search(sentence.text) and not evaluative(sentence):
        return ""
    return f"According to {author.split()[-1]}, "


REPORTED = re.compile(
    r"[\"”]\s*,?\s*(he|she|they|[A-Z][\w.-]+( [A-Z][\w.-]+)?)\s+"
    r"(says|said|writes|wrote|adds|added|declares|declared|continues|continued)\W*$"
)
NOT_SPEAKERS = {"letter", "document", "report", "article", "note", "decree", "resolution"}
EVALUATIVE = re.compile(
    r"\b(false|true|wrong|right|mistaken|remarkable|symmetrical|profound|absurd|great(est)?"
    r"|genuine|real|mere|only|inevitabl[ey]|necessar(y|ily)|owes?|deserves?|means|proves?"
    r"|shows?|signif(y|ies)|reveals?|explains?|thesis|tragic(ally)?|pitiful|shameful"
    r"|splendid|brilliant|magnificent|heroic|disastrous|monstrous|criminal|infamous|admirabl[ey]"
    r"|splendidly|fatal|shameless|cynical|grotesque|pathetic|glorious)\b",
    re.IGNORECASE,
)


def speaker_name(speaker: str) -> str | None:
    """A speaker fit to follow "According to": "a factory worker" for "A factory worker";
    None for a document the tagger took for a speaker ("Letter")."""
    speaker = speaker.strip()
    if not speaker or speaker.lower() in NOT_SPEAKERS:
        return None
    first, _, rest = speaker.partition(" ")
    if first in ("A", "An", "The") and rest:
        return f"{first.lower()} {rest}"
    return speaker


def evaluative(sentence: TaggedSentence) -> bool:
    """A judgement rather than a report: a modal ("would", "must"), a comparison or
    superlative, a verdict word ("is false", "remarkable", "owes its birth"), or a thesis
    in the present tense ("Stalinism and fascism are symmetrical phenomena")."""
    if EVALUATIVE.search(sentence.text):
        return True
    for token in sentence.tokens:
        if token.tag in ("MD", "JJR", "JJS", "RBR", "RBS"):
            return True
        if token.dep == "ROOT" and token.tag in ("VBZ", "VBP"):
            return True
        if token.dep in ("aux", "auxpass") and token.tag in ("VBZ", "VBP"):
            head = sentence.tokens[token.head] if 0 <= token.head < len(sentence.tokens) else None
            if head is not None and head.dep == "ROOT":
                return True  # "is gravely compromised", "has become"
    return False


def attributed(sentence: TaggedSentence, text: str, prefix: str) -> str:
    """`text` (the sentence or a variant of it) behind `prefix`, its first word lowered
    unless it is a name."""
    if not prefix:
        return text
    if CONNECTIVE.match(text):
        return prefix + CONNECTIVE.sub("", text)  # not "According to X, but ..."
    first = next((t for t in sentence.tokens if t.pos not in ("PUNCT", "SPACE")), None)
    acronym = len(first.text) > 1 and first.text.isupper() if first is not None else False
    keep = first is None or first.pos == "PROPN" or first.text == "I" or acronym
    if not keep and text[:1].isupper():
        text = text[0].lower() + text[1:]
    return prefix + text


def clean_span(sentence: TaggedSentence, mention: Mention) -> tuple[int, int]:
    """The mention's offsets without a leading "the", a trailing possessive or punctuation."""
    start, end = mention.start, mention.end
    text = sentence.text
    if text[start:end].lower().startswith("the "):
        start += 4
    if mention.type == "number":
        qualifier = QUALIFIER.match(text[start:end])
        if qualifier and qualifier.end() < end - start:
            start += qualifier.end()
    while end > start and text[end - 1] in ",;:’'\"” ":
        end -= 1
    for suffix in ("’s", "'s"):
        if text[start:end].endswith(suffix):
            end -= 2
    return start, end


def _gives_away(
    sentence: TaggedSentence, start: int, end: int, names: tuple[str, ...] = ()
) -> bool:
    """The rest of the sentence names the span again, or one of its words ("Stalinists")."""
    rest = (sentence.text[:start] + " " + sentence.text[end:]).lower()
    span_words = [
        w
        for w in re.findall(r"\w+", sentence.text[start:end])
        if len(w) > 3 and w.lower() not in COUNTING
    ]
    if any(re.search(rf"\b{re.escape(w.lower())}", rest) for w in span_words):
        return True
    # the words next to the span are part of the name asked for ("Marcel _____")
    far = (
        re.sub(r"\S+\s*$", "", sentence.text[:start])
        + " "
        + re.sub(r"^\s*\S+", "", sentence.text[end:])
    )
    if names and any(re.search(rf"\b{re.escape(w.lower())}\b", far.lower()) for w in names):
        return True  # "Dzerzhinsky ... known as 'Iron Felix'": another of its names
    return _acronym_of(sentence.text[start:end], sentence.text[:start] + " " + sentence.text[end:])


def _acronym_of(span: str, rest: str) -> bool:
    """The rest abbreviates the span ("N.E.P.—the New Economic Policy") or spells out the
    span's acronym: either one gives the other away."""
    names = re.findall(r"[A-Z]\w*", span)
    if len(names) >= 2:
        initials = "".join(n[0] for n in names).lower()
        found = re.findall(r"\b(?:[A-Za-z]\.){2,}|\b[A-Z]{2,}\b", rest)
        if any(re.sub(r"\W", "", a).lower() == initials for a in found):
            return True
    acronym = re.sub(r"\W", "", span)
    if acronym.isupper() and 2 <= len(acronym) <= 6 and re.fullmatch(r"[A-Z.]+", span):
        capitals = re.findall(r"\b[A-Z]\w+", rest)
        for i in range(len(capitals) - len(acronym) + 1):
            if "".join(w[0] for w in capitals[i : i + len(acronym)]) == acronym:
                return True
    return False


def _is_coordinated(sentence: TaggedSentence, mention: Mention) -> bool:
    """The mention stands in a list with another of its type ("Zinoviev and Kamenev")."""
    inside = [t for t in sentence.tokens if mention.start <= t.start < mention.end]
    others = [m for m in sentence.mentions if m is not mention and m.type == mention.type]
    for token in inside:
        linked = [t for t in sentence.tokens if t.head == token.i and t.dep == "conj"]
        if token.dep == "conj" and 0 <= token.head < len(sentence.tokens):
            linked.append(sentence.tokens[token.head])
        if any(m.start <= t.start < m.end for t in linked for m in others):
            return True
    return False


NAME = r"[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)*"
JOIN = r"(?:,| and| or|, and|, or) "
LIST_BEFORE = re.compile(rf"{NAME}, (?:{NAME}{JOIN})?(?:and |or )?$")
LIST_TWO_BEFORE = re.compile(rf"{NAME}, {NAME}{JOIN}$")
LIST_AFTER = re.compile(rf"^{JOIN}{NAME}")
LIST_TWO_AFTER = re.compile(rf"^, {NAME}{JOIN}{NAME}")


def _in_list(sentence: TaggedSentence, mention: Mention) -> bool:
    """The mention is one item of a list of names ("in Ukraine, Caucasus, Central Asia"):
    another mention of its type stands next to it, joined by "," or "and", or the words
    around it are capitalised names so joined (whatever the tagger made of them)."""
    for other in sentence.mentions:
        if other is mention or other.type != mention.type:
            continue  # (not "in Spain, Ramon Mercader": a place, then the person's name)
        gap = sentence.text[min(mention.end, other.end) : max(mention.start, other.start)]
        if re.fullmatch(r"\s*(,|and|or|, and|, or)\s*", gap):
            return True
    before, after = sentence.text[: mention.start], sentence.text[mention.end :]
    middle = LIST_BEFORE.search(before) and LIST_AFTER.match(after)
    last = LIST_TWO_BEFORE.search(before)
    return bool(middle or last or LIST_TWO_AFTER.match(after))


def answer_salience(mention: Mention, sentence: TaggedSentence, context: Context) -> float:
    """0..1: how good the mention is as an answer; 0 for stop words, pronouns, giveaways."""
    start, end = clean_span(sentence, mention)
    text = sentence.text[start:end]
    if (
        end - start < 2
        or text.lower() in STOP
        or _gives_away(sentence, start, end, _names(mention, text, context))
    ):
        return 0.0
    glossed = re.search(r"[A-Z]\w*\s*\($", sentence.text[:start])
    if glossed and sentence.text[end : end + 1] == ")" and mention.type in NAMED + ("term",):
        return 0.0  # "the Communist International (Comintern)": a gloss of the name before
    inside = [t for t in sentence.tokens if start <= t.start < end]
    if not inside or all(t.pos in ("PRON", "DET", "ADP") for t in inside):
        return 0.0
    score = TYPE_SALIENCE.get(mention.type, 0.5)
    if mention.type == "date" and not re.search(r"\d", text):
        return 0.0  # "that year", "the same day": no date to learn
    if mention.type == "number" and not is_count(text):
        return 0.0
    if mention.type in NAMED and not _proper_name(text, inside, sentence):
        return 0.0
    if mention.type == "person" and _first_name_only(text, context):
        return 0.0  # "Rosa" for Rosa Luxemburg: half a name
    if re.fullmatch(r"[A-Z]{2,5}", text) and count_named(mention, context) <= 1:
        return 0.0  # an acronym the text never comes back to ("the ABC of Marxism")
    if " " not in text and text.lower() in common_words(context):
        return 0.0  # "Tsar", "State": a generic noun with a capital
    if mention.type == "term" and len(inside) == 1 and inside[0].pos == "NOUN":
        score = 0.6 if mention.source == "glossary" else 0.3  # a glossary term or a generic noun
    elif mention.source in PHRASES:
        score = PHRASE_SALIENCE  # a quoted or defining phrase: no name list vouches for it
    if _is_coordinated(sentence, mention) or _in_list(sentence, mention):
        score *= 0.6
    count = len(context.sentences_by_entity.get(mention.entity or "", ()))
    return score / (1.0 + 0.05 * math.log1p(count))


def _names(mention: Mention, text: str, context: Context) -> tuple[str, ...]:
    """The words of the answer's other names ("Felix" of "Felix Dzerzhinsky"), that the
    rest of the sentence must not hold."""
    entity = context.entities.get(mention.entity or "")
    if entity is None or mention.type != "person":
        return ()
    own = {w.lower()[:5] for w in re.findall(r"\w+", text)}  # "Stalinist" of "Stalinism"
    found = {
        w
        for name in (entity.canonical, *entity.aliases)
        for w in re.findall(r"[A-Z]\w{3,}", name)
        if w.lower()[:5] not in own
    }
    return tuple(sorted(found))


def count_named(mention: Mention, context: Context) -> int:
    return len(context.sentences_by_entity.get(mention.entity or "", ()))


def _first_name_only(text: str, context: Context) -> bool:
    """A one-word name that is the first word of a longer person's name in the corpus and
    never the last one ("Rosa", "Karl")."""
    if " " in text:
        return False
    first = last = False
    for entity in context.entities.values():
        if entity.type != "person":
            continue
        for name in (entity.canonical, *entity.aliases):
            parts = name.split()
            if len(parts) > 1:
                first = first or parts[0] == text
                last = last or parts[-1] == text
    return first and not last


def _proper_name(text: str, inside: list, sentence: TaggedSentence) -> bool:
    """A whole name: capitalised, proper nouns, no dangling "of"/"and", not two names,
    not half a name ("Katya Kh.", "the Bolshevik [Opposition]")."""
    after = sentence.tokens[inside[-1].i + 1 : inside[-1].i + 2]
    if after and after[0].pos == "PROPN" and after[0].text[:1].isupper():
        return False
    if len(text.split()) > 1 and len(text.split()[-1]) <= 2:
        return False
    if not text[:1].isupper() or re.search(r"\b(and|or)\b|\s(of|the|for)$", text):
        return False
    if re.search(r"(iks|ists|ites|ians|ards|ers|isms?)$", text):
        return False  # a group ("Bolsheviks", "Mensheviks"), not one name
    return any(t.pos == "PROPN" for t in inside) and not any(t.tag == "NNPS" for t in inside)


def answer_spans(sentence: TaggedSentence, context: Context) -> list[Span]:
    """The sentence's usable answer spans, most salient first, one per distinct text."""
    spans: dict[str, Span] = {}
    for mention in sentence.mentions:
        salience = answer_salience(mention, sentence, context)
        if salience <= 0:
            continue
        start, end = clean_span(sentence, mention)
        text = sentence.text[start:end]
        if text not in spans:
            spans[text] = Span(start, end, text, mention, salience)
    return sorted(spans.values(), key=lambda s: (-s.salience, s.start))


def item_score(sentence: TaggedSentence, span: Span) -> float:
    """A draft's score: sentence quality times answer salience."""
    return round(sentence_quality(sentence) * span.salience, 3)


def limit_per_entity(
    drafts: list[Draft], context: Context, cap: int = MAX_PER_ENTITY
) -> list[Draft]:
    """Keep at most `cap` drafts answered by one entity, the best-scoring first.

    Only an entity that is the answer counts (the key names it, or one of its aliases);
    true/false statements, chronologies and items answered by a date or number are kept.
    """
    kept, seen = [], {}
    for draft in sorted(drafts, key=lambda d: -d.score):
        key = answering_entity(draft, context)
        if key is None:
            kept.append(draft)
        elif seen.get(key, 0) < cap:
            seen[key] = seen.get(key, 0) + 1
            kept.append(draft)
    return kept


def answering_entity(draft: Draft, context: Context) -> str | None:
    """The entity key whose name or alias is the draft's answer, if any."""
    answer = normalize_answer(draft.answer)
    for tag in draft.tags:
        if not tag.startswith("entity:"):
            continue
        entity = context.entities.get(tag.split(":", 1)[1])
        if entity and answer in {normalize_answer(n) for n in (entity.canonical, *entity.aliases)}:
            return entity.key
    return None
