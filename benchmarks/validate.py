#!/usr/bin/env python
"""Validate rhetoric against human-annotated data (issue 4).

Usage (from the repository root)::

    .venv/bin/python benchmarks/validate.py --data ../shared/eval
    .venv/bin/python benchmarks/validate.py --sets certainty,wikiweasel --limit 300
    .venv/bin/python benchmarks/validate.py --json build/validation.json

The data are not in the repository (their licences forbid it). When the data
folder is absent the script says so and exits 0, so CI can call it blindly.

Measures (see VALIDATION.md for the reading of the figures):

* ``certainty``  Pei & Jurgens certainty ratings: Spearman's rho of the
  certainty index with the rating, per split, with a bootstrap CI; Hyland's
  hedge count as the baseline; alternative index formulas tuned on ``train``
  and reported on ``val``.
* ``wikiweasel`` CoNLL-2010 Wikipedia sentences: precision, recall and F1 of
  the uncertain class; the operating rule is chosen on a seeded 70% tune split
  and reported on the remaining 30%.
* ``sfu``        SFU Review speculation cues: cue-level P/R/F1 of hedge spans
  (token overlap), per cue word.
* ``polnear``    PolNeAR attributions: cue P/R/F1 of attribution verbs and
  phrases, named sources against gold sources, per-paragraph Spearman of the
  ``sources`` count with gold attributions.
* ``basil``      BASIL lexical-bias spans: span precision and recall of emotive
  spans; quote flags against our voice detection.

Sentence-level sets are scored sentence by sentence with
:func:`rhetoric.cues.find_cues` on the pipeline's parse (``Analyzer.nlp``,
``Analyzer.matcher``). That is the scorer's own cue finder without the
paragraph layer (headline/byline/boilerplate labels mean nothing for an
isolated sentence). How many sentences the full ``Analyzer.score`` path would
label ``boilerplate`` or ``heading`` is counted and reported, and a sample is
scored both ways to show the cues agree. Articles go through
``Analyzer.score_many`` with ``markup="none"`` (the files are plain text).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import re
import subprocess
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import eval_data as E  # noqa: E402

DEFAULT_DATA = REPO_ROOT.parent / "shared" / "eval"
ALL_SETS = ("certainty", "wikiweasel", "sfu", "polnear", "basil")
SKIP_MESSAGE = "validate: data folder {path} not found; skipping validation (pass --data DIR)."

# ----------------------------------------------------------------------------
# Statistics (no scipy in the environment: ranks with ties averaged, by hand)
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


def bootstrap_rho(x, y, *, n_boot: int = 1000, seed: int = 0) -> tuple[float, float, float]:
    """rho and its 95% percentile bootstrap interval (``n_boot`` resamples, fixed seed)."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    rho = spearman(x, y)
    if len(x) < 3:
        return rho, float("nan"), float("nan")
    rng = np.random.default_rng(seed)
    vals = []
    for _ in range(n_boot):
        idx = rng.integers(0, len(x), len(x))
        vals.append(spearman(x[idx], y[idx]))
    vals = np.array([v for v in vals if not np.isnan(v)])
    if not len(vals):
        return rho, float("nan"), float("nan")
    return rho, float(np.percentile(vals, 2.5)), float(np.percentile(vals, 97.5))


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


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _f(x, nd: int = 3) -> str:
    if x is None or (isinstance(x, float) and np.isnan(x)):
        return "  n/a"
    return f"{x:.{nd}f}"


def _pct(x) -> str:
    if x is None or (isinstance(x, float) and np.isnan(x)):
        return " n/a"
    return f"{100 * x:5.1f}"


def _clip(s: str, n: int = 160) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


# ----------------------------------------------------------------------------
# Scoring
# ----------------------------------------------------------------------------


@dataclass(frozen=True)
class C:
    """A cue as the validation needs it (from ``find_cues`` or a span row)."""

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
    )


class Scorer:
    """The real scorer, loaded once."""

    def __init__(self, *, lexicon=None, ner: bool = False, batch_size: int = 128, n_process: int = 1) -> None:
        import rhetoric

        self.rhetoric = rhetoric
        self.analyzer = rhetoric.Analyzer(lexicon=lexicon, ner=ner, readability=False)
        self.nlp = self.analyzer.nlp
        self.matcher = self.analyzer.matcher
        self.batch_size = batch_size
        self.n_process = n_process

    def sentences(self, texts: list[str], extra=None) -> list[tuple[list[C], object]]:
        """Cues of each sentence (its own one-paragraph document), and ``extra(doc)`` if given."""
        from rhetoric.scan import find_cues

        out = []
        for doc in self.nlp.pipe(texts, batch_size=self.batch_size, n_process=self.n_process):
            cues = [_from_cue(c, doc.text) for c in find_cues(doc, self.matcher)]
            out.append((cues, extra(doc) if extra else None))
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
                    examples[k].append(f"[{reasons}] {_clip(t, 100)}")
            counts[markup] = {
                "kinds": dict(kinds),
                "multi_paragraph": multi,
                "examples": dict(examples),
            }
        return counts

    def agreement(self, texts: list[str]) -> dict:
        """Score a sample both ways (find_cues on the sentence vs Analyzer.score) and compare cue sets."""
        direct = self.sentences(texts)
        same = differ = skipped = 0
        diffs = []
        for t, (cues, _) in zip(texts, direct, strict=True):
            try:
                s = self.analyzer.score(t, doc_id="x", markup="none")
            except self.rhetoric.InputError:
                skipped += 1
                continue
            if (s.paragraphs["kind"] == "boilerplate").any():
                skipped += 1
                continue
            a = sorted((r.start, r.end, r.category, r.voice, r.rule) for r in s.spans.itertuples())
            b = sorted((c.start, c.end, c.category, c.voice, c.rule) for c in cues)
            if a == b:
                same += 1
            else:
                differ += 1
                if len(diffs) < 3:
                    diffs.append(_clip(t, 120))
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


def _spans_to_cues(spans) -> list[C]:
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
        )
        for r in spans.itertuples()
    ]


def _words(text: str) -> int:
    return len(E.word_spans(text))


def _baselines(data: Path) -> dict:
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


# ----------------------------------------------------------------------------
# Experimental weasel rule (parse-based; evidence for src/, not used by the package)
# ----------------------------------------------------------------------------

# Verbs of saying and thinking whose unnamed, vague subject makes a Wikipedia weasel.
_WEASEL_VERBS = frozenset(
    """say claim argue believe think feel suggest consider regard note state assert contend
maintain suspect speculate insist describe call see view report allege praise criticize criticise
agree disagree point write hold fear expect estimate doubt question accuse charge suppose theorize""".split()
)
_VAGUE_DETS = frozenset(
    {
        "some",
        "many",
        "most",
        "several",
        "various",
        "numerous",
        "certain",
        "few",
        "other",
        "others",
        "much",
    }
)
_VAGUE_NOUNS = frozenset(
    """people critics experts observers scholars historians analysts commentators researchers
scientists sources fans supporters opponents proponents skeptics sceptics writers academics economists reviewers
commentators musicologists theologians theorists detractors followers believers authorities officials others
many some most reports studies""".split()
)
# Passives of these weasel only with a predicate: "is seen as", not "can be seen at".
_NEEDS_AS = frozenset(
    {"see", "view", "describe", "regard", "recognize", "recognise", "acknowledge", "acclaim", "hold"}
)
# A subject opened by a vague quantifier: "Many fans consider...", "Some of its methods...".
_QUANT = frozenset({"some", "many", "most", "several", "various", "numerous", "others", "few"})
_PASSIVE_WEASEL = frozenset(
    {
        "consider",
        "regard",
        "believe",
        "think",
        "say",
        "claim",
        "allege",
        "rumor",
        "rumour",
        "suppose",
        "view",
        "describe",
        "see",
        "suggest",
        "argue",
        "report",
        "feel",
        "hold",
        "deem",
        "acknowledge",
        "acclaim",
        "recognize",
        "recognise",
    }
)


