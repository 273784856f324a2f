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
# # 01 · Explore one text
#
# Paste a news text (or give the path of a file) and see, paragraph by paragraph,
# how sure it sounds and why:
#
# * the text with every **hedge** (*may, reportedly, it seems*), **absolute**
#   (*clearly, never, all*), **emotive** term (*filthy lie, warmongers*) and
#   **source** (*says, according to*, quotations) highlighted; words inside
#   quotation marks belong to the people quoted and are set apart;
# * the counts per paragraph as a chart (hover over a bar to see the words);
# * every cue in its context (keyword in context), and any word's concordance.
#
# **How to use it.** Run all cells (*Run → Run All Cells*). The notebook first
# scores an example, an anonymous 2017 web article about the Raqqa convoy
# (`data/raqqa/002_…txt`). Then paste your own text into the box under
# "Your text" and press **Score the text**, or type a file path and press
# **Score the file**: the results appear under the buttons. To go through your
# text step by step, run the cells below the box again.
#
# Nothing here needs the internet: the model, the word lists and the charts'
# JavaScript are all on this computer.

# %%
import re
from pathlib import Path

import ipywidgets as widgets
import pandas as pd
from IPython.display import HTML, display
from nltk.text import Text

import rhetoric
from rhetoric import Analyzer, charts, read_file

charts.enable_offline()  # charts draw with no network: no Vega from a CDN
pd.set_option("display.precision", 2)
pd.set_option("display.max_colwidth", 120)

ROOT = Path.cwd() if (Path.cwd() / "data").exists() else Path.cwd().parent
analyzer = Analyzer()  # loads the spaCy model once (a few seconds)

# %% [markdown]
# ## Your text
#
# `TEXT_FILE` is the example; change it to any `.txt`, `.md` or `.html` file, or
# use the box. (The box and its buttons work when the notebook runs in Jupyter;
# an exported HTML copy shows the example only.)

# %%
TEXT_FILE = ROOT / "data" / "raqqa" / "002_23b412affb72eb31.txt"
scores = analyzer.score_file(TEXT_FILE, doc_id="example")

COLORS = charts.CATEGORY_COLORS


def kwic(scores: rhetoric.Scores, *, word: str | None = None, category: str | None = None, width: int = 45) -> pd.DataFrame:
    """Keyword in context from the span table: paragraph | left context | cue | right context | category | voice | rule.

    ``paragraph`` is numbered from 1, as the highlighted text shows it (the tables' ``para`` is from 0).

    The context is the paragraph's text with markup removed (``para_start`` and
    ``para_end`` are offsets into it), so it never runs into the next paragraph.
    ``word`` matches the cue as written or its lexicon entry ("says" finds "said").
    """
    text = scores.paragraphs.set_index("para")["text"]
    s = scores.spans
    if category is not None:
        s = s[s["category"] == category]
    rows = []
    for r in s.itertuples():
        t = text[r.para]
        cue = t[r.para_start : r.para_end]
        if word is not None and word.lower() not in (cue.lower(), str(r.entry).lower()):
            continue
        left = t[max(0, r.para_start - width) : r.para_start]
        right = t[r.para_end : r.para_end + width]
        rows.append({
            "paragraph": r.para + 1,
            "left context": ("…" if r.para_start > width else "") + re.sub(r"\s+", " ", left),
            "cue": re.sub(r"\s+", " ", cue),
            "right context": re.sub(r"\s+", " ", right) + ("…" if r.para_end + width < len(t) else ""),
            "category": r.category,
            "voice": r.voice,
            "rule": r.rule,
        })  # fmt: skip
    return pd.DataFrame(rows, columns=["paragraph", "left context", "cue", "right context", "category", "voice", "rule"])


def show_kwic(table: pd.DataFrame, limit: int = 40):
    """The KWIC table styled for reading: contexts aligned on the cue, the cue in its category's colour."""
    def cue_style(row):
        color = COLORS.get(row["category"], "#333")
        styles = [""] * len(row)
        styles[list(row.index).index("cue")] = f"color:{color};font-weight:bold;text-align:center"
        return styles

    return (
        table.head(limit)
        .style.apply(cue_style, axis=1)
        .set_properties(subset=["left context"], **{"text-align": "right"})
        .set_properties(subset=["right context"], **{"text-align": "left"})
        .hide(axis="index")
    )


def concordance(scores: rhetoric.Scores, word: str, width: int = 90) -> list[str]:
    """NLTK's concordance of ``word`` over the text's tokens (spaCy's tokenizer; NLTK needs no data for this)."""
    clean = "\n\n".join(scores.paragraphs["text"])
    tokens = [t.text for t in analyzer.nlp.tokenizer(clean) if not t.is_space]
    return [line.line for line in Text(tokens).concordance_list(word, width=width, lines=50)]


def summary(scores: rhetoric.Scores) -> pd.DataFrame:
    """The counts for the whole text, split by voice."""
    p = scores.paragraphs
    body = p[p["kind"] != "boilerplate"]
    out = pd.DataFrame(
        {
            "author's voice": [body[c].sum() for c in ("hedges", "absolutes", "emotive", "sources")],
            "quoted voices": [body[f"{c}_quoted"].sum() for c in ("hedges", "absolutes", "emotive", "sources")],
        },
        index=["hedges", "absolutes", "emotive", "sources"],
    )
    out.index.name = f"{len(body)} paragraphs, {body['words'].sum()} words"
    return out


