"""Benchmark: build synthetic portals of growing size and print what grows with them.

Not a test (timings are never asserted); run it by hand and record its output in
tests/benchmark-results.md:

    .venv/bin/python tests/benchmark.py            # 1, 10, 100, 1000 communes x 1 period; 100 x 8; shards
    .venv/bin/python tests/benchmark.py 1 10       # only these sizes
    .venv/bin/python tests/benchmark.py --rounds 2 100   # each build twice, alternating, the faster kept
    .venv/bin/python tests/benchmark.py --shards 100     # only: one build against two shards and their join
    .venv/bin/python tests/benchmark.py --build-only 1000    # without the save→visible runs of `mkdocs serve`
    .venv/bin/python tests/benchmark.py --serve 100 1000 # only: save→visible under `mkdocs serve`
    .venv/bin/python tests/benchmark.py --procedures 350 1000  # only: each province's list of 350 procedures
    .venv/bin/python tests/benchmark.py --serve-start 100 1000  # only: `mkdocs serve` to its first page, cache or not

For each size: the generator alone; MkDocs alone on the very pages the generator wrote, with the same theme and
navigation (the plugin removed: `mkdocs-alone.yml`); the whole `mkdocs build` (plugin included, from an empty
docs_dir, run as the `mkdocs build` command runs it; neither build finds an earlier site to delete); their ratio;
then save→visible: `mkdocs serve` running, one value of one commune's period file changed, the seconds until the
page served over HTTP shows it (three saves). The whole build is measured twice: from nothing
(no `.cache/`: a first build, a fresh CI runner) and again right after (the next build, given what the first kept in
`.cache/cchc/`: the generator's results, the search indexes and the reports; `content/` emptied both times), then once more after
one value of one commune's period file changed (a clerk's correction between two publications). Each build runs in its own process, so peak
memory is that build's alone; the largest of its child processes (the .docx worker, Pagefind) is given apart. CPU
seconds (the process and its children; the build's own process apart: what cannot run beside MkDocs) say what a
build costs whatever else the machine is doing; wall seconds what it takes.
"""

from __future__ import annotations

import json
import os
import platform
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SIZES = [(1, 1), (10, 1), (100, 1), (1000, 1), (100, 8)]


def child(kind: str, project: str) -> None:
    """Run one step in this process and print its seconds and peak memory as JSON."""
    os.chdir(project)
    from generator.pipeline.build import generate  # imports are not the build's time
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    start = time.perf_counter()
    if kind == "generate":
        result = generate(Path("data"), Path("content"), site_url="https://cchc.example/", site_name="Công khai CCHC")
    else:  # as `mkdocs build` runs it (mkdocs/__main__.py): the plugin knows the command and publishes at shutdown
        config = load_config("mkdocs-alone.yml" if kind == "alone" else "mkdocs.yml")
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    seconds = time.perf_counter() - start
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    if kind == "generate":  # MkDocs without the plugin, given what the plugin gives it: the navigation, the contact
        config = yaml.safe_load(Path("mkdocs.yml").read_text(encoding="utf-8"))
        config.update(plugins=[], nav=result.nav, site_dir="site-alone")
        if result.contact:
            config.setdefault("extra", {})["lien_he"] = result.contact
        Path("mkdocs-alone.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    print(json.dumps({"seconds": seconds, "own_cpu": own.ru_utime + own.ru_stime,
                      "cpu": own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime,
                      "peak_mb": own.ru_maxrss / 1024, "child_peak_mb": children.ru_maxrss / 1024}))


