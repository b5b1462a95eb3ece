"""Read a sentence's dependency parse: subtrees, the main clause, and text from tokens.

The question and event generators work on the clause of the sentence's main verb: the
verb's subtree without independent coordinated clauses, subordinate clauses, and
discourse adverbs ("However", "Thus") that point back at earlier sentences.
"""

from __future__ import annotations

import re

from quizapp.tagging.types import Token

SUBJECTS = ("nsubj", "nsubjpass")
# Subordinate clauses whose removal leaves the main clause true.
DETACHABLE_MARKS = {
    "when", "as", "while", "although", "though", "because", "since", "after",
    "before", "once", "whereas", "for",
}  # fmt: skip
CONDITIONAL_MARKS = {"if", "unless", "lest", "whether"}
# Adverbs a question may drop. Not "again", "also", "too", "likewise", "still": they say
# the fact happened before or to someone else, so the question without them has other
# answers ("Bukharin again approached Lenin" is no answer to "When did Bukharin approach
# Lenin?"); kept, they make the stem vague and it is refused (stems.RELATIVE_WORDS).
DISCOURSE = {
    "however", "thus", "therefore", "moreover", "nevertheless", "hence", "indeed",
    "meanwhile", "finally", "then", "furthermore", "consequently",
    "besides", "yet", "accordingly", "nonetheless", "instead",
}  # fmt: skip
CLAUSE_PUNCT = {",", ";", ":", ".", "—", "–", "-", "--", "!", "?"}


class Parse:
    """Tokens with their children, for subtree and clause queries."""

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.kids: dict[int, list[int]] = {t.i: [] for t in tokens}
        for token in tokens:
            if token.head != token.i and token.head >= 0:
                self.kids[token.head].append(token.i)

    def subtree(self, i: int) -> set[int]:
        found, stack = set(), [i]
        while stack:
            j = stack.pop()
            found.add(j)
            stack.extend(self.kids[j])
        return found

    def children(self, i: int, *deps: str) -> list[int]:
        return [k for k in self.kids[i] if not deps or self.tokens[k].dep in deps]

    def covering(self, start: int, end: int) -> set[int]:
        """The tokens inside the character span [start, end)."""
        return {t.i for t in self.tokens if t.start < end and t.end > start}

    def head_of(self, indices: set[int]) -> int | None:
        """The one token of `indices` whose head lies outside them, if there is one."""
        heads = [
            i for i in indices if self.tokens[i].head not in indices or self.tokens[i].head == i
        ]
        return heads[0] if len(heads) == 1 else None

    def root(self) -> int | None:
        roots = [t.i for t in self.tokens if t.dep == "ROOT"]
        return roots[0] if len(roots) == 1 else None

    def is_clause_head(self, verb: int) -> bool:
        """The root, or a coordinated or subordinate clause's verb with a subject of its own."""
        token = self.tokens[verb]
        if token.dep == "ROOT":
            return True
        if token.pos not in ("VERB", "AUX") or not self.children(verb, *SUBJECTS):
            return False
        if token.dep == "conj":
            return self.tokens[token.head].dep == "ROOT"
        marks = {self.tokens[m].text.lower() for m in self.children(verb, "mark")}
        return token.dep == "advcl" and bool(marks) and marks <= DETACHABLE_MARKS

    def subject(self, verb: int) -> int | None:
        found = self.children(verb, *SUBJECTS, "expl")
        return found[0] if len(found) == 1 else None


def core_phrase(parse: Parse, head: int) -> set[int]:
    """The subtree of `head` without parenthetical parts set off by commas or brackets."""
    kept = parse.subtree(head)
    for child in parse.kids[head]:
        token = parse.tokens[child]
        first = min(parse.subtree(child))
        before = parse.tokens[first - 1].text if first > 0 else ""
        if token.dep in ("relcl", "appos", "acl", "advcl", "conj") and before in (",", "(", "—"):
            kept -= parse.subtree(child)
        if token.dep == "punct" and token.text in CLAUSE_PUNCT | {"(", ")"}:
            kept.discard(child)
    return kept


def parenthetical(parse: Parse, head: int) -> set[int]:
    """A noun's asides set off by commas ("Kirov, a member of the Politbureau, was"): the
    tokens to drop; empty when an aside is really a list ("Connor, Kovarsky, Wolf, and")."""
    found: set[int] = set()
    core = core_phrase(parse, head)
    for child in parse.kids[head]:
        if parse.tokens[child].dep not in ("appos", "relcl", "acl"):
            continue
        part = parse.subtree(child)
        if part & core:
            continue
        bracketed = min(part) > 0 and parse.tokens[min(part) - 1].text == "("
        names = [
            i for i in part if parse.tokens[i].dep == "conj" and parse.tokens[i].pos == "PROPN"
        ]
        if names or (parse.tokens[child].pos == "PROPN" and not bracketed):
            return set()  # a list, or a second name that may be the real subject
        found |= part
        found |= {i for i in (min(part) - 1, max(part) + 1) if i in parse.kids[head]}
        if bracketed and max(part) + 1 < len(parse.tokens):
            found |= {min(part) - 1, max(part) + 1} & {
                i for i in range(len(parse.tokens)) if parse.tokens[i].text in "()"
            }
    return found


