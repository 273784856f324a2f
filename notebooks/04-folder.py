# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 04 · Score a folder of texts
#
# The scripted way to do what `rhetoric score FOLDER` does on the command line:
# read every text file under a folder, score every paragraph, stack the tables,
# save them (CSV and Parquet), and compare the documents in a sortable table and
# two charts. Change `FOLDER` to your own folder of `.txt`, `.md` or `.html`
# files and run all cells.
#
# A document's numbers are pooled over its paragraphs (cues divided by words),
# from the author's own voice; quoted voices are counted apart. What the
# certainty index is, and how far it agrees with people, is in the README and
# `VALIDATION.md`.

# %%
import html
import shlex
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import altair as alt
import pandas as pd
from IPython.display import HTML

from rhetoric import Analyzer, charts, concat
from rhetoric.cli import iter_documents
from rhetoric.text import expand_paths

charts.enable_offline()  # charts draw with no network: no Vega from a CDN
pd.set_option("display.precision", 2)

ROOT = Path.cwd() if (Path.cwd() / "data").exists() else Path.cwd().parent

# %% [markdown]
# ## Which files

# %%
FOLDER = ROOT / "data" / "raqqa"  # change me
SKIP = {"README.md"}  # file names to leave out: these are documentation, not articles
OUT = ROOT / "build" / "folder"  # where the tables go

paths = [p for p in expand_paths([FOLDER]) if p.name not in SKIP]


def shown(p: Path) -> str:
    """A path as the user would type it: relative to the repository when it is inside it."""
    return str(p.relative_to(ROOT)) if p.is_relative_to(ROOT) else str(p)


skipped = [p for p in expand_paths([FOLDER]) if p.name in SKIP]
print(f"{len(paths)} files to score under {shown(FOLDER)}; skipped: {', '.join(shown(p) for p in skipped) or 'none'}")
pd.DataFrame({"file": [shown(p) for p in paths], "bytes": [p.stat().st_size for p in paths]})

# %% [markdown]
# The same on the command line (run it from the repository's top folder). A
# folder stands for every text file under it, so when `SKIP` leaves some out,
# the files are listed one by one:

# %%
cli_paths = [shown(FOLDER) + "/"] if not skipped else [shown(p) for p in paths]
cli = ["rhetoric", "score", *cli_paths, "-o", shown(OUT / "paragraphs.csv")]
print(shlex.join(cli))
print(shlex.join(["rhetoric", "spans", *cli_paths, "-o", shown(OUT / "spans.csv")]))

# %% [markdown]
# ## Scoring
#
# `iter_documents` is what the command line uses to read files: a file that
# cannot be read (binary, empty, undecodable) is reported and the rest are still
# scored. `score_many` streams, one document at a time.

# %%
analyzer = Analyzer()
errors: list[str] = []
paragraphs, spans = concat(analyzer.score_many(iter_documents([str(p) for p in paths], errors=errors)))
for e in errors:
    print("could not read:", e)
print(f"{paragraphs['doc_id'].nunique()} documents, {len(paragraphs)} paragraphs, {len(spans)} cues")

# %% [markdown]
# ## Saving the tables
#
# CSV for spreadsheets, Parquet for pandas and R (types kept). The CSV is written
# exactly as `rhetoric score` writes it; the next cell runs the command line and
# checks that the two files are the same, byte for byte.

# %%
OUT.mkdir(parents=True, exist_ok=True)
paragraphs.to_csv(OUT / "paragraphs.csv", index=False, lineterminator="\n")
spans.to_csv(OUT / "spans.csv", index=False, lineterminator="\n")
paragraphs.to_parquet(OUT / "paragraphs.parquet", index=False)
spans.to_parquet(OUT / "spans.parquet", index=False)
for f in sorted(OUT.glob("*")):
    print(f"{shown(f):40} {f.stat().st_size:>9,} bytes")