def weasel_flags(doc) -> dict:
    """Two parse patterns for unattributed claims, per sentence.

    * ``vague_subject``: a verb of saying or thinking whose subject has no
      proper noun or pronoun and is a vague plural ("some critics argue",
      "many believe", "experts say").
    * ``agentless_passive``: an evaluative passive with no agent
      ("is widely regarded as", "is considered one of", "it is believed").
    """
    vague = passive = False
    hits = []
    for tok in doc:
        if tok.pos_ not in ("VERB", "AUX") or tok.lemma_.lower() not in _WEASEL_VERBS | _PASSIVE_WEASEL:
            continue
        subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
        agent = any(c.dep_ == "agent" for c in tok.children)
        is_passive = any(c.dep_ == "auxpass" for c in tok.children) or any(
            c.dep_ == "nsubjpass" for c in tok.children
        )
        as_ok = tok.lemma_.lower() not in _NEEDS_AS or any(
            c.lower_ == "as" or c.dep_ in ("oprd", "xcomp") for c in tok.children
        )
        if is_passive and not agent and tok.lemma_.lower() in _PASSIVE_WEASEL and as_ok:
            passive = True
            hits.append(f"passive:{tok.lemma_.lower()}")
            continue
        if tok.lemma_.lower() not in _WEASEL_VERBS or not subj:
            continue
        s = subj[0]
        sub = list(s.subtree)
        if any(t.pos_ == "PROPN" for t in sub) or (s.pos_ == "PRON" and s.lower_ not in _VAGUE_DETS):
            continue
        dets = {t.lower_ for t in sub if t.dep_ in ("det", "amod", "nummod", "quantmod") or t.i == s.i}
        if (
            s.lower_ in _VAGUE_NOUNS
            and (s.tag_ in ("NNS", "NNPS") or s.lower_ in _VAGUE_DETS)
            and (dets & _VAGUE_DETS or not any(t.dep_ == "det" for t in sub))
        ):
            vague = True
            hits.append(f"subject:{' '.join(t.lower_ for t in sub)}")
    quant = False
    for tok in doc:
        if tok.dep_ not in ("nsubj", "nsubjpass") or tok.head.pos_ not in ("VERB", "AUX"):
            continue
        sub = list(tok.subtree)
        if any(t.pos_ == "PROPN" for t in sub):
            continue
        first = sub[0].lower_
        if first in _QUANT or (tok.lower_ in _QUANT and tok.pos_ in ("PRON", "DET", "ADJ", "NOUN")):
            quant = True
            hits.append(f"quantifier:{' '.join(t.lower_ for t in sub)[:40]}")
            break
    return {"vague_subject": vague, "agentless_passive": passive, "quantifier_subject": quant, "hits": hits}


# ----------------------------------------------------------------------------
# Set 1: certainty ratings (Pei & Jurgens)
# ----------------------------------------------------------------------------


def _features(cues: list[C], text: str, hyland) -> dict:
    f = defaultdict(float)
    for c in cues:
        a = c.voice == "author"
        if c.category in ("hedge", "absolute"):
            k = "H" if c.category == "hedge" else "A"
            f[k + "_all"] += c.weight
            f["n" + k + "_all"] += 1
            if a:
                f[k + "_a"] += c.weight
                f["n" + k + "_a"] += 1
                f[f"{k}s_{c.subtype or c.rule}"] += c.weight
                if c.weight >= 0.5:
                    f[k + "_strong"] += c.weight
        elif c.category == "emotive":
            f["emotive"] += 1
        elif c.category == "source":
            if c.rule == "lexicon" and c.subtype != "noun":
                f["attr"] += 1
            elif c.rule == "lexicon":
                f["src_noun"] += 1
            elif c.rule == "named_source":
                f["named"] += 1
            elif c.rule == "quotation":
                f["quotation"] += 1
            f["sources"] += 1
    f["words"] = _words(text)
    f["hyland"] = len(hyland.find(text)) if hyland else float("nan")
    return dict(f)


def certainty_index(a: float, h: float) -> float:
    return (a - h) / (a + h + 1.0)


def _index_alternatives():
    """Candidate certainty formulas: (name, function(features, param), parameter grid)."""
    g = lambda d, k: d.get(k, 0.0)  # noqa: E731
    idx = lambda d: certainty_index(g(d, "A_a"), g(d, "H_a"))  # noqa: E731
    lam = [0.0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1.0, 1.5, 2.0]
    return [
        ("index as shipped: (A-H)/(A+H+1), author voice, weights", lambda d, p: idx(d), [None]),
        (
            "same formula on counts (all weights 1)",
            lambda d, p: certainty_index(g(d, "nA_a"), g(d, "nH_a")),
            [None],
        ),
        (
            "same formula, quoted voice included",
            lambda d, p: certainty_index(g(d, "A_all"), g(d, "H_all")),
            [None],
        ),
        ("-H only (hedge weight, author)", lambda d, p: -g(d, "H_a"), [None]),
        (
            "-H without approximators (about, nearly, at least...)",
            lambda d, p: -(g(d, "H_a") - g(d, "Hs_approximator")),
            [None],
        ),
        (
            "index without approximators",
            lambda d, p: certainty_index(g(d, "A_a"), g(d, "H_a") - g(d, "Hs_approximator")),
            [None],
        ),
        ("-H, only hedges of weight >= 0.5", lambda d, p: -g(d, "H_strong"), [None]),
        (
            "index, only cues of weight >= 0.5",
            lambda d, p: certainty_index(g(d, "A_strong"), g(d, "H_strong")),
            [None],
        ),
        ("-H only (hedge count, all voices)", lambda d, p: -g(d, "nH_all"), [None]),
        ("A-H, no normalisation", lambda d, p: g(d, "A_a") - g(d, "H_a"), [None]),
        (
            "(A-H) per 10 words (length-normalised)",
            lambda d, p: 10 * (g(d, "A_a") - g(d, "H_a")) / max(g(d, "words"), 1),
            [None],
        ),
        (
            "(A-H)/(A+H+k), k tuned",
            lambda d, p: (g(d, "A_a") - g(d, "H_a")) / (g(d, "A_a") + g(d, "H_a") + p),
            [0.25, 0.5, 1.0, 2.0, 4.0],
        ),
        (
            "a*A - H, absolute weight a tuned",
            lambda d, p: p * g(d, "A_a") - g(d, "H_a"),
            [0.0, 0.25, 0.5, 1.0, 2.0],
        ),
        (
            "index - l*attributions (sources lower author commitment)",
            lambda d, p: idx(d) - p * (g(d, "attr") + g(d, "src_noun")),
            lam,
        ),
        ("index - l*(all source cues)", lambda d, p: idx(d) - p * g(d, "sources"), lam),
        ("index - l*(length in words/10)", lambda d, p: idx(d) - p * g(d, "words") / 10, lam),
        (
            "index - l*Hyland count (ours + Hyland's list)",
            lambda d, p: idx(d) - p * g(d, "hyland"),
            lam,
        ),
        ("-(H + l*Hyland count)", lambda d, p: -(g(d, "H_all") + p * g(d, "hyland")), lam),
    ]


def _ols_rho(
    tr: list[dict], y_tr: np.ndarray, te: list[dict], y_te: np.ndarray, seed: int, keys=None
) -> dict:
    keys = keys or [
        "H_a",
        "A_a",
        "H_all",
        "A_all",
        "nH_all",
        "nA_all",
        "attr",
        "src_noun",
        "named",
        "quotation",
        "emotive",
        "words",
        "hyland",
    ]

    def X(rows):
        m = np.array([[r.get(k, 0.0) for k in keys] for r in rows], dtype=float)
        m = np.nan_to_num(m)
        return m

    Xtr, Xte = X(tr), X(te)
    mu, sd = Xtr.mean(0), Xtr.std(0)
    sd[sd == 0] = 1
    Xtr, Xte = (Xtr - mu) / sd, (Xte - mu) / sd
    Xtr1 = np.c_[np.ones(len(Xtr)), Xtr]
    coef, *_ = np.linalg.lstsq(Xtr1, y_tr, rcond=None)
    pred_tr = Xtr1 @ coef
    pred_te = np.c_[np.ones(len(Xte)), Xte] @ coef
    rho, lo, hi = bootstrap_rho(pred_te, y_te, seed=seed)
    return {
        "train_rho": spearman(pred_tr, y_tr),
        "val_rho": rho,
        "val_ci": [lo, hi],
        "coefficients": {k: float(c) for k, c in zip(["intercept", *keys], coef, strict=True)},
    }


