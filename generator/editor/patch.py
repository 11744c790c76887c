"""A saved form written back into the clerk's YAML file by editing its text, never by dumping the document again.

The file is composed (PyYAML's nodes carry the exact span of every value); the form's data is compared with the file's,
value by value; each difference becomes one replacement of the text of that value only, or the insertion of a new key
or list item beside its neighbours, or the removal of one list item's lines. Comments, key order, quoting, line
breaks and indentation of everything else stay as the clerk wrote them: a one-figure edit is a one-line diff.

A key that the form does not send is left alone (the form shows only what it knows; `xac_nhan` of an indicator, a key
of a newer model...), and a blank sent for a key the file lacks adds nothing. After patching, the text is loaded again
and must give exactly the expected data, or nothing is written (`PatchError`).
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

_LEADING_ZERO = re.compile(r"^0[0-9]+$")
_VN_THOUSANDS = re.compile(r"^[-+]?[0-9]{1,3}(\.[0-9]{3})+$")
_PLAIN_SAFE = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\n]*$")


class PatchError(Exception):
    """The patched text does not read back as the data it should hold: a bug, nothing is written."""


def compose(text: str) -> Node | None:
    return yaml.compose(text, Loader=yaml.SafeLoader)  # the pure-Python parser: marks are character offsets


_SCALARS = yaml.SafeLoader("")


def plain(node: Node | None):
    """The node's data as the project's loader reads it: keys as written, "1.180" and "07" kept as text, dates."""
    if node is None:
        return None
    if isinstance(node, MappingNode):
        return {str(k.value).strip(): plain(v) for k, v in node.value}
    if isinstance(node, SequenceNode):
        return [plain(item) for item in node.value]
    tag = node.tag
    if tag == "tag:yaml.org,2002:str" or node.style in ("'", '"', "|", ">"):
        return node.value
    if tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float") and (
        _LEADING_ZERO.match(node.value) or _VN_THOUSANDS.match(node.value)
    ):
        return node.value
    try:
        value = _SCALARS.construct_object(node, deep=True)
    except Exception:  # an impossible date, say: kept as text, the model words the problem
        return node.value
    return value.date() if isinstance(value, dt.datetime) else value


def load_text(text: str):
    return plain(compose(text))


def empty(value) -> bool:
    """Nothing typed: what a form sends for a field left blank. False too: every flag of the models defaults to it."""
    if isinstance(value, dict):
        return all(empty(v) for v in value.values())
    return value is None or value == "" or value == [] or value is False


def _norm(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (int, float)):
        return float(value)
    if value == "":
        return None
    if isinstance(value, dict):
        return {k: _norm(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_norm(v) for v in value]
    return value


def same(a, b) -> bool:
    return _norm(a) == _norm(b)


def _key(value) -> str:
    return json.dumps(_norm(value), sort_keys=True, ensure_ascii=False)


# --- writing values --------------------------------------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """Lists indented under their key ("key:\\n  - a"), as the project's files are written."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


def _dump(value, flow: bool) -> str:
    text = yaml.dump(value, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**9,
                     default_flow_style=flow)
    return text.removesuffix("\n...\n").removesuffix("\n")


