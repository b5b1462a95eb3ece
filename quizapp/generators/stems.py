"""Guards that keep question stems and event texts self-contained, and attribution.

A stem must be readable without the source: no pronouns, demonstratives, relative time
words ("today", "the latter") or bare generic noun phrases ("the party") whose referent
is elsewhere. Sentences that quote someone, or that state an author's view, are
attributed ("According to Serge, ...").
"""

from __future__ import annotations

from quizapp.generators.attribution import account, author_surname, editorial, speaker_of
from quizapp.generators.clauses import Parse
from quizapp.generators.references import counts_from_writing, dated
from quizapp.tagging.types import TaggedSentence

DEMONSTRATIVES = {"this", "that", "these", "those"}
RELATIVE_WORDS = {
    "such", "latter", "former", "aforesaid", "aforementioned", "above", "here", "there",
    "today", "now", "recently", "yesterday", "tomorrow", "same", "other", "another",
    "following", "next", "previous", "preceding", "later", "earlier",
    "thereafter", "afterwards", "again", "respectively", "else", "further", "last",
    "also", "too", "likewise",
}  # fmt: skip
VAGUE_NOUNS = {
    "party", "government", "man", "men", "woman", "author", "book", "article", "writer",
    "leader", "leaders", "movement", "group", "regime", "state", "country", "city", "case",
    "affair", "episode", "event", "period", "time", "moment", "year", "day", "chapter",
    "congress", "committee", "trial", "speech", "report", "letter", "decree", "question",
    "problem", "situation", "struggle", "conference", "matter",
}  # fmt: skip
OPINION_WORDS = {
    "infamous", "shameful", "monstrous", "criminal", "terrible", "disgraceful", "wretched",
    "obviously", "clearly", "certainly", "doubtless", "undoubtedly", "surely", "indeed",
    "unfortunately", "fortunately", "alas", "absurd", "ridiculous", "treacherous",
}  # fmt: skip
REFLEXIVES = {"himself", "herself", "itself", "themselves"}  # bound by the clause's subject
FIRST_PERSON = {"i", "me", "my", "we", "us", "our", "you", "your"}


def vague_reason(parse: Parse, indices: set[int], bound: bool = False) -> str | None:
    """Why the tokens `indices` would not read on their own; None when they do.

    `bound`: the stem asks for its subject ("Who abjures his former convictions?"), so a
    possessive pronoun refers to the answer and does not dangle.
    """
    for i in sorted(indices):
        token = parse.tokens[i]
        lower = token.text.lower()
        if bound and token.tag == "PRP$" and lower in ("his", "her", "their"):
            continue
        if token.tag in ("PRP", "PRP$") and token.dep != "expl" and lower not in REFLEXIVES:
            return f"pronoun {token.text!r}"
        if lower in DEMONSTRATIVES and token.tag == "DT":
            return f"demonstrative {token.text!r}"
        if lower in RELATIVE_WORDS and token.tag != "EX":
            return f"relative word {token.text!r}"
        if lower in ("before", "ago") and token.pos == "ADV":
            return f"relative time {token.text!r}"  # "nine years before": before what?
        if token.tag == "DT" and token.dep in ("nsubj", "nsubjpass", "dobj", "pobj", "attr"):
            return f"determiner standing alone {token.text!r}"
        if (
            lower == "one"
            and token.dep in ("nsubj", "dobj", "pobj", "attr")
            and not any(parse.tokens[k].text.lower() == "of" for k in parse.kids[i])
        ):
            return "'one' without 'of'"  # "the only one": one of whom?
        named = token.pos == "PROPN" and lower != "party"
        if (
            token.pos in ("NOUN", "PROPN")
            and not named
            and lower in VAGUE_NOUNS
            and _bare(parse, i)
        ):
            return f"bare noun phrase {token.text!r}"
    return None


def _bare(parse: Parse, noun: int) -> bool:
    """Whether a noun stands with only "the" or "a": "the party", not "the Bolshevik party"."""
    kids = parse.kids[noun]
    dets = [k for k in kids if parse.tokens[k].dep == "det"]
    named = {"compound", "amod", "poss", "prep", "nmod", "relcl", "acl", "appos", "nummod"}
    if any(parse.tokens[k].dep in named for k in kids):
        return False
    return bool(dets) and parse.tokens[dets[0]].text.lower() in ("the", "a", "an")


def proper_name(parse: Parse, start: int, end: int) -> bool:
    """Whether the span is a proper name ("the Communist International"), not "All Foster"."""
    tokens = [parse.tokens[i] for i in sorted(parse.covering(start, end))]
    if tokens and tokens[0].text.lower() == "the":
        tokens = tokens[1:]
    if not tokens or tokens[0].pos != "PROPN" or tokens[-1].pos != "PROPN":
        return False
    return all(t.pos in ("PROPN", "ADP", "CCONJ", "PUNCT", "PART") for t in tokens)


def opinionated(parse: Parse) -> bool:
    """Whether the sentence reads as a view rather than a report of fact."""
    for token in parse.tokens:
        lower = token.text.lower()
        if token.tag in ("MD", "JJS", "RBS") or lower in OPINION_WORDS:
            return True
        if token.tag in ("PRP", "PRP$") and lower in FIRST_PERSON:
            return True
    return False


def attribution(sentence: TaggedSentence, parse: Parse) -> str | None:
    """Who the stem should cite ("Serge"); "" when no attribution is needed; None to skip.

    A quotation is attributed to its speaker; a sentence of an authored text to its
    author (a polemic states views as facts); an unattributed text's opinions are skipped.
    """
    if sentence.quoted_by:
        # "According to Letter": the tagger took a document for a speaker (None);
        # "A factory worker" reads "According to a factory worker"
        return speaker_of(sentence)
    if quoted(sentence.text):
        return None  # a quotation whose speaker tagging did not find
    surname = author_surname(sentence)
    authored = surname is not None and not editorial(sentence)
    if not authored and opinionated(parse):
        return None  # an unsigned text's or an editor's verdict, stated as a fact
    if counts_from_writing(sentence) and dated(sentence):
        return account(sentence).removesuffix(",")  # "Serge, writing in 1937": "today" is then
    # an editor's note is not the author's; an unsigned text's plain statement goes bare
    return surname if authored else ""


def quoted(text: str) -> bool:
    """Whether the sentence opens or closes as a quotation."""
    stripped = text.strip()
    return stripped[:1] in ('"', "“", "‘", "'") or stripped[-2:] in ('."', ".”", "”.", '".')


def attribute(stem: str, who: str) -> str:
    """Prefix "According to <who>, " to a question, lower-casing its first word."""
    if not who:
        return stem
    first, _, rest = stem.partition(" ")
    return f"According to {who}, {first.lower()} {rest}"
