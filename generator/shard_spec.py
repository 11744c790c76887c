"""Which provinces a shard builds, from "K/N" or "tinh:<name>"."""

from __future__ import annotations

ENV = "CCHC_SHARD"  # "K/N" or "tinh:<province name>"; read by the MkDocs plugin


def parse(spec: str) -> tuple[int, int] | str:
    """ "2/4" -> (2, 4); "tinh:Thái Nguyên" -> "Thái Nguyên"; ValueError otherwise."""
    if spec.startswith("tinh:") and spec[5:].strip():
        return spec[5:].strip()
    index, _, count = spec.partition("/")
    k, n = int(index), int(count)
    if not 1 <= k <= n:
        raise ValueError(spec)
    return k, n


def select(spec: str, provinces: set[str]) -> set[str]:
    """The provinces a shard builds: one by name, or every N-th of them in alphabetical order."""
    chosen = parse(spec)
    if isinstance(chosen, str):
        return {chosen}
    k, n = chosen
    return {name for i, name in enumerate(sorted(provinces)) if i % n == k - 1}
