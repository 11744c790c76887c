"""Set each sitemap entry's lastmod to the date of the page's data (its front matter cap_nhat)."""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET
from pathlib import Path

NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def set_lastmod(site_dir: Path, dates: dict[str, str]) -> None:
    path = site_dir / "sitemap.xml"
    if not path.exists() or not dates:
        return
    ET.register_namespace("", NS)
    tree = ET.parse(path)
    for url in tree.getroot():
        date = dates.get(url.findtext(f"{{{NS}}}loc"))
        lastmod = url.find(f"{{{NS}}}lastmod")
        if date and lastmod is not None:
            lastmod.text = date
    xml = ET.tostring(tree.getroot(), encoding="unicode", xml_declaration=True)
    path.write_text(xml, encoding="utf-8")
    (site_dir / "sitemap.xml.gz").write_bytes(gzip.compress(xml.encode("utf-8"), mtime=0))
