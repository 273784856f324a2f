"""Score rhetoric's cue spans against the span-level gold (benchmarks/gold/).

    python benchmarks/gold/evaluate.py                 # the figures, as text
    python benchmarks/gold/evaluate.py --errors        # and every false positive / negative
    python benchmarks/gold/evaluate.py --json          # the figures as JSON on stdout
    python benchmarks/gold/evaluate.py --json out.json # ... or into a file

What it does (GUIDELINE.md says what the gold holds):

* Scores the three gold texts with ``rhetoric.Analyzer().score_file(path)``.
  Predicted cues are the span rows whose ``counted`` is True when that column
  exists, all rows otherwise.
* Per category (hedge, absolute, emotive, source): a predicted span matches a
  gold span of the same category when their character ranges overlap; each
  gold span and each predicted span is matched at most once (predictions in
  text order, each taking the unmatched gold span it overlaps most).
  Precision = matched predictions / predictions, recall = matched gold spans /
  gold spans (gold rows of category ``none`` are no cues), F1 from the two.
  Hedge + absolute are also pooled (the issue's target is their precision).
* 95% intervals by bootstrap over paragraphs (blocks of text between blank
  lines, in the three documents together): paragraphs are drawn with
  replacement and P, R, F1 recomputed from the drawn paragraphs' counts;
  the 2.5th and 97.5th percentiles are reported.
* Voice: accuracy of the predicted voice over matched pairs, per category,
  and over all matched pairs but the quotation spans themselves (gold source
  rows that open with a quote mark);
  and per voice basis of the gold (``author`` for the author's words): how
  many gold spans of that basis were matched and how many of those the
  scorer put in the right voice.
* Sense: where the prediction has a ``sense`` column and the gold row a sense,
  the gold row is paired with the predicted row (counted or set aside) that
  overlaps it most; accuracy of the sense over those pairs.
* Agreement, when ``second/spans.tsv`` exists: over the region both
  annotations cover (003 whole, 001 offsets 0-4447; a span belongs to the
  region by its start), per-category F1 between the two annotations (same
  overlap matching; the first annotation as reference) and Cohen's kappa over
  word tokens: each word gets the category of the shortest cue span covering
  it (``O`` for none), and per category a yes/no kappa.

The gold is validated with check.py first; the script stops on a bad table.
"""
from __future__ import annotations

import argparse
import json
import platform
import re
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import check  # noqa: E402

CATS = ("hedge", "absolute", "emotive", "source")
BLANK = re.compile(r"\n[ \t]*\n")
WORD = re.compile(r"\w+(?:['’]\w+)*")
# The region the second annotation covers (GUIDELINE.md).
IAA_REGION = {"003": (0, None), "001": (0, 4447)}


# -- inputs -----------------------------------------------------------------


def paragraph_starts(raw: str) -> list[int]:
    """Start offsets of the blocks of text between blank lines."""
    return [0] + [m.end() for m in BLANK.finditer(raw)]


def para_of(starts: list[int], offset: int) -> int:
    return int(np.searchsorted(starts, offset, side="right")) - 1


def load_gold(path: Path) -> list[dict]:
    errs, rows = check.problems(path)
    if errs:
        raise SystemExit("the gold table has problems (run check.py):\n" + "\n".join(errs[:20]))
    for r in rows:
        r["text"] = check.unescape(r["text"])
    return rows


def predict(analyzer, docs=check.DOCS) -> tuple[list[dict], list[dict], dict]:
    """Counted predicted cues and every predicted row (for senses), as dicts."""
    counted, every, info = [], [], {}
    for doc, path in docs.items():
        t0 = time.perf_counter()
        scores = analyzer.score_file(path)
        info[doc] = round(time.perf_counter() - t0, 3)
        raw = check.read_doc(doc)
        if scores.document.raw != raw:
            raise SystemExit(f"{path}: the scorer's raw text differs from the file read as the gold reads it")
        spans = scores.spans
        has_counted = "counted" in spans.columns
        for rec in spans.to_dict("records"):
            row = {
                "doc": doc, "start": int(rec["start"]), "end": int(rec["end"]), "text": rec["text"],
                "category": rec["category"], "voice": rec["voice"], "rule": rec.get("rule", ""),
                "entry": rec.get("entry", ""), "sense": rec.get("sense", "") or "",
                "voice_basis": rec.get("voice_basis", "") or "",
                "counted": bool(rec["counted"]) if has_counted else True,
            }  # fmt: skip
            every.append(row)
            if row["counted"] and row["category"] in CATS:
                counted.append(row)
    return counted, every, {"seconds_per_doc": info, "has_counted": has_counted,
                            "has_sense": "sense" in spans.columns}