def run_certainty(data: Path, scorer: Scorer, base: dict, args, say) -> dict:
    items = E.load_pei_jurgens(data)
    if args.limit:
        by: dict[str, list] = defaultdict(list)
        for s in items:
            if len(by[s.split]) < args.limit:
                by[s.split].append(s)
        items = [s for v in by.values() for s in v]
    texts = [s.text for s in items]
    scored = scorer.sentences(texts)
    feats = [_features(c, t, base["hyland"]) for (c, _), t in zip(scored, texts, strict=True)]
    for f in feats:
        f["index"] = certainty_index(f.get("A_a", 0.0), f.get("H_a", 0.0))
    y = np.array([s.label for s in items])
    splits = {
        "train": [i for i, s in enumerate(items) if s.split == "train"],
        "val": [i for i, s in enumerate(items) if s.split == "val"],
        "all": list(range(len(items))),
    }
    res: dict = {"n": len(items), "splits": {}}
    say(
        "  sign convention: our index should correlate POSITIVELY with rated certainty; the baseline score is "
        "-(Hyland hedge count), so it also should be positive (the raw count's rho is its negative)."
    )
    say(
        f"  {'split':6} {'n':>5} {'rho(index)':>10} {'95% CI':>16} {'rho(-Hyland)':>12} {'95% CI':>16} {'nonzero idx':>11} {'|ours|>=0.70':>12}"
    )
    for name, idx in splits.items():
        if not idx:
            continue
        yy = y[idx]
        ours = bootstrap_rho([feats[i]["index"] for i in idx], yy, seed=args.seed)
        hy = (
            bootstrap_rho([-feats[i]["hyland"] for i in idx], yy, seed=args.seed)
            if base["hyland"]
            else (float("nan"),) * 3
        )
        nz = float(np.mean([feats[i]["index"] != 0 for i in idx]))
        res["splits"][name] = {
            "n": len(idx),
            "rho": ours[0],
            "ci": list(ours[1:]),
            "baseline_rho": hy[0],
            "baseline_ci": list(hy[1:]),
            "baseline_raw_count_rho": -hy[0],
            "nonzero_index": nz,
        }
        say(
            f"  {name:6} {len(idx):5d} {_f(ours[0]):>10} [{_f(ours[1])}, {_f(ours[2])}] {_f(hy[0]):>12} "
            f"[{_f(hy[1])}, {_f(hy[2])}] {_pct(nz):>10}% {'met' if ours[0] >= 0.70 else 'missed':>12}"
        )

    # Alternatives: tune on train, report val.
    tr, va = splits["train"], splits["val"]
    alts = []
    if tr and va:
        say("  alternative index formulas (parameter chosen on train; val reported; package unchanged):")
        say(f"    {'formula':62} {'param':>6} {'train rho':>9} {'val rho':>8} {'val 95% CI':>16}")
        for name, fn, grid in _index_alternatives():
            best = None
            for p in grid:
                r = spearman([fn(feats[i], p) for i in tr], y[tr])
                if best is None or (not np.isnan(r) and (np.isnan(best[1]) or r > best[1])):
                    best = (p, r)
            p, rtr = best
            rv = bootstrap_rho([fn(feats[i], p) for i in va], y[va], seed=args.seed)
            alts.append(
                {
                    "formula": name,
                    "param": p,
                    "train_rho": rtr,
                    "val_rho": rv[0],
                    "val_ci": list(rv[1:]),
                }
            )
            say(
                f"    {name[:62]:62} {'' if p is None else p:>6} {_f(rtr):>9} {_f(rv[0]):>8} [{_f(rv[1])}, {_f(rv[2])}]"
            )
        sub_keys = sorted({k for i in tr for k in feats[i] if k.startswith(("Hs_", "As_"))})
        for label, keys in (
            ("linear regression on all cue features (fit on train)", None),
            ("linear regression on per-subtype hedge/absolute weights", sub_keys),
        ):
            ols = _ols_rho([feats[i] for i in tr], y[tr], [feats[i] for i in va], y[va], args.seed, keys)
            alts.append({"formula": label, **ols})
            say(
                f"    {label[:62]:62} {'':>6} {_f(ols['train_rho']):>9} "
                f"{_f(ols['val_rho']):>8} [{_f(ols['val_ci'][0])}, {_f(ols['val_ci'][1])}]"
            )
    res["alternatives"] = alts

    # Error analysis on train only: which hedge/absolute entries fire in highly rated sentences, what low-rated ones lack.
    mean_all = float(y[tr].mean()) if tr else float("nan")
    per_entry: dict[str, list[float]] = defaultdict(list)
    for i in tr:
        for c in scored[i][0]:
            if c.category in ("hedge", "absolute") and c.voice == "author":
                per_entry[f"{c.category}:{c.entry or c.rule}"].append(y[i])
    entries = sorted(((k, len(v), float(np.mean(v))) for k, v in per_entry.items()), key=lambda r: -r[1])
    res["entry_mean_rating_train"] = [{"entry": k, "n": n, "mean_rating": m} for k, n, m in entries[:40]]
    low_no_cue = [i for i in tr if y[i] <= 3.5 and feats[i]["index"] == 0]
    high_hedged = [i for i in tr if y[i] >= 5 and feats[i]["index"] < 0]
    res["train_mean_rating"] = mean_all
    res["errors"] = {
        "low_rated_no_cue": {
            "n": len(low_no_cue),
            "examples": [_clip(texts[i]) for i in low_no_cue[: args.examples]],
        },
        "high_rated_but_hedged": {
            "n": len(high_hedged),
            "examples": [
                f"{_clip(texts[i])}  <- {', '.join(c.text for c in scored[i][0] if c.category == 'hedge')}"
                for i in high_hedged[: args.examples]
            ],
        },
    }
    low_words = _lift(
        [texts[i] for i in tr if y[i] <= 3.5 and feats[i]["index"] == 0],
        [texts[i] for i in tr if y[i] >= 4.5],
    )
    res["errors"]["words_in_unflagged_low_rated"] = low_words[:25]
    say(
        f"  train mean rating {mean_all:.2f}; hedge/absolute entries by mean rating of the sentences they fire in (train, n>=5):"
    )
    say("    " + "; ".join(f"{k} {m:.2f} (n={n})" for k, n, m in entries if n >= 5)[:900])
    say(
        f"  low-rated (<=3.5) train sentences with no cue: {len(low_no_cue)}; high-rated (>=5) but hedged: {len(high_hedged)}"
    )
    say(
        "    words over-represented in unflagged low-rated sentences: "
        + ", ".join(f"{w['word']}({w['n']})" for w in low_words[:20])
    )
    res["layout_labels"] = scorer.layout_labels(texts)
    return res


def _lift(pos_texts: list[str], neg_texts: list[str], min_n: int = 5) -> list[dict]:
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


# ----------------------------------------------------------------------------
# Set 2: WikiWeasel
# ----------------------------------------------------------------------------


def _ww_variants():
    """Sentence predicates: (name, function(features) -> bool)."""

    def hw(f):
        return f["hedge_w"]

    v = [
        ("hedge >= 1 (any voice)", lambda f: f["nh"] >= 1),
        ("author hedge >= 1", lambda f: f["nh_author"] >= 1),
    ]
    for t in (0.5, 0.75, 1.0, 1.5):
        v.append((f"hedge weight >= {t}", lambda f, t=t: hw(f) >= t))
    v += [
        ("hedge >= 1 excluding weight-0.25 entries", lambda f: f["nh_strong"] >= 1),
        (
            "hedge or unnamed attribution (verb/phrase, no name in sentence)",
            lambda f: f["nh"] >= 1 or f["unnamed_attr"],
        ),
        (
            "hedge or source noun without a name (experts, critics...)",
            lambda f: f["nh"] >= 1 or f["unnamed_noun"],
        ),
        (
            "hedge or vague-subject weasel (parse rule)",
            lambda f: f["nh"] >= 1 or f["vague_subject"],
        ),
        (
            "hedge or agentless evaluative passive (parse rule)",
            lambda f: f["nh"] >= 1 or f["agentless_passive"],
        ),
        (
            "hedge or either weasel parse rule",
            lambda f: f["nh"] >= 1 or f["vague_subject"] or f["agentless_passive"],
        ),
        (
            "hedge (excl. 0.25) or either weasel parse rule",
            lambda f: f["nh_strong"] >= 1 or f["vague_subject"] or f["agentless_passive"],
        ),
        (
            "hedge or weasel rule or unnamed source noun",
            lambda f: f["nh"] >= 1 or f["vague_subject"] or f["agentless_passive"] or f["unnamed_noun"],
        ),
        (
            "hedge or vague-quantifier subject (some/many/several...)",
            lambda f: f["nh"] >= 1 or f["quantifier_subject"],
        ),
        ("hedge or any of the three weasel parse rules", lambda f: f["nh"] >= 1 or f["weasel"]),
        (
            "hedge or weasel parse rules or unnamed source noun",
            lambda f: f["nh"] >= 1 or f["weasel"] or f["unnamed_noun"],
        ),
        (
            "hedge or weasel parse rules or emotive term (peacock words)",
            lambda f: f["nh"] >= 1 or f["weasel"] or f["emotive"] >= 1,
        ),
        (
            "hedge (excl. 0.25) or weasel parse rules or unnamed source noun",
            lambda f: f["nh_strong"] >= 1 or f["weasel"] or f["unnamed_noun"],
        ),
        ("weasel parse rules only (no hedges)", lambda f: f["weasel"]),
        ("hedge or Hyland match (union)", lambda f: f["nh"] >= 1 or f["hyland"] >= 1),
    ]
    return v


