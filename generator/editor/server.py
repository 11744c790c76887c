"""`cchc edit`: Decap CMS on the clerk's own machine, with a thin local backend of our own.

The server listens on 127.0.0.1 only, answers only requests that come from there and name it (Host, Origin), and
serves three things: the editor's page and Decap's JavaScript (installed from npm, never downloaded at run time), the
configuration (forms.decap_config), and Decap's local-backend protocol (the JSON POST API of decap-server's
`local_backend`, at /api/v1: info, entriesByFolder, entriesByFiles, getEntry, persistEntry, getMedia, deleteFile…).

Unlike decap-server, a save:
- writes only a file a clerk edits, inside the data folder (forms.kind_of), never anything else;
- patches the file's text (patch.py): comments, key order and quoting stay, a one-figure edit is a one-line diff;
- is checked as `cchc validate` checks (pipeline.build.check) and refused, the file left as it was, when it adds an
  error; the clerk reads the validator's Vietnamese lines in the editor;
- is one commit of that file alone (`git commit -- <file>`, hooks run: no --no-verify), with a Vietnamese message.
"""

from __future__ import annotations

import hashlib
import http.server
import json
import os
import re
import subprocess
import threading
from pathlib import Path

import yaml

from generator.core.problems import UserError, say
from generator.pipeline.build import check

from . import forms
from .patch import PatchError, block_text, clean, load_text, patch

HOST = "127.0.0.1"
DEFAULT_PORT = 8081
MAX_BODY = 10 * 1024 * 1024
_ASSET = re.compile(r"^/([A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*\.(js|wasm|css))$")
SCHEMA_OF = {"thong-tin": "thong-tin", "ky": "ky", "thu-tuc": "thu-tuc", "tinh": "tinh", "thu-tuc-tinh": "thu-tuc-tinh"}

# The editor's own policy: its scripts from this server only, requests to this server only.
POLICY = ("default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
          "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; "
          "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")


def decap_dist() -> Path:
    """Where `npm ci --prefix theme/quan-tri` put Decap CMS's built files."""
    return Path(__file__).resolve().parents[2] / "theme" / "quan-tri" / "node_modules" / "decap-cms" / "dist"


def page(config_url: str = "config.yml", script: str = "decap-cms.js") -> str:
    return (f'<!doctype html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta name="referrer" content="same-origin">\n<title>{say("bien_tap_tieu_de")}</title>\n'
            f'<link href="{config_url}" type="text/yaml" rel="cms-config-url">\n</head>\n<body>\n'
            f'<script src="{script}"></script>\n</body>\n</html>\n')


class Refused(Exception):
    """A request the editor does not do: said to the clerk in Vietnamese, nothing changed."""

    def __init__(self, message: str, status: int = 422):
        super().__init__(message)
        self.status = status


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True)


def repo_root(data_dir: Path) -> Path:
    found = _git(data_dir, "rev-parse", "--show-toplevel")
    if found.returncode != 0:
        raise UserError(say("bien_tap_khong_phai_git", thu_muc=data_dir), 1)
    return Path(found.stdout.strip()).resolve()