# -- matching -----------------------------------------------------------------


def overlap(a: dict, b: dict) -> int:
    return min(a["end"], b["end"]) - max(a["start"], b["start"])


def match(pred: list[dict], gold: list[dict]) -> list[tuple[int, int]]:
    """Pairs (pred index, gold index): same doc and category, overlapping ranges, one-to-one."""
    by_key = defaultdict(list)
    for j, g in enumerate(gold):
        by_key[(g["doc"], g["category"])].append(j)
    used: set[int] = set()
    pairs = []
    for i in sorted(range(len(pred)), key=lambda i: (pred[i]["doc"], pred[i]["start"], pred[i]["end"])):
        p = pred[i]
        best, best_ov = None, 0
        for j in by_key.get((p["doc"], p["category"]), ()):
            if j in used:
                continue
            ov = overlap(p, gold[j])
            if ov > best_ov:
                best, best_ov = j, ov
        if best is not None:
            used.add(best)
            pairs.append((i, best))
    return pairs


def prf(tp_p: float, n_p: float, tp_g: float, n_g: float) -> tuple[float, float, float]:
    p = tp_p / n_p if n_p else float("nan")
    r = tp_g / n_g if n_g else float("nan")
    f = 2 * p * r / (p + r) if n_p and n_g and (p + r) else float("nan")
    return p, r, f


def per_paragraph_counts(pred, gold, pairs, cats, starts_by_doc, para_index):
    """Array [paragraph, 4]: predictions, matched predictions, gold, matched gold (for cats pooled)."""
    out = np.zeros((len(para_index), 4))
    mp = {i for i, _ in pairs}
    mg = {j for _, j in pairs}

    def k(row):
        return para_index[(row["doc"], para_of(starts_by_doc[row["doc"]], row["start"]))]

    for i, p in enumerate(pred):
        if p["category"] in cats:
            out[k(p), 0] += 1
            out[k(p), 1] += i in mp
    for j, g in enumerate(gold):
        if g["category"] in cats:
            out[k(g), 2] += 1
            out[k(g), 3] += j in mg
    return out


def bootstrap(counts: np.ndarray, n_boot: int, rng) -> dict:
    n = counts.shape[0]
    idx = rng.integers(0, n, size=(n_boot, n))
    s = counts[idx].sum(axis=1)  # (n_boot, 4)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = s[:, 1] / s[:, 0]
        r = s[:, 3] / s[:, 2]
        f = 2 * p * r / (p + r)

    def ci(a):
        a = a[~np.isnan(a)]
        return [round(float(np.percentile(a, 2.5)), 3), round(float(np.percentile(a, 97.5)), 3)] if a.size else None

    return {"precision_ci": ci(p), "recall_ci": ci(r), "f1_ci": ci(f)}


def r3(x):
    return None if x is None or x != x else round(float(x), 3)


# -- the evaluation ---------------------------------------------------------------


