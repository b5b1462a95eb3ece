"""The curated glossary (corpus/glossary.yaml): load it, validate it, say where it is wrong.

The file is a YAML list of mappings:

    - name: Felix Dzerzhinsky
      type: person
      aliases: [Dzerzhinsky, Iron Felix]
      description: Founder and first head of the Cheka.

`key` is optional (default: "<type>:<slug of name>"). Every problem raises GlossaryError
with a message "<file>:<line>: <problem>", the line being the offending entry or field.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import yaml

from quizapp.tagging.types import TYPES, Entity

ENTITY_TYPES = tuple(t for t in TYPES if t not in ("date", "number"))
REQUIRED = ("name", "type", "description")
ALLOWED = {"name", "type", "aliases", "description", "key"}


class GlossaryError(ValueError):
    """The glossary file cannot be used; the message names file, line and problem."""


def slug(text: str) -> str:
    """A lower-case ASCII slug: "Felix Dzerzhinsky" -> "felix-dzerzhinsky"."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or "x"


def entity_key(type_: str, name: str) -> str:
    return f"{type_}:{slug(name)}"


def load_glossary(path: str | Path) -> list[Entity]:
    """The glossary's entries as Entity records (source "glossary"), in file order."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise GlossaryError(f"{path}:1: cannot read the file ({exc})") from exc
    return parse_glossary(text, str(path))


def parse_glossary(text: str, filename: str = "<glossary>") -> list[Entity]:
    """Entities from glossary YAML text; `filename` only labels error messages."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        problem = getattr(exc, "problem", None) or str(exc)
        raise GlossaryError(f"{filename}:{line}: invalid YAML: {problem}") from exc
    if root is None:
        return []
    if not isinstance(root, yaml.SequenceNode):
        _fail(filename, root, "the glossary must be a list of entries")
    entities: list[Entity] = []
    seen: dict[str, int] = {}  # a name or alias -> the line that first used it
    keys: dict[str, int] = {}
    for node in root.value:
        entity = _entry(filename, node)
        _check_unique(filename, node, entity, seen, keys)
        entities.append(entity)
    return entities


def _fail(filename: str, node: yaml.Node, problem: str):
    raise GlossaryError(f"{filename}:{node.start_mark.line + 1}: {problem}")


def _entry(filename: str, node: yaml.Node) -> Entity:
    fields = _fields(filename, node)
    for name in REQUIRED:
        if name not in fields:
            _fail(filename, node, f"entry lacks the required field {name!r}")
    values = {name: _text(filename, fields[name], name) for name in REQUIRED}
    if values["type"] not in ENTITY_TYPES:
        _fail(
            filename,
            fields["type"],
            f"unknown type {values['type']!r} (one of {', '.join(ENTITY_TYPES)})",
        )
    if "\n" in values["description"]:
        _fail(filename, fields["description"], "the description must be one line")
    aliases = _aliases(filename, fields.get("aliases"))
    key = _text(filename, fields["key"], "key") if "key" in fields else None
    return Entity(
        key=key or entity_key(values["type"], values["name"]),
        canonical=values["name"],
        type=values["type"],
        aliases=aliases,
        description=values["description"],
        source="glossary",
    )


def _fields(filename: str, node: yaml.Node) -> dict[str, yaml.Node]:
    """An entry's fields by name; unknown or repeated fields are errors."""
    if not isinstance(node, yaml.MappingNode):
        _fail(filename, node, "an entry must be a mapping with name, type, aliases, description")
    fields: dict[str, yaml.Node] = {}
    for key_node, value_node in node.value:
        name = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if name not in ALLOWED:
            allowed = ", ".join(sorted(ALLOWED))
            _fail(filename, key_node, f"unknown field {name!r} (allowed: {allowed})")
        if name in fields:
            _fail(filename, key_node, f"field {name!r} given twice")
        fields[name] = value_node
    return fields


def _text(filename: str, node: yaml.Node, field: str) -> str:
    if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:str":
        if not (isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:int"):
            _fail(filename, node, f"{field!r} must be a text")
    value = node.value.strip()
    if not value:
        _fail(filename, node, f"{field!r} is empty")
    return value


def _aliases(filename: str, node: yaml.Node | None) -> tuple[str, ...]:
    if node is None or (isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null")):
        return ()
    if not isinstance(node, yaml.SequenceNode):
        _fail(filename, node, "'aliases' must be a list")
    return tuple(_text(filename, item, "alias") for item in node.value)


def _check_unique(filename, node, entity: Entity, seen: dict, keys: dict) -> None:
    line = node.start_mark.line + 1
    if entity.key in keys:
        _fail(
            filename,
            node,
            f"key {entity.key!r} already used by the entry on line {keys[entity.key]}",
        )
    keys[entity.key] = line
    forms = (entity.canonical, *entity.aliases)
    for form in forms:
        if form in seen:
            where = "this entry" if seen[form] == line else f"the entry on line {seen[form]}"
            _fail(filename, node, f"name or alias {form!r} is already used by {where}")
        seen[form] = line


class GlossaryMatcher:
    """Finds the glossary's names and aliases in a text, whole words only, longest first.

    Matching is case-sensitive, except that a form written in lower case ("kulak") also
    matches with a capital first letter at the start of a sentence.
    """

    def __init__(self, entities: list[Entity]):
        self.key_of: dict[str, str] = {}
        self.type_of: dict[str, str] = {e.key: e.type for e in entities}
        for entity in entities:
            for form in (entity.canonical, *entity.aliases):
                self.key_of.setdefault(form, entity.key)
                if form[:1].islower():
                    self.key_of.setdefault(form[:1].upper() + form[1:], entity.key)
        forms = sorted(self.key_of, key=len, reverse=True)
        alternatives = "|".join(re.escape(f) for f in forms)
        self.pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w]|-\w)") if forms else None

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, entity key) for each match."""
        if self.pattern is None:
            return []
        return [(m.start(), m.end(), self.key_of[m.group(0)]) for m in self.pattern.finditer(text)]