# %%
exe = Path(sys.executable).with_name("rhetoric")
exe = str(exe) if exe.exists() else shutil.which("rhetoric")
cli_out = OUT / "cli" / "paragraphs.csv"
cmd = [exe, "score", *[str(p) for p in paths], "-o", str(cli_out), "--no-progress"]
run = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
print(run.stderr.strip())
assert run.returncode == (1 if errors else 0), run.stderr
same = cli_out.read_bytes() == (OUT / "paragraphs.csv").read_bytes()
print("the notebook's table and the command line's are identical:", same)
assert same

# %% [markdown]
# ## One row per document
#
# Rates are pooled: all the document's author-voice cues divided by all its
# author-voice words, per 100 words (sources per 100 words of any voice).
# `certainty` is the mean of the paragraphs' certainty indexes; `surer` and
# `less sure` are the shares of paragraphs above and below 0.

# %%
def per_document(paragraphs: pd.DataFrame) -> pd.DataFrame:
    """Pool the paragraph table into one row per document (boilerplate left out)."""
    p = paragraphs[(paragraphs["kind"] != "boilerplate") & (paragraphs["words"] > 0)]
    g = p.groupby("doc_id", sort=False)
    d = pd.DataFrame({
        "paragraphs": g.size(),
        "words": g["words"].sum(),
        "quoted share": g["quoted_words"].sum() / g["words"].sum(),
        "hedges": g["hedges"].sum(),
        "absolutes": g["absolutes"].sum(),
        "emotive": g["emotive"].sum(),
        "sources": g["sources"].sum(),
    })  # fmt: skip
    aw = g["author_words"].sum()
    for c in ("hedges", "absolutes", "emotive"):
        d[f"{c} /100w"] = 100 * d[c] / aw
    d["sources /100w"] = 100 * d["sources"] / d["words"]
    d["certainty"] = g["certainty"].mean()
    d["surer"] = g["certainty"].apply(lambda s: (s > 0).mean())
    d["less sure"] = g["certainty"].apply(lambda s: (s < 0).mean())
    return d.reset_index()


documents = per_document(paragraphs)
documents.to_csv(OUT / "documents.csv", index=False, lineterminator="\n")
documents

# %% [markdown]
# The same table, sortable: click a column's heading to sort by it, click again
# to reverse. (It is plain HTML with a few lines of JavaScript carried in the
# notebook: no internet needed.)

# %%
SORTER_JS = """
(function(){
  var t = document.getElementById('%s');
  if (!t || t.dataset.sortable) return;
  t.dataset.sortable = '1';
  var heads = t.tHead.rows[0].cells;
  Array.prototype.forEach.call(heads, function(th, i){
    th.style.cursor = 'pointer';
    th.title = 'click to sort';
    th.addEventListener('click', function(){
      var asc = th.dataset.dir !== 'asc';
      Array.prototype.forEach.call(heads, function(h){ h.dataset.dir = ''; h.textContent = h.textContent.replace(/ [▲▼]$/, ''); });
      th.dataset.dir = asc ? 'asc' : 'desc';
      th.textContent += asc ? ' ▲' : ' ▼';
      var body = t.tBodies[0], rows = Array.prototype.slice.call(body.rows);
      rows.sort(function(a, b){
        var x = a.cells[i].dataset.v, y = b.cells[i].dataset.v;
        if (x === '' || y === '') return (x === '') - (y === '');
        var nx = Number(x), ny = Number(y);
        var c = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
        return asc ? c : -c;
      });
      rows.forEach(function(r){ body.appendChild(r); });
    });
  });
})();
"""


