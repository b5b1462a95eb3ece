"""Matching items: people matched to the descriptions the corpus gives them, in the words
of one account ("Match each person to the description Serge gives them").

A pair comes from an apposition ("Salvador Segui, one of the founders of the C.N.T.";
"Dzerzhinsky's successor, Vyacheslav Menzhinsky") or a plain identity clause ("Nikolai
Muralov was military governor of the Moscow region"), so the description is a span of
the cited sentence. Items hold three to five distinct people, and no person's name
appears in another pair's sentence, where that pair's description might fit them too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quizapp.generators import register
from quizapp.generators.attribution import attribution
from quizapp.generators.base import Citation, Context, Draft
from quizapp.generators.clauses import Parse, balanced, core_phrase
from quizapp.generators.grouping import spread_groups
from quizapp.generators.question_checks import sentence_ok
from quizapp.generators.stems import proper_name, vague_reason
from quizapp.tagging.types import Mention, TaggedSentence

STEM = "Match each person to the description {who} gives them."
TERM_STEM = "Match each term to the description {who} gives it."
TERM_KINDS = {"person": "person", "term": "term"}
USES = 5  # items one pair may appear in
GROUP = 3
MIN_GROUP = 3
DESCRIPTION_HEADS = ("NOUN", "NUM")
PERSON_SUFFIXES = ("er", "or", "ist", "ian", "ant", "ent", "man", "eur", "ar", "ee")
PERSON_NOUNS = {
    "head", "hero", "fellow", "chief", "son", "daughter", "wife", "brother", "friend",
    "comrade", "marshal", "general", "deputy", "stooge", "figure", "chairman", "émigré",
    "official", "envoy", "spy", "poet", "tsar", "worker",
}  # fmt: skip


@dataclass(frozen=True)
class Pair:
    left: str
    right: str
    start: int  # the description's span in the sentence
    end: int
    sentence: TaggedSentence
    mention: Mention

    @property
    def person(self) -> str:
        return self.mention.entity or self.left.split()[-1].lower()


def _description(
    parse: Parse, head: int, leave: set[int], kind: str = "person"
) -> tuple[int, int] | None:
    """The character span of the phrase headed by `head`, without `leave`; None if unclean."""
    token = parse.tokens[head]
    singular = token.tag in ("NN", "NNP") or token.text.lower() == "one"
    if token.pos not in DESCRIPTION_HEADS or not singular or token.dep == "conj":
        return None
    if (kind == "person") != _names_a_person(parse, head):
        return None  # a person's description names a person; a term's does not
    kept = core_phrase(parse, head) - leave
    while kept and parse.tokens[max(kept)].pos == "PUNCT":
        kept.discard(max(kept))
    if not kept or kept != set(range(min(kept), max(kept) + 1)):
        return None
    if vague_reason(parse, kept) or not 2 <= len(kept) <= 14:
        return None
    if any(parse.tokens[i].text in (",", ";", ":", "(", "—") for i in kept):
        return None
    words = [parse.tokens[i] for i in kept]
    specific = sum(t.pos in ("PROPN", "NUM", "NOUN", "ADJ") for t in words)
    if specific < 2:
        return None
    return parse.tokens[min(kept)].start, parse.tokens[max(kept)].end


def _names_a_person(parse: Parse, head: int) -> bool:
    """Whether a description's head noun ("successor", "one of the founders") is a person."""
    token = parse.tokens[head]
    if token.text.lower() == "one":
        objects = [o for p in parse.children(head, "prep") for o in parse.children(p, "pobj")]
        token = parse.tokens[objects[0]] if objects else token
    word = token.lemma.lower()
    return word in PERSON_NOUNS or word.endswith(PERSON_SUFFIXES)


def _candidates(parse: Parse, head: int) -> list[tuple[int, set[int]]]:
    """(description head, tokens to leave out) for a person's name headed by `head`."""
    token = parse.tokens[head]
    if parse.children(head, "conj") or token.dep == "pobj":
        return []  # "a former associate of Kerensky, one of ...": whose description?
    found = [(a, set()) for a in parse.children(head, "appos")]
    if token.dep == "appos":
        found.append((token.head, parse.subtree(head)))
    if token.dep == "nsubj" and parse.tokens[token.head].lemma == "be":
        verb = token.head
        if not parse.children(verb, "neg", "aux") and parse.tokens[verb].dep == "ROOT":
            found += [(a, set()) for a in parse.children(verb, "attr")]
    return found


