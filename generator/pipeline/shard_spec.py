"""Which provinces a shard builds, from "K/N" or "tinh:<name>"."""

from __future__ import annotations

from generator.core.problems import UserError, say
from generator.core.slug import slugify

ENV = "CCHC_SHARD"  # "K/N" or "tinh:<province name>"; read by the MkDocs plugin


def parse(spec: str) -> tuple[int, int] | str:
    """ "2/4" -> (2, 4); "tinh:Thái Nguyên" -> "Thái Nguyên"; a usage error otherwise."""
    if spec.startswith("tinh:") and spec[5:].strip():
        return spec[5:].strip()
    index, _, count = spec.partition("/")
    if not (index.isdigit() and count.isdigit() and 1 <= int(index) <= int(count)):
        raise UserError(say("shard_sai", gia_tri=spec), 2)
    return int(index), int(count)


def select(spec: str, provinces: set[str]) -> set[str]:
    """The provinces a shard builds: one by name (with or without diacritics), or every N-th of them in
    alphabetical order. A province the data does not have is a usage error, not an empty shard."""
    chosen = parse(spec)
    if isinstance(chosen, str):
        named = {name for name in provinces if slugify(name) == slugify(chosen)}
        if not named:
            raise UserError(say("shard_tinh_khong_co", gia_tri=chosen, cac_tinh=", ".join(sorted(provinces))), 2)
        return named
    k, n = chosen
    return {name for i, name in enumerate(sorted(provinces)) if i % n == k - 1}


def cache_folder(spec: str) -> str:
    """The shard's own folder in the plugin's cache: shards built from one project, one after another or side by
    side, would otherwise replace each other's kept results, and each next build would start afresh."""
    chosen = parse(spec)
    return f"tinh-{slugify(chosen)}" if isinstance(chosen, str) else f"phan-{chosen[0]}-{chosen[1]}"
