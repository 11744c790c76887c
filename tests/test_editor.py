"""`cchc edit`: the forms generated from the models, the YAML patcher, the local backend, and the editor in Chromium.

The browser tests drive the real editor (Decap CMS from theme/quan-tri, installed by tests/setup.sh) as `cchc edit`
serves it, on a copy of the repository (a temporary git repository with data/ copied in).
"""

from __future__ import annotations

import copy
import difflib
import http.client
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import yaml

from conftest import DATA, ROOT, built_project, require, run_cchc
from generator.editor import forms
from generator.editor.patch import load_text, patch
from generator.editor.server import Backend, Refused, decap_dist, make_server

GIT_ENV = {"GIT_AUTHOR_NAME": "Cán bộ xã", "GIT_AUTHOR_EMAIL": "can-bo@xa.example",
           "GIT_COMMITTER_NAME": "Cán bộ xã", "GIT_COMMITTER_EMAIL": "can-bo@xa.example"}
CLERK_FILES = sorted(p for p in DATA.rglob("*.yaml") if forms.kind_of(p.relative_to(DATA).as_posix()))


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True,
                          env={**os.environ, **GIT_ENV}, check=True)
    return done.stdout


@pytest.fixture
def repo(tmp_path, monkeypatch) -> Path:
    """A copy of the repository: a git repository with the shipped data/ committed."""
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)
    root = tmp_path / "kho"
    shutil.copytree(DATA, root / "data")
    git(root.parent, "init", "-q", "-b", "main", str(root))
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "dữ liệu mẫu")
    return root


def commits(repo: Path) -> list[str]:
    return git(repo, "log", "--format=%s").splitlines()


# --- the forms ---------------------------------------------------------------------------------------------------------


def test_committed_forms_are_up_to_date():
    committed = (DATA / "schema" / forms.FORMS_FILE).read_text(encoding="utf-8")
    assert committed == forms.forms_text(DATA), "run `cchc schema` and commit data/schema/bien-tap.json"


def _names(fields, prefix=""):
    for f in fields:
        yield prefix + f["name"]
        yield from _names(f.get("fields", []), prefix + f["name"] + ".")


def test_a_field_added_to_a_model_changes_the_form(monkeypatch):
    from pydantic import Field

    from generator.load import schema
    from generator.models.commune import Xa

    class XaMoi(Xa):
        so_dan: int | None = Field(None, description="Số dân của xã (người).")

    before = forms.forms_text(DATA)
    monkeypatch.setitem(schema.SCHEMAS, "thong-tin", XaMoi)
    after = forms.forms(DATA)
    field = next(f for f in after["thong-tin"]["fields"] if f["name"] == "so_dan")
    assert field["label"] == "Số dân của xã" and field["widget"] == "number"
    assert forms.forms_text(DATA) != before


def test_a_catalogue_change_changes_the_choices(data_dir):
    sectors = data_dir / "danh-muc" / "linh-vuc.yaml"
    sectors.write_text(sectors.read_text(encoding="utf-8") + "  - {ma: thu-nghiem, ten: Lĩnh vực thử}\n", encoding="utf-8")
    ky = forms.forms(data_dir)["ky"]["fields"]
    options = next(f for f in next(f for f in ky if f["name"] == "linh_vuc")["fields"] if f["name"] == "linh_vuc")["options"]
    assert {"label": "Lĩnh vực thử (thu-nghiem)", "value": "thu-nghiem"} in options


def test_the_forms_speak_vietnamese_and_take_their_choices_from_the_catalogues():
    made = forms.forms(DATA)
    assert set(made) == set(forms.KINDS)
    ky = {f["name"]: f for f in made["ky"]["fields"]}
    assert ky["nam"]["label"] == "Năm báo cáo" and ky["nam"]["required"]
    assert [o["value"] for o in ky["loai_ky"]["options"]] == ["q1", "h1", "q3", "nam"]
    appendix = {f["name"]: f for f in ky["phu_luc"]["fields"]}
    assert {o["value"] for o in appendix["mau"]["options"]} == {p.stem for p in (DATA / "danh-muc" / "chi-tieu").glob("*.yaml")}
    rows = appendix["chi_tieu"]
    assert rows["widget"] == "list" and [f["name"] for f in rows["fields"]] == list(forms.ROW_FIELDS)
    # Phones and e-mails are lists of boxes, never one box split at commas (a number may hold a comma).
    channel = {f["name"]: f for f in next(f for f in made["thong-tin"]["fields"] if f["name"] == "kenh_phan_anh")["fields"]}
    for key in ("dien_thoai", "email"):
        assert channel[key]["widget"] == "list" and channel[key]["field"]["widget"] == "string"
    # No required field inside a group that may be absent (Decap would refuse to save without the group).
    profile = {f["name"]: f for f in made["thong-tin"]["fields"]}
    assert not any(f["required"] for f in profile["bo_phan_mot_cua"]["fields"])