def pairs_of(sentence: TaggedSentence) -> list[Pair]:
    """The person-description and term-description pairs a sentence states."""
    parse = Parse(sentence.tokens)
    found = []
    for mention in sentence.mentions:
        span = parse.covering(mention.start, mention.end)
        head = parse.head_of(span)
        kind = TERM_KINDS.get(mention.type)
        if kind is None or head is None or parse.tokens[head].dep == "conj":
            continue
        for desc, leave in _candidates(parse, head):
            where = _description(parse, desc, leave | span, kind)
            if where is None:
                continue
            right = sentence.text[where[0] : where[1]]
            if mention.text.split()[-1].lower() not in right.lower():
                found.append(Pair(mention.text, right, *where, sentence, mention))
    return found


def all_pairs(sentences: list[TaggedSentence]) -> list[Pair]:
    """One pair per person and per description, in corpus order."""
    found, people, rights = [], set(), set()
    for sentence in sentences:
        if not sentence_ok(sentence):
            continue
        parse = Parse(sentence.tokens)
        for pair in pairs_of(sentence):
            right = re.sub(r"\W+", " ", pair.right.lower()).strip()
            if pair.person in people or right in rights or not balanced(pair.right):
                continue
            if not proper_name(parse, pair.mention.start, pair.mention.end):
                continue
            people.add(pair.person)
            rights.add(right)
            found.append(pair)
    return found


def _conflicts(pair: Pair, group: list[Pair]) -> bool:
    """Whether a person's name shows in another pair's sentence, or theirs in this one."""
    for other in group:
        if (
            pair.left.split()[-1] in other.sentence.text
            or other.left.split()[-1] in pair.sentence.text
        ):
            return True
    return False


def spread(pool: list[Pair]) -> list[list[Pair]]:
    """Groups of pairs without conflicts, no two items sharing a pair; deterministic."""
    return spread_groups(
        pool,
        lambda pair, chosen: not _conflicts(pair, chosen),
        size=GROUP,
        minimum=MIN_GROUP,
        uses=USES,
    )


@register
class Matching:
    name = "matching"
    version = "4"

    def generate_all(self, sentences: list[TaggedSentence], context: Context) -> list[Draft]:
        """Items of pairs from one account each: a description is its author's (or a
        quoted speaker's) view, and the stem says whose ("the description Serge gives")."""
        by_account: dict[str, list[Pair]] = {}
        for pair in all_pairs(sentences):
            prefix = attribution(pair.sentence)
            if prefix is not None:
                by_account.setdefault(prefix.removeprefix("According to ")[:-2], []).append(pair)
        drafts = []
        for who, pool in by_account.items():
            for kind, stem in (("person", STEM), ("term", TERM_STEM)):
                chosen = [p for p in pool if TERM_KINDS.get(p.mention.type) == kind]
                drafts += [self._draft(group, stem.format(who=who)) for group in spread(chosen)]
        return drafts

    def _draft(self, group: list[Pair], stem: str) -> Draft:
        citations = [
            Citation(p.sentence.key, p.sentence.text_hash, p.start, p.end, f"pair:{n}")
            for n, p in enumerate(group)
        ]
        sources = sorted({p.sentence.document for p in group})
        return Draft(
            type="matching",
            stem=stem,
            answer="; ".join(f"{p.left}: {p.right}" for p in group),
            citations=citations,
            generator=self.name,
            version=self.version,
            explanation=" ".join(f"“{p.sentence.text}”" for p in group),
            tags=[f"source:{s}" for s in sources]
            + ["type:matching"]
            + sorted({f"entity:{p.mention.entity}" for p in group if p.mention.entity}),
            score=0.75,
            payload={
                "pairs": [
                    {"left": p.left, "right": p.right, "citation": n} for n, p in enumerate(group)
                ]
            },
        )
