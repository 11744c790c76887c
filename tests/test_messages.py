"""The clerk-facing wording: one file, no duplicate keys, every code the program uses is worded."""

from __future__ import annotations

import re
from pathlib import Path

from generator.rules.checks import KINDS
from generator.core.problems import messages
from generator.load.yaml_loader import load_yaml

GENERATOR = Path(__file__).resolve().parent.parent / "generator"


def test_message_file_has_no_duplicate_keys():
    # Our own loader refuses duplicate keys, unlike yaml.safe_load which keeps the last one silently.
    load_yaml(GENERATOR / "messages.yaml")


def test_every_message_code_used_in_the_code_is_worded():
    source = "\n".join(p.read_text(encoding="utf-8") for p in GENERATOR.rglob("*.py"))
    used = set(re.findall(r'(?:problem|reader\.add|say|PydanticCustomError)\(\s*"([a-z0-9_]+)"', source))
    used |= set(re.findall(r'self\.add\([^,]+,\s*"([a-z0-9_]+)"', source))  # the checker: add(subject, code, …)
    used |= set(re.findall(r'"(yaml_[a-z_]+)"', source))
    used |= {kind.wording for kind in KINDS.values()}  # the checker's findings: add(subject, kind, …)
    missing = sorted(code for code in used if code not in messages())
    assert not missing, missing
    assert len(used) > 40


def test_a_missing_folder_is_told_in_vietnamese_without_a_traceback(tmp_path):
    from conftest import run_cchc

    result = run_cchc("join", tmp_path / "khong-co", "--out", tmp_path / "site")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"không đọc hoặc ghi được {tmp_path / 'khong-co'}: không tồn tại." in result.stderr


# Python files whose Vietnamese strings are not wording for a reader: the models' field descriptions (the JSON Schemas
# editors show), the names of the kinds of unit in the official list, the letters of the slug rule, and the patterns
# the importer and the Word layout read reports with; synth writes synthetic reports.
# Not wording: models (descriptions are the schema's), the patterns that read Vietnamese text (official names,
# folding, the Word layout, a report's stated data window in core/dates.py) and the synthetic data's vocabulary.
NOT_WORDING = {"models", "core/official.py", "core/slug.py", "core/dates.py", "render/docx_layout.py", "tools/synth.py"}
VIETNAMESE = re.compile(r"[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.IGNORECASE)


def test_vietnamese_wording_lives_in_messages_yaml_not_in_python():
    import ast

    found = []
    for path in sorted(GENERATOR.rglob("*.py")):
        rel = path.relative_to(GENERATOR).as_posix()
        if rel.split("/")[0] in NOT_WORDING or rel in NOT_WORDING or rel.startswith("tools/import"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and node.body
                      and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
        found += [f"{rel}:{node.lineno}: {node.value!r}" for node in ast.walk(tree)
                  if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
                  and VIETNAMESE.search(node.value)]
    assert found == []
