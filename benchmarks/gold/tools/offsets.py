"""Turn annotation notes (snippet in context -> category) into spans.tsv rows.

The annotator writes, per document, a notes file of lines such as

    @doc written
    @p The ministry said the figures
    The ministry [[said]] | s
    [[might]] be revised | h ep q:rs | the ministry's words

``@p CTX`` starts a paragraph: CTX must occur once in the document, and the
rows after it are looked up from there to the next blank line. A row is
``context with [[the mark]] | category [sense] [q:basis] [a] | note``.
The context (the brackets removed) must occur exactly once in the paragraph,
unless prefixed ``N#`` (take the N-th) or ``!`` (look it up in the whole
document, where it must be unique; ``\\n`` stands for a newline).
``[[FROM >>> TO]]`` marks from FROM to the end of the first TO after it
(for quotations that run over paragraphs). ``@voice q:BASIS`` makes
the following rows quoted with that basis until ``@voice a``.

Abbreviations: categories h a e s n (hedge absolute emotive source none);
senses ep ab hab wish fip obl cond uni idi qty det man fix neg; bases qm bq li
uc rs. Anything else in the second field is an error.

    python benchmarks/gold/tools/offsets.py NOTES... > benchmarks/gold/spans.tsv
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from check import COLUMNS as HEADER  # noqa: E402
from check import read_doc as read

CATS = {"h": "hedge", "a": "absolute", "e": "emotive", "s": "source", "n": "none"}
SENSES = {
    "ep": "epistemic", "ab": "ability", "hab": "habit", "wish": "wish",
    "fip": "future_in_past", "obl": "obligation", "cond": "conditional",
    "uni": "universal", "idi": "idiom", "qty": "quantity", "det": "determiner",
    "man": "manner", "fix": "fixed_phrase", "neg": "negated_prefix",
}
BASES = {"qm": "quote_marks", "bq": "block_quote", "li": "lead_in",
         "uc": "unmatched_close", "rs": "reported_speech"}
BLANK = re.compile(r"\n[ \t]*\n")

def occurrences(hay: str, needle: str, base: int) -> list[int]:
    out, i = [], hay.find(needle)
    while i >= 0:
        out.append(base + i)
        i = hay.find(needle, i + 1)
    return out


def convert(lines, where: str = "notes") -> list[list[str]]:
    rows: list[list[str]] = []
    doc = raw = None
    region = (0, 0)
    voice = ("author", "")
    for n, line in enumerate(lines, 1):
        line = line.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        at = f"{where}:{n}"
        if line.startswith("@doc "):
            doc = line[5:].strip()
            raw = read(doc)
            region, voice = (0, len(raw)), ("author", "")
            continue
        if line.startswith("@p "):
            ctx = line[3:]
            hits = occurrences(raw, ctx, 0)
            if len(hits) != 1:
                raise SystemExit(f"{at}: paragraph anchor {ctx!r} occurs {len(hits)} times")
            m = BLANK.search(raw, hits[0])
            region = (hits[0], m.start() if m else len(raw))
            continue
        if line.startswith("@voice "):
            v = line[7:].strip()
            voice = ("author", "") if v == "a" else ("quoted", BASES[v.split(":")[1]])
            continue
        parts = [p.strip() for p in line.split(" | ")]
        if len(parts) < 2:
            raise SystemExit(f"{at}: expected 'context | category ...': {line!r}")
        ctx, spec, note = parts[0], parts[1], " | ".join(parts[2:])
        nth, whole = 1, False
        if ctx.startswith("!"):
            whole, ctx = True, ctx[1:]
        m = re.match(r"(\d+)#", ctx)
        if m:
            nth, ctx = int(m.group(1)), ctx[m.end():]
        ctx = ctx.replace("\\n", "\n")
        if ctx.count("[[") != 1 or ctx.count("]]") != 1:
            raise SystemExit(f"{at}: mark exactly one [[...]] in {ctx!r}")
        pre, rest = ctx.split("[[")
        mark, post = rest.split("]]")
        lo, hi = (0, len(raw)) if whole else region
        if " >>> " in mark:  # a long span: from FROM to the end of the first TO after it
            frm, to = mark.split(" >>> ")
            hits = occurrences(raw[lo:hi], pre + frm, lo)
            if len(hits) != 1:
                raise SystemExit(f"{at}: {pre + frm!r} occurs {len(hits)} times in {doc}")
            start = hits[0] + len(pre)
            stop = raw.find(to, start + len(frm))
            if stop < 0:
                raise SystemExit(f"{at}: {to!r} not found after {frm!r}")
            mark = raw[start:stop + len(to)]
            post = ""
        plain = pre + mark + post
        hits = occurrences(raw[lo:hi], plain, lo)
        if (len(hits) != 1 and nth == 1 and not m) or len(hits) < nth:
            raise SystemExit(f"{at}: {plain!r} occurs {len(hits)} times in {doc} [{lo}:{hi}]")
        start = hits[nth - 1] + len(pre)
        end = start + len(mark)
        toks = spec.split()
        cat = CATS[toks[0]]
        sense, v = "", voice
        for t in toks[1:]:
            if t in SENSES:
                sense = SENSES[t]
            elif t.startswith("q:"):
                v = ("quoted", BASES[t[2:]])
            elif t == "a":
                v = ("author", "")
            else:
                raise SystemExit(f"{at}: unknown token {t!r}")
        rows.append([doc, str(start), str(end), mark, cat, sense, v[0], v[1], note])
    return rows


def main(argv: list[str]) -> None:
    rows = []
    for path in argv:
        with open(path, encoding="utf-8") as f:
            rows += convert(f, Path(path).name)
    order = {"001": 0, "003": 1, "written": 2}
    rows.sort(key=lambda r: (order[r[0]], int(r[1]), int(r[2]), r[4]))
    out = sys.stdout
    out.write("\t".join(HEADER) + "\n")
    for r in rows:
        out.write("\t".join(c.replace("\t", " ").replace("\n", "\\n") for c in r) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
