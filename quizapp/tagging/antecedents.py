"""Who a sentence's subject "he" is, when the passage has made it plain.

A portrait runs on for sentences about one man without naming him again ("Trotsky, on
the other hand, would nowhere have passed unnoticed …  He had about him something
authoritative …  In the Social Democratic party he was the theoretician of the
permanent revolution …"). Such a sentence is worth asking about if the question says
who "he" is: the generators then write "he [Leon Trotsky]".

A wrong name would misteach, so the rule is narrow. Within one passage, the *topic* is
the person named as the subject of a main clause, and it stays the topic only while
every later sentence either keeps it as subject ("he") or refers to it ("his written
style", "found him") and names nobody else. Anything else ends it: another person named
(unless as the new subject, who becomes the topic), "she" or "they" as subject, a
quotation, a sentence that does not refer to the topic at all. Only "he" as the subject
of a main clause, with no person named before it in its sentence, takes the topic.
"""

from __future__ import annotations

from dataclasses import dataclass

from quizapp.tagging.types import Antecedent, Mention, TaggedSentence, Token

SUBJECTS = ("nsubj", "nsubjpass")
HIS = {"he", "his", "him", "himself"}
OTHERS = {"she", "her", "hers", "herself", "they", "them", "their"}
QUOTES = '"“”«»'


@dataclass
class _Topic:
    name: str  # the words the passage named him by
    entity: str | None


def mark_antecedents(sentences: list[TaggedSentence]) -> None:
    """Set `antecedent` on the body sentences (one document, reading order) whose subject
    "he" is the passage's topic."""
    topic: _Topic | None = None
    passage, section = None, None
    for sentence in sentences:
        if sentence.kind != "body":
            continue
        if sentence.passage_key != passage:
            if sentence.section != section:
                topic = None  # a heading between: a new subject
            passage, section = sentence.passage_key, sentence.section
        if sentence.quoted_by or sentence.text.lstrip()[:1] in QUOTES:
            topic = None  # quoted speech has its own "he" ("He lacks honesty," he said)
            continue
        pronoun = _subject_he(sentence)
        if pronoun is not None and topic is not None:
            sentence.antecedent = Antecedent(
                pronoun.i, pronoun.end, topic.name, topic.entity, pronoun.text == "His"
            )
        topic = _next_topic(sentence, topic, pronoun)


def _subject_he(sentence: TaggedSentence) -> Token | None:
    """The sentence's first "he", when it is the subject of the main clause (or of a clause
    joined to it) and no person is named before it; else an opening "His" on that subject."""
    tokens = sentence.tokens
    people = [m for m in sentence.mentions if m.type == "person"]
    for token in tokens:
        low = token.text.lower()
        if low == "his" or low not in HIS:
            continue  # "Interned with his wife and children, he …": his is he
        if low != "he" or token.dep not in SUBJECTS:
            return None
        if any(m.start < token.start for m in people):
            return None
        if not _main_clause(tokens, token):
            return None  # "saying that he was …": the clause may report on anyone
        if tokens[token.head].dep != "ROOT" and any(_is_subject(tokens, m) for m in people):
            return None  # "After he had left, Zinoviev …" is Zinoviev
        if sum(sentence.text[: token.start].count(q) for q in QUOTES) % 2:
            return None  # inside a quotation
        return token
    return _subject_his(sentence)


def _subject_his(sentence: TaggedSentence) -> Token | None:
    """An opening "His" on the main clause's subject: "His written style is … skillful"."""
    tokens = sentence.tokens
    first = next((t for t in tokens if t.pos not in ("PUNCT", "SPACE")), None)
    if first is None or first.text != "His" or first.dep != "poss":
        return None
    owner = tokens[first.head] if 0 <= first.head < len(tokens) else None
    if owner is None or owner.dep not in SUBJECTS or tokens[owner.head].dep != "ROOT":
        return None
    if any(t.text.lower() in HIS - {"his"} for t in tokens):
        return None  # a "he" or "him" as well: leave the sentence alone
    return first


def _next_topic(
    sentence: TaggedSentence, topic: _Topic | None, pronoun: Token | None
) -> _Topic | None:
    people = [m for m in sentence.mentions if m.type == "person"]
    subject = _main_subject(sentence, people)
    words = {t.text.lower() for t in sentence.tokens}
    if subject is not None:
        # a newly named subject takes over, unless someone else is "him" beside it
        # ("Lenin appreciated him sufficiently to mistrust him")
        return None if "him" in words else _topic_of(subject)
    if words & OTHERS and _others_as_subject(sentence):
        return None
    if topic is None:
        return None
    keeps_topic = pronoun is not None or bool(words & HIS)
    if people and not all(_same(topic, m) for m in people) and pronoun is None:
        return None  # "The first reference to it came from Khrushchev": who is "he" next?
    return topic if keeps_topic or _fragment(sentence) else None


def _main_subject(sentence: TaggedSentence, people: list[Mention]) -> Mention | None:
    """The person named as the subject of the main clause, if one is."""
    tokens = sentence.tokens
    for token in tokens:
        if token.dep not in SUBJECTS or not (0 <= token.head < len(tokens)):
            continue
        if tokens[token.head].dep != "ROOT":
            continue
        for mention in people:
            if mention.start <= token.start < mention.end:
                return None if _coordinated(tokens, token) else mention
    return None


def _main_clause(tokens: list[Token], token: Token) -> bool:
    """The pronoun's verb is the root, or a clause joined to the root: "After the defeated
    revolution of 1905, he became a terrorist, … (since then he permitted …)"."""
    verb = tokens[token.head] if 0 <= token.head < len(tokens) else None
    if verb is None:
        return False
    if verb.dep == "ROOT":
        return True
    if tokens[verb.head].dep != "ROOT":
        return False
    # a clause complement before its verb is the parser's misreading of a main clause
    return verb.dep in ("conj", "advcl") or (verb.dep == "ccomp" and verb.i < verb.head)


def _is_subject(tokens: list[Token], mention: Mention) -> bool:
    return any(t.dep in SUBJECTS and mention.start <= t.start < mention.end for t in tokens)


def _coordinated(tokens: list[Token], subject: Token) -> bool:
    """ "Lenin and Trotsky see this plainly": two subjects, so no one topic."""
    return any(t.dep == "conj" and t.head == subject.i for t in tokens)


def _others_as_subject(sentence: TaggedSentence) -> bool:
    return any(t.text.lower() in OTHERS and t.dep in SUBJECTS for t in sentence.tokens)


def _topic_of(mention: Mention) -> _Topic:
    return _Topic(mention.text, mention.entity)


def _same(topic: _Topic, mention: Mention) -> bool:
    if topic.entity and mention.entity:
        return topic.entity == mention.entity
    return topic.name == mention.text


def _fragment(sentence: TaggedSentence) -> bool:
    """A verbless aside ("Like a dagger.") neither keeps nor ends the topic."""
    return not any(t.pos in ("VERB", "AUX") for t in sentence.tokens)
