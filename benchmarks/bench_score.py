"""Speed and memory of the rhetoric scorer against a bare spaCy parse.

What is measured
----------------
The corpus is the five seed articles in ``data/raqqa/*.txt`` repeated, one
whole file after another, until the corpus holds at least ``--words`` words
(default 1,000,000; ``--quick`` is 50,000). Words are whitespace-separated
tokens of the raw files, and every figure in words/s divides that same exact
count. Each repetition of a file is its own document with its own doc_id.

Configurations, each run in a fresh subprocess:

* ``bare parse``: ``nlp.pipe(paragraphs, batch_size=32)`` with the Language
  that ``Analyzer`` loads (``rhetoric.load_model``, same components), over the
  very paragraph texts the scorer parses (the non-boilerplate paragraphs that
  ``rhetoric.read_document`` finds); docs are consumed and discarded.
* ``bare parse, spaCy's attribute ruler``: the same, with the pipeline as
  spaCy ships it. ``load_model`` swaps spaCy's attribute ruler for
  ``rhetoric.ruler.TableAttributeRuler`` (same rules, same annotations,
  tested token by token); this run puts spaCy's own class back, so it prices
  the parse a user of spaCy pays without rhetoric.
* ``scorer``: ``Analyzer().score_many((text, doc_id) pairs)``, consuming one
  ``Scores`` at a time and keeping only its row counts. Its time includes
  everything the scorer does beyond the parse (reading and splitting the
  documents, cues, quotes, word counts, readability, the DataFrames).
* ``scorer`` with ``readability=False``, to price the Flesch columns.
* bare parse and scorer with ``ner=True``.
* bare parse and scorer with ``n_process=2`` (default components).
* memory flatness: the scorer (one process) at 1/4 and 1/2 of the corpus,
  next to the full-size run above.

How
---
Each run is ``python bench_score.py --child SPEC``: it loads the model (timed
as "load"), warms up on one seed document (not timed: textstat reads its
pronunciation dictionary on first use), then times the processing alone with
``time.perf_counter``. A hash of rhetoric's code and lexicons is kept with
each run, and the report warns when they changed mid-benchmark.

Peak memory is ``getrusage(RUSAGE_SELF).ru_maxrss`` plus
``getrusage(RUSAGE_CHILDREN).ru_maxrss``; the latter covers spaCy's
worker processes under ``n_process=2``, but it is the peak of the largest
single child, not a sum, and forked workers count the pages they share with
the parent, so "self + children" is an upper bound on what the processes
held together. MB here means 2**20 bytes.

Overhead is ``scorer seconds / bare seconds - 1``; the target is at most 15%
(then 10%). It is reported against both parses: against spaCy's pipeline as
shipped (what scoring costs over the parse a user would run anyway), and
against rhetoric's own faster pipeline (what the cue rules, reading and
tables cost by themselves).
CPU time (user + system, process and workers) is recorded too: the overhead
on CPU time cross-checks the wall-clock one, and a one-process run that got
under 90% of a CPU is flagged, because something else was competing for it.
``--repeat K`` runs every configuration K times and reports medians.

Caveat: the seeds repeated bring no new vocabulary after the first pass, so a
flat memory curve here shows the pipeline streams; it cannot show growth of
spaCy's StringStore on a corpus of ever-new words.

Usage::

    .venv/bin/python benchmarks/bench_score.py --quick
    .venv/bin/python benchmarks/bench_score.py --repeat 3 --json build/bench.json
    .venv/bin/python benchmarks/bench_score.py --report build/bench.json  # print it again
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shlex
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "data" / "raqqa"
TARGET_OVERHEAD = 0.15  # the word-sense issue: no slower than +15% over the parse
TARGET_OVERHEAD_SCALE = 0.10  # the scale issue's target, in one process and in two
FLAT_TOLERANCE = 0.10  # peak memory at full size within 10% of the 1/4 run counts as flat
CPU_SHARE_WARNING = 0.9  # a one-process run with less CPU time / wall time than this was starved
WARMUP_SEED = "003"  # the shortest seed (about 800 words)
# (name, scorer run, bare run, what): the pairs whose time ratio is the scorer's overhead.
PAIRS = (
    ("spacy", "scorer", "bare_spacy", "1 process, against spaCy's own pipeline as shipped"),
    ("spacy_np2", "scorer_np2", "bare_np2_spacy", "2 processes, against spaCy's own pipeline as shipped"),
    ("default", "scorer", "bare", "1 process, default components"),
    ("no_readability", "scorer_noread", "bare", "1 process, readability=False"),
    ("ner", "scorer_ner", "bare_ner", "1 process, with NER"),
    ("n_process_2", "scorer_np2", "bare_np2", "2 processes, default components"),
)


# ----------------------------------------------------------------------------
# The corpus
# ----------------------------------------------------------------------------


def seed_texts() -> list[tuple[str, str]]:
    """The seed articles as ``(name, raw text)``, in file-name order."""
    files = sorted(SEEDS.glob("*.txt"))
    if not files:
        sys.exit(f"no seed files in {SEEDS}")
    return [(f.stem, f.read_text(encoding="utf-8")) for f in files]


def corpus_plan(seeds: list[tuple[str, str]], target_words: int) -> tuple[list[int], int]:
    """Seed indices, in order, to reach at least ``target_words``; and the exact word count."""
    plan: list[int] = []
    words = 0
    while words < target_words:
        i = len(plan) % len(seeds)
        plan.append(i)
        words += len(seeds[i][1].split())
    return plan, words


def scorer_items(seeds: list[tuple[str, str]], plan: list[int]):
    """``(text, doc_id)`` pairs; repeated documents share one string, so input memory is flat."""
    for k, i in enumerate(plan):
        name, text = seeds[i]
        yield text, f"{name}#{k // len(seeds)}"


def parsed_paragraphs(seeds: list[tuple[str, str]]) -> list[list[str]]:
    """Per seed, the paragraph texts the scorer sends to spaCy (no boilerplate, no blanks)."""
    from rhetoric.score import MAX_CHUNK
    from rhetoric.text import read_document

    out = []
    for name, text in seeds:
        doc = read_document(text, name)
        paras = [p.text for p in doc.paragraphs if p.kind != "boilerplate" and p.text.strip()]
        # The scorer cuts longer paragraphs into pieces; the seeds have none.
        assert all(len(p) <= MAX_CHUNK for p in paras), f"{name}: paragraph over {MAX_CHUNK}"
        out.append(paras)
    return out


# ----------------------------------------------------------------------------
# One measurement (runs in the child process)
# ----------------------------------------------------------------------------


def _rss_mb() -> float | None:
    """Current resident set size, from /proc (Linux); None elsewhere."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def _maxrss_mb(who: int) -> float:
    kb = resource.getrusage(who).ru_maxrss
    return kb / 1024 / (1024 if sys.platform == "darwin" else 1)  # bytes on macOS, KiB elsewhere


