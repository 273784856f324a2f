"""BASIL lexical bias: do emotive terms fall on the words annotators call biased?

* Span precision and recall of the package's counted emotive cues against the
  lexical-bias spans (overlap), beside Recasens et al.'s bias lexicon and MPQA's
  strong-subjective clues.
* Ranking (issue 8): per sentence, the emotive rate (counted emotive cues per
  100 words) against MPQA's strong-subjective word rate (clues per 100 words,
  Wilson et al. 2005), as the AUROC of telling sentences that hold a
  lexical-bias span from the rest, with paired bootstrap intervals.
* Voice: gold quote flags against the package's quote finder.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

from . import data as E
from .common import (
    Scorer,
    auroc,
    bootstrap,
    ci_text,
    clip,
    f3,
    overlaps,
    pct,
    pooled_ci,
    sentence_around,
    spans_to_cues,
    words,
)

NAME = "basil"


def sentence_rates(art, emo, mpqa) -> list[tuple[bool, float, float, float, int]]:
    """Per sentence of ``art``: (holds a lexical-bias span, emotive rate, author emotive rate, MPQA rate, words)."""
    lex = [g["span"] for g in art.gold if g["bias"] == "lex"]
    found = mpqa.find(art.text) if mpqa else []
    out = []
    for s, e in art.sentences:
        n = words(art.text[s:e])
        if not n:
            continue
        inside = [c for c in emo if s <= c.start < e]
        n_emo = len(inside)
        n_emo_author = sum(c.voice == "author" for c in inside)
        n_mpqa = sum(1 for a, _, _ in found if s <= a < e)
        pos = any(overlaps((s, e), g) for g in lex)
        out.append((pos, 100 * n_emo / n, 100 * n_emo_author / n, 100 * n_mpqa / n, n))
    return out


def ranking(rows, seed: int) -> dict:
    """AUROC of each per-sentence rate, with 95% bootstrap intervals (sentences resampled, paired)."""
    if not rows:
        return {}
    y = np.array([r[0] for r in rows], dtype=bool)
    emo, emo_a, mp = (np.array([r[k] for r in rows], dtype=float) for k in (1, 2, 3))
    out = {"n_sentences": len(rows), "n_positive": int(y.sum())}
    for key, x in (("emotive_rate", emo), ("emotive_rate_author_voice", emo_a), ("mpqa_strongsubj_rate", mp)):
        a, lo, hi = bootstrap(auroc, x, y, seed=seed)
        out[key] = {"auroc": a, "ci": [lo, hi], "nonzero": float((x > 0).mean())}
    d, lo, hi = bootstrap(lambda a, b, yy: auroc(a, yy) - auroc(b, yy), emo, mp, y, seed=seed)
    out["difference_emotive_minus_mpqa"] = {"value": d, "ci": [lo, hi]}
    out["emotive_beats_mpqa"] = bool(out["emotive_rate"]["auroc"] > out["mpqa_strongsubj_rate"]["auroc"])
    return out


def run(data: Path, scorer: Scorer, base: dict, args, say) -> dict:
    from rhetoric.quotes import paragraph_quotes

    try:
        from rhetoric.voice import paragraph_voices
    except ImportError:  # before issue 9: quote marks and block quotes only
        paragraph_voices = None

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
    sent_rows: list = []
    art_rows: list = []  # per article: pred matched, predicted, gold matched, gold (for the bootstrap)
    marks_lex_cm: Counter = Counter()
    for art, sc in zip(arts, scorer.articles([(a.text, a.id) for a in arts]), strict=True):
        cues = spans_to_cues(sc.spans)
        emo = [c for c in cues if c.category == "emotive"]
        before = (pm, n_pred, gold_hit, gold_lex)
        sent_rows.extend(sentence_rates(art, emo, base.get("mpqa_strong")))
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
                    fp_ex[c.entry].append(clip(sentence_around(art.text, c.start)))
        for g in lex:
            gold_lex += 1
            hits = [c for c in emo if overlaps((c.start, c.end), g["span"])]
            gold_hit += bool(hits)
            if not hits:
                fn_spans.append(g["txt"])
            else:
                cue_voice_cm[(g["quote"], hits[0].voice)] += 1
        art_rows.append((pm - before[0], n_pred - before[1], gold_hit - before[2], gold_lex - before[3]))
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
        # Voice as the package reads it: paragraph_voices (quote marks, block quotes, lead-ins,
        # unmatched closes) where the package has it, else its quote finder; and the quote finder alone.
        doc = sc.document
        qranges = [
            (p.clean_start + q.start, p.clean_start + q.end)
            for p, qs in zip(doc.paragraphs, paragraph_quotes(doc.paragraphs), strict=True)
            for q in qs
        ]
        voices = paragraph_voices(doc.paragraphs) if paragraph_voices else None
        for g in allg:
            s, e = g["span"]
            inner = s
            while inner < e - 1 and art.text[inner] in "\"'“”‘’ ":
                inner += 1
            marks = "quoted" if any(qs < inner < qe for qs, qe in qranges) else "author"
            ours = marks
            if voices is not None:
                basis = ""
                for p, v in zip(doc.paragraphs, voices, strict=True):
                    if p.clean_start <= inner < p.clean_end:
                        basis = v.basis_at(inner - p.clean_start)
                        break
                ours = "quoted" if basis else "author"
            voice_cm[(g["quote"], ours)] += 1
            if g["bias"] == "lex" and (g["quote"] == "yes") != (ours == "quoted"):
                if len(voice_ex[g["quote"]]) < 2 * args.examples:
                    voice_ex[g["quote"]].append(f"[{g['txt']}] " + clip(sentence_around(art.text, s)))
            if g["bias"] == "lex":
                voice_lex_cm[(g["quote"], ours)] += 1
                marks_lex_cm[(g["quote"], marks)] += 1

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
    o |= pooled_ci(art_rows, seed=args.seed)
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
    res["voice_reader"] = (
        "rhetoric.voice.paragraph_voices" if paragraph_voices else "rhetoric.quotes.paragraph_quotes"
    )
    res["voice_lex_spans"] = agree(voice_lex_cm) | {"n": sum(voice_lex_cm.values())}
    res["voice_lex_spans_quote_marks_only"] = agree(marks_lex_cm) | {"n": sum(marks_lex_cm.values())}
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
        f"  ours (emotive)   P {pct(o['precision'])} R {pct(o['recall'])} F1 {pct(o['f1'])} {ci_text(o)} (n_pred={n_pred}); "
        f"P against any bias span (lex or inf) {pct(o['precision_against_any_bias_span'])}"
    )
    if base["recasens_bias"]:
        b = res["baseline"]
        say(
            f"  BASELINE Recasens P {pct(b['precision'])} R {pct(b['recall'])} F1 {pct(b['f1'])} (n_pred={b_pred})"
        )
    if "reference_mpqa_strongsubj" in res:
        r = res["reference_mpqa_strongsubj"]
        say(
            f"  REFERENCE MPQA strongsubj P {pct(r['precision'])} R {pct(r['recall'])} F1 {pct(r['f1'])} (n_pred={r['n_pred']})"
        )
    for k, v in res["missed_by_us_caught_by_list"].items():
        say(f"  gold spans we miss that {k} matches: " + ", ".join(f"{w}({n})" for w, n in v[:20]))
    if base.get("mpqa_strong"):
        rk = res["sentence_ranking"] = ranking(sent_rows, args.seed)
        if rk:
            e, m, d = rk["emotive_rate"], rk["mpqa_strongsubj_rate"], rk["difference_emotive_minus_mpqa"]
            say(
                f"  sentence ranking, {rk['n_sentences']} sentences ({rk['n_positive']} hold a lexical-bias span): "
                f"AUROC emotive rate {f3(e['auroc'])} [{f3(e['ci'][0])}, {f3(e['ci'][1])}] vs MPQA strongsubj rate "
                f"{f3(m['auroc'])} [{f3(m['ci'][0])}, {f3(m['ci'][1])}]; difference {f3(d['value'])} "
                f"[{f3(d['ci'][0])}, {f3(d['ci'][1])}]; {'met' if rk['emotive_beats_mpqa'] else 'missed'}"
            )
            a = rk["emotive_rate_author_voice"]
            say(
                f"    author-voice emotive rate only: AUROC {f3(a['auroc'])} [{f3(a['ci'][0])}, {f3(a['ci'][1])}]"
            )
    say(
        "  emotive precision by our voice: "
        + "; ".join(
            f"{v} {pct(r['precision']).strip()}% (n={r['n_pred']})"
            for v, r in res["precision_by_voice"].items()
        )
    )
    say(f"  voice read by {res['voice_reader']}:")
    for k in (
        "voice_lex_spans",
        "voice_all_spans",
        "voice_lex_spans_quote_marks_only",
        "voice_of_matching_emotive_cue",
    ):
        v = res[k]
        say(
            f"  {k:34} n={v['n']:4d}: gold-quoted spans we call quoted {pct(v['recall_of_quoted'])}% "
            f"({v['gold_quote_we_quoted']}/{v['gold_quote_we_quoted'] + v['gold_quote_we_author']}); "
            f"gold-unquoted we call author {pct(v['author_agreement'])}% ({v['gold_noquote_we_author']}/{v['gold_noquote_we_author'] + v['gold_noquote_we_quoted']})"
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