def _ww_features(cues: list[C], flags: dict, text: str, hyland) -> dict:
    hedges = [c for c in cues if c.category == "hedge"]
    named = any(c.rule == "named_source" for c in cues)
    quote = any(c.rule == "quotation" for c in cues)
    attr = any(c.category == "source" and c.rule == "lexicon" and c.subtype != "noun" for c in cues)
    noun = any(c.category == "source" and c.rule == "lexicon" and c.subtype == "noun" for c in cues)
    return {
        "nh": len(hedges),
        "nh_author": sum(c.voice == "author" for c in hedges),
        "nh_strong": sum(c.weight > 0.25 for c in hedges),
        "hedge_w": sum(c.weight for c in hedges),
        "unnamed_attr": attr and not named and not quote,
        "unnamed_noun": noun and not named,
        "quantifier_subject": flags["quantifier_subject"],
        "weasel": flags["vague_subject"] or flags["agentless_passive"] or flags["quantifier_subject"],
        "emotive": sum(c.category == "emotive" for c in cues),
        "vague_subject": flags["vague_subject"],
        "agentless_passive": flags["agentless_passive"],
        "hyland": len(hyland.find(text)) if hyland else 0,
        "hedge_entries": [c.entry or c.text.lower() for c in hedges],
    }


def _binary(pred: list[bool], gold: list[int]) -> dict:
    tp = sum(p and g == 1 for p, g in zip(pred, gold, strict=True))
    fp = sum(p and g == 0 for p, g in zip(pred, gold, strict=True))
    fn = sum((not p) and g == 1 for p, g in zip(pred, gold, strict=True))
    return prf(tp, fp, fn) | {"n": len(gold), "n_pos": sum(gold)}


def run_wikiweasel(data: Path, scorer: Scorer, base: dict, args, say) -> dict:
    items = E.load_wikiweasel(data)
    n_file = len(items)
    if args.limit:
        items = items[: args.limit]
    texts = [s.text for s in items]
    gold = [int(s.label) for s in items]
    scored = scorer.sentences(texts, extra=weasel_flags)
    feats = [_ww_features(c, fl, t, base["hyland"]) for (c, fl), t in zip(scored, texts, strict=True)]
    rng = np.random.default_rng(args.seed)
    perm = rng.permutation(len(items))
    cut = int(round(0.7 * len(items)))
    tune, held = sorted(perm[:cut].tolist()), sorted(perm[cut:].tolist())
    res: dict = {
        "n": len(items),
        "n_file_nonempty": n_file,
        "n_tune": len(tune),
        "n_heldout": len(held),
        "split": f"numpy default_rng({args.seed}).permutation; first 70% tune, rest held out",
        "variants": [],
    }
    say(
        f"  {len(items)} sentences ({sum(gold)} uncertain); tune {len(tune)} / held-out {len(held)} (seed {args.seed})"
    )
    say(f"  {'rule':64} {'tune F1':>7} {'held P':>6} {'held R':>6} {'held F1':>7}")
    best = None
    best_pkg = None
    for name, fn in _ww_variants():
        pred = [fn(f) for f in feats]
        t = _binary([pred[i] for i in tune], [gold[i] for i in tune])
        h = _binary([pred[i] for i in held], [gold[i] for i in held])
        pkg = not any(k in name for k in ("parse rule", "weasel", "quantifier", "Hyland"))
        res["variants"].append({"rule": name, "package_cues_only": pkg, "tune": t, "heldout": h})
        if best is None or t["f1"] > best[1]["f1"]:
            best = (name, t, h, pred)
        if pkg and (best_pkg is None or t["f1"] > best_pkg[1]["f1"]):
            best_pkg = (name, t, h)
        say(
            f"  {name[:64]:64} {_pct(t['f1']):>7} {_pct(h['precision']):>6} {_pct(h['recall']):>6} {_pct(h['f1']):>7}"
        )
    if base["hyland"]:
        pred = [f["hyland"] >= 1 for f in feats]
        t = _binary([pred[i] for i in tune], [gold[i] for i in tune])
        h = _binary([pred[i] for i in held], [gold[i] for i in held])
        res["baseline"] = {"rule": "Hyland list match >= 1", "tune": t, "heldout": h}
        say(
            f"  {'BASELINE Hyland list match >= 1':64} {_pct(t['f1']):>7} {_pct(h['precision']):>6} {_pct(h['recall']):>6} {_pct(h['f1']):>7}"
        )
    comps = {}
    for comp in ("quantifier_subject", "vague_subject", "agentless_passive", "unnamed_noun", "unnamed_attr"):
        fired = [i for i in tune if feats[i][comp]]
        new = [i for i in fired if feats[i]["nh"] == 0]
        comps[comp] = {
            "fires": len(fired),
            "precision": sum(gold[i] for i in fired) / len(fired) if fired else float("nan"),
            "fires_without_hedge": len(new),
            "precision_without_hedge": sum(gold[i] for i in new) / len(new) if new else float("nan"),
            "examples_true": [_clip(texts[i]) for i in new if gold[i] == 1][: args.examples],
            "examples_false": [_clip(texts[i]) for i in new if gold[i] == 0][: args.examples],
        }
    res["weasel_components_tune"] = comps
    say(
        "  tune split, each cue rule alone (fires, precision; on sentences with no hedge): "
        + "; ".join(
            f"{k} {v['fires']} {_pct(v['precision']).strip()}% ({v['fires_without_hedge']}, "
            f"{_pct(v['precision_without_hedge']).strip()}%)"
            for k, v in comps.items()
        )
    )
    default = res["variants"][0]
    res["default_rule"] = {"rule": default["rule"], "heldout": default["heldout"]}
    res["chosen"] = {"rule": best[0], "tune": best[1], "heldout": best[2]}
    res["chosen_package_cues_only"] = {"rule": best_pkg[0], "tune": best_pkg[1], "heldout": best_pkg[2]}
    say(
        f"  chosen on tune among rules on the package's own cues: '{best_pkg[0]}' -> held-out "
        f"P {_pct(best_pkg[2]['precision'])} R {_pct(best_pkg[2]['recall'])} F1 {_pct(best_pkg[2]['f1'])}"
    )
    say(
        f"  chosen on tune: '{best[0]}' -> held-out P {_pct(best[2]['precision'])} R {_pct(best[2]['recall'])} "
        f"F1 {_pct(best[2]['f1'])} (n={best[2]['n']}, {best[2]['n_pos']} uncertain); published best CoNLL-2010 Wikipedia F1 60.2"
    )

    # Error analysis on the tune split only, for the default rule.
    pred = [f["nh"] >= 1 for f in feats]
    fires = Counter()
    fires_neg = Counter()
    ex_fp: dict[str, list[str]] = defaultdict(list)
    for i in tune:
        for e in set(feats[i]["hedge_entries"]):
            fires[e] += 1
            if gold[i] == 0:
                fires_neg[e] += 1
                if len(ex_fp[e]) < args.examples:
                    ex_fp[e].append(_clip(texts[i]))
    fp_entries = sorted(
        ((e, fires_neg[e], fires[e]) for e in fires if fires_neg[e] >= 3 and fires_neg[e] / fires[e] >= 0.5),
        key=lambda r: -r[1],
    )
    res["fp_entries_tune"] = [
        {
            "entry": e,
            "fires_in_certain": n0,
            "fires": n,
            "precision": 1 - n0 / n,
            "examples": ex_fp[e],
        }
        for e, n0, n in fp_entries[:25]
    ]
    fn_texts = [texts[i] for i in tune if gold[i] == 1 and not pred[i]]
    neg_texts = [texts[i] for i in tune if gold[i] == 0]
    fn_words = _lift(fn_texts, neg_texts, min_n=6)[:30]
    for w in fn_words:
        w["examples"] = [_clip(t) for t in fn_texts if re.search(rf"\b{re.escape(w['word'])}\b", t, re.I)][
            : args.examples
        ]
    res["fn_words_tune"] = fn_words
    res["n_fn_tune"] = len(fn_texts)
    say(
        "  tune split, default rule: hedge entries that fire mostly in CERTAIN sentences (fires in certain / all):"
    )
    say(
        "    "
        + "; ".join(f"{r['entry']} {r['fires_in_certain']}/{r['fires']}" for r in res["fp_entries_tune"][:20])
    )
    say(
        f"  tune split: words over-represented in {len(fn_texts)} MISSED uncertain sentences (n missed, n in certain):"
    )
    say("    " + ", ".join(f"{w['word']}({w['n']},{w['n_other']})" for w in fn_words[:25]))
    res["layout_labels"] = scorer.layout_labels(texts)
    return res