def source_fingerprint() -> str:
    """A short hash of rhetoric's code and lexicons, to catch edits made during a benchmark."""
    import hashlib

    import rhetoric

    pkg = Path(rhetoric.__file__).parent
    digest = hashlib.sha1()
    for f in sorted([*pkg.glob("*.py"), *pkg.glob("data/*.tsv")]):
        digest.update(f.name.encode() + b"\0" + f.read_bytes())
    return digest.hexdigest()[:12]


def _cpu_s() -> float:
    """CPU seconds (user + system) used so far by this process and its waited-for children."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def measure(spec: dict) -> dict:
    """Run one configuration and return its figures (called inside the child)."""
    from rhetoric import Analyzer, Lexicon, load_model

    source_before = source_fingerprint()
    seeds = seed_texts()
    plan, words = corpus_plan(seeds, spec["words"])
    warm = next(i for i, (name, _) in enumerate(seeds) if name.startswith(WARMUP_SEED))
    batch_size, n_process = spec["batch_size"], spec["n_process"]
    counts: dict[str, int] = {}

    t0 = time.perf_counter()
    if spec["kind"] == "bare":
        nlp = load_model(None, ner=spec["ner"])
        if spec.get("stock"):
            from spacy.pipeline import AttributeRuler

            nlp.get_pipe("attribute_ruler").__class__ = AttributeRuler  # spaCy's component, as shipped
        load_s = time.perf_counter() - t0
        paragraphs = parsed_paragraphs(seeds)
        texts = [p for i in plan for p in paragraphs[i]]  # shared strings: a list of pointers
        t0 = time.perf_counter()
        for _ in nlp.pipe(paragraphs[warm]):
            pass
        warmup_s = time.perf_counter() - t0
        rss_ready = _rss_mb()
        cpu0, t0 = _cpu_s(), time.perf_counter()
        n = 0
        for _ in nlp.pipe(texts, batch_size=batch_size, n_process=n_process):
            n += 1
        seconds, cpu = time.perf_counter() - t0, _cpu_s() - cpu0
        counts["docs_parsed"] = n
    else:
        lexicon = Lexicon.from_file(spec["lexicon"], strict=True) if spec["lexicon"] else None
        analyzer = Analyzer(lexicon=lexicon, ner=spec["ner"], readability=spec["readability"])
        nlp = analyzer.nlp
        load_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        next(analyzer.score_many([(seeds[warm][1], "warmup")]))
        warmup_s = time.perf_counter() - t0
        rss_ready = _rss_mb()
        cpu0, t0 = _cpu_s(), time.perf_counter()
        docs = paras = spans = 0
        items = scorer_items(seeds, plan)
        for scores in analyzer.score_many(items, batch_size=batch_size, n_process=n_process):
            docs += 1
            paras += len(scores.paragraphs)
            spans += len(scores.spans)
        seconds, cpu = time.perf_counter() - t0, _cpu_s() - cpu0
        counts.update(documents=docs, paragraph_rows=paras, span_rows=spans)

    peak_self = _maxrss_mb(resource.RUSAGE_SELF)
    peak_children = _maxrss_mb(resource.RUSAGE_CHILDREN)
    return {
        **spec,
        "documents": len(plan),
        "corpus_words": words,
        "seconds": seconds,
        "words_per_s": words / seconds,
        "cpu_s": cpu,
        "load_s": load_s,
        "warmup_s": warmup_s,
        "rss_ready_mb": rss_ready,
        "peak_self_mb": peak_self,
        "peak_children_mb": peak_children,
        "peak_mb": peak_self + peak_children,
        "components": list(nlp.pipe_names),
        "counts": counts,
        "source": source_before,
        "source_after": source_fingerprint(),
    }


# ----------------------------------------------------------------------------
# The parent: plan, run, summarise
# ----------------------------------------------------------------------------


def run_child(spec: dict) -> dict:
    """Measure ``spec`` in a fresh interpreter, so that its peak RSS is its own."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", json.dumps(spec)]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    if proc.returncode != 0:
        sys.exit(f"measurement {spec['label']!r} failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def run_config(spec: dict, repeat: int) -> dict:
    """Median of ``repeat`` fresh runs (seconds, words/s, memory and load taken separately)."""
    runs = []
    for r in range(repeat):
        print(f"  {spec['label']} ({spec['words']:,} words) run {r + 1}/{repeat} ...",
              end="", file=sys.stderr, flush=True)
        res = run_child(spec)
        print(f" {res['seconds']:.1f} s, {res['words_per_s']:,.0f} words/s, "
              f"{res['peak_mb']:,.0f} MB", file=sys.stderr, flush=True)
        runs.append(res)
    out = dict(runs[0])
    for key in ("seconds", "words_per_s", "cpu_s", "load_s", "warmup_s", "rss_ready_mb",
                "peak_self_mb", "peak_children_mb", "peak_mb"):
        values = [r[key] for r in runs if r[key] is not None]
        out[key] = statistics.median(values) if values else None
    keep = ("seconds", "cpu_s", "peak_mb", "load_s", "source", "source_after")
    out["runs"] = [{k: r.get(k) for k in keep} for r in runs]
    return out


def configurations(words: int, batch_size: int, lexicon: str | None) -> list[dict]:
    """Every measurement, in the order run. Keys name the pairs compared later."""

    def spec(key, label, kind, *, ner=False, readability=True, n_process=1, size=words, stock=False):
        return {"key": key, "label": label, "kind": kind, "ner": ner,
                "readability": readability, "n_process": n_process, "words": size,
                "batch_size": batch_size, "lexicon": lexicon, "stock": stock}

    return [
        spec("bare_spacy", "bare parse, spaCy's attribute ruler", "bare", stock=True),
        spec("bare", "bare parse", "bare"),
        spec("scorer", "scorer", "scorer"),
        spec("scorer_noread", "scorer, readability=False", "scorer", readability=False),
        spec("bare_ner", "bare parse, NER", "bare", ner=True),
        spec("scorer_ner", "scorer, ner=True", "scorer", ner=True),
        spec("bare_np2_spacy", "bare parse, spaCy's attribute ruler, n_process=2", "bare", n_process=2, stock=True),
        spec("bare_np2", "bare parse, n_process=2", "bare", n_process=2),
        spec("scorer_np2", "scorer, n_process=2", "scorer", n_process=2),
        spec("scorer_q1", "scorer, 1/4 corpus", "scorer", size=words // 4),
        spec("scorer_q2", "scorer, 1/2 corpus", "scorer", size=words // 2),
    ]


def machine_info() -> dict:
    """The machine, Python, spaCy and the model the runs use."""
    import importlib.util

    import spacy

    from rhetoric import load_model
    from rhetoric.model import DEFAULT_MODELS

    nlp = load_model(None)
    nlp_ner = load_model(None, ner=True)
    package = next((m for m in DEFAULT_MODELS if importlib.util.find_spec(m)), "?")
    return {
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "spacy": spacy.__version__,
        "model": f"{nlp.meta.get('lang', '')}_{nlp.meta.get('name', '')}",
        "model_version": nlp.meta.get("version", ""),
        "model_package": package,
        "components": list(nlp.pipe_names),
        "components_ner": list(nlp_ner.pipe_names),
    }


def overhead(results: dict, scorer: str, bare: str, field: str = "seconds") -> float:
    """Extra ``field`` of run ``scorer`` over run ``bare``, as a fraction (0.15 is +15%)."""
    return results[scorer][field] / results[bare][field] - 1.0


def speedup(results: dict, one: str, two: str) -> float:
    """How many times faster run ``two`` is than run ``one``."""
    return results[one]["seconds"] / results[two]["seconds"]


def report(info: dict, results: dict, command: str) -> str:
    """The printed report: header, Markdown table, ratios, memory flatness."""
    full = next(iter(results.values()))
    repeat = len(full["runs"])
    lines = [
        "# rhetoric benchmark: scorer vs bare spaCy parse",
        "",
        f"command: `{command}`",
        f"machine: {info['cpu_count']} CPUs, Python {info['python']}, {info['platform']}",
        f"spaCy {info['spacy']}, model {info['model']} {info['model_version']} "
        f"(package {info['model_package']})",
        f"components (default): {', '.join(info['components'])}",
        f"components (ner=True): {', '.join(info['components_ner'])}",
        f"lexicon: {full['lexicon'] or 'package default'}",
        f"corpus: data/raqqa/*.txt repeated, {full['documents']:,} documents, "
        f"{full['corpus_words']:,} words (whitespace tokens of the raw text)",
        f"batch_size {full['batch_size']}; figures are the median of {repeat} run(s) each, "
        "every run in a fresh process; times exclude model load and a one-document warm-up",
        "peak MB = ru_maxrss of the process + ru_maxrss of its children (RUSAGE_CHILDREN is the "
        "largest single child, and forked workers share pages, so with n_process=2 the total "
        "is an upper-bound sum)",
        "",
        "| configuration | processes | words | seconds | words/s | CPU s | peak MB | load s |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for key in ("bare_spacy", "bare", "scorer", "scorer_noread", "bare_ner", "scorer_ner",
                "bare_np2_spacy", "bare_np2", "scorer_np2"):
        if key not in results:
            continue
        r = results[key]
        peak = f"{r['peak_mb']:,.0f}"
        if r["n_process"] > 1:
            peak += f" ({r['peak_self_mb']:,.0f} + {r['peak_children_mb']:,.0f})"
        lines.append(f"| {r['label']} | {r['n_process']} | {r['corpus_words']:,} | "
                     f"{r['seconds']:,.1f} | {r['words_per_s']:,.0f} | {r['cpu_s']:,.1f} | {peak} | "
                     f"{r['load_s']:.2f} |")

    lines += ["", f"## Overhead of the scorer's own work (targets: at most "
                  f"+{TARGET_OVERHEAD:.0%}, then +{TARGET_OVERHEAD_SCALE:.0%}, on top of the parse)", ""]
    have = lambda *keys: all(k in results for k in keys)  # noqa: E731  (--only runs a subset)
    for _, scorer, bare, what in PAIRS:
        if not have(scorer, bare):
            continue
        ov = overhead(results, scorer, bare)
        verdict = "/".join("PASS" if ov <= t else "MISS" for t in (TARGET_OVERHEAD, TARGET_OVERHEAD_SCALE))
        spread = [run["seconds"] for run in results[scorer]["runs"]], [run["seconds"] for run in results[bare]["runs"]]
        lines.append(f"- {what}: scorer costs {ov:+.1%} on top of the parse: {verdict} "
                     f"(+15%/+10%; on CPU time: {overhead(results, scorer, bare, 'cpu_s'):+.1%}; "
                     f"runs: scorer {', '.join(f'{x:.1f}' for x in spread[0])} s, "
                     f"parse {', '.join(f'{x:.1f}' for x in spread[1])} s)")
    if have("scorer", "scorer_noread"):
        lines.append(f"- readability columns: {overhead(results, 'scorer', 'scorer_noread'):+.1%} "
                     "on the scorer without them")
    if have("bare_ner", "bare"):
        lines.append(f"- NER: the parse with NER takes {overhead(results, 'bare_ner', 'bare'):+.1%} "
                     "longer than without")
    lines.append(f"- default pipeline without NER: {'PASS' if 'ner' not in info['components'] else 'MISS'} "
                 f"({', '.join(info['components'])})")
    if have("bare", "bare_np2", "scorer", "scorer_np2"):
        lines.append(f"- n_process=2 speed-up: parse x{speedup(results, 'bare', 'bare_np2'):.2f}, "
                     f"scorer x{speedup(results, 'scorer', 'scorer_np2'):.2f}")
    if not have("scorer_q1", "scorer_q2", "scorer"):
        return "\n".join(lines)

    lines += ["", "## Memory as the corpus grows (scorer, 1 process, default components)", "",
              "| corpus | words | seconds | words/s | MB after load + warm-up | peak MB |",
              "|---|---:|---:|---:|---:|---:|"]
    for key, frac in (("scorer_q1", "1/4"), ("scorer_q2", "1/2"), ("scorer", "full")):
        r = results[key]
        ready = f"{r['rss_ready_mb']:,.0f}" if r["rss_ready_mb"] is not None else "n/a"
        lines.append(f"| {frac} | {r['corpus_words']:,} | {r['seconds']:,.1f} | "
                     f"{r['words_per_s']:,.0f} | {ready} | {r['peak_mb']:,.0f} |")
    q1, whole = results["scorer_q1"]["peak_mb"], results["scorer"]["peak_mb"]
    growth = whole / q1 - 1.0
    flat = "PASS" if growth <= FLAT_TOLERANCE else "MISS"
    lines.append("")
    lines.append(f"- peak memory from 1/4 to the full corpus: {whole - q1:+,.0f} MB "
                 f"({growth:+.1%}); flat (within {FLAT_TOLERANCE:.0%}): {flat}")
    starved = [r for r in results.values() if r["n_process"] == 1
               for run in r["runs"] if run["cpu_s"] < CPU_SHARE_WARNING * run["seconds"]]
    if starved:
        lines += ["", f"WARNING: {len(starved)} one-process run(s) got less than "
                      f"{CPU_SHARE_WARNING:.0%} of a CPU (CPU time / wall time): another process "
                      "competed for the CPUs and the times above are inflated; re-run on an idle "
                      "machine."]
    sources = {run.get(k) for r in results.values() for run in r["runs"]
               for k in ("source", "source_after")} - {None}
    if len(sources) > 1:
        lines += ["", f"WARNING: rhetoric's code or lexicons changed during the benchmark "
                      f"({len(sources)} different versions were measured); re-run."]
    return "\n".join(lines)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--words", type=int, default=None,
                    help="corpus size in words (default 1,000,000; 50,000 with --quick)")
    ap.add_argument("--quick", action="store_true", help="about 50k words: a smoke test")
    ap.add_argument("--repeat", type=int, default=1, metavar="K",
                    help="run each configuration K times and report medians (default 1)")
    ap.add_argument("--batch-size", type=int, default=32, help="nlp.pipe batch size (default 32)")
    ap.add_argument("--lexicon", metavar="TSV", default=None,
                    help="score with this lexicon file instead of the package's")
    ap.add_argument("--json", metavar="FILE", default=None, help="also write the results as JSON")
    ap.add_argument("--report", metavar="FILE", default=None,
                    help="print the report again from a JSON file written by --json; run nothing")
    ap.add_argument("--pair", metavar="A,B", default=None,
                    help="run configuration A and configuration B in turn, --repeat pairs after a warm-up pair, "
                         "and report the ratio A/B pair by pair (e.g. scorer,bare_spacy)")
    ap.add_argument("--only", metavar="KEYS", default=None,
                    help="run only these configurations, comma-separated (bare_spacy, bare, scorer, scorer_noread, "
                         "bare_ner, scorer_ner, bare_np2, scorer_np2, scorer_q1, scorer_q2)")
    ap.add_argument("--child", metavar="SPEC", default=None, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.words is None:
        args.words = 50_000 if args.quick else 1_000_000
    if args.words < 4 or args.repeat < 1:
        ap.error("--words must be at least 4 and --repeat at least 1")
    return args


def pair_report(args, command: str) -> str:
    """Run two configurations in turn, A B A B ..., and report the ratio A/B pair by pair.

    On a machine whose speed drifts (a shared 2-core box), two runs made one
    after the other see nearly the same machine, so the ratio of a pair is
    steadier than the ratio of two medians taken minutes apart. The first pair
    is a warm-up (disk cache, CPU frequency) and is not counted.
    """
    keys = args.pair.split(",")
    specs = {c["key"]: c for c in configurations(args.words, args.batch_size, args.lexicon)}
    if len(keys) != 2 or not all(k in specs for k in keys):
        sys.exit(f"--pair takes two configurations, A,B, from: {', '.join(specs)}")
    a, b = (specs[k] for k in keys)
    runs: list[tuple[float, float]] = []
    for r in range(args.repeat + 1):
        ra, rb = run_child(a), run_child(b)
        tag = "warm-up" if r == 0 else f"pair {r}/{args.repeat}"
        print(f"  {tag}: {a['key']} {ra['seconds']:.2f} s, {b['key']} {rb['seconds']:.2f} s, "
              f"ratio {ra['seconds'] / rb['seconds']:.3f}", file=sys.stderr, flush=True)
        if r:
            runs.append((ra["seconds"], rb["seconds"]))
    ratios = [x / y for x, y in runs]
    med = statistics.median(ratios)
    return "\n".join([
        f"# rhetoric benchmark: {a['label']} against {b['label']}, in turn",
        "",
        f"command: `{command}`",
        f"corpus: data/raqqa/*.txt repeated, {args.words:,} words or a little more; batch_size {args.batch_size}",
        f"pairs: {len(runs)} (after one warm-up pair), each run in a fresh process, A then B",
        "",
        f"- {a['key']} seconds: {', '.join(f'{x:.2f}' for x, _ in runs)}",
        f"- {b['key']} seconds: {', '.join(f'{y:.2f}' for _, y in runs)}",
        f"- ratio A/B per pair: {', '.join(f'{r:.3f}' for r in ratios)}",
        f"- median ratio {med:.3f} ({med - 1:+.1%}), min {min(ratios):.3f}, max {max(ratios):.3f}",
    ])


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    if args.child:
        print(json.dumps(measure(json.loads(args.child))))
        return
    if args.report:
        saved = json.loads(Path(args.report).read_text(encoding="utf-8"))
        print(report(saved["machine"], saved["results"], saved["command"]))
        return

    from rhetoric import Lexicon

    if args.lexicon is None:
        try:
            Lexicon.default()
        except (OSError, ValueError) as e:
            sys.exit(f"the package lexicon cannot be loaded ({e}); pass --lexicon FILE")
    command = shlex.join([os.path.relpath(sys.executable), *sys.argv])
    info = machine_info()
    results = {}
    started = time.perf_counter()
    only = set(args.only.split(",")) if args.only else None
    if args.pair:
        print(pair_report(args, command))
        return
    for spec in configurations(args.words, args.batch_size, args.lexicon):
        if only is None or spec["key"] in only:
            results[spec["key"]] = run_config(spec, args.repeat)
    print(f"all runs took {time.perf_counter() - started:,.0f} s", file=sys.stderr)

    text = report(info, results, command)
    print(text)
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        payload = {"command": command, "machine": info, "repeat": args.repeat,
                   "target_overhead": TARGET_OVERHEAD, "results": results,
                   "overhead": {name: overhead(results, s, b) for name, s, b, _ in PAIRS
                                if s in results and b in results},
                   "overhead_cpu": {name: overhead(results, s, b, "cpu_s")
                                    for name, s, b, _ in PAIRS if s in results and b in results}}
        Path(args.json).write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