def scalar_text(value, style: str | None = None) -> str:
    """One scalar as it goes after "key: " on one line, in the style the old value had where that is possible."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    text = str(value)
    if style == '"' or "\n" in text:
        return json.dumps(text, ensure_ascii=False)
    if style == "'":
        return "'" + text.replace("'", "''") + "'"
    dumped = _dump(text, flow=True)
    if "\n" in dumped or not _PLAIN_SAFE.match(text) or ": " in text or " #" in text or text != text.strip():
        return json.dumps(text, ensure_ascii=False)
    return dumped


def flow_text(value) -> str:
    """A mapping or list on one line; blanks inside a mapping are left out."""
    if isinstance(value, dict):
        parts = [f"{scalar_text(k)}: {flow_text(v)}" for k, v in value.items() if v is not None]
        return "{" + ", ".join(parts) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow_text(v) for v in value) + "]"
    return scalar_text(value, '"' if isinstance(value, str) and value and value[0].isdigit() else None)


def block_text(value, indent: int) -> str:
    """A value in block style, each line indented by indent spaces."""
    return "\n".join(" " * indent + line for line in _dump(value, flow=False).splitlines())


# --- comparing and patching -------------------------------------------------------------------------------------------


class _Patcher:
    def __init__(self, text: str):
        self.text = text
        self.edits: list[tuple[int, int, str]] = []

    def line_start(self, index: int) -> int:
        return self.text.rfind("\n", 0, index) + 1

    def line_end(self, index: int) -> int:
        end = self.text.find("\n", index)
        return len(self.text) if end < 0 else end

    def value_end(self, node: Node) -> int:
        """Where a block value's text ends: its last line's end, before any trailing blank or comment lines."""
        end = node.end_mark.index
        while end > node.start_mark.index and self.text[end - 1] in " \n":
            end -= 1
        return end

    def replace(self, node: Node, value, key_node: Node | None) -> None:
        start, end = node.start_mark.index, node.end_mark.index
        if isinstance(node, ScalarNode) and node.style in ("|", ">"):
            end = self.value_end(node)
        if isinstance(node, ScalarNode) and node.value == "" and node.style is None and key_node is not None:
            # A blank (`"1.2.1":`): the value goes right after the key's colon, before any comment on the line.
            colon = self.text.index(":", key_node.end_mark.index)
            start = end = colon + 1
            text = scalar_text(value) if not isinstance(value, (dict, list)) else flow_text(value)
            self.edits.append((start, end, (" " + text) if text else ""))
            return
        if isinstance(node, (MappingNode, SequenceNode)) and not node.flow_style:
            end = self.value_end(node)
            if key_node is not None:  # from just after "key:" to the block's end
                start = self.text.index(":", key_node.end_mark.index) + 1
                if isinstance(value, (dict, list)) and value:
                    column = node.start_mark.column if isinstance(node, MappingNode) else key_node.start_mark.column + 2
                    self.edits.append((start, end, "\n" + block_text(value, column)))
                else:
                    self.edits.append((start, end, (" " + flow_text(value)) if value is not None else ""))
                return
        if isinstance(value, (dict, list)):
            self.edits.append((start, end, flow_text(value)))
            return
        style = node.style if isinstance(node, ScalarNode) and node.style in ("'", '"') else None
        text = scalar_text(value, style)
        if not text and key_node is not None:  # "key: 5" -> "key:" with no space left behind
            while start > 0 and self.text[start - 1] == " ":
                start -= 1
        self.edits.append((start, end, text))

    def add_key(self, mapping: MappingNode, key: str, value, before: Node | None) -> None:
        if mapping.flow_style:
            raise AssertionError("flow mappings are written whole")
        column = mapping.value[0][0].start_mark.column if mapping.value else 0
        key_text = scalar_text(key, '"' if re.match(r"^[0-9.]+$", key) else None)
        if isinstance(value, (dict, list)) and value:
            entry = " " * column + key_text + ":\n" + block_text(value, column + 2)
        else:
            entry = " " * column + key_text + ":" + ((" " + flow_text(value)) if value is not None else "")
        if before is not None:
            at = self.line_start(before.start_mark.index)
            self.edits.append((at, at, entry + "\n"))
        else:
            at = self.value_end(mapping) if mapping.value else mapping.end_mark.index
            self.edits.append((at, at, "\n" + entry))

    def mapping(self, node: MappingNode, old: dict, new: dict) -> None:
        if node.flow_style:
            merged = merge(old, new)
            if not same(merged, old):
                self.edits.append((node.start_mark.index, node.end_mark.index, flow_text(merged)))
            return
        nodes = {str(k.value).strip(): (k, v) for k, v in node.value}
        keys = list(new)
        for i, key in enumerate(keys):
            value = new[key]
            if key in nodes:
                key_node, value_node = nodes[key]
                self.value(value_node, old.get(key), value, key_node)
            elif not empty(value):
                following = next((nodes[k][0] for k in keys[i + 1:] if k in nodes), None)
                self.add_key(node, key, clean(value), following)

    def sequence(self, node: SequenceNode, old: list, new: list, key_node: Node | None) -> None:
        if node.flow_style or not old:
            if not same(old, new):
                self.replace(node, [clean(v) for v in new], key_node)
            return
        if len(old) == len(new):
            for item_node, a, b in zip(node.value, old, new):
                self.value(item_node, a, b, None)
            return
        matcher = difflib.SequenceMatcher(None, [_key(v) for v in old], [_key(v) for v in new], autojunk=False)
        dash_column = node.start_mark.column
        for op, i1, i2, j1, j2 in reversed(matcher.get_opcodes()):
            if op == "equal":
                continue
            if op == "replace" and i2 - i1 == j2 - j1:
                for k in range(i2 - i1):
                    self.value(node.value[i1 + k], old[i1 + k], new[j1 + k], None)
                continue
            if i2 > i1:  # the items' lines go, from the first one's dash to the last one's end
                start = self.line_start(node.value[i1].start_mark.index)
                end = self.line_end(self.value_end(node.value[i2 - 1]))
                self.edits.append((start, min(end + 1, len(self.text)), ""))
            if j2 > j1:
                items = "\n".join(block_text([clean(v)], dash_column) for v in new[j1:j2]) + "\n"
                at = (self.line_start(node.value[i1].start_mark.index) if i1 < len(node.value)
                      else self.line_end(self.value_end(node.value[-1])) + 1)
                if at > len(self.text):
                    items, at = "\n" + items.removesuffix("\n"), len(self.text)
                self.edits.append((at, at, items))

    def value(self, node: Node, old, new, key_node: Node | None) -> None:
        if isinstance(node, MappingNode) and isinstance(old, dict) and isinstance(new, dict):
            self.mapping(node, old, new)
        elif isinstance(node, SequenceNode) and isinstance(old, list) and isinstance(new, list):
            self.sequence(node, old, new, key_node)
        elif not same(old, new) and not (empty(new) and empty(old)):
            self.replace(node, clean(new), key_node)

    def result(self) -> str:
        text = self.text
        for start, end, replacement in sorted(self.edits, key=lambda e: (e[0], e[1]), reverse=True):
            text = text[:start] + replacement + text[end:]
        return text


def clean(value):
    """A value as it is written: blanks inside mappings left out, "" as a blank."""
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items() if not empty(v)}
    if isinstance(value, list):
        return [clean(v) for v in value]
    return None if value == "" else value


def merge(old, new):
    """The data the file should hold: old, with what new sends (keys new does not send kept, blanks not added)."""
    if isinstance(old, dict) and isinstance(new, dict):
        out = dict(old)
        for key, value in new.items():
            if key in old:
                out[key] = merge(old[key], value)
            elif not empty(value):
                out[key] = clean(value)
        return out
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        return [merge(a, b) for a, b in zip(old, new)]
    if isinstance(old, list) and isinstance(new, list):
        return [clean(v) for v in new]
    if same(old, new) or (empty(new) and empty(old)):
        return old
    return clean(new)


def patch(text: str, new: dict) -> tuple[str, object]:
    """text with new's values written into it: (new text, the data it holds). PatchError if they disagree."""
    root = compose(text)
    old = plain(root)
    expected = merge(old, new)
    patcher = _Patcher(text)
    if isinstance(root, MappingNode) and isinstance(old, dict):
        patcher.mapping(root, old, new)
    elif not same(old, expected):
        raise PatchError("the file is not a mapping")
    result = patcher.result()
    try:
        got = load_text(result)
    except yaml.YAMLError as exc:
        raise PatchError(f"patched text does not parse: {exc}") from None
    if not same(got, expected):
        raise PatchError(f"patched text holds {got!r}, expected {expected!r}")
    return result, expected