def evaluate(gold: list[dict], pred: list[dict], every: list[dict], *, n_boot=2000, seed=0) -> dict:
    cue_gold = [g for g in gold if g["category"] in CATS]
    starts_by_doc = {d: paragraph_starts(check.read_doc(d)) for d in check.DOCS}
    para_index = {(d, k): n for n, (d, k) in enumerate(
        (d, k) for d in check.DOCS for k in range(len(starts_by_doc[d])))}
    pairs = match(pred, cue_gold)
    rng = np.random.default_rng(seed)
    out: dict = {"categories": {}, "n_paragraphs": len(para_index), "bootstrap": n_boot, "seed": seed}
    groups = [(c, (c,)) for c in CATS] + [("hedge+absolute", ("hedge", "absolute"))]
    for name, cats in groups:
        counts = per_paragraph_counts(pred, cue_gold, pairs, cats, starts_by_doc, para_index)
        n_p, tp_p, n_g, tp_g = counts.sum(axis=0)
        p, r, f = prf(tp_p, n_p, tp_g, n_g)
        out["categories"][name] = {
            "predicted": int(n_p), "gold": int(n_g), "matched_predicted": int(tp_p), "matched_gold": int(tp_g),
            "precision": r3(p), "recall": r3(r), "f1": r3(f), **bootstrap(counts, n_boot, rng),
        }  # fmt: skip
    # Voice over matched pairs.
    voice = {}
    for name, cats in groups[:4] + [("all", CATS)]:
        ps = [(i, j) for i, j in pairs if cue_gold[j]["category"] in cats]
        ok = sum(pred[i]["voice"] == cue_gold[j]["voice"] for i, j in ps)
        voice[name] = {"matched": len(ps), "correct": ok, "accuracy": r3(ok / len(ps)) if ps else None}
    # The quotation spans themselves: the gold puts the quoted words in the quoted
    # voice; the scorer may count the act of quoting as the author's.
    quote_marks = ("\"", "\u201c", "'", "\u2018")
    ps = [(i, j) for i, j in pairs if not cue_gold[j]["text"].startswith(quote_marks)]
    ok = sum(pred[i]["voice"] == cue_gold[j]["voice"] for i, j in ps)
    voice["all but quotations"] = {"matched": len(ps), "correct": ok, "accuracy": r3(ok / len(ps)) if ps else None}
    out["voice_matched"] = voice
    matched_gold = {j: i for i, j in pairs}
    basis = {}
    for b in ("author",) + check.BASES:
        js = [j for j, g in enumerate(cue_gold) if (g["voice_basis"] or "author") == b]
        m = [j for j in js if j in matched_gold]
        ok = sum(pred[matched_gold[j]]["voice"] == cue_gold[j]["voice"] for j in m)
        basis[b] = {"gold": len(js), "matched": len(m), "correct": ok,
                    "accuracy": r3(ok / len(m)) if m else None}
    out["voice_by_basis"] = basis
    # Senses.
    sense_pairs = []
    with_sense = [p for p in every if p.get("sense")]
    for g in gold:
        if not g["sense"]:
            continue
        cands = [p for p in with_sense if p["doc"] == g["doc"] and overlap(p, g) > 0]
        if cands:
            best = max(cands, key=lambda p: overlap(p, g))
            sense_pairs.append((g, best))
    ok = sum(g["sense"] == p["sense"] for g, p in sense_pairs)
    confusion = Counter((g["sense"], p["sense"]) for g, p in sense_pairs if g["sense"] != p["sense"])
    out["sense"] = {
        "gold_with_sense": sum(bool(g["sense"]) for g in gold), "paired": len(sense_pairs), "correct": ok,
        "accuracy": r3(ok / len(sense_pairs)) if sense_pairs else None,
        "confusions": [{"gold": a, "predicted": b, "n": n} for (a, b), n in confusion.most_common()],
    }  # fmt: skip
    mp = {i for i, _ in pairs}
    out["false_positives"] = [_err(p) for i, p in enumerate(pred) if i not in mp]
    out["false_negatives"] = [_err(g) for j, g in enumerate(cue_gold) if j not in matched_gold]
    return out


def _err(row: dict) -> dict:
    raw = check.read_doc(row["doc"])
    s, e = row["start"], row["end"]
    ctx = raw[max(0, s - 50):s] + "[" + raw[s:e] + "]" + raw[e:e + 50]
    keep = ("doc", "start", "end", "category", "voice", "sense", "rule", "entry", "note")
    return {k: row[k] for k in keep if k in row} | {"text": raw[s:e][:120], "context": ctx.replace("\n", " ")}


