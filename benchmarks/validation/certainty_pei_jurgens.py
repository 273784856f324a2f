"""Pei & Jurgens certainty ratings: does the certainty index rank findings as people do?

Spearman's rho of the package's certainty index with the mean rating (1-6),
per split, with a bootstrap interval, beside the bare count of Hyland's (2005)
hedges (the baseline the issue sets: the index must beat its point estimate on
train and on val). Alternative formulas are tuned on ``train`` and read on
``val``; they are experiments on the package's own cues, not rules.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import numpy as np

from . import data as E
from .common import (
    C,
    Scorer,
    bootstrap_rho,
    certainty_of,
    clip,
    f3,
    lift,
    pct,
    spearman,
    words,
)

NAME = "certainty"


def features(cues: list[C], text: str, hyland) -> dict:
    """Summed weights and counts of the counted cues of one sentence."""
    f: dict[str, float] = defaultdict(float)
    for c in cues:
        a = c.voice == "author"
        if c.category in ("hedge", "absolute"):
            k = "H" if c.category == "hedge" else "A"
            f[k + "_all"] += c.weight
            f["n" + k + "_all"] += 1
            if a or c.voice_basis == "reported_speech":
                f[k + "_a_rs"] += c.weight
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
    f["words"] = words(text)
    f["hyland"] = len(hyland.find(text)) if hyland else float("nan")
    f["index"] = certainty_of(cues)
    return dict(f)


def _ci(a: float, h: float) -> float:
    from rhetoric import certainty_index

    return certainty_index(a, h)


def alternatives():
    """Candidate certainty formulas: (name, function(features, param), parameter grid)."""
    g = lambda d, k: d.get(k, 0.0)  # noqa: E731
    idx = lambda d: d["index"]  # noqa: E731
    lam = [0.0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1.0, 1.5, 2.0]
    return [
        ("index as shipped: (A-H)/(A+H+1), author + reported speech", lambda d, p: idx(d), [None]),
        ("the same, author's voice only (the index before reported speech)", lambda d, p: _ci(g(d, "A_a"), g(d, "H_a")), [None]),
        ("same formula on counts (all weights 1)", lambda d, p: _ci(g(d, "nA_a"), g(d, "nH_a")), [None]),
        ("same formula, quoted voice included", lambda d, p: _ci(g(d, "A_all"), g(d, "H_all")), [None]),
        (
            "index with reported-speech cues counted as the author's",
            lambda d, p: _ci(g(d, "A_a_rs"), g(d, "H_a_rs")),
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
            lambda d, p: _ci(g(d, "A_a"), g(d, "H_a") - g(d, "Hs_approximator")),
            [None],
        ),
        ("-H, only hedges of weight >= 0.5", lambda d, p: -g(d, "H_strong"), [None]),
        ("index, only cues of weight >= 0.5", lambda d, p: _ci(g(d, "A_strong"), g(d, "H_strong")), [None]),
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
        ("index - l*Hyland count (ours + Hyland's list)", lambda d, p: idx(d) - p * g(d, "hyland"), lam),
        ("-(H + l*Hyland count)", lambda d, p: -(g(d, "H_all") + p * g(d, "hyland")), lam),
    ]


def _ols_rho(
    tr: list[dict], y_tr: np.ndarray, te: list[dict], y_te: np.ndarray, seed: int, keys=None
) -> dict:
    keys = keys or [
        "H_a", "A_a", "H_all", "A_all", "nH_all", "nA_all", "attr", "src_noun", "named", "quotation",
        "emotive", "words", "hyland",
    ]  # fmt: skip

    def X(rows):
        return np.nan_to_num(np.array([[r.get(k, 0.0) for k in keys] for r in rows], dtype=float))

    Xtr, Xte = X(tr), X(te)
    mu, sd = Xtr.mean(0), Xtr.std(0)
    sd[sd == 0] = 1
    Xtr, Xte = (Xtr - mu) / sd, (Xte - mu) / sd
    Xtr1 = np.c_[np.ones(len(Xtr)), Xtr]
    coef, *_ = np.linalg.lstsq(Xtr1, y_tr, rcond=None)
    rho, lo, hi = bootstrap_rho(np.c_[np.ones(len(Xte)), Xte] @ coef, y_te, seed=seed)
    return {
        "train_rho": spearman(Xtr1 @ coef, y_tr),
        "val_rho": rho,
        "val_ci": [lo, hi],
        "coefficients": {k: float(c) for k, c in zip(["intercept", *keys], coef, strict=True)},
    }


def run(data: Path, scorer: Scorer, base: dict, args, say) -> dict:
    items = E.load_pei_jurgens(data)
    if args.limit:
        by: dict[str, list] = defaultdict(list)
        for s in items:
            if len(by[s.split]) < args.limit:
                by[s.split].append(s)
        items = [s for v in by.values() for s in v]
    texts = [s.text for s in items]
    scored = scorer.sentences(texts)
    feats = [features(c, t, base["hyland"]) for c, t in zip(scored, texts, strict=True)]
    y = np.array([s.label for s in items])
    splits = {
        "train": [i for i, s in enumerate(items) if s.split == "train"],
        "val": [i for i, s in enumerate(items) if s.split == "val"],
        "all": list(range(len(items))),
    }
    res: dict = {"n": len(items), "splits": {}}
    say(
        "  sign convention: the index should correlate POSITIVELY with rated certainty; the baseline is "
        "-(Hyland hedge count), so it is positive too (the raw count's rho is its negative)."
    )
    say(
        f"  {'split':6} {'n':>5} {'rho(index)':>10} {'95% CI':>16} {'rho(-Hyland)':>12} {'95% CI':>16} "
        f"{'nonzero idx':>11} {'beats Hyland':>12}"
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
        beats = bool(ours[0] > hy[0]) if not np.isnan(hy[0]) else None
        res["splits"][name] = {
            "n": len(idx),
            "rho": ours[0],
            "ci": list(ours[1:]),
            "baseline_rho": hy[0],
            "baseline_ci": list(hy[1:]),
            "baseline_raw_count_rho": -hy[0],
            "beats_baseline_point": beats,
            "nonzero_index": nz,
        }
        say(
            f"  {name:6} {len(idx):5d} {f3(ours[0]):>10} [{f3(ours[1])}, {f3(ours[2])}] {f3(hy[0]):>12} "
            f"[{f3(hy[1])}, {f3(hy[2])}] {pct(nz):>10}% {'met' if beats else 'missed':>12}"
        )

    tr, va = splits["train"], splits["val"]
    alts = []
    if tr and va:
        say("  alternative index formulas (parameter chosen on train; val reported; package unchanged):")
        say(f"    {'formula':62} {'param':>6} {'train rho':>9} {'val rho':>8} {'val 95% CI':>16}")
        for name, fn, grid in alternatives():
            best = None
            for p in grid:
                r = spearman([fn(feats[i], p) for i in tr], y[tr])
                if best is None or (not np.isnan(r) and (np.isnan(best[1]) or r > best[1])):
                    best = (p, r)
            p, rtr = best
            rv = bootstrap_rho([fn(feats[i], p) for i in va], y[va], seed=args.seed)
            alts.append(
                {"formula": name, "param": p, "train_rho": rtr, "val_rho": rv[0], "val_ci": list(rv[1:])}
            )
            say(
                f"    {name[:62]:62} {'' if p is None else p:>6} {f3(rtr):>9} {f3(rv[0]):>8} [{f3(rv[1])}, {f3(rv[2])}]"
            )
        sub_keys = sorted({k for i in tr for k in feats[i] if k.startswith(("Hs_", "As_"))})
        for label, keys in (
            ("linear regression on all cue features (fit on train)", None),
            ("linear regression on per-subtype hedge/absolute weights", sub_keys),
        ):
            ols = _ols_rho([feats[i] for i in tr], y[tr], [feats[i] for i in va], y[va], args.seed, keys)
            alts.append({"formula": label, **ols})
            say(
                f"    {label[:62]:62} {'':>6} {f3(ols['train_rho']):>9} "
                f"{f3(ols['val_rho']):>8} [{f3(ols['val_ci'][0])}, {f3(ols['val_ci'][1])}]"
            )
    res["alternatives"] = alts

    # Error analysis on train only.
    mean_all = float(y[tr].mean()) if tr else float("nan")
    per_entry: dict[str, list[float]] = defaultdict(list)
    for i in tr:
        for c in scored[i]:
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
            "examples": [clip(texts[i]) for i in low_no_cue[: args.examples]],
        },
        "high_rated_but_hedged": {
            "n": len(high_hedged),
            "examples": [
                f"{clip(texts[i])}  <- {', '.join(c.text for c in scored[i] if c.category == 'hedge')}"
                for i in high_hedged[: args.examples]
            ],
        },
    }
    low_words = lift([texts[i] for i in low_no_cue], [texts[i] for i in tr if y[i] >= 4.5])
    res["errors"]["words_in_unflagged_low_rated"] = low_words[:25]
    say(
        f"  train mean rating {mean_all:.2f}; hedge/absolute entries by mean rating of their sentences (train, n>=5):"
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


def sample_texts(data: Path) -> list[str]:
    return [s.text for s in E.load_pei_jurgens(data)]
