"""Validate the span-level gold tables and print their counts.

    python benchmarks/gold/check.py                      # spans.tsv (and second/spans.tsv if present)
    python benchmarks/gold/check.py path/to/spans.tsv ...

Checks, with the file and line of every problem: the header, the allowed
values of every column (GUIDELINE.md), integer offsets inside the document,
``raw[start:end] == text`` (newlines inside a span are written ``\\n`` in the
table), a sense on every row for a listed modal or quantifier, a voice basis
exactly when the voice is ``quoted``, and no duplicate rows. Prints the number
of rows per category and voice. Exits 1 if anything is wrong.
"""
from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from functools import cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
DOCS = {
    "001": ROOT / "data/raqqa/001_d2059ae70f4b2c2d.txt",
    "003": ROOT / "data/raqqa/003_8e398962ef508d64.txt",
    "written": HERE / "texts/written.txt",
}
COLUMNS = ["doc", "start", "end", "text", "category", "sense", "voice", "voice_basis", "note"]
CATEGORIES = ("hedge", "absolute", "emotive", "source", "none")
CUE_CATEGORIES = CATEGORIES[:4]
SENSES = ("", "epistemic", "ability", "habit", "wish", "future_in_past", "obligation",
          "conditional", "universal", "idiom", "quantity", "determiner", "manner",
          "fixed_phrase", "negated_prefix")
VOICES = ("author", "quoted")
BASES = ("quote_marks", "block_quote", "lead_in", "unmatched_close", "reported_speech")
# Words whose every occurrence gets a row with a sense (GUIDELINE.md, "Senses").
SENSE_WORDS = frozenset(
    "would could should must can might may couldn't can't cannot mustn't wouldn't "
    "shouldn't mightn't all every entire total full none ever always everyone never".split()
)
DEFAULT = HERE / "spans.tsv"
SECOND = HERE / "second" / "spans.tsv"


@cache
def read_doc(doc: str) -> str:
    """The document's text, read as GUIDELINE.md says offsets are counted."""
    with open(DOCS[doc], encoding="utf-8", newline="") as f:
        return f.read()


def unescape(text: str) -> str:
    return text.replace("\\n", "\n")


def load(path: str | Path) -> list[dict]:
    """Rows of a gold table as dicts (start, end as int), with their line number."""
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader, None)
        if header != COLUMNS:
            raise ValueError(f"{path}:1: header must be {COLUMNS}, got {header}")
        rows = []
        for line, cells in enumerate(reader, 2):
            row = dict(zip(COLUMNS, cells + [""] * (len(COLUMNS) - len(cells)), strict=False))
            row["line"] = line
            row["ncells"] = len(cells)
            rows.append(row)
    return rows


def problems(path: str | Path) -> tuple[list[str], list[dict]]:
    """Every problem found in the table, as 'path:line: what', and its rows."""
    try:
        rows = load(path)
    except (OSError, ValueError) as e:
        return [str(e)], []
    errs: list[str] = []
    seen: dict[tuple, int] = {}
    for r in rows:
        at = f"{path}:{r['line']}"
        if r["ncells"] != len(COLUMNS):
            errs.append(f"{at}: {r['ncells']} columns, expected {len(COLUMNS)}")
            continue
        if r["doc"] not in DOCS:
            errs.append(f"{at}: doc {r['doc']!r} not one of {sorted(DOCS)}")
            continue
        try:
            r["start"], r["end"] = int(r["start"]), int(r["end"])
        except ValueError:
            errs.append(f"{at}: start/end must be integers: {r['start']!r}, {r['end']!r}")
            continue
        raw = read_doc(r["doc"])
        if not 0 <= r["start"] < r["end"] <= len(raw):
            errs.append(f"{at}: offsets {r['start']}-{r['end']} outside 0-{len(raw)} or empty")
            continue
        if raw[r["start"]:r["end"]] != unescape(r["text"]):
            errs.append(f"{at}: text {r['text']!r} but the document holds "
                        f"{raw[r['start']:r['end']]!r} at {r['start']}-{r['end']}")
        if r["category"] not in CATEGORIES:
            errs.append(f"{at}: category {r['category']!r} not one of {CATEGORIES}")
        if r["sense"] not in SENSES:
            errs.append(f"{at}: sense {r['sense']!r} not one of {SENSES[1:]} (or empty)")
        if r["text"].lower() in SENSE_WORDS and not r["sense"]:
            errs.append(f"{at}: {r['text']!r} needs a sense")
        if r["voice"] not in VOICES:
            errs.append(f"{at}: voice {r['voice']!r} not one of {VOICES}")
        elif r["voice"] == "quoted" and r["voice_basis"] not in BASES:
            errs.append(f"{at}: quoted voice needs a voice_basis from {BASES}, got {r['voice_basis']!r}")
        elif r["voice"] == "author" and r["voice_basis"]:
            errs.append(f"{at}: author voice takes no voice_basis, got {r['voice_basis']!r}")
        key = (r["doc"], r["start"], r["end"], r["category"])
        if key in seen:
            errs.append(f"{at}: duplicate of line {seen[key]} {key}")
        else:
            seen[key] = r["line"]
    return errs, rows


def counts(rows: list[dict]) -> Counter:
    """Rows per (category, voice)."""
    return Counter((r["category"], r["voice"]) for r in rows)


def report(path: str | Path, rows: list[dict]) -> str:
    c = counts(rows)
    lines = [f"{path}: {len(rows)} rows",
             f"  {'category':<10}{'author':>8}{'quoted':>8}{'total':>8}"]
    for cat in CATEGORIES:
        a, q = c[(cat, "author")], c[(cat, "quoted")]
        lines.append(f"  {cat:<10}{a:>8}{q:>8}{a + q:>8}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", help="gold tables (default: spans.tsv, and second/spans.tsv if present)")
    args = ap.parse_args(argv)
    paths = args.paths or [p for p in (DEFAULT, SECOND) if p.exists()]
    bad = 0
    for path in paths:
        errs, rows = problems(path)
        for e in errs:
            print(e, file=sys.stderr)
        bad += len(errs)
        print(report(path, rows))
    if bad:
        print(f"{bad} problem(s)", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