# ----------------------------------------------------------------------------
# Set 3: SFU Review speculation cues
# ----------------------------------------------------------------------------

SFU_SCHEME_ONLY = {
    "if",
    "or",
    "either",
    "whether",
    "either or",
    "or not",
    "whether or not",
    "if not",
}


def run_sfu(data: Path, scorer: Scorer, base: dict, args, say) -> dict:
    sents = E.load_sfu(data)
    if args.limit:
        sents = sents[: args.limit]
    texts = [s.text for s in sents]
    scored = scorer.sentences(texts)

    def evaluate(pred_spans: list[list[tuple[int, int, str]]]) -> dict:
        n_pred = pm = n_gold = gm = 0
        n_gold_news = gm_news = 0
        per_gold: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        fp_words: Counter = Counter()
        all_words: Counter = Counter()
        fp_ex: dict[str, list[str]] = defaultdict(list)
        for s, preds in zip(sents, pred_spans, strict=True):
            gold = [(ct, [s.tokens[i] for i in idx], txt) for ct, idx, txt in s.cues if ct == "speculation"]
            for _, toks, txt in gold:
                hit = any(overlaps(t, (p[0], p[1])) for t in toks for p in preds)
                key = txt.lower().replace("&#39;", "'")
                per_gold[key][0] += 1
                per_gold[key][1] += hit
                n_gold += 1
                gm += hit
                if key not in SFU_SCHEME_ONLY:
                    n_gold_news += 1
                    gm_news += hit
            for p in preds:
                n_pred += 1
                hit = any(overlaps(t, (p[0], p[1])) for _, toks, _ in gold for t in toks)
                pm += hit
                all_words[p[2]] += 1
                if not hit:
                    fp_words[p[2]] += 1
                    if len(fp_ex[p[2]]) < args.examples:
                        fp_ex[p[2]].append(_clip(s.text))
        out = cue_prf(pm, n_pred, gm, n_gold)
        out["recall_excluding_if_or_either_whether"] = gm_news / n_gold_news if n_gold_news else float("nan")
        out["n_gold_excluding_if_or_either_whether"] = n_gold_news
        out["per_gold_word"] = [
            {"cue": k, "n": v[0], "recall": v[1] / v[0]}
            for k, v in sorted(per_gold.items(), key=lambda kv: -kv[1][0])[:25]
        ]
        out["top_fp_words"] = [
            {"word": w, "fp": n, "fires": all_words[w], "examples": fp_ex[w]}
            for w, n in fp_words.most_common(25)
        ]
        return out

    ours = evaluate(
        [
            [(c.start, c.end, (c.entry or c.text).lower()) for c in cues if c.category == "hedge"]
            for cues, _ in scored
        ]
    )
    res = {"n_sentences": len(sents), "n_gold_cues": ours["n_gold"], "ours": ours}
    say(f"  {len(sents)} sentences, {ours['n_gold']} speculation cues; match = token overlap")
    say(
        f"  ours     P {_pct(ours['precision'])} R {_pct(ours['recall'])} F1 {_pct(ours['f1'])} "
        f"(n_pred={ours['n_pred']}); recall without if/or/either/whether {_pct(ours['recall_excluding_if_or_either_whether'])} "
        f"(n={ours['n_gold_excluding_if_or_either_whether']})"
    )
    if base["hyland"]:
        hy = evaluate([[(s, e, t) for s, e, t in base["hyland"].find(x)] for x in texts])
        res["baseline"] = hy
        say(
            f"  Hyland   P {_pct(hy['precision'])} R {_pct(hy['recall'])} F1 {_pct(hy['f1'])} "
            f"(n_pred={hy['n_pred']}); recall without if/or/either/whether {_pct(hy['recall_excluding_if_or_either_whether'])}"
        )
    say(
        "  gold cue words (n, our recall): "
        + ", ".join(f"{r['cue']}({r['n']},{_pct(r['recall']).strip()})" for r in ours["per_gold_word"])
    )
    say(
        "  our false-positive hedge entries (fp/fires): "
        + ", ".join(f"{r['word']}({r['fp']}/{r['fires']})" for r in ours["top_fp_words"])
    )
    res["layout_labels"] = scorer.layout_labels(texts)
    return res


# ----------------------------------------------------------------------------
# Set 4: PolNeAR attribution
# ----------------------------------------------------------------------------

_PRONOUNS = {
    "he",
    "she",
    "they",
    "it",
    "we",
    "i",
    "you",
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "his",
    "her",
    "their",
    "its",
    "our",
    "my",
    "some",
    "many",
    "one",
    "other",
    "another",
    "both",
    "all",
    "but",
    "and",
}


def _is_named(source_text: str) -> bool:
    toks = re.findall(r"[A-Za-z][\w.'’-]*", source_text)
    return any(t[0].isupper() and t.lower() not in _PRONOUNS for t in toks)


