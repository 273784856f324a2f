"""PolNeAR attributions: does the package find who said what?

Cue precision, recall and F1 of the package's attribution verbs and phrases
(counted ``source`` cues of ``sourcing.tsv``) against the gold attribution
cues; ``named_source`` spans against gold source spans; and the per-paragraph
Spearman of the ``sources`` and ``attributions`` counts with the gold
attribution count. Baseline: Recasens et al.'s report verbs, inflected.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

from . import data as E
from .common import (
    Scorer,
    bootstrap_rho,
    ci_text,
    clip,
    cue_prf,
    f3,
    overlaps,
    pct,
    pooled_ci,
    sentence_around,
    spans_to_cues,
)

NAME = "polnear"

# Words that do not make a gold source span a name (the gold side of the
# named-source recall: "the official" has no name, "Mr. Trump" has one).
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


def is_named(source_text: str) -> bool:
    toks = re.findall(r"[A-Za-z][\w.'’-]*", source_text)
    return any(t[0].isupper() and t.lower() not in _PRONOUNS for t in toks)


def run(data: Path, scorer: Scorer, base: dict, args, say) -> dict:
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
        cues = spans_to_cues(sc.spans)
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
                    fp_ex[c.entry].append(clip(sentence_around(art.text, c.start)))
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
                    fn_ex[w].append(clip(sentence_around(art.text, g["cue"][0][0])))
        gold_cues_all.append(len(gcues))
        for c in cues:
            if c.category == "hedge" and c.rule == "lexicon":
                on_cue = any(overlaps((c.start, c.end), f) for g in gcues for f in g)
                hedge_on_cue[c.entry][0] += 1
                hedge_on_cue[c.entry][1] += on_cue
                if on_cue and len(hedge_ex[c.entry]) < args.examples:
                    hedge_ex[c.entry].append(clip(sentence_around(art.text, c.start)))
        for g, hit in zip([g for g in art.gold if g["cue"]], gm, strict=True):
            if re.search(r"[A-Za-z]", g["cue_text"]):
                verbal[0] += 1
                verbal[1] += hit
        npm, ngm = match([(c.start, c.end) for c in nm], [f for f, _ in gsrc])
        named_pred.append(npm)
        gold_src.append([(hit, is_named(t)) for hit, (_, t) in zip(ngm, gsrc, strict=True)])
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
        rows = [(sum(a), len(a), sum(b), len(b)) for a, b in pairs]  # per article, for the bootstrap
        return cue_prf(pm, npred, gm, ng) | pooled_ci(rows, seed=args.seed)

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
    ns_rows = [
        (sum(p), len(p), sum(h for h, _ in g), len(g)) for p, g in zip(named_pred, gold_src, strict=True)
    ]
    res["named_source"] = cue_prf(nm_hit, nm_all, sum(h for h, _ in gs), len(gs)) | pooled_ci(
        ns_rows, seed=args.seed
    )
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
        f"  cue (attribution verbs/phrases)  P {pct(c['precision'])} R {pct(c['recall'])} F1 {pct(c['f1'])} {ci_text(c)} (n_pred={c['n_pred']}, n_gold={c['n_gold']}); "
        f"recall on cues that contain a word (not ':' or a dash) {pct(c['recall_on_cues_with_a_word'])} (n={c['n_gold_cues_with_a_word']})"
    )
    w = res["cue_with_source_nouns"]
    say(
        f"  cue incl. source nouns           P {pct(w['precision'])} R {pct(w['recall'])} F1 {pct(w['f1'])} {ci_text(w)} (n_pred={w['n_pred']})"
    )
    if b:
        say(
            f"  BASELINE report verbs            P {pct(b['precision'])} R {pct(b['recall'])} F1 {pct(b['f1'])} {ci_text(b)} (n_pred={b['n_pred']})"
        )
    ns = res["named_source"]
    say(
        f"  named_source vs gold source      P {pct(ns['precision'])} R {pct(ns['recall'])} F1 {pct(ns['f1'])} {ci_text(ns)} (n_pred={ns['n_pred']}, n_gold={ns['n_gold']}); "
        f"recall on gold sources with a capitalised name {pct(ns['recall_on_gold_sources_with_a_name'])} (n={ns['n_gold_sources_with_a_name']})"
    )
    say(
        "  per-paragraph Spearman with gold attribution count: "
        + "; ".join(f"{k} {f3(v['rho'])} [{f3(v['ci'][0])}, {f3(v['ci'][1])}]" for k, v in corr.items())
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
