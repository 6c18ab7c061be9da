"""Reading YAML as a tree of nodes that keep their line numbers, collecting problems.

Takes the text of one file; gives typed Python values and `Problem`s that point at
the line of the offending node. PyYAML's C composer builds the node tree (about
1 s for 1,000 edition files); values are read from the nodes' own text here, not
through YAML's constructors, so an impossible date such as `2024-02-30` becomes a
problem at its line instead of an exception, and quoted and unquoted dates read
the same.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Collection
from typing import TypeVar

import yaml
from yaml.cyaml import CParser  # type: ignore[attr-defined]  # absent from the stubs
from yaml.resolver import BaseResolver

from feeds.content.problems import Problem, Severity
from feeds.content.text import strip_control

__all__ = ["NodeReader", "compose"]

T = TypeVar("T")

_TAGS = {
    yaml.ScalarNode: "tag:yaml.org,2002:str",
    yaml.SequenceNode: "tag:yaml.org,2002:seq",
    yaml.MappingNode: "tag:yaml.org,2002:map",
}
# YAML 1.1's plain scalars for null and booleans, which NodeReader reads from the text.
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON"})
_FALSE = frozenset({"false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF"})


class _Loader(CParser, BaseResolver):
    """libyaml's C parser with a resolver that only tells scalars from collections.

    PyYAML's own resolver matches every scalar against its implicit-type regexes in
    Python (a fifth of the compose time for an archive); values are typed here from
    their text instead, field by field, which also gives better messages.
    """

    def __init__(self, stream: str) -> None:
        CParser.__init__(self, stream)
        BaseResolver.__init__(self)

    def resolve(self, kind: type[yaml.Node], value: object, implicit: object) -> str:
        return _TAGS[kind]

    def descend_resolver(self, current_node: object, current_index: object) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None


_INT_RE = re.compile(r"[-+]?[0-9]+")
_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATETIME_RE = re.compile(
    r"\d{4}-\d{2}-\d{2}[Tt ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[+-]\d{2}(:?\d{2})?)?"
)


def compose(text: str, path: str, problems: list[Problem]) -> yaml.Node | None:
    """The node tree of one YAML document, or None after recording a syntax problem."""
    loader = _Loader(text)
    try:
        node: yaml.Node | None = loader.get_single_node()
        return node
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        problems.append(Problem(path, line, "error", f"YAML syntax: {exc.problem or exc}"))
    except yaml.YAMLError as exc:
        problems.append(Problem(path, 1, "error", f"YAML: {exc}"))
    finally:
        loader.dispose()
    return None


class NodeReader:
    """Turns nodes of one file into values, recording a problem for each bad one."""

    def __init__(self, path: str, problems: list[Problem], text: str = "") -> None:
        self.path = path
        self.problems = problems
        self.text_lines = text.split("\n")

    def line_of(self, node: yaml.Node, needle: str, occurrence: int) -> int:
        """The line of the nth `needle` within a node's lines (folding hides the value's own)."""
        first, last = node.start_mark.line, node.end_mark.line
        seen = 0
        for number in range(first, min(last + 1, len(self.text_lines))):
            count = self.text_lines[number].count(needle)
            if seen + count > occurrence:
                return number + 1
            seen += count
        return first + 1

    def report(self, node: yaml.Node | None, severity: Severity, message: str) -> None:
        """Record a problem at `node`'s line (line 1 when there is no node)."""
        line = node.start_mark.line + 1 if node is not None else 1
        self.problems.append(Problem(self.path, line, severity, message))

    def at(self, line: int, severity: Severity, message: str) -> None:
        """Record a problem at a known line."""
        self.problems.append(Problem(self.path, line, severity, message))

    def error(self, node: yaml.Node | None, message: str) -> None:
        """Record an error at `node`."""
        self.report(node, "error", message)

    def warning(self, node: yaml.Node | None, message: str) -> None:
        """Record a warning at `node`."""
        self.report(node, "warning", message)

    def fields(
        self,
        node: yaml.Node,
        what: str,
        required: Collection[str],
        optional: Collection[str] = (),
    ) -> dict[str, yaml.Node] | None:
        """The values of a mapping by key; unknown, duplicate and missing keys are errors."""
        if not isinstance(node, yaml.MappingNode):
            self.error(node, f"{what} must be a mapping of fields, not {_kind(node)}")
            return None
        found: dict[str, yaml.Node] = {}
        empty: set[str] = set()
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str):
                self.error(key_node, f"{what}: field names must be plain words")
            elif key in found or key in empty:
                self.error(key_node, f"{what}: field {key!r} is given twice")
            elif key not in required and key not in optional:
                allowed = ", ".join(sorted({*required, *optional}))
                self.error(key_node, f"{what}: unknown field {key!r} (allowed: {allowed})")
            elif _is_null(value_node):
                if key in required:
                    self.error(value_node, f"{what}: field {key!r} is empty")
                empty.add(key)  # recorded so it is not also reported missing
            else:
                found[key] = value_node
        for key in required:
            if key not in found and key not in empty:
                self.error(node, f"{what}: missing field {key!r}")
        return found

    def sequence(self, node: yaml.Node, what: str) -> list[yaml.Node]:
        """The entries of a sequence; anything else is an error and gives no entries."""
        if isinstance(node, yaml.SequenceNode):
            return list(node.value)
        self.error(node, f"{what} must be a list, not {_kind(node)}")
        return []

    def text(self, node: yaml.Node, what: str, *, allow_empty: bool = False) -> str | None:
        """A string from any scalar (so `title: 2024` reads as text); control characters go."""
        if not isinstance(node, yaml.ScalarNode):
            self.error(node, f"{what} must be text, not {_kind(node)}")
            return None
        value: str = node.value
        if node.style == '"':  # raw control characters went before parsing; escapes remain
            value, removed = strip_control(value)
            if removed:
                self.warning(node, f"{what}: removed {removed} control character(s)")
        if not allow_empty and not value.strip():
            self.error(node, f"{what} is empty")
            return None
        return value

    def integer(self, node: yaml.Node, what: str) -> int | None:
        """A whole number."""
        value = node.value if isinstance(node, yaml.ScalarNode) else None
        if isinstance(value, str) and _INT_RE.fullmatch(value):
            return int(value)
        self.error(node, f"{what} must be a whole number, not {_show(node)}")
        return None

    def boolean(self, node: yaml.Node, what: str) -> bool | None:
        """true or false."""
        if isinstance(node, yaml.ScalarNode) and not node.style:
            if node.value in _TRUE:
                return True
            if node.value in _FALSE:
                return False
        self.error(node, f"{what} must be true or false, not {_show(node)}")
        return None

    def date(self, node: yaml.Node, what: str) -> dt.date | None:
        """A calendar date, YYYY-MM-DD."""
        value = self.temporal(node, what)
        if isinstance(value, dt.datetime):
            self.error(node, f"{what} must be a date (YYYY-MM-DD), not a date-time")
            return None
        return value

    def temporal(self, node: yaml.Node, what: str) -> dt.date | dt.datetime | None:
        """A date, or an ISO 8601 date-time that must carry an offset."""
        raw = node.value if isinstance(node, yaml.ScalarNode) else None
        if not isinstance(raw, str):
            self.error(node, f"{what} must be a date or date-time, not {_kind(node)}")
            return None
        raw = raw.strip()
        if _DATE_RE.fullmatch(raw):
            return self._parse(node, what, raw, dt.date.fromisoformat)
        if not _DATETIME_RE.fullmatch(raw):
            self.error(node, f"{what}: {raw!r} is not a date (YYYY-MM-DD) or ISO 8601 date-time")
            return None
        moment = self._parse(node, what, raw, dt.datetime.fromisoformat)
        if moment is not None and moment.tzinfo is None:
            self.error(node, f"{what}: date-time {raw!r} has no UTC offset (add e.g. +00:00)")
            return None
        return moment

    def _parse(self, node: yaml.Node, what: str, raw: str, parse: Callable[[str], T]) -> T | None:
        try:
            return parse(raw)
        except ValueError as exc:
            self.error(node, f"{what}: impossible date {raw!r} ({exc})")
            return None


def _is_null(node: yaml.Node) -> bool:
    # a plain scalar (style '' from libyaml, None from the pure-Python parser)
    return isinstance(node, yaml.ScalarNode) and not node.style and node.value in _NULLS


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return _show(node)


def _show(node: yaml.Node) -> str:
    if isinstance(node, yaml.ScalarNode):
        return "nothing" if _is_null(node) else repr(node.value)
    return _kind(node)
