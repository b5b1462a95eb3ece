"""Is a sentence fit to ask about: a well-formed statement with a verb and a subject, not a
heading, caption, list, fragment or unattributed quotation, of a fair length, and
self-contained (`sentence_quality`, 0..1).
"""

from __future__ import annotations

import re

from quizapp.generators.references import is_self_contained, leans_on_sentence_before
from quizapp.tagging.types import TaggedSentence

QUOTES = '"“”«»'
ENUMERATOR = re.compile(r"(?:^|\bof|[,:;])\s*\d{1,2}\.$")  # "The cases of 1.", "..., 12."


def words(sentence: TaggedSentence) -> list[str]:
    return [t.text for t in sentence.tokens if t.pos not in ("PUNCT", "SPACE")]


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
    if is_verse(sentence):
        return False
    straight = text.count('"') % 2 == 0
    return straight and text.count("“") == text.count("”")


CLOSED = {"ADP", "CCONJ", "SCONJ"}  # ("The", "His", "Is" open titles and reverence)
# The words a verse line opens with, as a transformed question may keep them (a stem
# keeps only some of the sentence, so a capitalised "The" there is rarely a title's).
LINE_OPENERS = {"ADP", "DET", "VERB", "ADV", "CCONJ"}


def is_verse(sentence: TaggedSentence) -> bool:
    """Lines of verse run together ("a halo Around …, Around men"): a capitalised little
    word inside the sentence, not after a stop, a colon or an opening quote."""
    tokens = sentence.tokens
    return any(
        capitalised_inside(tokens, i, CLOSED, SENTENCE_BREAKS)
        and tokens[i].text != "I"
        and len(tokens[i].text) > 1
        and not tokens[i].text.isupper()
        for i in range(1, len(tokens))
    )


SENTENCE_BREAKS = {".", ":", ";", "!", "?", "—", "(", "‘", "'", *QUOTES}
STEM_BREAKS = {".", '"', "“", ":", "(", "—"}


def verse_word(tokens: list, i: int) -> bool:
    """Whether the word at i, kept in a question's stem, shows verse ("a halo Around the
    …"): a capitalised word of a kind that opens verse lines, inside the sentence."""
    return capitalised_inside(tokens, i, LINE_OPENERS, STEM_BREAKS)


def capitalised_inside(tokens: list, i: int, kinds: set[str], breaks: set[str]) -> bool:
    """The word at i is capitalised, of one of the parts of speech `kinds`, and stands
    inside the sentence: not first, nor right after one of `breaks`."""
    token = tokens[i]
    return (
        i > 0
        and token.text[:1].isupper()
        and token.pos in kinds
        and tokens[i - 1].text not in breaks
    )


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


def opens_with_fragment(sentence: TaggedSentence) -> bool:
    """A verbless piece before the first semicolon ("Famine, cholera in Petrograd, plots,
    assassinations …—who shared the power; Dora Kaplan fired …"): notes strung together,
    which a stem would copy as they are."""
    cuts = [t.i for t in sentence.tokens if t.text == ";"]
    if not cuts:
        return False
    first = sentence.tokens[: cuts[0]]
    tops = [t for t in first if not 0 <= t.head < cuts[0] or t.head == t.i]
    return not any(t.pos in ("VERB", "AUX") for t in tops)


def length_score(count: int) -> float:
    """1 for 8-45 words, falling off outside; 0 under 7 or over 70."""
    if count < 7 or count > 70:
        return 0.0
    if count < 8:
        return 0.7
    if count > 45:
        return 1.0 - 0.02 * (count - 45)
    return 1.0


def sentence_quality(sentence: TaggedSentence, leaning: bool = False) -> float:
    """0..1: how fit the sentence is to ask about; 0 for captions, headings, fragments.
    `leaning`: the stem will open with the sentence before it (generators/lead_in.py),
    so a reference back to that sentence is no fault."""
    if sentence.kind not in ("body", "footnote") or not is_well_formed(sentence):
        return 0.0
    contained = leans_on_sentence_before(sentence) if leaning else is_self_contained(sentence)
    if not contained or re.search(r"\[\d+\]|\bp\. ?\d", sentence.text):
        return 0.0
    if is_quotation(sentence) and not sentence.quoted_by:
        return 0.0
    roots = [t for t in sentence.tokens if t.dep == "ROOT"]
    if not roots or roots[0].pos not in ("VERB", "AUX") or is_list(sentence):
        return 0.0  # no verb: a caption, a title or a list
    if opens_with_fragment(sentence):
        return 0.0
    if not has_subject(sentence):
        return 0.0  # "Served with the navy in Kronstadt; ...": a note, or a sentence's tail
    score = length_score(len(words(sentence)))
    if sentence.kind == "footnote":
        score *= 0.8
    return score
