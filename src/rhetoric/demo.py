"""The page that ``make demo`` ends with: ``build/index.html``, a link to every output.

::

    python -m rhetoric.demo build        # writes build/index.html and prints its path

The page lists what it finds under the build folder, in the order a newcomer
needs it: the highlighted articles, the classroom worksheet and answer key,
the corpus charts, the executed notebooks, and the tables. Links are
relative, so the folder can be copied to a USB stick or a classroom server
and still work. The page loads nothing and runs no script.
"""

from __future__ import annotations

import argparse
import html
import sys
from dataclasses import dataclass
from pathlib import Path

__all__ = ["SECTIONS", "write_index", "main"]


@dataclass(frozen=True)
class Section:
    """One group of links: a heading, a sentence on what it is for, and the files (globs) it holds."""

    title: str
    about: str
    patterns: tuple[str, ...]


SECTIONS: tuple[Section, ...] = (
    Section(
        "Highlighted articles",
        "Each Raqqa article with every hedge, absolute, emotive term and source highlighted; point at a "
        "highlight to see why it counts. Printable: the reasons print as numbered notes under each paragraph.",
        ("raqqa/highlighted/*.html",),
    ),
    Section(
        "Classroom: worksheet and answer key",
        "Print the worksheet for the students and keep the answer key (the tool's marks, what it set aside "
        "and why, and the teacher's notes). Made by notebook 03; the command "
        "rhetoric worksheet makes one for any text.",
        ("classroom/worksheet.html", "classroom/answer_key.html", "classroom/marks_template.csv"),
    ),
    Section(
        "Charts of the corpus",
        "How certainty and sourcing change as the story moves away from the BBC's report (from the command "
        "rhetoric corpus). Each chart is a PNG, an SVG and an HTML page that draws offline.",
        ("raqqa/corpus/charts/*.png", "raqqa/corpus/charts/*.html", "raqqa/corpus/charts/*.svg"),
    ),
    Section(
        "Notebooks, run",
        "The notebooks executed top to bottom: 01 explores one text, 02 follows the drift from the original, "
        "03 is the classroom lesson, 04 scores a folder. The .html opens in any browser; the .ipynb in Jupyter.",
        ("notebooks/*.html", "notebooks/*.ipynb"),
    ),
    Section(
        "Tables",
        "The scores as CSV (and Parquet), one row per paragraph or per cue, for a spreadsheet or pandas.",
        ("raqqa/paragraphs.csv", "raqqa/spans.csv", "raqqa/corpus/*.csv", "raqqa/corpus/*.parquet"),
    ),
)

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src 'self'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="rhetoric">
<title>rhetoric: what make demo built</title>
<style>
  body {{ font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; max-width: 52em;
    margin: 2em auto; padding: 0 1em; color: #1b1b1b; }}
  h1 {{ font-size: 1.6em; margin-bottom: .2em; }}
  h2 {{ font-size: 1.15em; margin: 1.6em 0 .2em; border-bottom: 1px solid #ccc; }}
  p.about {{ margin: .2em 0 .5em; color: #444; }}
  ul {{ margin: .2em 0; padding-left: 1.3em; }}
  li {{ margin: .15em 0; }}
  .missing {{ color: #a33; }}
  code {{ font-size: .92em; }}
</style></head>
<body>
<h1>How sure a text sounds, and why</h1>
<p>Everything <code>make demo</code> built, from the Raqqa corpus in <code>data/raqqa/</code>. Nothing here
needs the internet.</p>
{sections}
</body></html>
"""


def _files(build: Path, patterns: tuple[str, ...]) -> list[Path]:
    seen: dict[Path, None] = {}
    for pattern in patterns:
        for p in sorted(build.glob(pattern)):
            if p.is_file():
                seen.setdefault(p, None)
    return list(seen)


def write_index(build: str | Path = "build") -> Path:
    """Write ``index.html`` in ``build`` linking every output found there; return its path.

    A section with nothing in it says so (and which command makes it), rather
    than vanishing.

    Example:
        >>> write_index("build")  # doctest: +SKIP
        PosixPath('build/index.html')
    """
    build = Path(build)
    build.mkdir(parents=True, exist_ok=True)
    parts = []
    for section in SECTIONS:
        files = _files(build, section.patterns)
        if files:
            items = "".join(
                f'<li><a href="{html.escape(p.relative_to(build).as_posix(), quote=True)}">'
                f"{html.escape(p.relative_to(build).as_posix())}</a></li>"
                for p in files
            )
            body = f"<ul>{items}</ul>"
        else:
            body = '<p class="missing">Not built yet: run <code>make demo</code>.</p>'
        parts.append(
            f'<section data-section="{html.escape(section.title, quote=True)}"><h2>{html.escape(section.title)}</h2>'
            f'<p class="about">{html.escape(section.about)}</p>{body}</section>'
        )
    out = build / "index.html"
    tmp = out.with_name(".index.html.tmp")
    tmp.write_text(PAGE.format(sections="\n".join(parts)), encoding="utf-8")
    tmp.replace(out)
    return out


def main(argv: list[str] | None = None) -> int:
    """Write BUILD/index.html and print its path."""
    ap = argparse.ArgumentParser(prog="python -m rhetoric.demo", description=main.__doc__)
    ap.add_argument("build", nargs="?", default="build", metavar="BUILD")
    args = ap.parse_args(argv)
    print(write_index(args.build).resolve())
    return 0


if __name__ == "__main__":
    sys.exit(main())