def run_child(kind: str, project: Path) -> dict:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    out = subprocess.run([sys.executable, __file__, "--child", kind, str(project)], capture_output=True, text=True, env=env)
    if out.returncode:
        raise SystemExit(out.stderr[-3000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def project_of(communes: int, periods: int, workdir: Path, name: str, procedures: int = 0) -> Path:
    from generator.tools.synth import synthesize

    project = workdir / name
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project)
    shutil.copytree(ROOT / "theme", project / "theme")
    shutil.copytree(ROOT / "content" / "thong-tin", project / "content" / "thong-tin")
    synthesize(communes, periods, project / "data", ROOT / "data", seed=communes * 100 + periods, procedures=procedures)
    return project


def _empty_docs(project: Path) -> None:
    """content/ as a fresh checkout has it: only the hand-written pages; and no site/ or site-alone/ yet, so that
    neither MkDocs alone (which empties its site_dir first) nor the whole build (which removes the old site/ once
    the new one is in place) spends its time deleting the last build's 1,000 or 10,000 files. What is moved aside
    is deleted once the sizes are measured (_trash): deleting 1,600 files just before writing as many makes ext4
    look for inodes not recently freed (perf: `recently_deleted`), 0.5 s of system time at 100 communes that neither
    a fresh checkout nor a webmaster's next build (content/ as the last one left it) pays."""
    _move_aside(project, "content", "site", "site-alone")
    shutil.copytree(ROOT / "content" / "thong-tin", project / "content" / "thong-tin")


def _move_aside(project: Path, *folders: str) -> None:
    trash = _trash(project)
    trash.mkdir(exist_ok=True)
    for folder in folders:
        if (project / folder).exists():
            (project / folder).rename(trash / str(len(list(trash.iterdir()))))


def _trash(project: Path) -> Path:
    return project.with_name(project.name + "-trash")


def _edit_one_value(project: Path, times: int) -> None:
    """One value of one commune's period file changed, as a clerk's correction: indicator 1.1.a plus 1000 × times."""
    xa = project / "data" / "xa"
    slug = sorted(p.name for p in xa.iterdir())[len(list(xa.iterdir())) // 2]
    period = next((xa / slug).glob("2*.yaml"))
    text = period.read_text(encoding="utf-8")
    value = int(re.search(r"\n    1\.1\.a: (\d+)\n", text)[1])
    period.write_text(text.replace(f"\n    1.1.a: {value}\n", f"\n    1.1.a: {value + 1000 * times}\n"), encoding="utf-8")


def measure(communes: int, periods: int, workdir: Path, rounds: int = 1) -> dict:
    project = project_of(communes, periods, workdir, f"p{communes}x{periods}")
    generator = run_child("generate", project)  # the generator alone (writes the Markdown and mkdocs-alone.yml)
    alone, whole, warm, edited = [], [], [], []
    for i in range(rounds):  # alternating, so a machine busy with something else weighs on both
        _move_aside(project, "site-alone")  # content/ holds the generated pages: the last build wrote them
        alone.append(run_child("alone", project))  # MkDocs alone, on the pages the generator wrote
        _empty_docs(project)
        shutil.rmtree(project / ".cache", ignore_errors=True)
        whole.append(run_child("build", project))  # mkdocs build, which runs the generator again through the plugin
        _empty_docs(project)
        warm.append(run_child("build", project))  # the next build, given what the first kept in .cache/cchc/
        _empty_docs(project)
        _edit_one_value(project, i + 1)
        edited.append(run_child("build", project))  # the next build after a clerk's correction in one commune
    best_alone = min(alone, key=lambda r: r["seconds"])
    best = min(whole, key=lambda r: r["seconds"])
    best_warm = min(warm, key=lambda r: r["seconds"])
    best_edited = min(edited, key=lambda r: r["seconds"])
    pages = [p.stat().st_size for p in (project / "site").rglob("*.html") if p.name != "404.html"]
    total = sum(p.stat().st_size for p in (project / "site").rglob("*") if p.is_file())
    result = {
        "communes": communes,
        "periods": periods,
        "pages": len(pages),
        "generator_s": round(generator["seconds"], 2),
        "mkdocs_alone_s": round(best_alone["seconds"], 2),
        "mkdocs_build_s": round(best["seconds"], 2),
        "ratio": round(best["seconds"] / best_alone["seconds"], 2),
        "all_ratios": " ".join(f"{w['seconds'] / a['seconds']:.2f}" for a, w in zip(alone, whole)),
        "next_build_s": round(best_warm["seconds"], 2),
        "next_ratio": round(best_warm["seconds"] / best_alone["seconds"], 2),
        "all_next_ratios": " ".join(f"{w['seconds'] / a['seconds']:.2f}" for a, w in zip(alone, warm)),
        "edited_build_s": round(best_edited["seconds"], 2),
        "edited_ratio": round(best_edited["seconds"] / best_alone["seconds"], 2),
        "all_edited_ratios": " ".join(f"{w['seconds'] / a['seconds']:.2f}" for a, w in zip(alone, edited)),
        "cpu_next_s": round(min(w["cpu"] for w in warm), 2),
        "cpu_next_own_s": round(min(w["own_cpu"] for w in warm), 2),
        "cpu_alone_s": round(min(a["cpu"] for a in alone), 2),
        "cpu_build_s": round(min(w["cpu"] for w in whole), 2),
        "cpu_build_own_s": round(min(w["own_cpu"] for w in whole), 2),
        "generator_share": round(generator["seconds"] / best["seconds"], 3),
        "s_per_page": round(best["seconds"] / len(pages), 4),
        "median_html_bytes": int(statistics.median(pages)),
        "largest_html_bytes": max(pages),
        "site_bytes": total,
        "peak_mb": round(max(generator["peak_mb"], *(w["peak_mb"] for w in whole + warm + edited)), 1),
        "child_peak_mb": round(max(w["child_peak_mb"] for w in whole + warm + edited), 1),
    }
    shutil.rmtree(project)
    shutil.rmtree(_trash(project), ignore_errors=True)
    return result


def with_procedures(communes: int, per_province: int, workdir: Path) -> dict:
    """The same portal without and with a list of per_province procedures for each of its provinces: the whole build
    from nothing and the next one, the pages, and the search indexes; a procedure has one page per province, whatever
    the number of its communes."""
    row = {"communes": communes, "per_province": per_province}
    for name, count in (("without", 0), ("with", per_province)):
        project = project_of(communes, 1, workdir, f"tt{communes}-{name}", procedures=count)
        first = run_child("build", project)
        _empty_docs(project)
        following = run_child("build", project)
        site = project / "site"
        row[f"{name}_build_s"], row[f"{name}_next_s"] = round(first["seconds"], 1), round(following["seconds"], 1)
        row[f"{name}_peak_mb"] = round(max(first["peak_mb"], following["peak_mb"]))
        row[f"{name}_pages"] = sum(1 for _ in site.rglob("*.html"))
        row[f"{name}_index_mb"] = round(sum(f.stat().st_size for f in site.rglob("*") if f.is_file()
                                            and "pagefind" in f.parts) / 2**20, 1)
        if count:
            lists = sorted(site.glob("thu-tuc-*/"))
            provinces = [d for d in lists if d.name != "thu-tuc-toan-quoc"]
            pages = [p for d in provinces for p in d.glob("*/index.html")]
            row["provinces"] = len(provinces)
            row["procedure_pages"] = len(pages)
            row["pages_per_procedure_per_province"] = round(len(pages) / (len(provinces) * count), 3)
            row["median_procedure_html_bytes"] = int(statistics.median(p.stat().st_size for p in pages))
            indexes = [sum(f.stat().st_size for f in (d / "pagefind").rglob("*") if f.is_file()) for d in provinces]
            row["median_province_index_kb"] = int(statistics.median(indexes) / 1024)
            lists_html = [(site / x / "thu-tuc" / "index.html").stat().st_size for x in
                          (p.name for p in (project / "data" / "xa").iterdir())]
            row["median_commune_list_html_bytes"] = int(statistics.median(lists_html))
        shutil.rmtree(project)
        shutil.rmtree(_trash(project), ignore_errors=True)
    return row


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=600) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError):
        return ""