def sortable_table(df: pd.DataFrame, formats: dict[str, str] | None = None) -> HTML:
    """An HTML table whose columns sort on a click; each cell keeps its raw value in ``data-v``."""
    formats = formats or {}
    tid = f"sortable-{uuid.uuid4().hex[:10]}"
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in df.columns)
    rows = []
    for rec in df.itertuples(index=False):
        cells = []
        for c, v in zip(df.columns, rec, strict=True):
            missing = v is None or (isinstance(v, float) and v != v)
            raw = "" if missing else str(v)
            text = "" if missing else (format(v, formats[c]) if c in formats else str(v))
            align = "right" if pd.api.types.is_number(v) else "left"
            cells.append(f'<td data-v="{html.escape(raw)}" style="text-align:{align}">{html.escape(text)}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    table = (
        f'<table id="{tid}" class="rhetoric-sortable"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    return HTML(table + "<script>" + SORTER_JS % tid + "</script>")


fmt = {c: ".2f" for c in documents.columns if "/100w" in c or c == "certainty"}
fmt.update({"quoted share": ".0%", "surer": ".0%", "less sure": ".0%"})
sortable_table(documents, fmt)

# %% [markdown]
# ## Emotive terms against absolutes, per document
#
# Each circle is a document (its size: words). Up and to the right: a text
# that is both loaded and sure of itself.

# %%
def emotive_vs_absolutes(documents: pd.DataFrame) -> alt.Chart:
    """One circle per document: absolutes and emotive terms per 100 words of the author's voice."""
    base = alt.Chart(documents).encode(
        x=alt.X("absolutes /100w:Q", title="absolutes per 100 words (author's voice)"),
        y=alt.Y("emotive /100w:Q", title="emotive terms per 100 words (author's voice)"),
    )
    dots = base.mark_circle(opacity=0.7, color="#d7191c").encode(
        size=alt.Size("words:Q", scale=alt.Scale(range=[60, 900])),
        tooltip=[
            "doc_id", "paragraphs", "words",
            alt.Tooltip("absolutes /100w:Q", format=".2f"), alt.Tooltip("emotive /100w:Q", format=".2f"),
            alt.Tooltip("hedges /100w:Q", format=".2f"), alt.Tooltip("certainty:Q", format=".2f"),
        ],
    )  # fmt: skip
    labels = base.mark_text(align="left", dx=10, dy=-6, fontSize=10).encode(text="doc_id:N")
    return (dots + labels).properties(width=480, height=300)


emotive_vs_absolutes(documents)

# %% [markdown]
# ## How sure each paragraph sounds, per document
#
# One tick per paragraph; the box spans the middle half of the paragraphs. Many
# paragraphs sit at exactly 0: no cues, or as much hedging as boosting.

# %%
def certainty_by_document(paragraphs: pd.DataFrame) -> alt.Chart:
    """The spread of paragraph certainty indexes in each document, as a box plot over ticks."""
    p = paragraphs[(paragraphs["kind"] != "boilerplate") & (paragraphs["words"] > 0)]
    p = p[["doc_id", "para", "certainty", "hedges", "absolutes", "words"]].dropna(subset=["certainty"])
    y = alt.Y("doc_id:N", title=None)
    x = alt.X("certainty:Q", title="certainty index (−1 only hedges, +1 only absolutes)", scale=alt.Scale(domain=[-1, 1]))
    box = alt.Chart(p).mark_boxplot(extent="min-max", opacity=0.35, color="#888").encode(x=x, y=y)
    ticks = (
        alt.Chart(p)
        .mark_tick(opacity=0.6, color="#333")
        .encode(x=x, y=y, tooltip=["doc_id", "para", alt.Tooltip("certainty:Q", format=".2f"), "hedges", "absolutes", "words"])
    )
    return (box + ticks).properties(width=480, height=alt.Step(28))


certainty_by_document(paragraphs)

# %%
top = documents.sort_values("absolutes /100w", ascending=False).iloc[0]
print(f"Most absolutes per 100 words: {top['doc_id']} ({top['absolutes /100w']:.2f}); "
      f"fewest: {documents.sort_values('absolutes /100w').iloc[0]['doc_id']}.")
print(f"Tables in {shown(OUT)}/: paragraphs, spans, documents (CSV), paragraphs and spans (Parquet).")