def run_polnear(data: Path, scorer: Scorer, base: dict, args, say) -> dict:
    arts = E.load_polnear(data, args.polnear_split)
    if args.limit:
        arts = arts[: args.limit]
    gold_cues_all = []
    pred_cues = {"verbs_phrases": [], "with_nouns": []}
    named_pred, gold_src = [], []
    para_rows = []
    boiler_lost = 0
    fn_cue_words: Counter = Counter()
    fp_entries: Counter = Counter()
    fp_ex: dict[str, list[str]] = defaultdict(list)
    fn_ex: dict[str, list[str]] = defaultdict(list)
    base_pred = []
    verbal = [0, 0]
    fn_covered: Counter = Counter()
    hedge_on_cue: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    hedge_ex: dict[str, list[str]] = defaultdict(list)
    fn_last: Counter = Counter()
    for art, sc in zip(arts, scorer.articles([(a.text, a.id) for a in arts]), strict=True):
        cues = _spans_to_cues(sc.spans)
        gcues = [g["cue"] for g in art.gold if g["cue"]]
        gsrc = [(g["source"], g["source_text"]) for g in art.gold if g["source"]]
        vp = [c for c in cues if c.category == "source" and c.rule == "lexicon" and c.subtype != "noun"]
        wn = [c for c in cues if c.category == "source" and c.rule == "lexicon"]
        nm = [c for c in cues if c.rule == "named_source"]
        bp = base["report_verbs"].find(art.text) if base["report_verbs"] else []

        def match(preds, golds):
            pm = [any(overlaps((p[0], p[1]), f) for g in golds for f in g) for p in preds]
            gm = [any(overlaps((p[0], p[1]), f) for p in preds for f in g) for g in golds]
            return pm, gm

        for key, preds in (("verbs_phrases", vp), ("with_nouns", wn)):
            pm, gm = match([(c.start, c.end) for c in preds], gcues)
            pred_cues[key].append((pm, gm))
        pm, gm = match([(c.start, c.end) for c in vp], gcues)
        for c, hit in zip(vp, pm, strict=True):
            if not hit:
                fp_entries[c.entry] += 1
                if len(fp_ex[c.entry]) < args.examples:
                    fp_ex[c.entry].append(_clip(_sentence_around(art.text, c.start)))
        for g, hit in zip([g for g in art.gold if g["cue"]], gm, strict=True):
            if not hit:
                w = g["cue_text"].lower()
                fn_cue_words[w] += 1
                fn_last[(w.split() or [""])[-1]] += 1
                other = sorted(
                    {
                        f"{c.category}:{c.rule}" + (f":{c.subtype}" if c.rule == "lexicon" else "")
                        for c in cues
                        if any(overlaps((c.start, c.end), f) for f in g["cue"])
                    }
                )
                fn_covered[", ".join(other) or "nothing"] += 1
                if len(fn_ex[w]) < args.examples:
                    fn_ex[w].append(_clip(_sentence_around(art.text, g["cue"][0][0])))
        gold_cues_all.append(len(gcues))
        for c in cues:
            if c.category == "hedge" and c.rule == "lexicon":
                on_cue = any(overlaps((c.start, c.end), f) for g in gcues for f in g)
                hedge_on_cue[c.entry][0] += 1
                hedge_on_cue[c.entry][1] += on_cue
                if on_cue and len(hedge_ex[c.entry]) < args.examples:
                    hedge_ex[c.entry].append(_clip(_sentence_around(art.text, c.start)))
        for g, hit in zip([g for g in art.gold if g["cue"]], gm, strict=True):
            if re.search(r"[A-Za-z]", g["cue_text"]):
                verbal[0] += 1
                verbal[1] += hit
        npm, ngm = match([(c.start, c.end) for c in nm], [f for f, _ in gsrc])
        named_pred.append(npm)
        gold_src.append([(hit, _is_named(t)) for hit, (_, t) in zip(ngm, gsrc, strict=True)])
        bpm, bgm = match([(s, e) for s, e, _ in bp], gcues)
        base_pred.append((bpm, bgm))
        # Per paragraph.
        for p in sc.paragraphs.itertuples():
            n_gold = sum(1 for g in art.gold if g["cue"] and p.start <= g["cue"][0][0] < p.end)
            if p.kind == "boilerplate" and n_gold:
                boiler_lost += n_gold
            nb = sum(1 for s, _, _ in bp if p.start <= s < p.end)
            para_rows.append((p.sources, p.sources + p.sources_quoted, p.attributions, nb, n_gold, p.kind))

    def pool(pairs):
        pm = sum(sum(a) for a, _ in pairs)
        npred = sum(len(a) for a, _ in pairs)
        gm = sum(sum(b) for _, b in pairs)
        ng = sum(len(b) for _, b in pairs)
        return cue_prf(pm, npred, gm, ng)

    res: dict = {
        "n_articles": len(arts),
        "split": args.polnear_split,
        "annotator_choice": "one .ann per article: the annotator code that sorts first",
        "n_attributions": sum(gold_cues_all),
    }
    res["cue_verbs_phrases"] = pool(pred_cues["verbs_phrases"])
    res["cue_with_source_nouns"] = pool(pred_cues["with_nouns"])
    res["cue_verbs_phrases"]["recall_on_cues_with_a_word"] = (
        verbal[1] / verbal[0] if verbal[0] else float("nan")
    )
    res["cue_verbs_phrases"]["n_gold_cues_with_a_word"] = verbal[0]
    if base["report_verbs"]:
        res["baseline_cue"] = pool(base_pred)
    nm_all = sum(len(x) for x in named_pred)
    nm_hit = sum(sum(x) for x in named_pred)
    gs = [x for a in gold_src for x in a]
    gs_named = [h for h, named in gs if named]
    res["named_source"] = cue_prf(nm_hit, nm_all, sum(h for h, _ in gs), len(gs))
    res["named_source"]["recall_on_gold_sources_with_a_name"] = (
        (sum(gs_named) / len(gs_named)) if gs_named else float("nan")
    )
    res["named_source"]["n_gold_sources_with_a_name"] = len(gs_named)
    arr = np.array([r[:5] for r in para_rows], dtype=float) if para_rows else np.zeros((0, 5))
    corr = {}
    for k, name in enumerate(["sources", "sources+sources_quoted", "attributions", "baseline_report_verbs"]):
        rho, lo, hi = bootstrap_rho(arr[:, k], arr[:, 4], seed=args.seed) if len(arr) else (float("nan"),) * 3
        corr[name] = {"rho": rho, "ci": [lo, hi]}
    res["paragraph_spearman"] = corr | {
        "n_paragraphs": len(para_rows),
        "gold_attributions_in_boilerplate_paragraphs": boiler_lost,
    }
    res["fn_cues_covered_by"] = fn_covered.most_common(15)
    tot = [sum(v[0] for v in hedge_on_cue.values()), sum(v[1] for v in hedge_on_cue.values())]
    res["hedges_that_are_gold_attribution_cues"] = {
        "hedges": tot[0],
        "on_gold_cue": tot[1],
        "by_entry": [
            {"entry": e, "fires": v[0], "on_gold_cue": v[1], "examples": hedge_ex[e]}
            for e, v in sorted(hedge_on_cue.items(), key=lambda kv: -kv[1][1])[:15]
            if v[1]
        ],
    }
    res["fn_cue_last_word"] = fn_last.most_common(40)
    res["fn_cue_words"] = [{"cue": w, "n": n, "examples": fn_ex[w]} for w, n in fn_cue_words.most_common(25)]
    res["fp_entries"] = [{"entry": w, "n": n, "examples": fp_ex[w]} for w, n in fp_entries.most_common(25)]
    c, b = res["cue_verbs_phrases"], res.get("baseline_cue")
    say(
        f"  {len(arts)} articles ({args.polnear_split}), {res['n_attributions']} gold attributions; {len(para_rows)} paragraphs; annotator: first code in sort order"
    )
    say(
        f"  cue (attribution verbs/phrases)  P {_pct(c['precision'])} R {_pct(c['recall'])} F1 {_pct(c['f1'])} (n_pred={c['n_pred']}, n_gold={c['n_gold']}); "
        f"recall on cues that contain a word (not ':' or a dash) {_pct(c['recall_on_cues_with_a_word'])} (n={c['n_gold_cues_with_a_word']})"
    )
    w = res["cue_with_source_nouns"]
    say(
        f"  cue incl. source nouns           P {_pct(w['precision'])} R {_pct(w['recall'])} F1 {_pct(w['f1'])} (n_pred={w['n_pred']})"
    )
    if b:
        say(
            f"  BASELINE report verbs            P {_pct(b['precision'])} R {_pct(b['recall'])} F1 {_pct(b['f1'])} (n_pred={b['n_pred']})"
        )
    ns = res["named_source"]
    say(
        f"  named_source vs gold source      P {_pct(ns['precision'])} R {_pct(ns['recall'])} F1 {_pct(ns['f1'])} (n_pred={ns['n_pred']}, n_gold={ns['n_gold']}); "
        f"recall on gold sources with a capitalised name {_pct(ns['recall_on_gold_sources_with_a_name'])} (n={ns['n_gold_sources_with_a_name']})"
    )
    say(
        "  per-paragraph Spearman with gold attribution count: "
        + "; ".join(f"{k} {_f(v['rho'])} [{_f(v['ci'][0])}, {_f(v['ci'][1])}]" for k, v in corr.items())
        + f" (n={len(para_rows)} paragraphs)"
    )
    say(f"  gold attributions whose cue sits in a paragraph labelled boilerplate: {boiler_lost}")
    say(
        "  missed gold cues overlap which of our cues: "
        + "; ".join(f"{k} {n}" for k, n in fn_covered.most_common(8))
    )
    h = res["hedges_that_are_gold_attribution_cues"]
    say(
        f"  our hedge spans that sit on a gold attribution cue: {h['on_gold_cue']}/{h['hedges']}: "
        + ", ".join(f"{r['entry']} {r['on_gold_cue']}/{r['fires']}" for r in h["by_entry"][:12])
    )
    say("  missed gold cues by last word: " + ", ".join(f"{w}({n})" for w, n in fn_last.most_common(30)))
    say("  missed gold cues: " + ", ".join(f"{r['cue']}({r['n']})" for r in res["fn_cue_words"]))
    say("  unmatched source entries: " + ", ".join(f"{r['entry']}({r['n']})" for r in res["fp_entries"]))
    return res


def _sentence_around(text: str, pos: int, width: int = 200) -> str:
    lo = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos))
    hi_candidates = [i for i in (text.find(". ", pos), text.find("\n", pos)) if i >= 0]
    hi = min(hi_candidates) + 1 if hi_candidates else len(text)
    s = text[lo + 1 : hi].strip()
    return s if len(s) <= 2 * width else text[max(0, pos - width) : pos + width]


# ----------------------------------------------------------------------------
# Set 5: BASIL lexical bias
# ----------------------------------------------------------------------------


