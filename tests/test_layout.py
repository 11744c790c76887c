"""The file tree is the architecture: a module's package says what it may import (generator/README.md, "How it works").

Each package of generator/ is one step of the flow, or the MkDocs adapter beside it, or the clerk's tools. An import
that crosses a line drawn here fails, whether at the top of a module or inside a function.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

GENERATOR = Path(__file__).resolve().parents[1] / "generator"

STEPS = {"core", "models", "load", "rules", "views", "render", "write"}
MAY_IMPORT = {
    "core": {"core"},
    "models": {"core", "models"},
    "load": {"core", "models", "load"},
    "rules": {"core", "models", "rules"},
    "views": {"core", "models", "rules", "views"},
    "render": {"core", "models", "views", "render"},
    "write": {"core", "write"},
    "pipeline": STEPS | {"pipeline"},
    "mkdocs_adapter": {"core", "models", "render", "write", "pipeline", "editor", "mkdocs_adapter"},  # editor: bien_tap
    "tools": STEPS | {"pipeline", "tools"},
    "editor": STEPS | {"pipeline", "editor"},  # `cchc edit`: the forms, the YAML patcher and the local backend
    "cli": STEPS | {"pipeline", "tools", "editor", "mkdocs_adapter"},  # generator/cli.py, the `cchc` command: dispatches only
}
# Libraries only one part of the generator may use.
ONLY_IN = {"mkdocs": {"mkdocs_adapter"}, "material": {"mkdocs_adapter"}}


def _package(path: Path, root: Path) -> str:
    parts = path.relative_to(root).parts
    return parts[0] if len(parts) > 1 else path.stem


def _imports(path: Path, root: Path):
    """(line, imported module) for every import of a module, relative ones resolved."""
    here = ["generator", *path.relative_to(root).with_suffix("").parts][:-1]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from ((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[: len(here) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module
            if module == "generator":  # from generator import x: x is a package
                yield from ((node.lineno, f"generator.{alias.name}") for alias in node.names)
            else:
                yield node.lineno, module


def violations(root: Path) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        package = _package(path, root)
        if package == "__init__":
            continue
        allowed = MAY_IMPORT.get(package)
        if allowed is None:
            found.append(f"{path.relative_to(root)}: package {package!r} has no line in MAY_IMPORT")
            continue
        for line, module in _imports(path, root):
            parts = module.split(".")
            if parts[0] == "generator":
                target = parts[1] if len(parts) > 1 else "generator"
                if target not in allowed:
                    found.append(f"{path.relative_to(root)}:{line}: {package} imports {module}")
            elif parts[0] in ONLY_IN and package not in ONLY_IN[parts[0]]:
                found.append(f"{path.relative_to(root)}:{line}: {package} imports {module}")
    return found


def test_every_import_stays_within_its_lines():
    assert violations(GENERATOR) == []


def test_every_module_belongs_to_a_known_package():
    loose = [p.name for p in GENERATOR.glob("*.py") if p.stem not in MAY_IMPORT and p.name != "__init__.py"]
    assert loose == [], "a module at the top of generator/ has no place in the layout"


@pytest.mark.parametrize(
    "package, module, text",
    [
        ("views", "context", "from generator.load.reader import read_portal\n"),  # views never import the loader
        ("rules", "checks", "def f():\n    from generator.load import reader\n"),  # not even inside a function
        ("tools", "new_period", "from generator.mkdocs_adapter import plugin\n"),  # tools never import the adapter
        ("write", "writer", "import mkdocs.config\n"),  # only the adapter imports MkDocs
        ("core", "slug", "from ..views import context\n"),  # relative imports are resolved
        ("render", "pages", "from generator import pipeline\n"),
    ],
)
def test_a_crossing_import_is_caught(tmp_path, package, module, text):
    (tmp_path / package).mkdir()
    (tmp_path / package / f"{module}.py").write_text(text, encoding="utf-8")
    assert len(violations(tmp_path)) == 1


def test_the_theme_uses_the_site_paths_of_site_paths_py():
    """The theme (HTML and JavaScript) cannot import Python: it writes the paths site_paths.py owns, and this test
    is where a rename of one would be caught."""
    from generator.core.site_paths import SEARCH_INDEX, SEARCH_PAGE, THEME_ASSETS

    theme = GENERATOR.parent / "theme"
    search_url = SEARCH_PAGE.removesuffix(".md") + "/"
    for page in ("404.html", "partials/cchc-search-form.html"):
        assert f"'{search_url}' | url" in (theme / page).read_text(encoding="utf-8"), page
    assert f"'{THEME_ASSETS}/tim-kiem.js' | url" in (theme / "main.html").read_text(encoding="utf-8")
    script = (theme / THEME_ASSETS / "tim-kiem.js").read_text(encoding="utf-8")
    assert f'"{SEARCH_INDEX}/pagefind.js"' in script and f"`${{commune}}/{SEARCH_INDEX}/`" in script


def test_the_readme_documents_every_plugin_setting_with_its_default():
    """A webmaster learns the plugin's settings from the table in generator/README.md ("Publishing (webmasters)"), which
    the README links to: a setting added to the plugin without a line there, or a default changed under it, fails here."""
    from generator.mkdocs_adapter.plugin import SUB_SETTINGS, CchcConfig

    assert "](generator/README.md#publishing-webmasters)" in (GENERATOR.parent / "README.md").read_text(encoding="utf-8")
    readme = (GENERATOR / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("\n## Publishing (webmasters)\n"):]
    end = section.find("\n## ", 1)  # the next section
    section = section if end < 0 else section[:end]
    rows = dict(re.findall(r"^\s*\| `([\w.]+)` \| (.+?) \|", section, re.M))
    settings = list(CchcConfig._schema)
    settings += [(f"{group}.{name}", option) for group, sub in SUB_SETTINGS.items() for name, option in sub._schema]
    for name, option in settings:
        assert name in rows, f"plugins.cchc.{name} is not in generator/README.md's table of settings"
        default = option.default
        shown = "none" if default is None else f"`{str(default).lower() if isinstance(default, bool) else default}`"
        assert rows[name] == shown, f"{name}: generator/README.md says {rows[name]}, the plugin {shown}"


def test_the_readme_walk_names_modules_and_rows_where_they_are():
    """generator/README.md's "One value's way from YAML to HTML": each step's module exists, the value it follows is
    typed in the period file it names, and the ratio it names takes that value as its numerator (`tu_so`)."""
    from generator.load.yaml_loader import load_yaml

    readme = (GENERATOR / "README.md").read_text(encoding="utf-8")
    walk = readme[readme.index("One value's way from YAML to HTML"):]
    walk = walk[:walk.index("\n\n", walk.index("| 8 |"))]
    modules = re.findall(r"^\| \d \| `([\w/]+\.py)` \|", walk, re.M)
    assert len(modules) == 8 and [m for m in modules if not (GENERATOR / m).is_file()] == []
    [period] = re.findall(r"`(data/xa/[\w/-]+\.yaml)`", walk)
    [code] = re.findall(r'chi_tieu\["([\w.]+)"\]', walk)
    [ratio] = re.findall(r"the ratio ([\w.]+) that uses it as numerator", walk)
    [template] = re.findall(r"`(data/danh-muc/chi-tieu/[\w-]+\.yaml)`", walk)
    data = load_yaml(GENERATOR.parent / period).data
    assert isinstance(data["phu_luc"]["chi_tieu"][code], int), f"{code} is not a number typed in {period}"

    def rows(items):
        for row in items:
            yield row
            yield from rows(row.get("chi_tieu", []) + row.get("trong_do", []))

    template_rows = {r["ma"]: r for r in rows(load_yaml(GENERATOR.parent / template).data["muc"])}
    assert template_rows[ratio].get("tu_so") == code, f"{ratio}'s numerator is not {code}"
