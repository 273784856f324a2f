"""What every validation runner shares: statistics, the scorer, the baselines.

Statistics are written out with numpy (scipy is not a dependency): Spearman's
rho with tied ranks averaged, the area under the ROC curve from the same
ranks (Mann-Whitney), percentile bootstrap intervals with a fixed seed, and
precision/recall/F1.

The scorer is the package's own: sentences go through
:func:`rhetoric.scan.find_cues` on the pipeline's parse, articles through
``Analyzer.score_many``. Every rule (hedges, weasels, sources, senses) comes
from the package; this module holds none. Cues the package considered and set
aside (``counted`` False) are dropped here, so no runner counts them. On a
commit older than the ``counted`` column, every cue counts.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from . import data as E

N_BOOT = 1000

# ----------------------------------------------------------------------------
# Statistics
# ----------------------------------------------------------------------------


def rankdata(a) -> np.ndarray:
    """Ranks 1..n with ties given their average rank (as scipy.stats.rankdata)."""
    a = np.asarray(a, dtype=float)
    sorter = np.argsort(a, kind="mergesort")
    inv = np.empty(sorter.size, dtype=np.intp)
    inv[sorter] = np.arange(sorter.size, dtype=np.intp)
    s = a[sorter]
    obs = np.r_[True, s[1:] != s[:-1]]
    dense = obs.cumsum()[inv]
    count = np.r_[np.nonzero(obs)[0], len(obs)]
    return 0.5 * (count[dense] + count[dense - 1] + 1)


def _pearson(x: np.ndarray, y: np.ndarray) -> float:
    x = x - x.mean()
    y = y - y.mean()
    d = np.sqrt((x * x).sum() * (y * y).sum())
    return float((x * y).sum() / d) if d > 0 else float("nan")


def spearman(x, y) -> float:
    """Spearman's rho; NaN when either side is constant or n < 3."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if len(x) < 3:
        return float("nan")
    return _pearson(rankdata(x), rankdata(y))


def auroc(score, label) -> float:
    """Area under the ROC curve: the chance a positive item outranks a negative one (ties count half).

    >>> auroc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])
    0.75
    """
    s, y = np.asarray(score, dtype=float), np.asarray(label, dtype=bool)
    n_pos, n_neg = int(y.sum()), int((~y).sum())
    if not n_pos or not n_neg:
        return float("nan")
    r = rankdata(s)
    return float((r[y].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def bootstrap(stat, *arrays, n_boot: int = N_BOOT, seed: int = 0) -> tuple[float, float, float]:
    """``stat(*arrays)`` and its 95% percentile interval, resampling the rows of all arrays together."""
    arrays = tuple(np.asarray(a) for a in arrays)
    point = stat(*arrays)
    n = len(arrays[0])
    if n < 3:
        return point, float("nan"), float("nan")
    rng = np.random.default_rng(seed)
    vals = []
    for _ in range(n_boot):
        idx = rng.integers(0, n, n)
        vals.append(stat(*(a[idx] for a in arrays)))
    vals = np.array([v for v in vals if not np.isnan(v)])
    if not len(vals):
        return point, float("nan"), float("nan")
    return point, float(np.percentile(vals, 2.5)), float(np.percentile(vals, 97.5))


def bootstrap_rho(x, y, *, n_boot: int = N_BOOT, seed: int = 0) -> tuple[float, float, float]:
    """rho and its 95% percentile bootstrap interval (``n_boot`` resamples, fixed seed)."""
    return bootstrap(
        spearman, np.asarray(x, dtype=float), np.asarray(y, dtype=float), n_boot=n_boot, seed=seed
    )


def prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else float("nan")
    r = tp / (tp + fn) if tp + fn else float("nan")
    f = 2 * p * r / (p + r) if tp else 0.0
    return {"precision": p, "recall": r, "f1": f, "tp": tp, "fp": fp, "fn": fn}


def cue_prf(pred_matched: int, n_pred: int, gold_matched: int, n_gold: int) -> dict:
    """Precision over predicted spans, recall over gold spans (overlap matching both ways)."""
    p = pred_matched / n_pred if n_pred else float("nan")
    r = gold_matched / n_gold if n_gold else float("nan")
    f = 2 * p * r / (p + r) if (n_pred and n_gold and p + r > 0) else 0.0
    return {
        "precision": p,
        "recall": r,
        "f1": f,
        "n_pred": n_pred,
        "n_gold": n_gold,
        "pred_matched": pred_matched,
        "gold_matched": gold_matched,
    }


def binary(pred: list[bool], gold: list[int]) -> dict:
    """P/R/F1 of the positive class for sentence-level predictions."""
    tp = sum(p and g == 1 for p, g in zip(pred, gold, strict=True))
    fp = sum(p and g == 0 for p, g in zip(pred, gold, strict=True))
    fn = sum((not p) and g == 1 for p, g in zip(pred, gold, strict=True))
    return prf(tp, fp, fn) | {"n": len(gold), "n_pos": sum(gold)}


def _pooled(rows: np.ndarray) -> tuple[float, float, float]:
    pm, npred, gm, ngold = rows.sum(0) if len(rows) else (0, 0, 0, 0)
    p = pm / npred if npred else float("nan")
    r = gm / ngold if ngold else float("nan")
    f = 2 * p * r / (p + r) if npred and ngold and p + r > 0 else 0.0
    return p, r, f


def pooled_ci(rows, *, seed: int = 0, n_boot: int = N_BOOT) -> dict:
    """95% bootstrap intervals of pooled precision, recall and F1, resampling units (sentences, articles).

    ``rows`` holds one ``(pred_matched, n_pred, gold_matched, n_gold)`` per unit.
    """
    rows = np.asarray(rows, dtype=float).reshape(-1, 4)
    out = {}
    for k, name in enumerate(("precision", "recall", "f1")):
        _, lo, hi = bootstrap(lambda r, k=k: _pooled(r)[k], rows, n_boot=n_boot, seed=seed)
        out[f"{name}_ci"] = [lo, hi]
    return out


def binary_ci(pred, gold, *, seed: int = 0) -> dict:
    """``pooled_ci`` for sentence-level predictions of the positive class."""
    rows = [
        (bool(p) and g == 1, bool(p), bool(p) and g == 1, g == 1) for p, g in zip(pred, gold, strict=True)
    ]
    return pooled_ci(rows, seed=seed)


def ci_text(r: dict, key: str = "f1") -> str:
    lo, hi = r.get(f"{key}_ci", [None, None])
    return f"[{pct(lo).strip()}, {pct(hi).strip()}]"


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


# ----------------------------------------------------------------------------
# Printing
# ----------------------------------------------------------------------------


def f3(x, nd: int = 3) -> str:
    if x is None or (isinstance(x, float) and np.isnan(x)):
        return "  n/a"
    return f"{x:.{nd}f}"


def pct(x) -> str:
    if x is None or (isinstance(x, float) and np.isnan(x)):
        return " n/a"
    return f"{100 * x:5.1f}"


def clip(s: str, n: int = 160) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def sentence_around(text: str, pos: int, width: int = 200) -> str:
    lo = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos))
    hi_candidates = [i for i in (text.find(". ", pos), text.find("\n", pos)) if i >= 0]
    hi = min(hi_candidates) + 1 if hi_candidates else len(text)
    s = text[lo + 1 : hi].strip()
    return s if len(s) <= 2 * width else text[max(0, pos - width) : pos + width]