def test_every_file_a_clerk_edits_is_in_the_configuration():
    config = forms.decap_config(DATA, ROOT, {"name": "proxy", "proxy_url": "/api/v1"})
    files = {f["file"] for c in config["collections"] for f in c.get("files", [])}
    folders = {c["folder"] for c in config["collections"] if "folder" in c}
    for path in sorted(DATA.rglob("*.yaml")):
        inside = path.relative_to(DATA).as_posix()
        rel = path.relative_to(ROOT).as_posix()
        if inside.startswith(("xa/", "tinh/")):
            assert forms.kind_of(inside) is not None, inside
            assert rel in files or path.parent.relative_to(ROOT).as_posix() in folders, rel
    assert config["locale"] == "vi"


# --- the patcher: the file as the clerk left it --------------------------------------------------------------------


@pytest.mark.parametrize("path", CLERK_FILES, ids=lambda p: str(p.relative_to(DATA)))
def test_a_form_saved_unchanged_leaves_the_file_byte_for_byte(path):
    text = path.read_text(encoding="utf-8")
    kind = forms.kind_of(path.relative_to(DATA).as_posix())
    old = load_text(text)
    shown = yaml.safe_load(yaml.safe_dump(forms.to_form(kind, old, DATA), allow_unicode=True, sort_keys=False))
    assert patch(text, forms.from_form(kind, shown, old))[0] == text


