"""Read one YAML file safely and remember where every value was written.

Clerks edit these files by hand, so the loader is the first line of defence:
only safe YAML (no Python tags), bounded size and depth, no alias bombs, no
duplicate keys, and every string normalised to NFC with invisible control
characters removed. Every key and value keeps its line and column so that a
later error can point at the exact place in the file.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.core.problems import DataError, Problem, problem
from generator.models.portal import mark

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_VALUES = 200_000
MAX_TEXT_CHARS = 20_000_000  # all strings together, aliases counted each time they are used
MAX_DEPTH = 40

# Control and zero-width characters that never belong in official text. Word's line and page breaks
# become a space so the words around them stay apart; the rest are removed.
_INVISIBLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
_AS_SPACE = {"\x0b": " ", "\x0c": " ", "\x85": " "}


def _clean(text: str) -> str:
    return _INVISIBLE.sub(lambda m: _AS_SPACE.get(m.group(0), ""), text)
_DECIMAL_INT = re.compile(r"^[-+]?[0-9]+$")
_LEADING_ZERO = re.compile(r"^0[0-9]+$")  # "07" is a count, "01234" a code: keep as written
_VN_THOUSANDS = re.compile(r"^[-+]?[0-9]{1,3}(\.[0-9]{3})+$")  # "1.180" is one thousand one hundred eighty


@dataclass
class LoadedYaml:
    """A document's plain data plus the position of each of its parts."""

    path: Path
    data: object
    value_marks: dict = field(default_factory=dict)  # loc -> (line, col), 1-based
    key_marks: dict = field(default_factory=dict)  # loc of a mapping entry -> position of its key
    warnings: list[Problem] = field(default_factory=list)

    def mark(self, loc: tuple, *, key: bool = False) -> tuple[int, int]:
        return mark(self.value_marks, self.key_marks, loc, key=key)


def _pos(node: Node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


class _Builder:
    """Turns composed nodes into plain Python data, keeping positions."""

    def __init__(self, loaded: LoadedYaml, stripped: list[tuple[int, int]]):
        self.loaded = loaded
        self.count = 0
        self.chars = 0
        self.scalars = SafeConstructor()
        self.texts: dict[int, tuple[str, bool]] = {}  # an aliased node is cleaned once
        self.stripped = stripped  # positions where the raw file had invisible characters

    def _warn_invisible(self, loc: tuple, node: Node) -> None:
        line, col = _pos(node)
        self.loaded.warnings.append(problem("ky_tu_an", self.loaded.path, line, col, loc, severity="warning"))

    def text(self, value: str, loc: tuple, node: Node) -> str:
        self.chars += len(value)
        if self.chars > MAX_TEXT_CHARS:
            line, col = _pos(node)
            raise DataError.of(problem("yaml_qua_lon", self.loaded.path, line, col, loc, gioi_han=MAX_VALUES))
        if id(node) not in self.texts:
            value = unicodedata.normalize("NFC", value.replace("\r\n", "\n"))
            cleaned = _clean(value)
            start, end = node.start_mark, node.end_mark
            inside = [p for p in self.stripped if (start.line, start.column) <= p <= (end.line, end.column)]
            for p in inside:
                self.stripped.remove(p)
            self.texts[id(node)] = (cleaned, cleaned != value or bool(inside))
        cleaned, changed = self.texts[id(node)]
        if changed:
            self._warn_invisible(loc, node)
        return cleaned

    def build(self, node: Node, loc: tuple, depth: int) -> object:
        self.count += 1
        if self.count > MAX_VALUES:
            line, col = _pos(node)
            raise DataError.of(problem("yaml_qua_lon", self.loaded.path, line, col, loc, gioi_han=MAX_VALUES))
        if depth > MAX_DEPTH:
            line, col = _pos(node)
            raise DataError.of(problem("yaml_qua_sau", self.loaded.path, line, col, loc, gioi_han=MAX_DEPTH))
        if isinstance(node, ScalarNode) or loc not in self.loaded.key_marks:
            # A mapping or list under a key is best pointed at by its key's line.
            self.loaded.value_marks.setdefault(loc, _pos(node))
        if isinstance(node, MappingNode):
            self.plain_tag(node, "tag:yaml.org,2002:map", loc)
            return self.mapping(node, loc, depth)
        if isinstance(node, SequenceNode):
            self.plain_tag(node, "tag:yaml.org,2002:seq", loc)
            return [self.build(item, loc + (i,), depth + 1) for i, item in enumerate(node.value)]
        return self.scalar(node, loc)

    def plain_tag(self, node: Node, expected: str, loc: tuple) -> None:
        """Lists and mappings carry no tag of their own (no !!python/…): refused, never run."""
        if node.tag != expected:
            line, col = _pos(node)
            raise DataError.of(problem("yaml_the_la", self.loaded.path, line, col, loc, the=node.tag))

    def mapping(self, node: MappingNode, loc: tuple, depth: int) -> dict:
        result: dict = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                line, col = _pos(key_node)
                raise DataError.of(problem("yaml_merge", self.loaded.path, line, col, loc))
            if not isinstance(key_node, ScalarNode):
                line, col = _pos(key_node)
                raise DataError.of(problem("yaml_khoa_phuc_tap", self.loaded.path, line, col, loc))
            # Keys stay as written: "1.1" is an indicator code, never the number 1.1.
            key = self.text(str(key_node.value), loc, key_node).strip()
            if key in result:
                line, col = _pos(key_node)
                first = self.loaded.key_marks[loc + (key,)][0]
                raise DataError.of(
                    problem("yaml_khoa_trung", self.loaded.path, line, col, loc + (key,), khoa=key, dong_truoc=first)
                )
            self.loaded.key_marks[loc + (key,)] = _pos(key_node)
            result[key] = self.build(value_node, loc + (key,), depth + 1)
        return result

    def scalar(self, node: ScalarNode, loc: tuple) -> object:
        tag = node.tag
        if tag == "tag:yaml.org,2002:str" or node.style in ("'", '"', "|", ">"):
            return self.text(node.value, loc, node)
        if tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float") and (
            _LEADING_ZERO.match(node.value) or _VN_THOUSANDS.match(node.value)
        ):
            # Never octal, never an English decimal point: the models read the text the Vietnamese way.
            return node.value
        if tag == "tag:yaml.org,2002:int" and _DECIMAL_INT.match(node.value):
            return int(node.value)
        if tag == "tag:yaml.org,2002:timestamp":
            try:
                value = self.scalars.construct_yaml_timestamp(node)
            except (ValueError, OverflowError):
                return self.text(node.value, loc, node)  # "2024-02-31": the model reports it
            return value.date() if isinstance(value, dt.datetime) else value
        if tag in (
            "tag:yaml.org,2002:null",
            "tag:yaml.org,2002:bool",
            "tag:yaml.org,2002:int",
            "tag:yaml.org,2002:float",
        ):
            try:
                return self.scalars.construct_object(node, deep=True)
            except (ValueError, ConstructorError):
                return self.text(node.value, loc, node)
        line, col = _pos(node)
        raise DataError.of(problem("yaml_the_la", self.loaded.path, line, col, loc, the=tag))


