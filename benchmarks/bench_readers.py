"""Reading time of adversarial markup: is every reader linear?

Each pattern (the ones that were super-linear before issue 10, and some more)
is repeated to SIZE characters and read with ``rhetoric.read_document`` in the
markup mode it attacks; the median and spread of REPEATS runs are printed,
at two sizes, with their ratio: a linear reader doubles its time when the
input doubles (ratio about 2), a quadratic one quadruples it.

    python benchmarks/bench_readers.py            # 0.5 MB and 1 MB, 3 runs each
    python benchmarks/bench_readers.py --quick    # 100 KB and 200 KB, 3 runs each

The tests only guard against blow-ups (30 s at 1 MB); the figures come from here.
"""

from __future__ import annotations

import argparse
import statistics
import time

from rhetoric.text import InputError, read_document

PATTERNS = {
    "**a ": "markdown",
    "__a ": "markdown",
    "*a **b ": "markdown",
    "[a](b ": "markdown",
    "<!--": "markdown",
    "a<b ": "text",
    "a.": "text",
    "<a href=x>": "html",
    "<h1>": "html",
    "<blockquote>": "html",
    "<?": "html",
    "<!a": "html",
    "<![CDATA[": "html",
    "<script": "html",
    "# a + spaces": "markdown",
}


def make(pattern: str, size: int) -> str:
    if pattern == "# a + spaces":
        return "# a" + " " * size + "b\n"
    if pattern == "a.":
        return ("a." * 1999 + "\n\n") * (size // 4000)
    return pattern * (size // len(pattern))


def timed(text: str, markup: str) -> float:
    t0 = time.perf_counter()
    try:
        read_document(text, "bench", markup=markup)
    except InputError:
        pass
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    small, large = (100_000, 200_000) if args.quick else (500_000, 1_000_000)
    print(
        f"{'pattern':<16}{'markup':<10}{small // 1000:>6} KB s (spread){large // 1000:>10} KB s (spread)  ratio"
    )
    for pattern, markup in PATTERNS.items():
        row = []
        for size in (small, large):
            text = make(pattern, size)
            runs = [timed(text, markup) for _ in range(args.repeats)]
            row.append((statistics.median(runs), max(runs) - min(runs)))
        (a, sa), (b, sb) = row
        print(
            f"{pattern!r:<16}{markup:<10}{a:>9.2f} ({sa:.2f}){b:>14.2f} ({sb:.2f}){b / a if a else 0:>8.1f}"
        )


if __name__ == "__main__":
    main()