def run_basil(data: Path, scorer: Scorer, base: dict, args, say) -> dict:
    from rhetoric.quotes import paragraph_quotes

    arts, unplaced = E.load_basil(data)
    if args.limit:
        arts = arts[: args.limit]
    n_pred = pm = pm_any = 0
    gold_lex = gold_hit = 0
    b_pred = b_pm = b_gm = 0
    # (gold quote flag, our voice) for every gold span, by find_quotes; then lexical spans only;
    # then gold lexical spans overlapped by an emotive cue, with that cue's voice.
    by_voice: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    caught: dict[str, Counter] = defaultdict(Counter)
    mp = [0, 0, 0]
    voice_ex: dict[str, list[str]] = defaultdict(list)
    voice_cm: Counter = Counter()
    voice_lex_cm: Counter = Counter()
    cue_voice_cm: Counter = Counter()
    fp_entries: Counter = Counter()
    fires: Counter = Counter()
    fp_ex: dict[str, list[str]] = defaultdict(list)
    fn_spans: list[str] = []
    tp_entries: Counter = Counter()
    for art, sc in zip(arts, scorer.articles([(a.text, a.id) for a in arts]), strict=True):
        cues = _spans_to_cues(sc.spans)
        emo = [c for c in cues if c.category == "emotive"]
        lex = [g for g in art.gold if g["bias"] == "lex"]
        allg = art.gold
        for c in emo:
            n_pred += 1
            fires[c.entry] += 1
            hit = any(overlaps((c.start, c.end), g["span"]) for g in lex)
            by_voice[c.voice][0] += 1
            by_voice[c.voice][1] += hit
            pm += hit
            pm_any += any(overlaps((c.start, c.end), g["span"]) for g in allg)
            if hit:
                tp_entries[c.entry] += 1
            else:
                fp_entries[c.entry] += 1
                if len(fp_ex[c.entry]) < args.examples:
                    fp_ex[c.entry].append(_clip(_sentence_around(art.text, c.start)))
        for g in lex:
            gold_lex += 1
            hits = [c for c in emo if overlaps((c.start, c.end), g["span"])]
            gold_hit += bool(hits)
            if not hits:
                fn_spans.append(g["txt"])
            else:
                cue_voice_cm[(g["quote"], hits[0].voice)] += 1
        for key in ("recasens_bias", "mpqa_strong"):
            if not base.get(key):
                continue
            found = base[key].find(art.text)
            for g in lex:
                if not any(overlaps((c.start, c.end), g["span"]) for c in emo):
                    words = [t for s_, e_, t in found if overlaps((s_, e_), g["span"])]
                    if words:
                        caught[key].update(words)
            if key == "mpqa_strong":
                mp[0] += len(found)
                mp[1] += sum(any(overlaps((s_, e_), g["span"]) for g in lex) for s_, e_, _ in found)
                mp[2] += sum(any(overlaps((s_, e_), g["span"]) for s_, e_, _ in found) for g in lex)
        if base["recasens_bias"]:
            bp = base["recasens_bias"].find(art.text)
            b_pred += len(bp)
            b_pm += sum(any(overlaps((s, e), g["span"]) for g in lex) for s, e, _ in bp)
            b_gm += sum(any(overlaps((s, e), g["span"]) for s, e, _ in bp) for g in lex)
        # Voice by the package's quote finder, paragraph by paragraph, as the scorer runs it.
        doc = sc.document
        qranges = [
            (p.clean_start + q.start, p.clean_start + q.end)
            for p, qs in zip(doc.paragraphs, paragraph_quotes(doc.paragraphs), strict=True)
            for q in qs
        ]
        for g in allg:
            s, e = g["span"]
            inner = s
            while inner < e - 1 and art.text[inner] in "\"'“”‘’ ":
                inner += 1
            ours = "quoted" if any(qs < inner < qe for qs, qe in qranges) else "author"
            voice_cm[(g["quote"], ours)] += 1
            if g["bias"] == "lex" and (g["quote"] == "yes") != (ours == "quoted"):
                if len(voice_ex[g["quote"]]) < 2 * args.examples:
                    voice_ex[g["quote"]].append(f"[{g['txt']}] " + _clip(_sentence_around(art.text, s)))
            if g["bias"] == "lex":
                voice_lex_cm[(g["quote"], ours)] += 1

    def agree(cm: Counter) -> dict:
        yes_q, yes_a = cm[("yes", "quoted")], cm[("yes", "author")]
        no_q, no_a = cm[("no", "quoted")], cm[("no", "author")]
        return {
            "gold_quote_we_quoted": yes_q,
            "gold_quote_we_author": yes_a,
            "gold_noquote_we_quoted": no_q,
            "gold_noquote_we_author": no_a,
            "recall_of_quoted": yes_q / (yes_q + yes_a) if yes_q + yes_a else float("nan"),
            "author_agreement": no_a / (no_q + no_a) if no_q + no_a else float("nan"),
            "accuracy": (yes_q + no_a) / max(sum(cm.values()), 1),
        }

    res = {
        "n_articles": len(arts),
        "n_lex_spans": gold_lex,
        "unplaced_spans": unplaced,
        "ours": {
            "precision": pm / n_pred if n_pred else float("nan"),
            "recall": gold_hit / gold_lex if gold_lex else float("nan"),
            "precision_against_any_bias_span": pm_any / n_pred if n_pred else float("nan"),
            "n_pred": n_pred,
            "pred_matched": pm,
            "gold_matched": gold_hit,
        },
    }
    o = res["ours"]
    o["f1"] = 2 * o["precision"] * o["recall"] / (o["precision"] + o["recall"]) if pm and gold_hit else 0.0
    if base["recasens_bias"]:
        bpp = b_pm / b_pred if b_pred else float("nan")
        brr = b_gm / gold_lex if gold_lex else float("nan")
        res["baseline"] = {
            "precision": bpp,
            "recall": brr,
            "f1": 2 * bpp * brr / (bpp + brr) if b_pm and b_gm else 0.0,
            "n_pred": b_pred,
            "pred_matched": b_pm,
            "gold_matched": b_gm,
        }
    if base.get("mpqa_strong"):
        mpp = mp[1] / mp[0] if mp[0] else float("nan")
        mpr = mp[2] / gold_lex if gold_lex else float("nan")
        res["reference_mpqa_strongsubj"] = {
            "precision": mpp,
            "recall": mpr,
            "f1": 2 * mpp * mpr / (mpp + mpr) if mp[1] and mp[2] else 0.0,
            "n_pred": mp[0],
        }
    res["missed_by_us_caught_by_list"] = {k: v.most_common(30) for k, v in caught.items()}
    res["voice_all_spans"] = agree(voice_cm) | {"n": sum(voice_cm.values())}
    res["voice_lex_spans"] = agree(voice_lex_cm) | {"n": sum(voice_lex_cm.values())}
    res["voice_of_matching_emotive_cue"] = agree(
        Counter({(k[0], k[1]): v for k, v in cue_voice_cm.items()})
    ) | {"n": sum(cue_voice_cm.values())}
    res["precision_by_voice"] = {
        v: {"n_pred": n, "pred_matched": m, "precision": m / n if n else float("nan")}
        for v, (n, m) in by_voice.items()
    }
    res["voice_disagreements"] = {
        ("gold_quoted_we_author" if k == "yes" else "gold_unquoted_we_quoted"): v for k, v in voice_ex.items()
    }
    res["fp_entries"] = [
        {"entry": e, "unmatched": n, "fires": fires[e], "examples": fp_ex[e]}
        for e, n in fp_entries.most_common(25)
    ]
    res["tp_entries"] = [{"entry": e, "n": n} for e, n in tp_entries.most_common(25)]
    res["fn_spans"] = Counter(s.lower() for s in fn_spans).most_common(40)
    say(
        f"  {len(arts)} articles, {gold_lex} lexical-bias spans placed ({unplaced} spans of any type not placed)"
    )
    say(
        f"  ours (emotive)   P {_pct(o['precision'])} R {_pct(o['recall'])} F1 {_pct(o['f1'])} (n_pred={n_pred}); "
        f"P against any bias span (lex or inf) {_pct(o['precision_against_any_bias_span'])}"
    )
    if base["recasens_bias"]:
        b = res["baseline"]
        say(
            f"  BASELINE Recasens P {_pct(b['precision'])} R {_pct(b['recall'])} F1 {_pct(b['f1'])} (n_pred={b_pred})"
        )
    if "reference_mpqa_strongsubj" in res:
        r = res["reference_mpqa_strongsubj"]
        say(
            f"  REFERENCE MPQA strongsubj P {_pct(r['precision'])} R {_pct(r['recall'])} F1 {_pct(r['f1'])} (n_pred={r['n_pred']})"
        )
    for k, v in res["missed_by_us_caught_by_list"].items():
        say(f"  gold spans we miss that {k} matches: " + ", ".join(f"{w}({n})" for w, n in v[:20]))
    say(
        "  emotive precision by our voice: "
        + "; ".join(
            f"{v} {_pct(r['precision']).strip()}% (n={r['n_pred']})"
            for v, r in res["precision_by_voice"].items()
        )
    )
    for k in ("voice_lex_spans", "voice_all_spans", "voice_of_matching_emotive_cue"):
        v = res[k]
        say(
            f"  {k:30} n={v['n']:4d}: gold-quoted spans we call quoted {_pct(v['recall_of_quoted'])}% "
            f"({v['gold_quote_we_quoted']}/{v['gold_quote_we_quoted'] + v['gold_quote_we_author']}); "
            f"gold-unquoted we call author {_pct(v['author_agreement'])}% ({v['gold_noquote_we_author']}/{v['gold_noquote_we_author'] + v['gold_noquote_we_quoted']})"
        )
    say(
        "  emotive entries with most unmatched fires (unmatched/fires): "
        + ", ".join(f"{r['entry']}({r['unmatched']}/{r['fires']})" for r in res["fp_entries"][:20])
    )
    say(
        "  missed lexical-bias spans (most frequent): "
        + ", ".join(f"{s}({n})" for s, n in res["fn_spans"][:25])
    )
    return res


