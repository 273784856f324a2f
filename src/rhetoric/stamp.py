"""What made an output: package version, lexicon hash, model and options.

Every table ``rhetoric`` writes carries this record, so that a number read
years later can be traced to the code and word lists that produced it:

* Parquet files hold it as key-value metadata under the key ``rhetoric``
  (``pyarrow.parquet.read_schema(path).metadata[b"rhetoric"]``);
* CSV and JSONL files get a sidecar, ``FILE.meta.json``, so the CSV itself
  stays plain (no comment line for a reader to trip over).

``CHANGELOG.md`` says, per version, whether the counts change.

Example:
    >>> stamp = made_by(None, model={"name": "core_web_sm", "version": "3.8.0"})  # doctest: +SKIP
    >>> stamp["rhetoric_version"], stamp["lexicon_sha256"][:8]  # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

__all__ = ["lexicon_hash", "model_info", "made_by", "write_sidecar", "sidecar_path", "METADATA_KEY"]

METADATA_KEY = b"rhetoric"


def lexicon_hash(lexicon=None) -> str:
    """SHA-256 of the lexicon in force (the package's, merged with a user's file if any).

    The hash covers every column of every entry, in a fixed order, so two runs
    share a hash exactly when their word lists, weights and rules are the same.
    """
    from .lexicon import COLUMNS, Lexicon

    lex = Lexicon.coerce(lexicon)
    rows = sorted(
        "\t".join(",".join(v) if isinstance(v, tuple) else str(v) for v in (getattr(e, c) for c in COLUMNS))
        for e in lex.entries
    )
    return hashlib.sha256("\n".join(rows).encode("utf-8")).hexdigest()


def model_info(nlp) -> dict:
    """The spaCy pipeline's name, version and components."""
    import spacy

    meta = getattr(nlp, "meta", {}) or {}
    return {
        "name": f"{meta.get('lang', '')}_{meta.get('name', '')}",
        "version": str(meta.get("version", "")),
        "components": list(getattr(nlp, "pipe_names", [])),
        "spacy": spacy.__version__,
    }


def made_by(
    lexicon=None, *, model: dict | None = None, options: dict | None = None, command: str = ""
) -> dict:
    """The record written beside or inside every output.

    Args:
        lexicon: the lexicon used (``None`` for the package's own, a path, or a Lexicon).
        model: :func:`model_info` of the pipeline used.
        options: scoring options (ner, readability, batch size, ...).
        command: the subcommand or function that wrote the output.
    """
    from . import __version__

    return {
        "rhetoric_version": __version__,
        "lexicon_sha256": lexicon_hash(lexicon),
        "lexicon_file": str(lexicon) if isinstance(lexicon, (str, Path)) else "",
        "model": model or {},
        "options": options or {},
        "command": command,
        "changelog": "CHANGELOG.md says when counts change between versions",
    }


def sidecar_path(path: str | Path) -> Path:
    """``out.csv`` -> ``out.csv.meta.json``."""
    p = Path(path)
    return p.with_name(p.name + ".meta.json")


def write_sidecar(path: str | Path, stamp: dict, **extra) -> Path:
    """Write ``stamp`` (and ``extra`` fields such as row counts) to ``FILE.meta.json``."""
    out = sidecar_path(path)
    out.write_text(json.dumps({**stamp, **extra}, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return out