def _detached(parse: Parse, verb: int, child: int, keep_shared: bool) -> bool | None:
    """Whether `child` of `verb` leaves the clause; None when the sentence is unsafe."""
    token = parse.tokens[child]
    if token.dep == "conj" and token.pos in ("VERB", "AUX"):
        return bool(parse.children(child, *SUBJECTS)) or not keep_shared
    if token.dep == "advcl":
        marks = {parse.tokens[m].text.lower() for m in parse.children(child, "mark")}
        if marks & CONDITIONAL_MARKS:
            return None
        return not marks or bool(marks & DETACHABLE_MARKS)
    if token.dep in ("dep", "meta"):
        return None  # the parser could not place it
    if token.dep in ("parataxis", "intj", "mark"):
        return True
    if token.dep == "advmod" and token.text.lower() in DISCOURSE:
        return True
    if token.dep == "cc":
        return True  # a leading "But"; a cc before a kept shared verb is restored below
    return token.dep == "punct" and token.text in CLAUSE_PUNCT


def clause(parse: Parse, verb: int, keep_shared: bool = True) -> set[int] | None:
    """The main clause of `verb`: its subtree without detachable parts; None if unsafe."""
    kept = parse.subtree(verb)
    shared = False
    closing = _closing_commas(parse, verb)
    if len(parse.children(verb, "conj")) > 1:
        return None
    for child in parse.kids[verb]:
        verdict = _detached(parse, verb, child, keep_shared)
        if verdict is None:
            return None
        if verdict and child not in closing:
            kept -= parse.subtree(child)
        elif parse.tokens[child].dep == "conj":
            shared = True
    if shared:  # "arrested and shot": keep the conjunction before a shared verb
        kept |= {c for c in parse.children(verb, "cc") if c > verb}
    if any(_own_clause(parse, i) for i in kept if i != verb):
        return None
    if shared and any(_suspect_conj(parse, i) for i in kept if parse.tokens[i].dep == "conj"):
        return None  # a long coordinated predicate rarely survives rearranging
    if _interrupted(parse, verb, kept) or _stray_comma(parse, verb):
        return None
    return kept


def _suspect_conj(parse: Parse, i: int) -> bool:
    """A long coordinated verb, or one with an auxiliary of its own (a lost subject)."""
    return len(parse.kids[i]) > 3 or bool(parse.children(i, "aux", "auxpass"))


def _interrupted(parse: Parse, verb: int, kept: set[int]) -> bool:
    """Whether words were cut from the middle of the clause (not from its edges)."""
    low, high = min(kept), max(kept)
    for i in parse.subtree(verb) - kept:
        token = parse.tokens[i]
        if low < i < high and token.pos != "PUNCT" and token.text.lower() not in DISCOURSE:
            return True
    return False


def _stray_comma(parse: Parse, verb: int) -> bool:
    """A comma between a plain subject and its verb: a fragment ("Hitler's invasion, had")."""
    for subject in parse.children(verb, *SUBJECTS):
        phrase = parse.subtree(subject)
        after = max(phrase) + 1
        plain = not any(parse.tokens[i].text == "," for i in phrase)
        if plain and after < verb and parse.tokens[after].text == ",":
            return True
    return False


def _closing_commas(parse: Parse, verb: int) -> set[int]:
    """Commas on the verb that close a parenthesis its subject opened ("Kirov, a member, was")."""
    found = set()
    for subject in parse.children(verb, *SUBJECTS):
        phrase = parse.subtree(subject)
        after = max(phrase) + 1
        inner = any(parse.tokens[i].text == "," for i in phrase)
        if inner and after < len(parse.tokens) and parse.tokens[after].text == ",":
            found.add(after)
    return found


def _own_clause(parse: Parse, i: int) -> bool:
    """A coordinated verb with a subject of its own, or an "according to" aside."""
    token = parse.tokens[i]
    if token.text.lower() == "according":
        return True
    return (
        token.dep == "conj" and token.pos in ("VERB", "AUX") and bool(parse.children(i, *SUBJECTS))
    )


def render(
    tokens: list[Token],
    indices: set[int] | list[int],
    replace: dict[int, str] | None = None,
    strip: bool = True,
) -> str:
    """The text of `indices` in sentence order, spaced as in the sentence, tidied."""
    parts: list[str] = []
    previous = None
    for i in sorted(indices):
        if previous is not None:
            skipped = tokens[previous + 1 : i]
            if all(t.pos == "PUNCT" for t in skipped):  # keep the spacing a dropped comma had
                parts.append(tokens[i - 1].space if skipped else tokens[previous].space)
            else:
                parts.append(" ")
        parts.append((replace or {}).get(i, tokens[i].text))
        previous = i
    return tidy("".join(parts)) if strip else "".join(parts) if strip else "".join(parts)


def tidy(text: str) -> str:
    """Collapse spaces and stray punctuation left where tokens were removed."""
    text = text.replace("*", "").replace("_", " ")
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s+([,.;:?!)\]’”])", r"\1", text)
    text = re.sub(r"([(\[“])\s+", r"\1", text)
    text = re.sub(r"([,;:])(\s*[,;:])+", r"\1", text)
    return text.strip(" ,;:—–-")


def balanced(text: str) -> bool:
    """Whether quotes and brackets in `text` pair up."""
    pairs = (("(", ")"), ("[", "]"), ("“", "”"))
    if any(text.count(a) != text.count(b) for a, b in pairs):
        return False
    if text.count('"') % 2:
        return False
    closing = len(re.findall(r"’(?![A-Za-z])", text))
    return text.count("‘") <= closing
