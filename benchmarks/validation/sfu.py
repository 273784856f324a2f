"""SFU Review corpus: speculation cues, matched cue by cue.

A gold speculation cue is found when any counted hedge span overlaps one of
its tokens; a hedge span is right when it overlaps a speculation-cue token.
The scheme counts words the package deliberately does not (*if*, *or*,
*either*, *whether*) and modals in every sense (*would*, *can*, *could*...),
which the package counts only when epistemic. So the figures come per cue
type: ``modal`` (the modal auxiliaries whose senses the package reads),
``scheme_only`` (the conditional and disjunctive words) and ``other``; and
P/R/F1 with and without the modal cue words (left out on both sides, gold and
predicted, so the two stay comparable).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path

from . import data as E
from .common import Scorer, ci_text, clip, cue_prf, overlaps, pct, pooled_ci

NAME = "sfu"

# Words this annotation scheme counts as speculation cues and the package never
# will: conditionals and disjunctions mark alternatives, not the writer's doubt.
SCHEME_ONLY = {"if", "or", "either", "whether", "either or", "or not", "whether or not", "if not"}
# The modal auxiliaries issue 8 names: counted by the package only in their
# epistemic sense (ability, habit, wish, future in the past and obligation are
# set aside); SFU counts every use.
MODALS = {"would", "could", "should", "must", "can", "might", "may"}
_CLITIC = {"ca": "can", "wo": "will", "sha": "shall"}


def cue_type(words: str) -> str:
    """``modal``, ``scheme_only`` or ``other`` for a cue's lower-cased text."""
    w = words.lower().replace("&#39;", "'").replace("’", "'").strip()
    if w in SCHEME_ONLY:
        return "scheme_only"
    first = (w.split() or [""])[0]
    first = re.sub(r"(n't|not)$", "", first)
    first = _CLITIC.get(first, first)
    return "modal" if first in MODALS else "other"


def evaluate(
    sents, pred_spans: list[list[tuple[int, int, str, str]]], examples: int, keep=None, seed: int = 0
) -> dict:
    """Cue-level P/R/F1 of ``pred_spans`` (start, end, entry, text) against the speculation cues.

    ``keep``, if given, is the set of cue types kept on both sides.
    """
    n_pred = pm = n_gold = gm = 0
    per_gold: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    per_type: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # gold, gold found, pred, pred right
    fp_words: Counter = Counter()
    all_words: Counter = Counter()
    fp_ex: dict[str, list[str]] = defaultdict(list)
    rows = []  # per sentence: pred matched, predicted, gold matched, gold (for the bootstrap)
    for s, preds in zip(sents, pred_spans, strict=True):
        before = (pm, n_pred, gm, n_gold)
        gold = [([s.tokens[i] for i in idx], txt) for ct, idx, txt in s.cues if ct == "speculation"]
        if keep is not None:
            gold = [g for g in gold if cue_type(g[1]) in keep]
            preds = [p for p in preds if cue_type(p[3]) in keep]
        for toks, txt in gold:
            hit = any(overlaps(t, (p[0], p[1])) for t in toks for p in preds)
            key = txt.lower().replace("&#39;", "'")
            per_gold[key][0] += 1
            per_gold[key][1] += hit
            ty = per_type[cue_type(key)]
            ty[0] += 1
            ty[1] += hit
            n_gold += 1
            gm += hit
        for p in preds:
            n_pred += 1
            hit = any(overlaps(t, (p[0], p[1])) for toks, _ in gold for t in toks)
            pm += hit
            ty = per_type[cue_type(p[3])]
            ty[2] += 1
            ty[3] += hit
            all_words[p[2]] += 1
            if not hit:
                fp_words[p[2]] += 1
                if len(fp_ex[p[2]]) < examples:
                    fp_ex[p[2]].append(clip(s.text))
        rows.append((pm - before[0], n_pred - before[1], gm - before[2], n_gold - before[3]))
    out = cue_prf(pm, n_pred, gm, n_gold) | pooled_ci(rows, seed=seed)
    out["per_cue_type"] = {
        k: {
            "n_gold": v[0],
            "recall": v[1] / v[0] if v[0] else float("nan"),
            "n_pred": v[2],
            "precision": v[3] / v[2] if v[2] else float("nan"),
        }
        for k, v in sorted(per_type.items())
    }
    other = [k for k in per_gold if cue_type(k) != "scheme_only"]
    n_news = sum(per_gold[k][0] for k in other)
    out["recall_excluding_if_or_either_whether"] = (
        sum(per_gold[k][1] for k in other) / n_news if n_news else float("nan")
    )
    out["n_gold_excluding_if_or_either_whether"] = n_news
    out["per_gold_word"] = [
        {"cue": k, "n": v[0], "recall": v[1] / v[0]}
        for k, v in sorted(per_gold.items(), key=lambda kv: -kv[1][0])[:25]
    ]
    out["top_fp_words"] = [
        {"word": w, "fp": n, "fires": all_words[w], "examples": fp_ex[w]} for w, n in fp_words.most_common(25)
    ]
    return out