class Backend:
    """Decap's local-backend actions on one repository's data folder."""

    def __init__(self, data_dir: Path, repo: Path):
        self.data = data_dir.resolve()
        self.repo = repo.resolve()
        self.lock = threading.Lock()  # one save at a time: a save is write, check, commit

    # --- paths ---------------------------------------------------------------------------------------------------
    def resolve(self, path: str, *, edited: bool = True) -> tuple[Path, str]:
        """(absolute path, path inside the data folder) of a path Decap sends, relative to the repository. Anything
        outside the data folder (.., absolute, a link leading out) is refused; so is, when edited, a file that is not
        one a clerk edits."""
        shown = say("bien_tap_duong_dan_sai", thu_muc=self.data.relative_to(self.repo).as_posix(), duong_dan=path)
        if not isinstance(path, str) or not path or "\\" in path or "\x00" in path or os.path.isabs(path):
            raise Refused(shown, 403)
        target = (self.repo / path).resolve()
        if not target.is_relative_to(self.data):
            raise Refused(shown, 403)
        inside = target.relative_to(self.data).as_posix()
        if edited and forms.kind_of(inside) is None:
            raise Refused(shown, 403)
        return target, inside

    def shown(self, target: Path) -> str:
        return target.relative_to(self.repo).as_posix()

    # --- reading ---------------------------------------------------------------------------------------------------
    def entry(self, path: str) -> dict:
        target, inside = self.resolve(path)
        if not target.is_file():
            return {"data": None, "file": {"path": path, "id": None}}
        raw = target.read_bytes()
        data = forms.to_form(forms.kind_of(inside), load_text(raw.decode("utf-8")), self.data)
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**9)
        return {"data": text, "file": {"path": self.shown(target), "id": hashlib.sha256(raw).hexdigest()}}

    def entries_by_folder(self, folder: str, extension: str, depth) -> list[dict]:
        target, _ = self.resolve(folder.rstrip("/"), edited=False)
        if not target.is_dir():
            return []
        out = []
        for path in sorted(target.iterdir()):
            inside = path.relative_to(self.data).as_posix()
            # A commune's folder holds its profile and procedures beside its periods: its folder lists periods only.
            if path.is_file() and path.name.endswith(extension or "") and forms.kind_of(inside) == "ky":
                out.append(self.entry(self.shown(path)))
        return out

    # --- writing ---------------------------------------------------------------------------------------------------
    def _blocking(self, target: Path) -> dict[tuple, str]:
        """The errors `cchc validate` would list for the file's commune (all the data for a province's file), each
        by what it says and where in the data, not by line: an edit above a known error does not make it new."""
        inside = target.relative_to(self.data).parts
        only = inside[1] if inside[0] == "xa" else None
        result = check(self.data, shown_root=self.data.relative_to(self.repo), only=only)
        return {(p.file, p.code, p.loc, p.message): p.line_text() for p in result.problems if p.blocking}

    def _commit(self, target: Path, message: str) -> None:
        rel = self.shown(target)
        added = _git(self.repo, "add", "--", rel)
        done = added if added.returncode else _git(self.repo, "commit", "-q", "-m", message, "--", rel)
        if done.returncode:
            _git(self.repo, "reset", "-q", "--", rel)
            reason = (done.stderr or done.stdout).strip()
            if "Please tell me who you are" in reason or "user.email" in reason:
                raise Refused(say("bien_tap_git_chua_co_ten"))
            raise Refused(say("bien_tap_khong_commit", loi=reason.splitlines()[-1] if reason else done.returncode))

    def save(self, path: str, raw: str, new_file_expected: bool | None = None) -> str:
        target, inside = self.resolve(path)
        kind = forms.kind_of(inside)
        try:
            sent = yaml.safe_load(raw) if raw else {}
        except yaml.YAMLError as exc:
            raise Refused(say("bien_tap_khong_ghi_duoc", loi=exc)) from None
        if not isinstance(sent, dict):
            raise Refused(say("bien_tap_khong_ghi_duoc", loi=type(sent).__name__))
        with self.lock:
            before = target.read_bytes() if target.is_file() else None
            if before is not None:
                old_text = before.decode("utf-8")
                old = load_text(old_text)
                try:
                    text, _ = patch(old_text, forms.from_form(kind, sent, old))
                except PatchError as exc:
                    raise Refused(say("bien_tap_khong_ghi_duoc", loi=exc)) from None
                if text == old_text:
                    return say("bien_tap_commit_sua", tep=self.shown(target))
            else:
                data = clean(forms.from_form(kind, sent, None))
                depth = len(Path(inside).parts) - 1
                header = f"# yaml-language-server: $schema={'../' * depth}schema/{SCHEMA_OF[kind]}.schema.json\n"
                text = header + block_text(data, 0) + "\n"
            known = self._blocking(target) if before is not None else {}
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            try:
                added = [line for key, line in self._blocking(target).items() if key not in known]
                if added:
                    raise Refused(say("bien_tap_khong_luu_vi_loi", loi="\n".join(added)))
                message = say("bien_tap_commit_them" if before is None else "bien_tap_commit_sua", tep=self.shown(target))
                self._commit(target, message)
            except BaseException:
                if before is None:
                    target.unlink(missing_ok=True)
                else:
                    target.write_bytes(before)
                raise
            return message

    # --- the protocol ----------------------------------------------------------------------------------------------
    def handle(self, body: dict):
        action, params = body.get("action"), body.get("params") or {}
        if action == "info":
            return {"repo": self.repo.name, "publish_modes": ["simple"], "type": "local_git"}
        if action == "entriesByFolder":
            return self.entries_by_folder(params.get("folder", ""), params.get("extension", ""), params.get("depth", 1))
        if action == "entriesByFiles":
            return [self.entry(f.get("path", "")) for f in params.get("files", [])]
        if action == "getEntry":
            return self.entry(params.get("path", ""))
        if action == "persistEntry":
            files = params.get("dataFiles") or ([params["entry"]] if params.get("entry") else [])
            if params.get("assets") or len(files) != 1 or files[0].get("newPath"):
                raise Refused(say("bien_tap_khong_ho_tro", viec=action))
            return {"message": self.save(files[0].get("path", ""), files[0].get("raw", ""))}
        if action == "getMedia":
            return []
        if action == "getDeployPreview":
            return None
        raise Refused(say("bien_tap_khong_ho_tro", viec=action))


