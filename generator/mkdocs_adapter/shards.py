"""A national portal built in pieces: one shard per province group, then one join.

MkDocs builds one site in one process. `cchc shard --shard K/N --out DIR` builds the
portal home and the pages of every N-th province (or `--province NAME`) into DIR, on
its own; `cchc join DIR… --out SITE` puts the shards together, indexes the whole site for
search, merges the sitemap, and writes the portal-wide downloads, catalogue and feeds. Because the
site navigation of a many-commune portal lists only the home, a page built in a shard
is the same page the whole-country build writes.
"""

from __future__ import annotations

import gzip
import os
import shutil
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

from generator.core.problems import DataError, UserError, say
from generator.core.site_paths import search_index_folder
from generator.pipeline.build import check, search_folders, views_of
from generator.pipeline.shard_spec import ENV, parse
from generator.render.opendata import open_data_files
from generator.write.search_index import build_search_index
from generator.write.writer import hand_written

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"

def build_shard(spec: str, out: Path, config_file: Path) -> None:
    """Build one shard with the real MkDocs, in its own docs folder so shards can run side by side."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    parse(spec)  # a usage error before any work
    config_file = Path(config_file).resolve()
    project = config_file.parent
    with tempfile.TemporaryDirectory(prefix="cchc-shard-") as docs:
        content = project / "content"
        for rel in hand_written(content):
            target = Path(docs) / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(content / rel, target)
        os.environ[ENV] = spec
        try:
            build(load_config(str(config_file), docs_dir=docs, site_dir=str(Path(out).resolve())))
        finally:
            del os.environ[ENV]


def join(shards: list[Path], out: Path, data_dir: Path, site_url: str | None, site_name: str,
         site_contact: dict | None = None) -> None:
    """One site from the shards: their files, one search index, one sitemap, and the portal-wide files."""
    out = Path(out)
    for shard in map(Path, shards):
        if shard.is_dir() and not (shard / "index.html").is_file():
            raise UserError(say("join_khong_phai_phan", thu_muc=shard), 2)
    out.mkdir(parents=True, exist_ok=True)
    urls: dict[str, ET.Element] = {}
    for shard in map(Path, shards):
        shutil.copytree(shard, out, dirs_exist_ok=True)
        sitemap = shard / "sitemap.xml"
        if sitemap.exists():
            for url in ET.parse(sitemap).getroot():
                urls.setdefault(url.findtext(f"{{{SITEMAP_NS}}}loc"), url)
    if urls:
        ET.register_namespace("", SITEMAP_NS)
        root = ET.Element(f"{{{SITEMAP_NS}}}urlset")
        root.extend(urls[loc] for loc in sorted(urls))
        xml = ET.tostring(root, encoding="unicode", xml_declaration=True)
        (out / "sitemap.xml").write_text(xml, encoding="utf-8")
        (out / "sitemap.xml.gz").write_bytes(gzip.compress(xml.encode("utf-8"), mtime=0))
    result = check(data_dir)
    if result.portal is None or result.blocking:
        raise DataError(result.problems)
    views = views_of(result)
    for page in open_data_files(views, site_url, site_name, communes=False, site_contact=site_contact):
        target = out / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(page.content)
    shutil.rmtree(out / search_index_folder(), ignore_errors=True)
    build_search_index(out, search_folders(views))

