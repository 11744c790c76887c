"""`cchc import`, step 4: what the report states about the commune itself, into its profile (thong-tin.yaml).

Only where the profile has nothing yet: the feedback channels (kenh_phan_anh), the
website and the address of the People's Committee. What the clerk wrote is never
overwritten, and channels the province or the whole country already shows
(data/tinh/, data/danh-muc/kenh-phan-anh.yaml) are not copied into the commune.
The profile's text is edited in place, so its comments survive; a placeholder
left by `cchc new-commune` ("# kenh_phan_anh: …") is replaced by the real entry.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import yaml
from pydantic import ValidationError

from generator.core.problems import DataError, UserError, say
from generator.core.slug import slugify
from generator.load.yaml_loader import load_yaml
from generator.models.commune import Xa

from .import_docx import fold
from .new_period import _block


def shared_contacts(data_dir: Path, province: str) -> set[str]:
    """Web addresses, e-mails and phones of the channels every commune of the province shows already."""
    found: set[str] = set()
    for path in (data_dir / "danh-muc" / "kenh-phan-anh.yaml", data_dir / "tinh" / f"{slugify(province)}.yaml"):
        try:
            data = load_yaml(path).data if path.is_file() else None
        except DataError:
            continue  # `cchc validate` reports it
        for channel in (data.get("kenh_phan_anh") or []) if isinstance(data, dict) else []:
            if isinstance(channel, dict):
                found.update(_contacts(channel))
    return found


def _contacts(channel: dict) -> set[str]:
    values = [channel.get("dia_chi_web")] + list(channel.get("email") or []) + list(channel.get("dien_thoai") or [])
    return {re.sub(r"[^0-9a-z@]", "", str(v).lower().removeprefix("https://").removeprefix("http://")) for v in values if v}


def new_channels(profile: Xa, channels: list[dict], shared: set[str]) -> list[dict]:
    """The channels the report states that neither the profile nor the province or country shows yet."""
    known = shared.union(*(_contacts(c.model_dump()) for c in profile.kenh_phan_anh))
    names = {fold(c.ten) for c in profile.kenh_phan_anh}
    return [c for c in channels if fold(c["ten"]) not in names and not (_contacts(c) and _contacts(c) <= known)]


def additions(profile: Xa, channels: list[dict], website: str | None, seat: str | None, shared: set[str]) -> dict:
    """What the report adds to a profile that lacks it: {kenh_phan_anh, website, dia_chi}, each only if missing."""
    out: dict = {}
    own = [c for c in channels if not (_contacts(c) & shared)]
    if own and not profile.kenh_phan_anh:  # a profile with channels of its own is the clerk's: never added to
        out["kenh_phan_anh"] = own
    if website and not profile.website:
        out["website"] = website
    if seat and not profile.dia_chi:
        out["dia_chi"] = seat
    return out


def updated_text(path: Path, added: dict, report: str) -> str:
    """The profile's text with each added key in place of its empty entry or its commented placeholder."""
    lines = path.read_text(encoding="utf-8").split("\n")
    for key, value in added.items():
        block = [f"# {say('nhap_ho_so_nguon', tep=report)}"] + _block({key: value}, 0).split("\n")
        at = next((i for i, line in enumerate(lines) if re.match(rf"^(#\s?)?{key}:\s*(\[\])?\s*(#.*)?$", line)), None)
        if at is None:
            lines[-1:] = [lines[-1], *block, ""] if lines[-1] else [*block, ""]
            continue
        end = at + 1
        if lines[at].startswith("#"):  # the placeholder's commented sub-lines ("#   - ten:")
            while end < len(lines) and re.match(r"^#\s{2,}\S", lines[end]):
                end += 1
        lines[at:end] = block
    return "\n".join(lines)


def check_profile(path: Path, text: str) -> None:
    """The edited profile still reads as a profile; otherwise nothing is written (an importer fault, not the clerk's)."""
    try:
        Xa.model_validate(yaml.safe_load(text))
    except (yaml.YAMLError, ValidationError) as exc:
        raise UserError(say("nhap_ho_so_khong_ghi", tep=path, loi=" ".join(str(exc).split())[:300])) from None


def write_profile(path: Path, text: str) -> None:
    temporary = path.with_name(path.name + ".tmp")
    try:
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
    except OSError as exc:
        raise UserError(say("tep_khong_ghi_duoc", tep=path, loi=exc.strerror or exc)) from None