def _wait(url: str, text: str, limit: float) -> float:
    """Seconds until url shows text, polled every 50 ms; limit: give up (SystemExit) after that many seconds."""
    start = time.perf_counter()
    while text not in _get(url):
        if time.perf_counter() - start > limit:
            raise SystemExit(f"{url} did not show {text!r} within {limit} s")
        time.sleep(0.05)
    return time.perf_counter() - start


def _cpu_seconds(pid: int) -> float:
    """CPU time of a process and of the children it waited for (Pagefind), from /proc: on a machine shared with other
    work, what a save costs apart from the wait for a free core."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(x) for x in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def save_to_visible(communes: int, workdir: Path, saves: int = 3) -> dict:
    """`mkdocs serve` on a portal of communes; seconds from saving a changed value to the page showing it."""
    project = project_of(communes, 1, workdir, f"serve{communes}")
    slug = sorted(p.name for p in (project / "data" / "xa").iterdir())[communes // 2]
    period = next((project / "data" / "xa" / slug).glob("2*.yaml"))
    page = f"{slug}/bao-cao/{period.stem}/phu-luc/"
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=project, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seconds, cpu = [], []
    try:
        base = f"http://127.0.0.1:{port}/"
        first = _wait(base + page, "chi-tieu-1-1-a", 1800)
        text = period.read_text(encoding="utf-8")
        value = int(re.search(r"\n    1\.1\.a: (\d+)\n", text)[1])
        load = [os.getloadavg()[0]]
        for i in range(1, saves + 1):
            shown = f"{value + 1000 * i:,}".replace(",", ".")  # as the page writes it
            before = _cpu_seconds(server.pid)
            period.write_text(text.replace(f"\n    1.1.a: {value}\n", f"\n    1.1.a: {value + 1000 * i}\n"), encoding="utf-8")
            seconds.append(round(_wait(base + page, shown, 600), 2))
            cpu.append(round(_cpu_seconds(server.pid) - before, 2))
        load.append(os.getloadavg()[0])
        status = Path(f"/proc/{server.pid}/status").read_text()
        peak = int(re.search(r"VmHWM:\s+(\d+) kB", status)[1]) / 1024  # the server's peak resident memory
    finally:
        server.terminate()
        server.wait(timeout=60)
        shutil.rmtree(project)
    return {"communes": communes, "first_build_s": round(first, 1), "save_to_visible_s": seconds, "cpu_s": cpu,
            "peak_mb": round(peak), "load": load}


def _serve_first_page(project: Path, page: str) -> dict:
    """Start `mkdocs serve` in project; seconds until page is served, and the server's CPU and peak memory by then."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    load = os.getloadavg()[0]
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=project, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        seconds = _wait(f"http://127.0.0.1:{port}/{page}", "chi-tieu-1-1-a", 1800)
        cpu = _cpu_seconds(server.pid)
        peak = int(re.search(r"VmHWM:\s+(\d+) kB", Path(f"/proc/{server.pid}/status").read_text())[1]) / 1024
    finally:
        server.terminate()
        server.wait(timeout=60)
    return {"s": round(seconds, 1), "cpu_s": round(cpu, 1), "peak_mb": round(peak), "load": round(load, 1)}


