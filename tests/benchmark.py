"""Benchmark: build synthetic portals of growing size and print what grows with them.

Not a test (timings are never asserted); run it by hand and record its output in
tests/benchmark-results.md:

    .venv/bin/python tests/benchmark.py            # 1, 10, 100, 1000 communes x 1 period; 100 x 8
    .venv/bin/python tests/benchmark.py 1 10       # only these sizes

Each build runs in its own process, so peak memory is that build's alone.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES = [(1, 1), (10, 1), (100, 1), (1000, 1), (100, 8)]


def child(kind: str, project: str) -> None:
    """Run one step in this process and print its seconds and peak memory as JSON."""
    os.chdir(project)
    from generator.build import generate  # imports are not the build's time
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    start = time.perf_counter()
    if kind == "generate":
        generate(Path("data"), Path("content"), site_url="https://cchc.example/", site_name="Công khai CCHC")
    else:
        build(load_config("mkdocs.yml"))
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


def run_child(kind: str, project: Path) -> dict:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    out = subprocess.run([sys.executable, __file__, "--child", kind, str(project)], capture_output=True, text=True, env=env)
    if out.returncode:
        raise SystemExit(out.stderr[-3000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure(communes: int, periods: int, workdir: Path) -> dict:
    from generator.synth import synthesize

    project = workdir / f"p{communes}x{periods}"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project)
    shutil.copytree(ROOT / "theme", project / "theme")
    shutil.copytree(ROOT / "content" / "thong-tin", project / "content" / "thong-tin")
    synthesize(communes, periods, project / "data", ROOT / "data", seed=communes * 100 + periods)
    generator = run_child("generate", project)  # the generator alone (writes the Markdown)
    shutil.rmtree(project / "content")
    shutil.copytree(ROOT / "content" / "thong-tin", project / "content" / "thong-tin")
    whole = run_child("build", project)  # mkdocs build, which runs the generator again through the plugin
    pages = [p.stat().st_size for p in (project / "site").rglob("*.html") if p.name != "404.html"]
    total = sum(p.stat().st_size for p in (project / "site").rglob("*") if p.is_file())
    result = {
        "communes": communes,
        "periods": periods,
        "pages": len(pages),
        "generator_s": round(generator["seconds"], 2),
        "mkdocs_build_s": round(whole["seconds"], 2),
        "generator_share": round(generator["seconds"] / whole["seconds"], 3),
        "s_per_page": round(whole["seconds"] / len(pages), 4),
        "median_html_bytes": int(statistics.median(pages)),
        "largest_html_bytes": max(pages),
        "site_bytes": total,
        "peak_mb": round(max(generator["peak_mb"], whole["peak_mb"]), 1),
    }
    shutil.rmtree(project)
    return result


def sharded(communes: int, workdir: Path) -> dict:
    """Wall time of one build against two shards side by side (2 cores) plus the join, same portal."""
    from generator.synth import synthesize

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


def main(argv: list[str]) -> None:
    if argv[:1] == ["--child"]:
        child(argv[1], argv[2])
        return
    sizes = [(int(a), 1) for a in argv] if argv else SIZES
    print(f"# machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    columns = ["communes", "periods", "pages", "generator_s", "mkdocs_build_s", "generator_share", "s_per_page",
               "median_html_bytes", "largest_html_bytes", "site_bytes", "peak_mb"]
    print("| " + " | ".join(columns) + " |")
    print("|" + "---|" * len(columns))
    with tempfile.TemporaryDirectory() as tmp:
        for communes, periods in sizes:
            row = measure(communes, periods, Path(tmp))
            print("| " + " | ".join(str(row[c]) for c in columns) + " |", flush=True)
        if not argv:
            row = sharded(100, Path(tmp))
            print(f"\nSharded build of {row['communes']} communes, wall time: one `mkdocs build` {row['single_s']} s; "
                  f"two `cchc shard` side by side + `cchc join` {row['two_shards_and_join_s']} s", flush=True)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main(sys.argv[1:])
