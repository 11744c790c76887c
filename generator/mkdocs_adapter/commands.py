"""The `cchc` commands that run MkDocs or read mkdocs.yml: shard, join, and the footer contact of `cchc render`.

They live here, beside the plugin, so that nothing outside this package imports MkDocs.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.exceptions import Abort, MkDocsException

from generator.core.problems import UserError, say

from . import shards


def shard_or_join(args) -> int:
    """Build one shard, or join shards, with the settings of mkdocs.yml."""
    said = logging.StreamHandler(sys.stderr)  # what the build logs (the plugin's worded errors among it) is shown
    said.setLevel(logging.WARNING)
    said.setFormatter(logging.Formatter("%(message)s"))
    logging.getLogger("mkdocs").addHandler(said)
    try:
        if args.command == "shard":
            shards.build_shard(args.shard or f"tinh:{args.province}", Path(args.out), Path(args.config))
        else:
            config = load_config(args.config)
            data_dir = Path(config.config_file_path).parent / config.plugins["cchc"].config.data_dir
            shards.join([Path(p) for p in args.shards], Path(args.out), data_dir, config.site_url, config.site_name,
                 config.extra.get("lien_he"))
    except Abort:  # MkDocs has logged why, above; its own closing line is English
        return 1
    except MkDocsException as exc:
        print(exc, file=sys.stderr)
        return 1
    print(args.out)
    return 0


def site_contact(config_file: str | None) -> dict | None:
    """extra.lien_he of a MkDocs config, read as MkDocs reads it; a file that is not there or not a MkDocs config is
    a usage error naming it."""
    if not config_file:
        return None
    if not Path(config_file).is_file():
        raise UserError(say("lien_he_config_khong_co", tep=config_file), 2)
    try:
        return load_config(config_file).extra.get("lien_he")
    except Abort:  # MkDocs has logged why, above; its own closing line is English
        raise UserError(say("lien_he_config_loi", tep=config_file, loi=say("lien_he_config_ly_do_o_tren")), 2) from None
    except MkDocsException as exc:
        raise UserError(say("lien_he_config_loi", tep=config_file, loi=exc.format_message()), 2) from None