# -- agreement ----------------------------------------------------------------------


def in_region(row: dict) -> bool:
    if row["doc"] not in IAA_REGION:
        return False
    lo, hi = IAA_REGION[row["doc"]]
    return row["start"] >= lo and (hi is None or row["start"] < hi)


def word_labels(rows: list[dict], doc: str) -> list[str]:
    raw = check.read_doc(doc)
    lo, hi = IAA_REGION[doc]
    hi = len(raw) if hi is None else hi
    cues = sorted((r for r in rows if r["doc"] == doc and r["category"] in CATS),
                  key=lambda r: r["end"] - r["start"])
    labels = []
    for m in WORD.finditer(raw, lo, hi):
        lab = "O"
        for r in cues:  # shortest covering span first
            if r["start"] < m.end() and m.start() < r["end"]:
                lab = r["category"]
                break
        labels.append(lab)
    return labels


def kappa(a: list, b: list) -> float:
    n = len(a)
    po = sum(x == y for x, y in zip(a, b, strict=True)) / n
    ca, cb = Counter(a), Counter(b)
    pe = sum(ca[k] * cb[k] for k in set(ca) | set(cb)) / (n * n)
    return (po - pe) / (1 - pe) if pe < 1 else float("nan")


def agreement(first: list[dict], second: list[dict]) -> dict:
    a = [r for r in first if in_region(r) and r["category"] in CATS]
    b = [r for r in second if in_region(r) and r["category"] in CATS]
    pairs = match(b, a)
    out = {"region": {d: [lo, hi] for d, (lo, hi) in IAA_REGION.items()}, "categories": {}}
    for c in CATS:
        ps = [(i, j) for i, j in pairs if a[j]["category"] == c]
        n_b = sum(r["category"] == c for r in b)
        n_a = sum(r["category"] == c for r in a)
        p, r, f = prf(len(ps), n_b, len(ps), n_a)
        out["categories"][c] = {"first": n_a, "second": n_b, "matched": len(ps), "f1": r3(f)}
    la, lb = [], []
    for d in IAA_REGION:
        la += word_labels(first, d)
        lb += word_labels(second, d)
    out["words"] = len(la)
    out["kappa_words"] = r3(kappa(la, lb))
    out["kappa_words_per_category"] = {
        c: r3(kappa([x == c for x in la], [y == c for y in lb])) for c in CATS
    }
    vs = [(i, j) for i, j in pairs]
    out["voice_agreement_matched"] = r3(
        sum(b[i]["voice"] == a[j]["voice"] for i, j in vs) / len(vs)) if vs else None
    return out


# -- output -------------------------------------------------------------------------------


