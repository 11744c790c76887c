"""Rules that compare communes with each other.

A build that keeps its communes (`mkdocs serve`, the cache of `mkdocs build`) reads again only those that changed, but
an edit of one commune changes what every other is compared with: these rules run over every commune at every check,
and what they find is kept with no commune.
"""

from __future__ import annotations

from generator.core.problems import Problem, problem
from generator.core.slug import slugify
from generator.models.portal import Catalog, Commune


def check_across(communes: list[Commune], catalog: Catalog) -> list[Problem]:
    """Every rule across communes; communes in folder order."""
    return province_spellings(communes, catalog) + one_folder_per_code(communes)


def province_spellings(communes: list[Commune], catalog: Catalog) -> list[Problem]:
    """A province has one page (tinh/<slug>/), so it is written one way: as its file in data/tinh/ writes it, else as
    the first commune (in folder order) writes it. "Ha Noi" beside "Hà Nội" would be two groups on one page."""
    first = {slug: (p.ten, catalog.province_files[slug]) for slug, p in catalog.provinces.items()}
    found = []
    for commune in communes:
        name = commune.xa.tinh
        spelled, where = first.setdefault(slugify(name), (name, commune.where.file))
        if name != spelled:
            line, col = commune.where.at("tinh")
            found.append(problem("tinh_viet_khac", commune.where.file, line, col, ("tinh",), gia_tri=name, dung=spelled, noi=where))
    return found


def one_folder_per_code(communes: list[Commune]) -> list[Problem]:
    """An official code is one commune: two folders with it would publish the commune twice, with two sets of figures
    (a folder copied to start another commune, its code not changed)."""
    first: dict[str, Commune] = {}
    found = []
    for commune in communes:
        code = commune.xa.ma_don_vi
        if code is None:
            continue
        other = first.setdefault(code, commune)
        if other is not commune:
            line, col = commune.where.at("ma_don_vi")
            found.append(problem("ma_don_vi_trung", commune.where.file, line, col, ("ma_don_vi",), gia_tri=code,
                                 noi=other.where.file))
    return found