class Handler(http.server.BaseHTTPRequestHandler):
    backend: Backend
    dist: Path
    config: callable
    port: int
    server_version = "cchc-edit"
    sys_version = ""

    def log_message(self, format, *args):  # the clerk's window shows the address and errors, not every request
        pass

    def _allowed(self) -> bool:
        """Only this machine, by the address it was given: no other host (a DNS name pointed at 127.0.0.1 by a web
        page) and no other page's scripts (Origin) reach the data."""
        port = self.server.server_address[1]
        if self.client_address[0] != HOST or self.headers.get("Host") != f"{HOST}:{port}":
            return False
        origin = self.headers.get("Origin")
        return origin is None or origin == f"http://{HOST}:{port}"

    def _send(self, status: int, body: bytes, content_type: str, extra: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "no-store")
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def _json(self, status: int, value) -> None:
        self._send(status, json.dumps(value, ensure_ascii=False).encode("utf-8"), "application/json; charset=utf-8")

    def do_GET(self):
        if not self._allowed():
            return self._send(403, b"", "text/plain")
        path = self.path.split("?", 1)[0]
        if path == "/":
            return self._send(200, page().encode("utf-8"), "text/html; charset=utf-8",
                              {"Content-Security-Policy": POLICY, "Referrer-Policy": "same-origin"})
        if path == "/config.yml":
            text = yaml.safe_dump(self.config(), allow_unicode=True, sort_keys=False, width=10**9)
            return self._send(200, text.encode("utf-8"), "text/yaml; charset=utf-8")
        match = _ASSET.match(path)
        if match and (file := self.dist / match.group(1)).is_file():
            kind = {"js": "text/javascript", "wasm": "application/wasm", "css": "text/css"}[match.group(3)]
            return self._send(200, file.read_bytes(), kind)
        return self._send(404, b"", "text/plain")

    def do_POST(self):
        if not self._allowed() or self.path != "/api/v1":
            return self._json(403, {"error": "403"})
        if not (self.headers.get("Content-Type") or "").startswith("application/json"):
            return self._json(415, {"error": "415"})
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            return self._json(413, {"error": "413"})
        try:
            body = json.loads(self.rfile.read(length) or b"{}")
            return self._json(200, self.backend.handle(body if isinstance(body, dict) else {}))
        except Refused as exc:
            return self._json(exc.status, {"error": str(exc)})
        except UserError as exc:
            return self._json(422, {"error": str(exc)})

    def do_PUT(self):
        self._send(405, b"", "text/plain")

    do_DELETE = do_PATCH = do_PUT


def make_server(data_dir: Path, port: int = DEFAULT_PORT, dist: Path | None = None) -> http.server.ThreadingHTTPServer:
    dist = dist or decap_dist()
    if not (dist / "decap-cms.js").is_file():
        raise UserError(say("bien_tap_chua_cai", thu_muc=dist.parents[2]), 1)
    data_dir = Path(data_dir).resolve()
    repo = repo_root(data_dir)
    backend = Backend(data_dir, repo)
    form_set = forms.forms(data_dir)

    def config() -> dict:
        branch = _git(repo, "rev-parse", "--abbrev-ref", "HEAD").stdout.strip() or "main"
        return forms.decap_config(data_dir, repo, {"name": "proxy", "proxy_url": "/api/v1", "branch": branch}, form_set)

    handler = type("EditorHandler", (Handler,), {"backend": backend, "dist": dist, "config": staticmethod(config)})
    try:
        server = http.server.ThreadingHTTPServer((HOST, port), handler)
    except OSError as exc:
        raise UserError(say("bien_tap_cong_ban", cong=port, loi=exc.strerror or exc), 1) from None
    server.daemon_threads = True
    return server


def command(args) -> int:
    server = make_server(Path(args.data), args.port)
    address = f"http://{HOST}:{server.server_address[1]}/"
    print(say("bien_tap_dang_chay", dia_chi=address), flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print(say("bien_tap_dung"))
    finally:
        server.server_close()
    return 0
