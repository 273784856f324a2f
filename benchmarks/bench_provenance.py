"""How fast provenance alignment is when a corpus holds thousands of articles.

Measures, on the Raqqa corpus (the reconstructed BBC report as the original,
the five articles repeated to ``--articles`` documents):

* building the shingle index of the original;
* aligning every paragraph of every article (shingle lookup, then local
  alignment of the candidates): paragraphs and articles per second;
* for comparison, aligning a sample of paragraphs the naive way, each against
  the whole original with no index.

Parsing is not included (alignment runs on the paragraph text; see
bench_score.py for the parser). Run:

    .venv/bin/python benchmarks/bench_provenance.py [--articles 2000]
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import sys
import time
from difflib import SequenceMatcher
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from rhetoric.provenance import MIN_BLOCK, OriginIndex, words_with_spans  # noqa: E402
from rhetoric.text import read_file  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--articles", type=int, default=2000, help="articles in the synthetic corpus (default 2000)"
    )
    ap.add_argument(
        "--naive-sample", type=int, default=300, help="paragraphs aligned the naive way (default 300)"
    )
    args = ap.parse_args()

    raqqa = ROOT / "data" / "raqqa"
    origin_doc = read_file(raqqa / "original" / "bbc_raqqas_dirty_secret.reconstructed.txt")
    origin = [p.text for p in origin_doc.paragraphs if p.kind != "boilerplate"]
    seeds = [read_file(f) for f in sorted(raqqa.glob("0*.txt"))]
    seed_paras = [[p.text for p in d.paragraphs if p.kind != "boilerplate" and p.text.strip()] for d in seeds]

    print(
        f"# provenance alignment benchmark\n\nmachine: {os.cpu_count()} cores, {platform.platform()}, Python {platform.python_version()}"
    )
    print(f"command: {' '.join([Path(sys.executable).name, *sys.argv])}\n")

    t0 = time.perf_counter()
    index = OriginIndex(origin)
    t_index = time.perf_counter() - t0
    print(
        f"original: {len(origin)} paragraphs, {len(index.words):,} words, {len(index.index):,} shingles; index built in {t_index * 1000:.1f} ms"
    )

    n_paras = n_words = aligned = 0
    t0 = time.perf_counter()
    for k in range(args.articles):
        for text in seed_paras[k % len(seed_paras)]:
            a = index.align(text)
            n_paras += 1
            n_words += len(words_with_spans(text)[0])
            aligned += a.overlap >= 0.5
    t_align = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    sample = [t for paras in seed_paras for t in paras][: args.naive_sample]
    all_words = index.words
    t0 = time.perf_counter()
    for text in sample:
        ws = words_with_spans(text)[0]
        sum(
            b.size
            for b in SequenceMatcher(None, ws, all_words, autojunk=False).get_matching_blocks()
            if b.size >= MIN_BLOCK
        )
    t_naive = (time.perf_counter() - t0) / len(sample)

    per_para = t_align / n_paras
    print("\n| what | figure |\n| --- | --- |")
    print(f"| articles aligned | {args.articles:,} ({n_paras:,} paragraphs, {n_words:,} words) |")
    print(f"| of which labelled origin (overlap >= 0.5) | {aligned:,} |")
    print(f"| time | {t_align:.1f} s |")
    print(f"| paragraphs per second | {n_paras / t_align:,.0f} |")
    print(f"| articles per second | {args.articles / t_align:,.0f} |")
    print(f"| words per second | {n_words / t_align:,.0f} |")
    print(f"| per paragraph, with the index | {per_para * 1e6:,.0f} µs |")
    print(
        f"| per paragraph, naive (no index, whole original), {len(sample)} paragraphs | {t_naive * 1e6:,.0f} µs ({t_naive / per_para:,.0f}x slower) |"
    )
    print(f"| peak memory (whole process) | {peak:,.0f} MB |")


if __name__ == "__main__":
    main()