def _line(label: str, r: dict) -> str:
    return (
        f"  {label:34} P {pct(r['precision'])} R {pct(r['recall'])} F1 {pct(r['f1'])} "
        f"{ci_text(r)} (n_pred={r['n_pred']}, n_gold={r['n_gold']})"
    )


def run(data: Path, scorer: Scorer, base: dict, args, say) -> dict:
    sents = E.load_sfu(data)
    if args.limit:
        sents = sents[: args.limit]
    texts = [s.text for s in sents]
    scored = scorer.sentences(texts)
    preds = [
        [(c.start, c.end, (c.entry or c.text).lower(), c.text) for c in cues if c.category == "hedge"]
        for cues in scored
    ]
    ours = evaluate(sents, preds, args.examples, seed=args.seed)
    no_modal = evaluate(sents, preds, args.examples, keep={"other", "scheme_only"}, seed=args.seed)
    other = evaluate(sents, preds, args.examples, keep={"other"}, seed=args.seed)
    res = {
        "n_sentences": len(sents),
        "n_gold_cues": ours["n_gold"],
        "modal_words": sorted(MODALS),
        "ours": ours,
        "ours_without_modals": no_modal,
        "ours_other_cues_only": other,
    }
    say(f"  {len(sents)} sentences, {ours['n_gold']} speculation cues; match = token overlap")
    say(_line("ours, all cues", ours))
    say(_line("ours, without modal cue words", no_modal))
    say(_line("ours, without modals and if/or/...", other))
    say(
        "  per cue type (recall of gold; precision of ours): "
        + "; ".join(
            f"{k} R {pct(v['recall']).strip()} (n={v['n_gold']}) P {pct(v['precision']).strip()} (n={v['n_pred']})"
            for k, v in ours["per_cue_type"].items()
        )
    )
    if base["hyland"]:
        hp = [[(s, e, t, t) for s, e, t in base["hyland"].find(x)] for x in texts]
        hy = evaluate(sents, hp, args.examples, seed=args.seed)
        res["baseline"] = hy
        res["baseline_without_modals"] = evaluate(
            sents, hp, args.examples, keep={"other", "scheme_only"}, seed=args.seed
        )
        res["baseline_other_cues_only"] = evaluate(sents, hp, args.examples, keep={"other"}, seed=args.seed)
        say(_line("Hyland, all cues", hy))
        say(_line("Hyland, without modal cue words", res["baseline_without_modals"]))
        say(_line("Hyland, without modals and if/or/...", res["baseline_other_cues_only"]))
    say(
        "  gold cue words (n, our recall): "
        + ", ".join(f"{r['cue']}({r['n']},{pct(r['recall']).strip()})" for r in ours["per_gold_word"])
    )
    say(
        "  our false-positive hedge entries (fp/fires): "
        + ", ".join(f"{r['word']}({r['fp']}/{r['fires']})" for r in ours["top_fp_words"])
    )
    res["layout_labels"] = scorer.layout_labels(texts)
    return res


def sample_texts(data: Path) -> list[str]:
    return [s.text for s in E.load_sfu(data)]
