"""The editor published with the site (`plugins: - cchc: bien_tap:`): Decap CMS at <duong_dan>/ for a Git host.

The same generated forms as `cchc edit` (forms.py), with the host's backend (GitHub, GitLab, Gitea/Forgejo). GitHub
and GitLab: the editorial workflow, each save a branch and a pull (merge) request that CI validates and builds, merged
by a maintainer. Gitea: Decap 3.16.3 refuses the editorial workflow there ("The Gitea backend does not support
editorial workflow"), so the editor commits to a working branch of its own (`branch`, never main or master), from
which a maintainer opens one pull request. The page has its own Content-Security-Policy, allowing requests to the site and to the host's API only;
Decap's files are copied from theme/quan-tri (installed from npm beforehand: nothing is downloaded at build or run
time).

Unlike `cchc edit`, no server of ours sits between Decap and the file, so:
- a period's indicator table (a map keyed by code, which the local backend reshapes into rows) is not in the form:
  the save keeps it as the file has it (Decap writes back the keys its form does not show); figures are edited with
  `cchc edit` or in the file;
- a commune's folder holds its profile and procedures beside its periods, which a folder collection would list as
  periods: the published editor lists the periods of each commune as files, so a new period is made with `cchc edit`
  (or by adding its file);
- Decap writes the whole file again (comments dropped, quoting rewritten): the pull request shows it, CI validates it.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from generator.core.problems import UserError, say

from . import forms
from .server import page

BACKENDS = ("github", "gitlab", "gitea")
GITHUB_API = "https://api.github.com"
GITHUB_AVATARS = "https://avatars.githubusercontent.com"
GITLAB_COM = "https://gitlab.com"
PUBLISHED_BRANCHES = ("main", "master")
API_PATH = {"gitlab": "/api/v4", "gitea": "/api/v1"}
FOLDER = re.compile(r"^[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)*$")
# What the page loads of Decap's dist/: its bundle, the chunks it loads on demand, its WebAssembly and stylesheet.
DIST_FILE = re.compile(r"^([0-9]+\.)?decap-cms\.js$|^[0-9a-f]+\.wasm$|^cms\.css$")

# Decap CMS 3.16.3 checks its configuration with Ajv, which compiles the check with `new Function`: without
# 'unsafe-eval' the editor stops at "Error loading the CMS configuration" (measured in Chromium), and its TOML
# library's probe for Node, eval("require('util')"), is a reported violation. Its styles are
# inserted at run time (emotion): 'unsafe-inline' for styles only. No other host than the Git host's.
POLICY = ("default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
          "img-src 'self' data: blob:{img}; font-src 'self' data:; connect-src 'self'{connect}; "
          "worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'")


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _url(value: str, key: str) -> str:
    parts = urlsplit(value or "")
    if parts.scheme not in ("https", "http") or not parts.netloc:
        raise UserError(say("bien_tap_cai_dat_sai", khoa=key, gia_tri=value), 1)
    return value.rstrip("/")


def backend(settings: dict) -> dict:
    """Decap's `backend:` for plugins.cchc.bien_tap; a missing or wrong setting is a Vietnamese UserError."""
    name = settings.get("backend")
    if name not in BACKENDS:
        raise UserError(say("bien_tap_cai_dat_sai", khoa="backend", gia_tri=name), 1)
    repo = settings.get("repo") or ""
    if not re.fullmatch(r"[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+", repo):
        raise UserError(say("bien_tap_cai_dat_sai", khoa="repo", gia_tri=repo), 1)
    branch = settings.get("branch")
    if name == "gitea" and (not branch or branch in PUBLISHED_BRANCHES):
        raise UserError(say("bien_tap_gitea_nhanh", nhanh=branch or "main"), 1)
    out = {"name": name, "repo": repo, "branch": branch or "main"}
    if name == "github":
        if settings.get("base_url"):  # the OAuth server that gives Decap its GitHub token (Netlify's by default)
            out["base_url"] = _url(settings["base_url"], "base_url")
        out["api_root"] = _url(settings.get("api_root") or GITHUB_API, "api_root")
        return out
    base = settings.get("base_url") or (GITLAB_COM if name == "gitlab" else None)
    if not base:
        raise UserError(say("bien_tap_thieu_cai_dat", khoa="base_url", may_chu=name), 1)
    if not settings.get("app_id"):
        raise UserError(say("bien_tap_thieu_cai_dat", khoa="app_id", may_chu=name), 1)
    base = _url(base, "base_url")
    out |= {"base_url": base, "api_root": _url(settings.get("api_root") or base + API_PATH[name], "api_root"),
            "app_id": str(settings["app_id"])}
    if name == "gitlab":
        out["auth_type"] = "pkce"  # the browser signs in to GitLab itself: no OAuth server of one's own
    return out


