"""The official list of provinces and communes since 1 July 2025 (PyPI `vietnam-provinces`), as the portal names them.

A commune is named as a profile writes it: `ten` without its kind ("Phù Liễn"), `loai` ("phường"), `tinh` the
province's official name without "Thành phố" ("Hải Phòng"). Names are compared folded: no diacritics, no case,
"đ" as "d" (what a citizen or clerk types on a phone).
"""

from __future__ import annotations

import functools
import importlib.metadata
from dataclasses import dataclass

from .names import commune_name
from .problems import say
from .slug import fold

KINDS = ("đặc khu", "thị trấn", "phường", "xã")  # longest first: a kind is the start of an official name
PROVINCE_PREFIXES = ("thanh pho ", "tinh ", "tp ")  # folded


@dataclass(frozen=True)
class OfficialCommune:
    ten: str  # "Phù Liễn"
    loai: str  # "phường"
    tinh: str  # "Hải Phòng"
    ma_don_vi: str  # "11446"

    @property
    def full_name(self) -> str:
        return commune_name(self.loai, self.ten)


def package_version() -> str:
    return importlib.metadata.version("vietnam-provinces")


def province_name(official: str) -> str:
    """The province as profiles write it: "Thành phố Hồ Chí Minh" -> "Hồ Chí Minh"."""
    return official.removeprefix("Thành phố ").removeprefix("Tỉnh ")


def _split(name: str) -> tuple[str, str]:
    """"Đặc khu Côn Đảo" -> ("đặc khu", "Côn Đảo")."""
    for kind in KINDS:
        if name.lower().startswith(kind + " "):
            return kind, name[len(kind) + 1:]
    raise ValueError(f"official name without a known kind: {name!r}")


@functools.lru_cache(maxsize=1)
def communes() -> tuple[OfficialCommune, ...]:
    from vietnam_provinces import Province, Ward

    provinces = {int(p.code): province_name(p.name) for p in Province.iter_all()}
    out = []
    for ward in sorted(Ward.iter_all(), key=lambda w: int(w.code)):
        kind, name = _split(ward.name)
        out.append(OfficialCommune(name, kind, provinces[int(ward.province_code)], f"{int(ward.code):05d}"))
    return tuple(out)


@functools.lru_cache(maxsize=1)
def by_code() -> dict[str, OfficialCommune]:
    """The official list by 5-digit code ("25858")."""
    return {c.ma_don_vi: c for c in communes()}


def names(typed: str, commune: OfficialCommune) -> bool:
    """typed is this commune's name once folded, with or without its kind: "Phu Giao", "xã PHÚ GIÁO"; never a
    fragment ("Giáo")."""
    return fold(typed) in {fold(commune.ten), fold(commune.full_name)}


@functools.lru_cache(maxsize=1)
def _official_province_names() -> dict[str, str]:
    from vietnam_provinces import Province, VietNamDivisionType

    def full(p) -> str:
        kind = "tinh_day_du" if p.division_type == VietNamDivisionType.TINH else "thanh_pho_day_du"
        return say(kind, ten=province_name(p.name))

    return {province_name(p.name): full(p) for p in Province.iter_all()}


def province_full_name(tinh: str) -> str:
    """A province's name as shown to readers, with its kind (division_type) from the official list: "Hồ Chí Minh" ->
    "Thành phố Hồ Chí Minh", "Thái Nguyên" -> "Tỉnh Thái Nguyên". A name the list does not hold is shown as written."""
    return _official_province_names().get(tinh, tinh)


@functools.lru_cache(maxsize=1)
def provinces() -> tuple[str, ...]:
    from vietnam_provinces import Province

    return tuple(province_name(p.name) for p in Province.iter_all())


def province_key(typed: str) -> str:
    """How a typed province name compares: folded, without "Tỉnh", "Thành phố", "TP" ("TP.HCM" -> "hcm")."""
    key = fold(typed)
    for prefix in PROVINCE_PREFIXES:
        key = key.removeprefix(prefix)
    return key


def find_province(typed: str, other_names: dict[str, str] | None = None) -> str | None:
    """The province a clerk typed ("Thai Nguyen", "Tỉnh Thái Nguyên", "TP Hồ Chí Minh"), or None; other_names: other
    ways of writing a province -> the province (data/danh-muc/tinh-cu.yaml's ten_khac: "TP.HCM" -> "Hồ Chí Minh")."""
    wanted = province_key(typed)
    found = next((p for p in provinces() if province_key(p) == wanted), None)
    return found or next((p for name, p in (other_names or {}).items() if province_key(name) == wanted), None)


@functools.lru_cache(maxsize=1)
def _repeated_names() -> frozenset[str]:
    seen: set[str] = set()
    repeated: set[str] = set()
    for c in communes():
        (repeated if fold(c.ten) in seen else seen).add(fold(c.ten))
    return frozenset(repeated)


def name_repeats(ten: str) -> bool:
    """True when more than one commune of the official list has this name once folded ("Ba Đình", "Tân Thành")."""
    return fold(ten) in _repeated_names()
