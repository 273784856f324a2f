"""Does the emotive rate rank BASIL's lexically biased sentences above the rest?

BASIL (Fan et al. 2019) marks spans of lexical bias ("lex") and informational
bias ("inf") in news articles. Every sentence is an item: positive if a
lexical-bias span overlaps it, negative otherwise. Each sentence gets three
scores, all per 100 words of the sentence:

* ``emotive``: rhetoric's counted emotive cues (author and quoted voice),
  the count behind ``emotive_per_100``;
* ``emotive_weighted``: the same cues, summed by their lexicon weight
  (1.0 strongly loaded, 0.5 clearly evaluative, 0.25 mildly loaded);
* ``mpqa_strong``: words of the MPQA subjectivity lexicon (Wilson et al.
  2005) marked strongly subjective, the reference the issue compares with.

The raw counts per sentence (``emotive_count``, ``mpqa_strong_count``) are
printed too: a count also rewards long sentences, and BASIL's biased sentences
are longer than the rest, so the rates are the fair comparison.

It prints each score's AUROC (ties count half) with a bootstrap interval that
resamples whole articles, and the paired difference against MPQA. Articles
are scored the way a user scores them: ``Analyzer.score_many`` over the
article text (paragraphs joined by a blank line), spans placed in sentences
by their offsets.

    python benchmarks/emotive_auroc.py --data DIR [--boot 1000] [--entries]

``DIR`` holds ``emotive-basil/`` and ``lexicon-sources/`` (see validation/data.py).
``--entries`` lists, per emotive entry, how often it fires in positive and in
negative sentences (for reading, not for fitting).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from validation import data as E  # noqa: E402


def basil_sentences(root: Path) -> list[dict]:
    """Articles rebuilt exactly as ``validation.data.load_basil`` does, with sentence offsets."""
    arts, _ = E.load_basil(root)
    by_id = {a.id: a for a in arts}
    out = []
    base = root / E.SET_DIRS["basil"]
    for art_path in sorted((base / "articles").glob("*/*.json")):
        if art_path.stem not in by_id:
            continue
        art = json.loads(art_path.read_text(encoding="utf-8"))
        sents, pos = [], 0
        for pi, para in enumerate(art.get("body-paragraphs", [])):
            if pi:
                pos += 2
            for si, s in enumerate(para):
                if si:
                    pos += 1
                sents.append((pos, pos + len(s)))
                pos += len(s)
        a = by_id[art_path.stem]
        assert pos == len(a.text), art_path
        lex = [g["span"] for g in a.gold if g["bias"] == "lex"]
        out.append({"id": a.id, "text": a.text, "sents": sents, "lex": lex})
    return out


def auroc(pos: list[float], neg: list[float]) -> float:
    """Mann-Whitney AUROC, ties counted half."""
    allv = sorted([(v, 1) for v in pos] + [(v, 0) for v in neg])
    rank_sum, i = 0.0, 0
    while i < len(allv):
        j = i
        while j < len(allv) and allv[j][0] == allv[i][0]:
            j += 1
        mid = (i + j + 1) / 2  # average 1-based rank of the tie block
        rank_sum += mid * sum(1 for k in range(i, j) if allv[k][1])
        i = j
    n1, n0 = len(pos), len(neg)
    return (rank_sum - n1 * (n1 + 1) / 2) / (n1 * n0)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--data", type=Path, required=True, help="folder holding emotive-basil/ and lexicon-sources/"
    )
    ap.add_argument("--boot", type=int, default=1000, help="bootstrap draws over articles (default 1000)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--lexicon", help="a lexicon file to merge over the default one")
    ap.add_argument(
        "--entries", action="store_true", help="list emotive entries by firings in pos/neg sentences"
    )
    ap.add_argument(
        "--show", nargs="*", default=[], metavar="ENTRY", help="print the sentences where these entries fire"
    )
    args = ap.parse_args(argv)

    import rhetoric

    arts = basil_sentences(args.data)
    mpqa = E.read_mpqa(
        args.data / "lexicon-sources" / "mpqa_subjectivity_clues" / "subjclueslen1-HLTEMNLP05.tff"
    )
    an = rhetoric.Analyzer(lexicon=args.lexicon, readability=False)
    docs = (rhetoric.read_document(a["text"], a["id"], markup="none") for a in arts)
    items = []  # (article index, label, emotive rate, weighted rate, mpqa rate)
    fires: dict[str, Counter] = {}
    shown: list[str] = []
    for ai, (a, sc) in enumerate(zip(arts, an.score_many(docs), strict=True)):
        sp = sc.spans
        if "counted" in sp.columns:
            sp = sp[sp["counted"]]
        emo = sp[sp["category"] == "emotive"]
        cues = list(
            zip(
                emo["start"].astype(int),
                emo["end"].astype(int),
                emo["weight"].astype(float),
                emo["entry"],
                strict=True,
            )
        )
        found = mpqa.find(a["text"])
        for s, e in a["sents"]:
            words = len(E.word_spans(a["text"][s:e]))
            if not words:
                continue
            label = int(any(gs < e and s < ge for gs, ge in a["lex"]))
            mine = [c for c in cues if s <= c[0] < e]
            n_mp = sum(1 for fs, _, _ in found if s <= fs < e)
            items.append(
                (ai, label, 100 * len(mine) / words, 100 * sum(c[2] for c in mine) / words, 100 * n_mp / words,
                 len(mine), n_mp)
            )  # fmt: skip
            for c in mine:
                fires.setdefault(c[3], Counter())[label] += 1
                if c[3] in args.show:
                    shown.append(f"{c[3]} [{'+' if label else '-'}] {a['text'][s:e][:200]}")

    names = ("emotive", "emotive_weighted", "mpqa_strong", "emotive_count", "mpqa_strong_count")

    def scores(sample: list[tuple]) -> list[float]:
        out = []
        for k in range(len(names)):
            pos = [it[2 + k] for it in sample if it[1]]
            neg = [it[2 + k] for it in sample if not it[1]]
            out.append(auroc(pos, neg))
        return out

    point = scores(items)
    by_art: dict[int, list[tuple]] = {}
    for it in items:
        by_art.setdefault(it[0], []).append(it)
    keys = sorted(by_art)
    rng = random.Random(args.seed)
    draws = []
    for _ in range(args.boot):
        sample = [it for k in (rng.choice(keys) for _ in keys) for it in by_art[k]]
        draws.append(scores(sample))

    def ci(vals: list[float]) -> tuple[float, float]:
        v = sorted(vals)
        return v[int(0.025 * len(v))], v[min(len(v) - 1, int(0.975 * len(v)))]

    n_pos = sum(it[1] for it in items)
    print(f"BASIL: {len(arts)} articles, {len(items)} sentences, {n_pos} with a lexical-bias span")
    print(
        f"sentences with an emotive cue: {sum(1 for it in items if it[2] > 0)}; with an MPQA strongsubj word: "
        f"{sum(1 for it in items if it[4] > 0)}"
    )
    for k, name in enumerate(names):
        lo, hi = ci([d[k] for d in draws])
        print(f"  AUROC {name:<18} {point[k]:.3f}  [{lo:.3f}, {hi:.3f}]")
    for k, ref in ((0, 2), (1, 2), (3, 4)):
        lo, hi = ci([d[k] - d[ref] for d in draws])
        label = f"{names[k]} - {names[ref]}"
        print(f"  {label:<36} {point[k] - point[ref]:+.3f}  [{lo:+.3f}, {hi:+.3f}]")
    print(f"  ({args.boot} bootstrap draws over articles, 95% percentile intervals)")
    for line in sorted(shown):
        print(line)
    if args.entries:
        print("entry                     pos  neg")
        for ent, c in sorted(fires.items(), key=lambda kv: -sum(kv[1].values())):
            print(f"  {ent:<22} {c[1]:>4} {c[0]:>4}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