# PyYAML's own words for the usual slips, and the message code that explains each to a clerk.
_SYNTAX = {
    "found unexpected end of stream": "yaml_chua_dong",
    "mapping values are not allowed": "yaml_hai_cham",
    "did not find expected key": "yaml_thut_dong",
    "did not find expected '-' indicator": "yaml_thut_dong",
    "expected <block end>": "yaml_thut_dong",
    "found character '\\t'": "yaml_tab",
    "found a tab character": "yaml_tab",
    "expected ',' or": "yaml_thieu_dau_phay",
    "did not find expected ',' or": "yaml_thieu_dau_phay",
    "found duplicate anchor": "yaml_bi_danh",
    "found undefined alias": "yaml_bi_danh",
    "exceeded maximum nesting depth": "yaml_qua_sau",
}
# libyaml's parser when PyYAML was built with it: about ten times faster, and it refuses deep nesting itself.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _syntax_problem(exc: yaml.MarkedYAMLError, shown: Path) -> Problem:
    """Point at the line the clerk must fix: an unclosed quote or bracket is where it was opened."""
    detail = exc.problem or ""
    code = next((c for text, c in _SYNTAX.items() if detail.startswith(text)), "yaml_cu_phap")
    mark = exc.problem_mark
    if code in ("yaml_chua_dong", "yaml_thieu_dau_phay") and exc.context_mark is not None:
        mark = exc.context_mark
    mark = mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return problem(code, shown, line, col, (), chi_tiet=detail, gioi_han=MAX_DEPTH)


def load_yaml(path: Path, display_path: Path | None = None) -> LoadedYaml:
    """Load path; raise DataError with a Vietnamese message if it is not usable data."""
    shown = display_path or path
    loaded = LoadedYaml(path=shown, data=None)
    try:
        with path.open("rb") as fh:  # never more than the limit in memory, however large the file
            raw = fh.read(MAX_FILE_BYTES + 1)
            size = max(len(raw), os.fstat(fh.fileno()).st_size)
    except OSError as exc:
        raise DataError.of(problem("tep_khong_doc_duoc", shown, 1, 1, (), loi=exc.strerror or str(exc))) from None
    if len(raw) > MAX_FILE_BYTES:
        raise DataError.of(problem("tep_qua_lon", shown, 1, 1, (), kich_thuoc=size, gioi_han=MAX_FILE_BYTES))
    if b"\x00" in raw:
        raise DataError.of(problem("tep_nhi_phan", shown, 1, 1, ()))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError.of(problem("tep_khong_phai_utf8", shown, line, 1, ())) from None
    text, stripped = _strip_invisible(text)
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        raise DataError.of(_syntax_problem(exc, shown)) from None
    except yaml.YAMLError as exc:
        raise DataError.of(problem("yaml_cu_phap", shown, 1, 1, (), chi_tiet=str(exc))) from None
    except RecursionError:
        raise DataError.of(problem("yaml_qua_sau", shown, 1, 1, (), gioi_han=MAX_DEPTH)) from None
    if node is None:
        raise DataError.of(problem("tep_rong", shown, 1, 1, ()))
    builder = _Builder(loaded, stripped)
    loaded.data = builder.build(node, (), 0)
    for line, col in builder.stripped:  # outside any value: in a key or a comment
        loaded.warnings.append(problem("ky_tu_an", shown, line + 1, col + 1, (), severity="warning"))
    return loaded


def _strip_invisible(text: str) -> tuple[str, list[tuple[int, int]]]:
    """Raw control characters stop PyYAML's reader, so they are taken out (remembering where) before parsing."""
    positions = []
    out = []
    for number, line in enumerate(text.split("\n")):
        if _INVISIBLE.search(line):
            positions.append((number, _INVISIBLE.search(line).start()))
            line = _clean(line)
        out.append(line)
    return "\n".join(out), positions