def folder(settings: dict) -> str:
    value = str(settings.get("duong_dan") or "").strip("/")
    if not FOLDER.match(value):
        raise UserError(say("bien_tap_cai_dat_sai", khoa="duong_dan", gia_tri=settings.get("duong_dan")), 1)
    return value


def policy(backend_: dict) -> str:
    """The editor page's policy: requests to the site and to the Git host's API (and, for GitLab and Gitea, to the
    host itself, where the sign-in exchanges its code for a token), avatars from the host."""
    connect = [_origin(backend_["api_root"])]
    if backend_["name"] != "github":
        connect.append(_origin(backend_["base_url"]))
    img = [GITHUB_AVATARS] if backend_["name"] == "github" else connect
    unique = lambda items: "".join(f" {o}" for o in dict.fromkeys(items))  # noqa: E731
    return POLICY.format(connect=unique(connect), img=unique(img))


def _period_label(stem: str) -> str:
    year, _, kind = stem.partition("-")
    return f"{year} – {kind}"


def _without_indicators(fields: list[dict]) -> list[dict]:
    out = []
    for field in fields:
        if field["name"] == "phu_luc" and "fields" in field:
            field = field | {"fields": [f for f in field["fields"] if f["name"] != "chi_tieu"],
                             "hint": field.get("hint", "") + " " + say("bien_tap_chi_tieu_ngoai_trang")}
        out.append(field)
    return out


def hosted_config(data_dir: Path, repo_root: Path, backend_: dict, site_url: str | None = None) -> dict:
    """The Decap configuration of the published editor: forms.decap_config with the Git host's backend, the
    editorial workflow (Gitea: commits to its working branch), each commune's periods as files and no indicator table in the period form."""
    config = forms.decap_config(data_dir, repo_root, backend_)
    collections = []
    for collection in config["collections"]:
        if "folder" in collection:  # a commune's periods: its period files, listed one by one
            folder_ = repo_root / collection["folder"]
            fields = _without_indicators(collection["fields"])
            files = [{"name": p.stem, "label": _period_label(p.stem), "file": f"{collection['folder']}/{p.name}",
                      "fields": fields}
                     for p in sorted(folder_.glob("*.yaml")) if forms.PERIOD_FILE.match(p.name)]
            if not files:
                continue
            collection = {k: v for k, v in collection.items()
                          if k in ("name", "label", "format", "editor")} | {"delete": False, "files": files}
        collections.append(collection)
    config["collections"] = collections
    config["publish_mode"] = "simple" if backend_["name"] == "gitea" else "editorial_workflow"
    if site_url:
        config["site_url"] = config["display_url"] = site_url
    return config


def installed(dist: Path) -> bool:
    return (dist / "decap-cms.js").is_file()


def _copy(source: Path, target: Path) -> None:
    if not target.is_file() or target.stat().st_size != source.stat().st_size:
        shutil.copyfile(source, target)


def publish(site_dir: Path, folder_: str, dist: Path, config: dict, policy_: str) -> Path:
    """Write the editor into site_dir/folder_: its page (with its policy), config.yml and Decap's files."""
    target = site_dir / folder_
    target.mkdir(parents=True, exist_ok=True)
    meta = (f'<meta http-equiv="Content-Security-Policy" content="{policy_}">\n'
            '<meta name="robots" content="noindex">\n')
    html = page().replace('<meta charset="utf-8">\n', '<meta charset="utf-8">\n' + meta, 1)
    (target / "index.html").write_text(html, encoding="utf-8")
    text = yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=10**9)
    (target / "config.yml").write_text(text, encoding="utf-8")
    for source in dist.iterdir():
        if DIST_FILE.match(source.name):
            _copy(source, target / source.name)
    return target