def lift(pos_texts: list[str], neg_texts: list[str], min_n: int = 5) -> list[dict]:
    """Words much more frequent in ``pos_texts`` than in ``neg_texts`` (sentence frequency)."""
    pc, nc = Counter(), Counter()
    for t in pos_texts:
        pc.update({w for _, _, w in E.word_spans(t)})
    for t in neg_texts:
        nc.update({w for _, _, w in E.word_spans(t)})
    P, N = max(len(pos_texts), 1), max(len(neg_texts), 1)
    out = []
    for w, n in pc.items():
        if n < min_n:
            continue
        ratio = (n / P) / ((nc[w] + 1) / N)
        if ratio >= 2:
            out.append({"word": w, "n": n, "n_other": nc[w], "ratio": round(ratio, 2)})
    out.sort(key=lambda r: -r["n"] * np.log(r["ratio"]))
    return out


def words(text: str) -> int:
    return len(E.word_spans(text))


# ----------------------------------------------------------------------------
# Scoring with the package
# ----------------------------------------------------------------------------


@dataclass(frozen=True)
class C:
    """A counted cue as the validation needs it (from ``find_cues`` or a span row)."""

    start: int
    end: int
    category: str
    voice: str
    rule: str
    subtype: str
    entry: str
    weight: float
    negated: bool
    text: str
    sense: str = ""
    voice_basis: str = ""


def _from_cue(c, text: str) -> C:
    e = c.entry
    return C(
        c.start,
        c.end,
        c.category,
        c.voice,
        c.rule,
        c.subtype or "",
        e.term if e else "",
        float(c.weight),
        bool(c.negated),
        text[c.start : c.end],
        getattr(c, "sense", "") or "",
        getattr(c, "voice_basis", "") or "",
    )


def spans_to_cues(spans) -> list[C]:
    """The counted rows of a span table (every row, on a table without ``counted``)."""
    if "counted" in spans.columns:
        spans = spans[spans["counted"].astype(bool)]
    has_sense = "sense" in spans.columns
    has_basis = "voice_basis" in spans.columns
    return [
        C(
            int(r.start),
            int(r.end),
            r.category,
            r.voice,
            r.rule,
            r.subtype or "",
            r.entry or "",
            float(r.weight),
            bool(r.negated),
            r.text,
            (r.sense or "") if has_sense else "",
            (r.voice_basis or "") if has_basis else "",
        )
        for r in spans.itertuples()
    ]


def _find_cues():
    try:
        from rhetoric.scan import find_cues
    except ImportError:  # before the one scoring path: the cue finder lived in cues.py
        from rhetoric.cues import find_cues
    return find_cues


