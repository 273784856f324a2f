"""Planted edits: how well the certainty diff finds changes it is told were made.

Takes the paragraphs of the reconstructed BBC report (data/raqqa/original/),
and in each round gives every paragraph of 8 words or more one edit drawn at
random (seeded; one paragraph in five is left untouched, the others get the
first edit, in random order, that their text allows), then diffs the edited text against the original with
:func:`rhetoric.diff.diff_scores`, and the original against the edited text
(so every planted insertion is also a drop to find, and every cut an
addition), and counts, per kind of change, the changes
found that were planted (true positives), found but not planted (false
positives) and planted but not found (false negatives).

The edits:

* ``drop_attribution``: cut an attribution clause at the end of a sentence
  (", one lorry driver tells us.", ", he said on US television.") or a
  leading "According to X," -> every counted cue of the original in the cut
  text is expected as ``<category>_dropped`` (mostly ``source_dropped``; an
  "officials say" is also a weasel hedge);
* ``drop_approximator``: delete an approximator the scorer counts in the
  original ("around", "almost", "about", "nearly", "at least") ->
  ``hedge_dropped``;
* ``insert_booster`` / ``insert_hedge``: put "Clearly," "Undoubtedly,"
  "Certainly," "Obviously," / "Reportedly," "Apparently," "Perhaps" "Possibly"
  at the start of a sentence -> ``absolute_added`` / ``hedge_added``;
* ``insert_loaded``: put "shameful", "sinister", "disgraceful", "murderous"
  before a noun that follows a determiner -> ``emotive_added``;
* ``replace_approximator``: "around" -> "almost" and the like ->
  ``hedge_dropped`` and ``hedge_added`` (one edit);
* ``drop_absolute`` / ``drop_emotive``: delete a one-word absolute ("all",
  "never") or emotive term the scorer counts in the original ->
  ``absolute_dropped`` / ``emotive_dropped``;
* ``untouched``: no edit; anything found there is a false positive.

An inserted word the scorer does not count as a cue in its place ("about"
before an adjective is no approximator) is set aside and reported. A found change matches a
planted one of the same kind in the same paragraph when its position (in
the original for a dropped cue, in the copy for an added one) falls in the
edited range.

    .venv/bin/python benchmarks/bench_diff.py [--rounds 10] [--seed 13] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from rhetoric.diff import CHANGE_KINDS, diff_scores  # noqa: E402
from rhetoric.provenance import OriginIndex  # noqa: E402
from rhetoric.score import Analyzer  # noqa: E402
from rhetoric.text import read_document  # noqa: E402

ORIGINAL = ROOT / "data" / "raqqa" / "original" / "bbc_raqqas_dirty_secret.reconstructed.txt"
BOOSTERS = ["Clearly,", "Undoubtedly,", "Certainly,", "Obviously,"]
HEDGES = ["Reportedly,", "Apparently,", "Perhaps", "Possibly"]
LOADED = ["shameful", "sinister", "disgraceful", "murderous"]
APPROX_SWAP = {
    "around": "almost",
    "almost": "about",
    "about": "nearly",
    "nearly": "around",
    "at least": "roughly",
}
UNTOUCHED = 0.2
EDITS = [
    "drop_attribution",
    "drop_approximator",
    "insert_booster",
    "insert_hedge",
    "insert_loaded",
    "replace_approximator",
    "drop_absolute",
    "drop_emotive",
    "untouched",
]
# An attribution clause at the end of a sentence: ", <up to 8 words with a speech verb>."
_VERBS = r"(?:says|said|say|tells us|told|explains|adds|added|recalls|insists|admits)"
TRAIL = re.compile(r",[”\"’]?\s+((?:[^,.;:“”\"]{0,60}?\b" + _VERBS + r"\b[^,.;:“”\"]{0,60}?))(?=[.!?])")
LEAD = re.compile(r"(?:(?<=^)|(?<=[.!?] ))(According to [^,.;:]{2,60}, )")
SENT_START = re.compile(r"(?:(?<=^)|(?<=[.!?] ))([A-Z][a-z]+)\b")


def planted_edit(kind: str, text: str, cues: list[dict], nlp, rng: random.Random):
    """Apply one edit to a paragraph: ``(new_text, expected)`` or ``None`` when it does not apply.

    ``expected`` is a list of ``(change, side, start, end)``: ``side`` is
    ``"origin"`` (offsets in the original paragraph) for a dropped cue and
    ``"derived"`` (offsets in the new text) for an added one.
    """
    author = [c for c in cues if c["voice"] == "author"]
    if kind == "drop_attribution":
        spots = [(m.start(), m.end()) for m in TRAIL.finditer(text)]
        spots += [(m.start(1), m.end(1)) for m in LEAD.finditer(text)]
        if not spots:
            return None
        s, e = rng.choice(spots)
        cut = text[s:e]
        if cut.startswith(","):
            # Keep a closing quote mark that sits right after the comma: ',” says X.' -> ',”.' reads badly,
            # so cut from the comma and keep the closing mark: '.”' is the usual way to close.
            m = re.match(r",([”\"’]?)", cut)
            new = text[:s] + (m.group(1) if m else "") + text[e:]
        else:
            new = text[:s] + text[e:]
            if new[s : s + 1].islower():
                new = new[:s] + new[s].upper() + new[s + 1 :]
        inside = [
            c
            for c in cues
            if c["para_start"] >= s
            and c["para_end"] <= e
            and c["rule"] != "quotation"
            and c["voice"] == "author"
        ]
        if not inside:
            return None
        return new, [(f"{c['category']}_dropped", "origin", s, e) for c in inside]
    if kind in ("drop_absolute", "drop_emotive"):
        cat = kind.split("_")[1]
        found = [c for c in author if c["category"] == cat and " " not in str(c["text"]).strip()]
        if not found:
            return None
        c = rng.choice(found)
        s, e = int(c["para_start"]), int(c["para_end"])
        end = e + 1 if text[e : e + 1] == " " else e
        new = text[:s] + text[end:]
        if new[s : s + 1].islower() and (s == 0 or text[:s].rstrip().endswith((".", "!", "?"))):
            new = new[:s] + new[s].upper() + new[s + 1 :]
        return new, [(f"{cat}_dropped", "origin", s, e)]
    if kind in ("drop_approximator", "replace_approximator"):
        approx = [c for c in author if c["category"] == "hedge" and c["subtype"] == "approximator"]
        if kind == "replace_approximator":
            approx = [c for c in approx if c["text"].lower() in APPROX_SWAP]
        if not approx:
            return None
        c = rng.choice(approx)
        s, e = int(c["para_start"]), int(c["para_end"])
        if kind == "drop_approximator":
            end = e + 1 if text[e : e + 1] == " " else e
            new = text[:s] + text[end:]
            if s == 0 and new[:1].islower():
                new = new[:1].upper() + new[1:]
            return new, [("hedge_dropped", "origin", s, e)]
        word = APPROX_SWAP[c["text"].lower()]
        word = word.capitalize() if c["text"][:1].isupper() else word
        new = text[:s] + word + text[e:]
        return new, [("hedge_dropped", "origin", s, e), ("hedge_added", "derived", s, s + len(word))]
    if kind in ("insert_booster", "insert_hedge"):
        starts = [m for m in SENT_START.finditer(text) if m.group(1) not in ("I",)]
        if not starts:
            return None
        m = rng.choice(starts)
        word = rng.choice(BOOSTERS if kind == "insert_booster" else HEDGES)
        first = m.group(1)
        # Lower-case the old first word unless it is a name (a proper noun keeps its capital).
        doc = nlp(text[m.start() : m.start() + 40])
        keep = len(doc) and doc[0].pos_ == "PROPN"
        new_first = first if keep else first[0].lower() + first[1:]
        new = text[: m.start()] + word + " " + new_first + text[m.end() :]
        change = "absolute_added" if kind == "insert_booster" else "hedge_added"
        return new, [(change, "derived", m.start(), m.start() + len(word.rstrip(",")))]
    if kind == "insert_loaded":
        doc = nlp(text)
        spots = [
            t.idx
            for t in doc
            if t.pos_ == "NOUN" and t.i > 0 and doc[t.i - 1].pos_ == "DET" and not doc[t.i - 1].is_sent_start
        ]
        if not spots:
            return None
        at = rng.choice(spots)
        word = rng.choice(LOADED)
        new = text[:at] + word + " " + text[at:]
        return new, [("emotive_added", "derived", at, at + len(word))]
    return text, []


def evaluate(found, expected) -> tuple[Counter, list, list]:
    """Match found changes to planted ones (same paragraph, kind, position in range).

    Returns:
        tp/fp/fn counts per kind, the false positives (found rows) and the
        misses (planted tuples).
    """
    tally: Counter = Counter()
    left = list(expected)
    fps = []
    for r in found:
        hit = None
        for k, (para, change, side, s, e) in enumerate(left):
            if para != r["para"] or change != r["change"]:
                continue
            pos = r["origin_para_start"] if side == "origin" else r["para_start"]
            if s <= pos <= e:
                hit = k
                break
        if hit is None:
            tally[(r["change"], "fp")] += 1
            fps.append(r)
        else:
            tally[(r["change"], "tp")] += 1
            left.pop(hit)
    for _, change, *_ in left:
        tally[(change, "fn")] += 1
    return tally, fps, left


def _counted(scores) -> set[tuple[int, str, int]]:
    """``(para, category, para_start)`` of every counted cue of a scored text."""
    sp = scores.spans
    if "counted" in sp:
        sp = sp[sp["counted"].fillna(True).astype(bool)]
    return {(int(r.para), r.category, int(r.para_start)) for r in sp.itertuples()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--rounds", type=int, default=10, help="rounds of edits over every paragraph (default 10)"
    )
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--min-words", type=int, default=8, help="paragraphs shorter than this are skipped")
    ap.add_argument("--json", metavar="FILE", help="write the figures and every miss here")
    ap.add_argument("--show", type=int, default=0, metavar="N", help="print N misses and false positives")
    args = ap.parse_args()

    analyzer = Analyzer(readability=False)
    t0 = time.perf_counter()
    original = analyzer.score_file(ORIGINAL, doc_id="bbc")
    kept = [p for p in original.document.paragraphs if p.kind != "boilerplate"]
    index = OriginIndex([p.text for p in kept])
    origin_paras = [p.index for p in kept]
    spans = original.spans
    if "counted" in spans:
        spans = spans[spans["counted"].fillna(True).astype(bool)]
    cues = {p: g.to_dict("records") for p, g in spans.groupby("para")}
    passages = [p for p in kept if p.kind == "body" and len(p.text.split()) >= args.min_words]
    passages_text = [p.text for p in passages]
    plain = next(analyzer.score_many([read_document("\n\n".join(passages_text), "passages")]))
    per_direction: dict[str, Counter] = {"forward": Counter(), "reverse": Counter()}
    rng = random.Random(args.seed)
    tally: Counter = Counter()
    planted: Counter = Counter()
    not_cues: Counter = Counter()
    misses: list[dict] = []
    for rnd in range(args.rounds):
        texts, expected, kinds = [], [], []
        for k, p in enumerate(passages):
            # One passage in five is left untouched; the others get the first edit,
            # in a random order, that their text allows.
            kind, result = "untouched", (p.text, [])
            if rng.random() >= UNTOUCHED:
                for k_ in rng.sample(EDITS[:-1], len(EDITS) - 1):
                    r_ = planted_edit(k_, p.text, cues.get(p.index, []), analyzer.nlp, rng)
                    if r_ is not None:
                        kind, result = k_, r_
                        break
            new, exp = result
            planted[kind] += 1
            texts.append(new)
            kinds.append(kind)
            # The copy's paragraph k is passage k; dropped cues are placed in the original paragraph.
            expected += [(k, change, side, s, e) for change, side, s, e in exp]
        derived = next(analyzer.score_many([read_document("\n\n".join(texts), f"round{rnd}")]))
        d = diff_scores(original, derived, index=index, origin_paras=origin_paras)
        # An inserted word the scorer does not count here ("about" before an
        # adjective is no approximator) is no cue, so no change to find: set aside.
        counted = _counted(derived)
        kept_exp = []
        for para, change, side, s, e in expected:
            cat = change.split("_")[0]
            if side == "derived" and not any((para, cat, x) in counted for x in range(s, e + 1)):
                not_cues[change] += 1
                continue
            kept_exp.append((para, change, side, s, e))
        # The same edits the other way round: the edited text as the original and
        # the passages as the copy, so every insertion is a drop and every cut an addition.
        plain_counted = _counted(plain)
        reverse = []
        for para, change, side, s, e in kept_exp:
            cat, what = change.split("_")
            if side == "derived":
                reverse.append((para, f"{cat}_dropped", "origin", s, e))
            elif any((para, cat, x) in plain_counted for x in range(s, e + 1)):
                reverse.append((para, f"{cat}_added", "derived", s, e))
        back = diff_scores(derived, plain)
        for name, diff_, exp, side_texts in (
            ("forward", d, kept_exp, (passages_text, texts)),
            ("reverse", back, reverse, (texts, passages_text)),
        ):
            got, fps, fns = evaluate(diff_.changes.to_dict("records"), exp)
            tally += got
            for (_, outcome), v in got.items():
                per_direction[name][outcome] += v
            for r in fps:
                misses.append({"round": rnd, "direction": name, "what": "false positive", "para": r["para"],
                               "edit": kinds[r["para"]], "change": r["change"], "explanation": r["explanation"],
                               "paragraph": side_texts[1][r["para"]]})  # fmt: skip
            for para, change, side, s, e in fns:
                where = side_texts[0][para] if side == "origin" else side_texts[1][para]
                misses.append({"round": rnd, "direction": name, "what": "missed", "para": para,
                               "edit": kinds[para], "change": change, "text": where[s:e],
                               "paragraph": side_texts[1][para]})  # fmt: skip
    seconds = time.perf_counter() - t0

    print(
        f"planted-edit benchmark: {args.rounds} rounds x {len(passages)} passages of the reconstructed original"
    )
    print(f"seed {args.seed}; Python {platform.python_version()}; {seconds:.1f} s in all")
    print("edits applied: " + ", ".join(f"{k} {planted[k]}" for k in EDITS))
    if not_cues:
        print(
            "inserted words the scorer did not count as cues there (set aside): "
            + ", ".join(f"{k} {v}" for k, v in sorted(not_cues.items()))
        )
    print()
    print("| change | planted | found | true pos. | false pos. | missed | precision | recall |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    figures = {}
    totals = Counter()
    for kind in CHANGE_KINDS:
        tp, fp, fn = tally[(kind, "tp")], tally[(kind, "fp")], tally[(kind, "fn")]
        totals.update({"tp": tp, "fp": fp, "fn": fn})
        prec = tp / (tp + fp) if tp + fp else float("nan")
        rec = tp / (tp + fn) if tp + fn else float("nan")
        figures[kind] = {"planted": tp + fn, "found": tp + fp, "tp": tp, "fp": fp, "fn": fn,
                         "precision": prec, "recall": rec}  # fmt: skip
        print(f"| `{kind}` | {tp + fn} | {tp + fp} | {tp} | {fp} | {fn} | {prec:.3f} | {rec:.3f} |")
    tp, fp, fn = totals["tp"], totals["fp"], totals["fn"]
    print(
        f"| all | {tp + fn} | {tp + fp} | {tp} | {fp} | {fn} | {tp / (tp + fp):.3f} | {tp / (tp + fn):.3f} |"
    )
    for name, c in per_direction.items():
        tp, fp, fn = c["tp"], c["fp"], c["fn"]
        print(f"{name}: {tp + fn} planted, precision {tp / (tp + fp):.3f}, recall {tp / (tp + fn):.3f}")
    if args.show:
        print()
        for m in misses[: args.show]:
            print(m)
    if args.json:
        Path(args.json).write_text(
            json.dumps({"figures": figures, "planted": dict(planted), "errors": misses}, indent=1),
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