def git_head() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=HERE, capture_output=True,
                              text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def render(res: dict, errors: bool) -> str:
    lines = [f"rhetoric {res['rhetoric']} at {res['commit']}, model {res['model']}; "
             f"gold {res['gold']} ({res['gold_rows']} rows); {res['n_paragraphs']} paragraphs; "
             f"bootstrap {res['bootstrap']} draws over paragraphs",
             f"predicted rows: {res['predicted_rows']} ({res['predicted_counted']} counted cues"
             + ("" if res["has_counted"] else "; no `counted` column: every row counts") + ")",
             "",
             f"{'category':<16}{'pred':>6}{'gold':>6}{'P':>7}  {'95% CI':<14}{'R':>7}  {'95% CI':<14}{'F1':>7}"]
    for name, c in res["categories"].items():
        def ci(v):
            return f"[{v[0]:.2f}, {v[1]:.2f}]" if v else "-"
        lines.append(f"{name:<16}{c['predicted']:>6}{c['gold']:>6}{_f(c['precision']):>7}  {ci(c['precision_ci']):<14}"
                     f"{_f(c['recall']):>7}  {ci(c['recall_ci']):<14}{_f(c['f1']):>7}")
    lines += ["", "voice accuracy over matched spans:"]
    for name, v in res["voice_matched"].items():
        lines.append(f"  {name:<20}{v['correct']:>5}/{v['matched']:<5}{_f(v['accuracy']):>7}")
    lines += ["voice by gold basis (gold spans, matched, right voice among matched):"]
    for name, v in res["voice_by_basis"].items():
        lines.append(f"  {name:<16}{v['gold']:>5}{v['matched']:>6}{v['correct']:>6}{_f(v['accuracy']):>7}")
    s = res["sense"]
    lines += ["", f"sense: {s['gold_with_sense']} gold rows with a sense; "
              + (f"{s['correct']}/{s['paired']} paired with a predicted sense agree ({_f(s['accuracy'])})"
                 if res["has_sense"] else "the scorer has no `sense` column")]
    for c in s["confusions"][:10]:
        lines.append(f"  gold {c['gold']:<15} predicted {c['predicted']:<15} {c['n']}")
    if res.get("agreement"):
        ag = res["agreement"]
        lines += ["", f"agreement with second/spans.tsv over 003 and 001[0:4447] ({ag['words']} words): "
                  f"Cohen's kappa over words {_f(ag['kappa_words'])}; voice agreement on matched spans "
                  f"{_f(ag['voice_agreement_matched'])}"]
        for c, v in ag["categories"].items():
            lines.append(f"  {c:<10} first {v['first']:>4} second {v['second']:>4} matched {v['matched']:>4} "
                         f"F1 {_f(v['f1'])}  kappa {_f(ag['kappa_words_per_category'][c])}")
    lines.append(f"\nfalse positives {len(res['false_positives'])}, false negatives {len(res['false_negatives'])}"
                 + ("" if errors else " (--errors lists them)"))
    if errors:
        for title, key in (("FALSE POSITIVES", "false_positives"), ("FALSE NEGATIVES", "false_negatives")):
            lines += ["", title]
            for e in sorted(res[key], key=lambda e: (e["category"], e["doc"], e["start"])):
                extra = e.get("entry") or e.get("sense") or ""
                lines.append(f"  {e['category']:<9}{e['doc']:<8}{e['start']:>6} {e['voice']:<7}{extra:<14} {e['context']}")
    return "\n".join(lines)


def _f(x) -> str:
    return "-" if x is None else f"{x:.3f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=check.DEFAULT, help="the gold table (default: spans.tsv)")
    ap.add_argument("--second", type=Path, default=check.SECOND,
                    help="the second annotation, for agreement (default: second/spans.tsv, if it exists)")
    ap.add_argument("--json", nargs="?", const="-", metavar="FILE",
                    help="write the figures as JSON (to FILE, or stdout without one)")
    ap.add_argument("--errors", action="store_true", help="list the false positives and negatives")
    ap.add_argument("--boot", type=int, default=2000, help="bootstrap draws (default 2000)")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)

    import rhetoric

    gold = load_gold(args.gold)
    t0 = time.perf_counter()
    analyzer = rhetoric.Analyzer()
    load_s = time.perf_counter() - t0
    pred, every, info = predict(analyzer)
    res = {
        "rhetoric": getattr(rhetoric, "__version__", ""), "commit": git_head(),
        "model": f"{analyzer.nlp.meta.get('name', '')} {analyzer.nlp.meta.get('version', '')}",
        "gold": str(args.gold.relative_to(HERE) if args.gold.is_relative_to(HERE) else args.gold),
        "gold_rows": len(gold), "predicted_rows": len(every), "predicted_counted": len(pred),
        **info, "model_load_seconds": round(load_s, 2), "machine": platform.platform(),
    }  # fmt: skip
    res |= evaluate(gold, pred, every, n_boot=args.boot, seed=args.seed)
    if args.second and args.second.exists():
        res["agreement"] = agreement(gold, load_gold(args.second))
    if args.json:
        text = json.dumps(res, indent=1, ensure_ascii=False)
        if args.json == "-":
            print(text)
        else:
            Path(args.json).write_text(text + "\n", encoding="utf-8")
            print(render(res, args.errors))
    else:
        print(render(res, args.errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