def explore(scores: rhetoric.Scores) -> None:
    """Everything for one text: counts, the highlighted text, the chart, and the absolutes in context."""
    display(summary(scores))
    display(rhetoric.highlight(scores))
    display(charts.paragraph_scores(scores.paragraphs, scores.spans, doc_id=scores.doc_id))
    display(HTML("<b>Absolutes and hedges in context</b>"))
    display(show_kwic(kwic(scores, category="absolute")))
    display(show_kwic(kwic(scores, category="hedge")))


# The box: the same functions run when a button is pressed.
text_box = widgets.Textarea(
    value=read_file(TEXT_FILE).raw,
    placeholder="Paste a news text here",
    layout=widgets.Layout(width="100%", height="160px"),
)
path_box = widgets.Text(value=str(TEXT_FILE), description="File:", layout=widgets.Layout(width="100%"))
score_text = widgets.Button(description="Score the text", button_style="primary")
score_file = widgets.Button(description="Score the file")
results = widgets.Output()


def on_score_text(_):
    global scores
    with results:
        results.clear_output()
        try:
            scores = analyzer.score(text_box.value, doc_id="my-text")
        except rhetoric.InputError as e:
            print(f"Cannot score this text: {e}")
            return
        explore(scores)


def on_score_file(_):
    global scores
    with results:
        results.clear_output()
        try:
            scores = analyzer.score_file(Path(path_box.value.strip()).expanduser())
        except (rhetoric.InputError, OSError) as e:
            print(f"Cannot score this file: {e}")
            return
        text_box.value = scores.document.raw
        explore(scores)


score_text.on_click(on_score_text)
score_file.on_click(on_score_file)
widgets.VBox([text_box, widgets.HBox([score_text, path_box, score_file]), results])

# %% [markdown]
# ## The whole text in numbers
#
# Cues in the author's own words and inside quotations, counted separately:
# when an article quotes a general who says "annihilate", the general is
# certain, not the author. Boilerplate (bylines, share buttons) is left out.

# %%
summary(scores)

# %% [markdown]
# ## The text, highlighted
#
# Hover over a highlighted word to see why it counts; the legend says what
# each colour and underline means. Quoted voices are in italics. The
# numbers in the margin are each paragraph's counts and certainty index (from
# −1, only hedges, to +1, only absolutes), which weighs the author's own words
# and the reported speech they paraphrase, not direct quotations.

# %%
rhetoric.highlight(scores)

# %% [markdown]
# ## Paragraph by paragraph
#
# Each bar is a paragraph; hover to see the words behind each count (the
# author's voice only).

# %%
charts.paragraph_scores(scores.paragraphs, scores.spans, doc_id=scores.doc_id)

# %% [markdown]
# The paragraph with the most cues in the author's own voice, explained in words:

# %%
body = scores.paragraphs[scores.paragraphs["kind"] != "boilerplate"]
busiest = int(body.assign(n=body[["hedges", "absolutes", "emotive"]].sum(axis=1)).sort_values("n", ascending=False)["para"].iloc[0])
print(scores.explain(busiest))

# %% [markdown]
# ## Keyword in context
#
# Every cue the tool found, with the words around it, built from the span
# table's offsets. `voice` says whose words they are; `rule` says why it counts
# (`lexicon`: the word is in a list; `negated`: *not clear* turns a booster into
# a hedge; `quotation`, `named_source`, `link`: kinds of sourcing).
#
# The absolutes:

# %%
show_kwic(kwic(scores, category="absolute"))

# %% [markdown]
# One word at a time: change `CUE` to any word.

# %%
CUE = "all"
cue_table = kwic(scores, word=CUE)
show_kwic(cue_table)

# %% [markdown]
# NLTK's concordance of the same word finds **every** occurrence of it, counted
# or not. Compare the two: where the word appears below but not in the table
# above, the tool decided it was not a cue there (the month *May*, *lie* the
# verb), or it sits inside a longer cue. The concordance works for any word, not
# only cues: try `concordance(scores, "Trump")`.

# %%
lines = concordance(scores, CUE)
print(f"NLTK finds {len(lines)} occurrence(s) of {CUE!r}; the tool counted {len(cue_table)} as cues.")
print("\n".join(lines))

# %% [markdown]
# Read the lines: is every *all* an absolute? *He's all talk* is an idiom, and
# the tool counts it as an absolute because it matches the word; its rules do
# not cover that phrase. *All but guaranteed* means *almost* guaranteed: the
# lexicon lists "all but" as a hedge (an approximator), and the longer match
# wins over the single word. Counting words gives you a fast first reading; the
# context tells you whether to trust it.

# %%
all_but = scores.spans[scores.spans["text"].str.lower() == "all but"]
if TEXT_FILE.name.startswith("002_") and CUE == "all":  # the paragraph above is about this example
    assert len(all_but) == 1 and all_but["category"].iloc[0] == "hedge", all_but
    assert any("all talk" in line for line in lines)
    assert not cue_table["right context"].str.startswith(" but guaranteed").any()
all_but[["text", "category", "rule", "explanation"]]

# %% [markdown]
# ## The words behind the counts
#
# The most frequent cue words of each category, in the author's voice and in
# the quoted voices.

# %%
cues = scores.spans[scores.spans["rule"].isin(["lexicon", "negated"])].copy()
cues["word"] = cues["text"].str.lower().str.replace(r"\s+", " ", regex=True)
(
    cues.groupby(["category", "voice"])["word"]
    .agg(lambda s: ", ".join(f"{w} ({n})" for w, n in s.value_counts().head(8).items()))
    .unstack("voice")
    .fillna("")
)