def serve_start(communes: int, workdir: Path) -> dict:
    """Seconds from starting `mkdocs serve` to a commune's appendix page served: right after a `mkdocs build` (its
    .cache/cchc/ and content/ as it left them), after that and one value of one commune's period file changed, and
    from nothing (no .cache/, content/ as a fresh checkout has it)."""
    project = project_of(communes, 1, workdir, f"start{communes}")
    slug = sorted(p.name for p in (project / "data" / "xa").iterdir())[communes // 2]
    page = f"{slug}/bao-cao/{next((project / 'data' / 'xa' / slug).glob('2*.yaml')).stem}/phu-luc/"
    build = run_child("build", project)
    warm = _serve_first_page(project, page)
    _edit_one_value(project, 1)
    edited = _serve_first_page(project, page)
    _empty_docs(project)
    shutil.rmtree(project / ".cache")
    cold = _serve_first_page(project, page)
    shutil.rmtree(project)
    shutil.rmtree(_trash(project), ignore_errors=True)
    return {"communes": communes, "build_s": round(build["seconds"], 1), "warm": warm, "edited": edited, "cold": cold}


def print_serve_start(sizes: list[int], workdir: Path) -> None:
    print("\n| communes | `mkdocs build` before (s) | first page: after the build (s) | after it and one edit (s) | "
          "from nothing (s) | CPU of `mkdocs serve` by then: after the build / one edit / nothing (s) | its peak (MB) | "
          "load (1 min) at each start |\n|---|---|---|---|---|---|---|---|", flush=True)
    for communes in sizes:
        row = serve_start(communes, workdir)
        runs = [row["warm"], row["edited"], row["cold"]]
        print(f"| {communes} | {row['build_s']} | {' | '.join(str(r['s']) for r in runs)} | "
              f"{' / '.join(str(r['cpu_s']) for r in runs)} | {' / '.join(str(r['peak_mb']) for r in runs)} | "
              f"{', '.join(str(r['load']) for r in runs)} |", flush=True)


def sharded(communes: int, workdir: Path) -> dict:
    """Wall time of one build against two shards side by side (2 cores) plus the join, same portal."""
    from generator.tools.synth import synthesize

    project = workdir / f"s{communes}"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project)
    shutil.copytree(ROOT / "theme", project / "theme")
    shutil.copytree(ROOT / "content" / "thong-tin", project / "content" / "thong-tin")
    synthesize(communes, 1, project / "data", ROOT / "data", seed=communes)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    cchc = [sys.executable, "-m", "generator.cli"]
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=project, env=env, check=True)
    single = time.perf_counter() - start
    start = time.perf_counter()
    jobs = [subprocess.Popen([*cchc, "shard", "--shard", f"{k}/2", "--out", f"shard{k}"], cwd=project, env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for k in (1, 2)]
    if any(job.wait() for job in jobs):
        raise SystemExit("a shard failed")
    subprocess.run([*cchc, "join", "shard1", "shard2", "--out", "joined"], cwd=project, env=env, check=True,
                   stdout=subprocess.DEVNULL)
    parallel = time.perf_counter() - start
    shutil.rmtree(project)
    return {"communes": communes, "single_s": round(single, 1), "two_shards_and_join_s": round(parallel, 1)}


def print_save_to_visible(sizes: list[int], workdir: Path) -> None:
    print("\n| communes | first build (s) | save→visible (s), three saves | CPU of `mkdocs serve` per save (s) | peak memory "
          "of `mkdocs serve` (MB) | load average (1 min) at the first save, after the last |\n|---|---|---|---|---|---|",
          flush=True)
    for communes in sizes:
        row = save_to_visible(communes, workdir)
        print(f"| {communes} | {row['first_build_s']} | {' '.join(map(str, row['save_to_visible_s']))} | "
              f"{' '.join(map(str, row['cpu_s']))} | {row['peak_mb']} | " + ", ".join(f"{x:.1f}" for x in row["load"]) + " |",
              flush=True)


def main(argv: list[str]) -> None:
    if argv[:1] == ["--child"]:
        child(argv[1], argv[2])
        return
    if argv[:1] == ["--shards"]:  # only the comparison of one build with two shards and their join
        with tempfile.TemporaryDirectory() as tmp:
            row = sharded(int(argv[1]), Path(tmp))
        print(f"Sharded build of {row['communes']} communes, wall time: one `mkdocs build` {row['single_s']} s; "
              f"two `cchc shard` side by side + `cchc join` {row['two_shards_and_join_s']} s")
        return
    if argv[:1] == ["--procedures"]:  # only: the provinces' procedure lists at a size
        print(f"# machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}")
        with tempfile.TemporaryDirectory() as tmp:
            for communes in argv[2:]:
                print(json.dumps(with_procedures(int(communes), int(argv[1]), Path(tmp)), ensure_ascii=False), flush=True)
        return
    if argv[:1] == ["--serve-start"]:  # only: serve's first page, with and without what a build kept
        print(f"# machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}")
        with tempfile.TemporaryDirectory() as tmp:
            print_serve_start([int(a) for a in argv[1:]], Path(tmp))
        return
    if argv[:1] == ["--serve"]:  # only save→visible
        print(f"# machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}")
        with tempfile.TemporaryDirectory() as tmp:
            print_save_to_visible([int(a) for a in argv[1:]], Path(tmp))
        return
    rounds, serve = 1, True
    if argv[:1] == ["--build-only"]:
        serve, argv = False, argv[1:]
    if argv[:1] == ["--rounds"]:
        rounds, argv = int(argv[1]), argv[2:]
    sizes = [(int(a), 1) for a in argv] if argv else SIZES
    print(f"# machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    columns = ["communes", "periods", "pages", "generator_s", "mkdocs_alone_s", "mkdocs_build_s", "ratio", "all_ratios",
               "next_build_s", "next_ratio", "all_next_ratios", "edited_build_s", "edited_ratio", "all_edited_ratios",
               "cpu_alone_s", "cpu_build_s", "cpu_build_own_s",
               "cpu_next_s", "cpu_next_own_s", "generator_share", "s_per_page", "median_html_bytes", "largest_html_bytes",
               "site_bytes", "peak_mb", "child_peak_mb"]
    print("| " + " | ".join(columns) + " |")
    print("|" + "---|" * len(columns))
    with tempfile.TemporaryDirectory() as tmp:
        for communes, periods in sizes:
            row = measure(communes, periods, Path(tmp), rounds)
            print("| " + " | ".join(str(row[c]) for c in columns) + " |", flush=True)
        if not serve:
            return
        print_save_to_visible(sorted({c for c, p in sizes if c > 1 and p == 1}), Path(tmp))
        if not argv:
            row = sharded(100, Path(tmp))
            print(f"\nSharded build of {row['communes']} communes, wall time: one `mkdocs build` {row['single_s']} s; "
                  f"two `cchc shard` side by side + `cchc join` {row['two_shards_and_join_s']} s", flush=True)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main(sys.argv[1:])
