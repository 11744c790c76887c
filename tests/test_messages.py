"""The clerk-facing wording: one file, no duplicate keys, every code the program uses is worded."""

from __future__ import annotations

import re
from pathlib import Path

from generator.problems import messages
from generator.yaml_loader import load_yaml

GENERATOR = Path(__file__).resolve().parent.parent / "generator"


def test_message_file_has_no_duplicate_keys():
    # Our own loader refuses duplicate keys, unlike yaml.safe_load which keeps the last one silently.
    load_yaml(GENERATOR / "messages.yaml")


def test_every_message_code_used_in_the_code_is_worded():
    source = "\n".join(p.read_text(encoding="utf-8") for p in GENERATOR.rglob("*.py"))
    used = set(re.findall(r'(?:problem|reader\.add|say|PydanticCustomError)\(\s*"([a-z0-9_]+)"', source))
    used |= set(re.findall(r'self\.add\([^,]+,\s*"([a-z0-9_]+)"', source))  # the checker: add(subject, code, …)
    used |= set(re.findall(r'"(yaml_[a-z_]+)"', source))
    missing = sorted(code for code in used if code not in messages())
    assert not missing, missing
    assert len(used) > 40
