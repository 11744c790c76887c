"""Problems found in the data, worded for the clerk who must fix them.

The Vietnamese wording lives in messages.yaml, not in code: each problem has a
code, and the code's text is formatted with the problem's details.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

_MESSAGES = Path(__file__).parents[1] / "messages.yaml"


class UserError(Exception):
    """What the person running the command can fix: the Vietnamese message, and the exit code (1 data, 2 usage)."""

    def __init__(self, message: str, exit_code: int = 1):
        super().__init__(message)
        self.exit_code = exit_code


class DataError(UserError):
    """The data cannot be published: carries every problem found, for the clerk."""

    def __init__(self, problems: list["Problem"]):
        self.problems = problems
        super().__init__(format_problems(problems))

    @classmethod
    def of(cls, prob: "Problem") -> "DataError":
        """One problem that makes a file unusable (the YAML loader's)."""
        return cls([prob])


class InternalError(Exception):
    """A bug in the generator itself, never the clerk's fault."""


@lru_cache(maxsize=1)
def messages() -> dict[str, str | dict[str, str]]:
    with _MESSAGES.open(encoding="utf-8") as fh:  # libyaml's loader where there is one: 0.1 s less per run
        return yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def say(code: str, **details) -> str:
    """The Vietnamese sentence for a message code."""
    try:
        template = messages()[code]
    except KeyError:
        raise InternalError(f"no wording for message code {code!r}") from None
    return template.format(**details)


def loc_text(loc: tuple) -> str:
    """A field path as the clerk wrote it: bao_cao.noi_nhan[2]."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += ("." if out else "") + str(part)
    return out


@dataclass(frozen=True)
class Problem:
    """One thing to tell the clerk, complete when made: a checker's finding comes with its acknowledgement, if any."""

    severity: str  # "error" or "warning"
    code: str
    file: str
    line: int
    col: int
    loc: tuple
    message: str
    hint: str = ""
    acknowledged: str = ""  # the clerk's reason, when an error was acknowledged
    details: dict = field(default_factory=dict)
    finding: str = ""  # a consistency finding's id ("3.4.2/ty-le-lech"), which an acknowledgement names

    @property
    def blocking(self) -> bool:
        return self.severity == "error" and not self.acknowledged

    def line_text(self) -> str:
        label = {"error": say("nhan_loi"), "warning": say("nhan_canh_bao")}[self.severity]
        if self.acknowledged:
            label = say("nhan_da_xac_nhan")
        where = f"{self.file}:{self.line}:{self.col}"
        field_ = f" [{loc_text(self.loc)}]" if self.loc else ""
        text = f"{where}: {label}{field_}: {self.message}"
        if self.hint:
            text += f" {self.hint}"
        if self.finding:
            text += " " + say("ma_phat_hien", ma=self.finding)
        if self.acknowledged:
            text += " " + say("ly_do_xac_nhan", ly_do=self.acknowledged)
        return text

    def as_json(self) -> dict:
        return {
            "muc_do": self.severity,
            "ma": self.code,
            "tep": self.file,
            "dong": self.line,
            "cot": self.col,
            "truong": loc_text(self.loc),
            "thong_diep": self.message,
            "goi_y": self.hint,
            "phat_hien": self.finding or None,
            "da_xac_nhan": self.acknowledged or None,
        }


def problem(code: str, file, line: int, col: int, loc: tuple, *, severity: str = "error", hint: str = "", finding: str = "",
            acknowledged: str = "", **details) -> Problem:
    return Problem(
        severity=severity,
        code=code,
        file=str(file),
        line=line,
        col=col,
        loc=tuple(loc),
        message=say(code, **details),
        hint=hint,
        acknowledged=acknowledged,
        details=details,
        finding=finding,
    )


def format_problems(problems: list[Problem]) -> str:
    return "\n".join(p.line_text() for p in problems)


def summary(problems: list[Problem]) -> str:
    """The closing line of a list of problems: how many errors, warnings and acknowledged findings."""
    return say(
        "tong_ket",
        so_loi=sum(1 for p in problems if p.blocking),
        so_canh_bao=sum(1 for p in problems if p.severity == "warning" and not p.acknowledged),
        so_xac_nhan=sum(1 for p in problems if p.acknowledged),
    )


def listing(problems: list[Problem], acknowledged: bool = False) -> list[str]:
    """What the clerk is shown of a check (`cchc validate`, a refused export, the preview's error page): a line per
    problem, then the summary line. Acknowledged findings are explained already, so they are listed only when asked
    (acknowledged): otherwise the summary counts them and says how to list them."""
    lines = [p.line_text() for p in problems if acknowledged or not p.acknowledged]
    hidden = not acknowledged and any(p.acknowledged for p in problems)
    return lines + [summary(problems) + (" " + say("xem_da_xac_nhan") if hidden else "")]


def problems_json(problems: list[Problem]) -> str:
    return json.dumps([p.as_json() for p in problems], ensure_ascii=False, indent=2)