def _diff(a: str, b: str) -> list[str]:
    return [line for line in difflib.unified_diff(a.splitlines(), b.splitlines(), lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def test_one_figure_edited_is_one_line_changed_with_every_comment_kept():
    path = DATA / "xa" / "phu-giao" / "2025-q3.yaml"
    text = path.read_text(encoding="utf-8")
    old = load_text(text)
    form = copy.deepcopy(forms.to_form("ky", old, DATA))
    next(r for r in form["phu_luc"]["chi_tieu"] if r["ma"] == "2")["gia_tri"] = "13200"
    new, _ = patch(text, forms.from_form("ky", form, old))
    assert _diff(text, new) == ['-    "2": 13188', '+    "2": 13200']


def test_structural_edits_touch_only_their_lines():
    path = DATA / "xa" / "phu-giao" / "thong-tin.yaml"
    text = path.read_text(encoding="utf-8")
    old = load_text(text)
    form = copy.deepcopy(old)
    form["dia_chi"] = "Ấp 1, xã Phú Giáo"
    form["bo_phan_mot_cua"] = {"ten": "Trung tâm phục vụ hành chính công xã Phú Giáo",
                               "dien_thoai": ["0274 3 673 123, máy lẻ 2"]}
    new, data = patch(text, form)
    assert all(line.startswith("+") for line in _diff(text, new))  # nothing of the clerk's removed or rewritten
    assert yaml.safe_load(new)["bo_phan_mot_cua"]["dien_thoai"] == ["0274 3 673 123, máy lẻ 2"]
    assert [c for c in text.splitlines() if c.startswith("#")] == [c for c in new.splitlines() if c.startswith("#")]


# --- the backend -------------------------------------------------------------------------------------------------------


def _raw(backend: Backend, path: str, change) -> str:
    form = yaml.safe_load(backend.entry(path)["data"])
    change(form)
    return yaml.safe_dump(form, allow_unicode=True)


def _set_row(code, value):
    def change(form):
        next(r for r in form["phu_luc"]["chi_tieu"] if r["ma"] == code)["gia_tri"] = value
    return change


PHU_GIAO = "data/xa/phu-giao/2025-q3.yaml"


def test_a_save_is_one_commit_of_that_file_alone_with_hooks_run(repo):
    (repo / "ghi-chu-rieng.txt").write_text("không thuộc lần lưu này\n", encoding="utf-8")  # untracked
    other = repo / "data" / "xa" / "na-ri" / "2025-q3.yaml"
    other.write_text(other.read_text(encoding="utf-8") + "# sửa dở\n", encoding="utf-8")  # modified, not saved
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho chay >> \"$(git rev-parse --git-dir)/hook-ran\"\n", encoding="utf-8")
    hook.chmod(0o755)
    backend = Backend(repo / "data", repo)
    message = backend.save(PHU_GIAO, _raw(backend, PHU_GIAO, _set_row("2", "13200")))
    assert message == f"Sửa {PHU_GIAO} (trình biên tập)"
    assert commits(repo) == [message, "dữ liệu mẫu"]
    assert git(repo, "show", "--name-only", "--format=", "HEAD").split() == [PHU_GIAO]
    assert (repo / ".git" / "hook-ran").exists()
    status = git(repo, "status", "--porcelain").splitlines()
    assert "?? ghi-chu-rieng.txt" in status and " M data/xa/na-ri/2025-q3.yaml" in status
    assert run_cchc("validate", repo / "data").returncode == 0


def test_a_save_the_validator_refuses_is_not_written_nor_committed(repo):
    backend = Backend(repo / "data", repo)
    before = (repo / PHU_GIAO).read_bytes()
    with pytest.raises(Refused) as refused:
        backend.save(PHU_GIAO, _raw(backend, PHU_GIAO, _set_row("2", "-5")))
    assert "Chưa lưu" in str(refused.value) and "data/xa/phu-giao/2025-q3.yaml:" in str(refused.value)
    assert "âm" in str(refused.value)  # the validator's own words: a count cannot be negative
    assert (repo / PHU_GIAO).read_bytes() == before
    assert commits(repo) == ["dữ liệu mẫu"]


@pytest.mark.parametrize("path", ["../kho-khac/data/xa/a/thong-tin.yaml", "/etc/passwd", "pyproject.toml",
                                  "data/../../x.yaml", "data/danh-muc/linh-vuc.yaml", "data/schema/ky.schema.json",
                                  "data/xa/phu-giao/ghi-chu.txt", "data/xa/lien-ket/2025-q3.yaml"])
def test_a_path_outside_the_clerks_files_is_refused(repo, path):
    (repo / "data" / "xa" / "lien-ket").symlink_to(repo.parent)  # a link leading out of data/
    backend = Backend(repo / "data", repo)
    with pytest.raises(Refused) as refused:
        backend.save(path, "ten: x\n")
    assert refused.value.status == 403
    with pytest.raises(Refused):
        backend.handle({"action": "getEntry", "params": {"path": path}})
    assert commits(repo) == ["dữ liệu mẫu"]


def test_the_folder_of_a_commune_lists_its_periods_only(repo):
    backend = Backend(repo / "data", repo)
    listed = backend.handle({"action": "entriesByFolder", "params": {"folder": "data/xa/thinh-duc", "extension": "yaml", "depth": 1}})
    assert [e["file"]["path"] for e in listed] == ["data/xa/thinh-duc/2024-q1.yaml"]
    with pytest.raises(Refused):
        backend.handle({"action": "persistMedia", "params": {}})


# --- the server: this machine only --------------------------------------------------------------------------------


@pytest.fixture
def server(repo):
    if not (decap_dist() / "decap-cms.js").is_file():
        pytest.fail("Decap CMS is not installed: run tests/setup.sh (npm ci --prefix theme/quan-tri)")
    srv = make_server(repo / "data", 0)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield srv
    srv.shutdown()
    srv.server_close()


def _request(port, method, path, headers=None, body=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request(method, path, body=body, headers=headers or {})
    response = conn.getresponse()
    return response.status, response.read()


def test_the_server_listens_on_127_0_0_1_only_and_answers_only_its_own_pages(server):
    host, port = server.server_address
    assert host == "127.0.0.1"
    assert _request(port, "GET", "/")[0] == 200
    assert _request(port, "GET", "/", {"Host": f"localhost:{port}"})[0] == 403  # another name: a rebinding page
    body = json.dumps({"action": "info"})
    ok = {"Content-Type": "application/json"}
    assert _request(port, "POST", "/api/v1", ok, body)[0] == 200
    assert _request(port, "POST", "/api/v1", ok | {"Origin": "https://trang-la.example"}, body)[0] == 403
    assert _request(port, "POST", "/api/v1", {"Content-Type": "text/plain"}, body)[0] == 415
    status, answer = _request(port, "POST", "/api/v1", ok, json.dumps(
        {"action": "getEntry", "params": {"path": "../../etc/passwd"}}))
    assert status == 403 and "chỉ đọc và ghi" in json.loads(answer)["error"]
    assert _request(port, "GET", "/../pyproject.toml")[0] == 404


# --- in Chromium, as the clerk does it -----------------------------------------------------------------------------


@pytest.fixture
def editor(repo):
    """`cchc edit` on the copy, as the clerk runs it: (the address it printed, the repository)."""
    require(decap_dist() / "decap-cms.js", "Decap CMS (npm ci --prefix theme/quan-tri)")
    process = subprocess.Popen([sys.executable, "-m", "generator.cli", "edit", "--port", "0", "--data", "data"],
                               cwd=repo, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, **GIT_ENV, "PYTHONPATH": str(ROOT)})
    try:
        address = None
        for line in process.stdout:
            if found := re.search(r"http://127\.0\.0\.1:\d+/", line):
                address = found.group(0)
                break
        assert address, process.stderr.read()
        yield address, repo
    finally:
        process.terminate()
        process.wait(timeout=10)


def _open(browser, address):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    outside = []
    page.on("request", lambda r: None if r.url.startswith(address) or r.url.startswith(("data:", "blob:"))
            else outside.append(r.url))
    page.goto(address)
    page.get_by_role("button", name="Đăng nhập").click()  # the local backend: one click
    return page, outside


def _open_row(page, code):
    label = page.get_by_text(re.compile(rf"^{re.escape(code)} · ")).first
    item = label.locator("xpath=..")
    item.locator("button").first.click()
    return item.get_by_label(re.compile("^Số liệu")).first


def _publish(page):
    page.get_by_role("button", name="Công bố", exact=True).click()
    page.get_by_role("menuitem").first.click()



def test_the_clerk_edits_a_figure_in_the_browser(browser, editor):
    address, repo = editor
    page, outside = _open(browser, address)
    try:
        page.get_by_test_id("ky-phu-giao").click()
        page.get_by_text("2025 – q3").click()
        box = _open_row(page, "2")
        assert box.input_value() == "13188"

        box.fill("-5")  # a negative count: refused with the validator's Vietnamese words, nothing committed
        _publish(page)
        page.get_by_text(re.compile("Chưa lưu, vì dữ liệu sau khi sửa có lỗi")).first.wait_for()
        assert page.get_by_text(re.compile("âm")).count() > 0
        assert commits(repo) == ["dữ liệu mẫu"]
        assert git(repo, "status", "--porcelain") == ""

        box.fill("")
        box.fill("13200")
        assert box.input_value() == "13200"
        _publish(page)
        page.get_by_text("Mục đã được lưu").wait_for()
    finally:
        page.close()
    assert commits(repo) == ["Sửa data/xa/phu-giao/2025-q3.yaml (trình biên tập)", "dữ liệu mẫu"]
    diff = git(repo, "show", "--format=", "--unified=0", "HEAD").splitlines()
    assert [d for d in diff if d[:1] in "+-" and not d.startswith(("+++", "---"))] == ['-    "2": 13188', '+    "2": 13200']
    assert git(repo, "status", "--porcelain") == ""
    assert run_cchc("validate", repo / "data").returncode == 0
    assert outside == []


def test_the_clerk_creates_a_period_and_the_site_builds_with_it(browser, editor, tmp_path):
    address, repo = editor
    page, outside = _open(browser, address)
    try:
        page.get_by_test_id("ky-na-ri").click()
        page.get_by_role("link", name=re.compile("Kỳ báo cáo")).first.click()
        page.get_by_label(re.compile("^Năm báo cáo")).fill("2025")
        page.get_by_label(re.compile("^Mã loại kỳ")).click()
        page.get_by_text("Năm (nam)", exact=True).click()
        page.get_by_label(re.compile("^Ngày đầu của khoảng số liệu")).fill("01/07/2025")
        page.get_by_label(re.compile("^Ngày cuối của khoảng số liệu")).fill("14/12/2025")
        page.get_by_label(re.compile("^Nguồn số liệu")).fill("Tin bài tổng kết công tác cải cách hành chính năm 2025")
        _publish(page)
        page.get_by_text("Mục đã được lưu").wait_for()
    finally:
        page.close()
    new = repo / "data" / "xa" / "na-ri" / "2025-nam.yaml"
    assert commits(repo)[0] == "Thêm data/xa/na-ri/2025-nam.yaml (trình biên tập)"
    assert git(repo, "show", "--name-only", "--format=", "HEAD").split() == ["data/xa/na-ri/2025-nam.yaml"]
    assert new.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=../../schema/ky.schema.json\n")
    site = built_project(tmp_path, repo / "data") / "site"
    assert (site / "na-ri" / "bao-cao" / "2025-nam" / "index.html").is_file()
    assert not (site / "quan-tri").exists()  # the editor's npm files are never published with the site
    assert outside == []