class Scorer:
    """The package's scorer, loaded once."""

    def __init__(self, *, lexicon=None, ner: bool = False, batch_size: int = 128, n_process: int = 1) -> None:
        import rhetoric

        self.rhetoric = rhetoric
        self.analyzer = rhetoric.Analyzer(lexicon=lexicon, ner=ner, readability=False)
        self.nlp = self.analyzer.nlp
        self.matcher = self.analyzer.matcher
        self.batch_size = batch_size
        self.n_process = n_process
        self.set_aside: Counter = Counter()  # (category, sense) of the cues dropped as not counted

    def sentences(self, texts: list[str]) -> list[list[C]]:
        """The counted cues of each sentence, scored as its own one-paragraph document."""
        find_cues = _find_cues()
        out = []
        for doc in self.nlp.pipe(texts, batch_size=self.batch_size, n_process=self.n_process):
            cues = []
            for c in find_cues(doc, self.matcher):
                if getattr(c, "counted", True):
                    cues.append(_from_cue(c, doc.text))
                else:
                    self.set_aside[(c.category, getattr(c, "sense", "") or "")] += 1
            out.append(cues)
        return out

    def layout_labels(self, texts: list[str]) -> dict:
        """How the full ``Analyzer.score`` path would label each sentence as a document."""
        counts = {}
        for markup in ("auto", "none"):
            kinds: Counter = Counter()
            examples: dict[str, list[str]] = defaultdict(list)
            multi = 0
            for t in texts:
                try:
                    d = self.rhetoric.read_document(t, markup=markup)
                except self.rhetoric.InputError:
                    kinds["input_error"] += 1
                    continue
                ks = {p.kind for p in d.paragraphs}
                if len(d.paragraphs) > 1:
                    multi += 1
                k = "boilerplate" if "boilerplate" in ks else "heading" if "heading" in ks else "body"
                kinds[k] += 1
                if k != "body" and len(examples[k]) < 3:
                    reasons = ",".join(sorted({p.reason for p in d.paragraphs if p.reason}))
                    examples[k].append(f"[{reasons}] {clip(t, 100)}")
            counts[markup] = {"kinds": dict(kinds), "multi_paragraph": multi, "examples": dict(examples)}
        return counts

    def agreement(self, texts: list[str]) -> dict:
        """Score a sample both ways (find_cues on the sentence vs Analyzer.score) and compare counted cues."""
        direct = self.sentences(texts)
        same = differ = skipped = 0
        diffs = []
        for t, cues in zip(texts, direct, strict=True):
            try:
                s = self.analyzer.score(t, doc_id="x", markup="none")
            except self.rhetoric.InputError:
                skipped += 1
                continue
            if (s.paragraphs["kind"] == "boilerplate").any():
                skipped += 1
                continue
            a = sorted((c.start, c.end, c.category, c.voice, c.rule) for c in spans_to_cues(s.spans))
            b = sorted((c.start, c.end, c.category, c.voice, c.rule) for c in cues)
            if a == b:
                same += 1
            else:
                differ += 1
                if len(diffs) < 3:
                    diffs.append(clip(t, 120))
        return {
            "n": len(texts),
            "same": same,
            "differ": differ,
            "skipped_boilerplate_or_error": skipped,
            "examples": diffs,
        }

    def articles(self, items: list[tuple[str, str]]):
        """``Scores`` for each ``(text, doc_id)``, plain text (no markup)."""
        docs = (self.rhetoric.read_document(t, i, markup="none") for t, i in items)
        yield from self.analyzer.score_many(docs, batch_size=self.batch_size, n_process=self.n_process)


def certainty_of(cues: list[C]) -> float:
    """The package's certainty index over the counted hedge and absolute weights it puts in the index.

    The package says which cues weigh in (``rhetoric.score.worded_by_author``:
    the author's voice and reported speech); on a commit older than that
    function, the author's voice alone, as the package then did.
    """
    from rhetoric import certainty_index

    try:
        from rhetoric.score import worded_by_author
    except ImportError:  # an older commit: the author's voice only

        def worded_by_author(voice, voice_basis):
            return voice == "author"

    a = sum(c.weight for c in cues if c.category == "absolute" and worded_by_author(c.voice, c.voice_basis))
    h = sum(c.weight for c in cues if c.category == "hedge" and worded_by_author(c.voice, c.voice_basis))
    return certainty_index(a, h)


def baselines(data: Path) -> dict:
    """The plain word-list baselines from ``lexicon-sources/`` (``None`` where a list is absent)."""
    src = data / "lexicon-sources"
    out = {}
    for key, fname, inflect in (
        ("hyland", "hedges_hyland2005.txt", False),
        ("report_verbs", "report_verbs.txt", True),
        ("recasens_bias", "recasens2013_bias_lexicon.txt", True),
    ):
        p = src / fname
        out[key] = E.PhraseMatcher(E.read_wordlist(p), inflect=inflect) if p.exists() else None
    mpqa = src / "mpqa_subjectivity_clues" / "subjclueslen1-HLTEMNLP05.tff"
    out["mpqa_strong"] = E.read_mpqa(mpqa) if mpqa.exists() else None
    return out


def limit_items(items: list, limit: int) -> list:
    return items[:limit] if limit else items
