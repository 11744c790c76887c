"""The `cchc` command line in Vietnamese: its help, each command's, and argparse's own words (issue 24)."""

from __future__ import annotations

import argparse
import ast
import gettext
import re

import pytest

from conftest import run_cchc
from generator.cli import _parser, main
from generator.core.problems import messages

# What argparse says in English when nothing translates it (Python 3.10–3.13).
ENGLISH = ["usage:", "positional arguments", "optional arguments", "options:", "show this help message and exit",
           "error:", "the following arguments are required", "invalid choice", "choose from", "unrecognized arguments",
           "expected one argument", "not allowed with argument", "invalid int value", "subcommands"]


def _commands() -> list[str]:
    [commands] = [a for a in _parser()._actions if isinstance(a, argparse._SubParsersAction)]
    return list(commands.choices)


def _english(text: str) -> list[str]:
    return [phrase for phrase in ENGLISH if phrase in text]


@pytest.mark.parametrize("command", [None, *_commands()])
def test_every_help_is_vietnamese_with_an_example(command):
    result = run_cchc(*([command] if command else []), "--help")
    assert result.returncode == 0, result.stderr
    assert _english(result.stdout) == []
    assert result.stdout.startswith("Cách dùng: cchc") and "tùy chọn:" in result.stdout
    assert "\nVí dụ:\n  cchc " in result.stdout
    assert "Hiện lời giúp này rồi thoát." in result.stdout


@pytest.mark.parametrize("args, said", [
    ([], "cchc: lỗi: thiếu tham số bắt buộc: LỆNH. Xem cách dùng: cchc --help"),
    (["kiem-tra"], "cchc: lỗi: tham số LỆNH: không có lựa chọn 'kiem-tra' (chọn một trong: 'validate', "),
    (["new", "thinh-duc"], "cchc new: lỗi: thiếu tham số bắt buộc: KỲ. Xem cách dùng: cchc new --help"),
    (["validate", "--format", "xml"], "tham số --format: không có lựa chọn 'xml' (chọn một trong: 'text', 'json')"),
    (["synth", "--communes", "mười", "--out", "x"], "tham số --communes: giá trị 'mười' không dùng được: cần một số nguyên."),
    (["shard", "--shard", "1/2", "--province", "Huế", "--out", "x"], "tham số --province: không dùng cùng với --shard."),
])
def test_a_mistyped_command_is_told_in_vietnamese(args, said):
    result = run_cchc(*args)
    assert result.returncode == 2 and result.stdout == ""
    assert said in result.stderr and result.stderr.startswith("Cách dùng: cchc")
    assert _english(result.stderr) == []


def _placeholders(text: str) -> set[str]:
    return set(re.findall(r"%(?:\(\w+\))?[sr]", text))  # a named one may be said twice: "… %(prog)s --help"


def test_every_phrase_argparse_can_say_is_translated_keeping_its_placeholders():
    """The phrases of the running Python's argparse, read from its source: a newer Python's new phrase fails here,
    not in front of a clerk."""
    tree = ast.parse(open(argparse.__file__, encoding="utf-8").read())
    said = {arg.value for node in ast.walk(tree) if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            and node.func.id in ("_", "ngettext") for arg in node.args
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str)}
    table = messages()["argparse"]
    assert sorted(said - set(table)) == []
    assert {k: _placeholders(v) for k, v in table.items()} == {k: _placeholders(k) for k in table}


def test_argparse_is_itself_again_after_the_command(capsys):
    """The translation lasts while cchc parses: argparse used by anything else in the process stays as it was."""
    assert main(["--help"]) == 0
    assert "Cách dùng: cchc" in capsys.readouterr().out
    assert argparse._ is gettext.gettext and argparse.ngettext is gettext.ngettext