# ----------------------------------------------------------------------------
# Driver
# ----------------------------------------------------------------------------

RUNNERS = {
    "certainty": run_certainty,
    "wikiweasel": run_wikiweasel,
    "sfu": run_sfu,
    "polnear": run_polnear,
    "basil": run_basil,
}


def _meta(args, data: Path) -> dict:
    import rhetoric

    lex_dir = Path(rhetoric.__file__).resolve().parent / "data"
    h = hashlib.sha256()
    for p in sorted(lex_dir.glob("*.tsv")):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    try:
        commit = subprocess.run(
            ["git", "-C", str(REPO_ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
        dirty = bool(
            subprocess.run(
                ["git", "-C", str(REPO_ROOT), "status", "--porcelain", "src"],
                capture_output=True,
                text=True,
                timeout=10,
            ).stdout.strip()
        )
    except (OSError, subprocess.SubprocessError):
        commit, dirty = "", None
    return {
        "command": " ".join([Path(sys.argv[0]).name, *(args.argv or [])]),
        "data": str(data),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "nproc": os.cpu_count(),
        "rhetoric": getattr(rhetoric, "__version__", ""),
        "git_commit": commit,
        "src_dirty": dirty,
        "lexicon_sha256": h.hexdigest()[:16],
        "seed": args.seed,
        "limit": args.limit,
        "bootstrap": 1000,
    }


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description="Validate rhetoric against the human-annotated sets in --data.")
    p.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help=f"the eval folder (default {DEFAULT_DATA})"
    )
    p.add_argument(
        "--sets", default=",".join(ALL_SETS), help=f"comma-separated subset of {','.join(ALL_SETS)}"
    )
    p.add_argument(
        "--limit",
        type=int,
        default=0,
        help="at most N items per set (per split for certainty); 0 = all",
    )
    p.add_argument("--json", type=Path, default=None, help="write every figure to this JSON file")
    p.add_argument("--seed", type=int, default=13, help="seed for the WikiWeasel split and the bootstraps")
    p.add_argument(
        "--examples", type=int, default=2, help="example sentences kept per error class in the JSON"
    )
    p.add_argument(
        "--lexicon",
        default=None,
        help="a TSV lexicon to merge over the package's (try a candidate entry)",
    )
    p.add_argument("--polnear-split", default="dev", help="PolNeAR split folder (default dev)")
    p.add_argument("--ner", action="store_true", help="keep spaCy NER (names sources by entity type)")
    p.add_argument("--batch-size", type=int, default=128)
    p.add_argument("--n-process", type=int, default=1)
    p.add_argument(
        "--agreement-sample",
        type=int,
        default=200,
        help="sentences per sentence-level set scored both by find_cues and Analyzer.score, to check they agree",
    )
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    args.argv = list(sys.argv[1:] if argv is None else argv)
    data: Path = args.data
    if not data.is_dir():
        print(SKIP_MESSAGE.format(path=data))
        return 0
    wanted = [s.strip() for s in args.sets.split(",") if s.strip()]
    bad = [s for s in wanted if s not in RUNNERS]
    if bad:
        print(
            f"validate: unknown set(s) {', '.join(bad)}; choose from {', '.join(ALL_SETS)}",
            file=sys.stderr,
        )
        return 2
    present = [s for s in wanted if (data / E.SET_DIRS[s]).is_dir()]
    for s in wanted:
        if s not in present:
            print(f"validate: {data / E.SET_DIRS[s]} not found; skipping {s}.")
    if not present:
        print(SKIP_MESSAGE.format(path=data / "<set folders>"))
        return 0

    def say(line: str = "") -> None:
        print(line, flush=True)

    t0 = time.perf_counter()
    scorer = Scorer(lexicon=args.lexicon, ner=args.ner, batch_size=args.batch_size, n_process=args.n_process)
    base = _baselines(data)
    out: dict = {"meta": _meta(args, data), "sets": {}}
    out["meta"]["model_load_seconds"] = round(time.perf_counter() - t0, 2)
    m = out["meta"]
    say(
        f"rhetoric {m['rhetoric']} (commit {m['git_commit'] or '?'}{', src modified' if m['src_dirty'] else ''}, lexicon {m['lexicon_sha256']}); "
        f"python {m['python']}; nproc {m['nproc']}; seed {args.seed}; data {data}"
    )
    missing = [k for k, v in base.items() if v is None]
    if missing:
        say(f"(baselines without their word list in lexicon-sources/: {', '.join(missing)})")
    for name in present:
        say(f"\n== {name} ==")
        t = time.perf_counter()
        try:
            res = RUNNERS[name](data, scorer, base, args, say)
        except FileNotFoundError as e:
            say(f"  skipped: {e}")
            continue
        if name in ("certainty", "wikiweasel", "sfu") and args.agreement_sample:
            texts = _sample_texts(data, name, args)
            res["find_cues_vs_analyzer"] = scorer.agreement(texts)
            a = res["find_cues_vs_analyzer"]
            say(
                f"  find_cues vs Analyzer.score on {a['n']} sentences: {a['same']} identical cue sets, {a['differ']} differ, "
                f"{a['skipped_boilerplate_or_error']} skipped (boilerplate/empty)"
            )
        if "layout_labels" in res:
            ll = res["layout_labels"]
            say(
                f"  layout labels if scored as documents: markup=auto {ll['auto']['kinds']}, markup=none {ll['none']['kinds']}"
            )
            for k, ex in ll["auto"]["examples"].items():
                say(f"    {k}: " + " | ".join(ex[:2]))
        res["seconds"] = round(time.perf_counter() - t, 1)
        say(f"  runtime {res['seconds']} s")
        out["sets"][name] = res
    out["meta"]["total_seconds"] = round(time.perf_counter() - t0, 1)
    say(f"\ntotal {out['meta']['total_seconds']} s")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(_no_nan(out), indent=1, default=_json_default), encoding="utf-8")
        say(f"wrote {args.json}")
    return 0


def _sample_texts(data: Path, name: str, args) -> list[str]:
    if name == "certainty":
        texts = [s.text for s in E.load_pei_jurgens(data)]
    elif name == "wikiweasel":
        texts = [s.text for s in E.load_wikiweasel(data)]
    else:
        texts = [s.text for s in E.load_sfu(data)]
    if args.limit:
        texts = texts[: args.limit]
    rng = np.random.default_rng(args.seed)
    k = min(args.agreement_sample, len(texts))
    return [texts[i] for i in sorted(rng.choice(len(texts), k, replace=False))]


def _no_nan(o):
    """NaN is not JSON: write null instead."""
    if isinstance(o, float) and o != o:
        return None
    if isinstance(o, dict):
        return {k: _no_nan(v) for k, v in o.items()}
    if isinstance(o, (list, tuple)):
        return [_no_nan(v) for v in o]
    return o


def _json_default(o):
    if isinstance(o, (np.integer,)):
        return int(o)
    if isinstance(o, (np.floating,)):
        return float(o)
    if isinstance(o, (np.bool_,)):
        return bool(o)
    if isinstance(o, tuple):
        return list(o)
    raise TypeError(type(o).__name__)


if __name__ == "__main__":
    sys.exit(main())
