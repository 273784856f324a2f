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
# # 03 · Classroom: do we hear the same hedges as the tool?
#
# A lesson of about 45 minutes for a media-literacy class.
#
# 1. **Hand out the worksheet** (`build/classroom/worksheet.html`, written by
#    this notebook; open it in a browser and print it). It holds two short
#    passages about the same event: a few sentences of the BBC's report, and a
#    few sentences of an article that quotes that report and argues with it.
#    Every word has a number.
# 2. **Students mark** the words that make a statement sound less sure
#    (*hedges*) or surer (*absolutes*), each on their own, and write the numbers
#    down.
# 3. **Type the marks** into a CSV file, one row per marked word
#    (`student,passage,token_index,label`; see `data/classroom/README.md`) and
#    set `MARKS` below to it. Until then the notebook uses
#    `data/classroom/example_marks.csv`: **made-up marks of four fictional
#    students**, written by us to show what the comparison looks like.
# 4. **Run the notebook** and discuss: where did students agree with each
#    other, where with the tool, and who is right? The teacher's answer key
#    (`build/classroom/answer_key.html`) gives the tool's marks, the rule behind
#    each, and the places where the tool is arguably wrong.
#
# Everything runs offline. The worksheet and the answer key are single HTML
# files with nothing to download.

# %%
import html
from pathlib import Path

import altair as alt
import pandas as pd
from IPython.display import HTML, display
from nltk.metrics.agreement import AnnotationTask

from rhetoric import Analyzer, charts, worksheet
from rhetoric.corpus import Corpus
from rhetoric.worksheet import Passage

charts.enable_offline()  # charts draw with no network: no Vega from a CDN
pd.set_option("display.precision", 2)
pd.set_option("display.max_colwidth", 200)

ROOT = Path.cwd() if (Path.cwd() / "data").exists() else Path.cwd().parent
MARKS = ROOT / "data" / "classroom" / "example_marks.csv"  # your class's marks: same columns
OUT = ROOT / "build" / "classroom"  # the worksheet and the answer key are written here

analyzer = Analyzer()
corpus = Corpus.from_manifest(ROOT / "data" / "raqqa" / "manifest.yaml")
result = corpus.score(analyzer)
paragraphs, spans = result.paragraphs, result.spans

# %% [markdown]
# ## The two passages, and why these
#
# Eric Zuesse's article (Global Research, 26 November 2017) reproduces long
# stretches of the BBC report and then comments on them. One of his comment
# paragraphs answers the BBC's closing line directly: it quotes *"The deal to
# save Raqqa may have been worth it"* and argues against it. The provenance
# alignment (`rhetoric.corpus`) finds this for us: the paragraph is labelled
# `commentary`, and the BBC text it shares words with is exactly that sentence.
#
# That makes a good pair for a class:
#
# * **the same claim in two voices**: the BBC hedges it (*may*); Zuesse quotes
#   the hedge, calls it what the BBC *thinks*, and ends by saying what Trump
#   *knows* is *profoundly* wrong;
# * **short**: five sentences of the BBC, four of Zuesse (the last after a cut,
#   marked […]), about 200 words in all;
# * **hard in the right places**: a hedge inside quotation marks (whose
#   uncertainty is it?), a *should* that is a demand, not a doubt, and sentences
#   that sound certain with no cue word at all. Students and the tool will
#   disagree there, which is what the discussion is for.

# %%
zuesse = paragraphs[paragraphs["doc_id"] == "zuesse-2017"]
comment = zuesse[zuesse["text"].str.startswith("Whereas the British BBC")].iloc[0]
bbc = paragraphs[paragraphs["doc_id"] == corpus.origin.id].set_index("para", drop=False)
quoted_bbc = bbc.loc[comment["origin_para"]]  # origin_para is the BBC document's own paragraph number
print(f"zuesse-2017 paragraph {comment['para']}: provenance {comment['provenance']!r}, "
      f"{comment['origin_overlap']:.0%} of its words from the BBC: {comment['origin_passage']!r}")
print(f"BBC paragraph {quoted_bbc['para']}: {quoted_bbc['text']!r}")
assert comment["provenance"] == "commentary"
assert quoted_bbc["text"].startswith("The deal to save Raqqa may have been worth it")

# %%
# Passage A: the BBC paragraph Zuesse quotes, the two before it and the one after.
anchor = int(quoted_bbc["para"])
bbc_paras = paragraphs[(paragraphs["doc_id"] == corpus.origin.id) & paragraphs["para"].between(anchor - 2, anchor + 1)]
# Passage B: Zuesse's paragraph, and the last sentence of the next one.
following = zuesse[zuesse["para"] == comment["para"] + 1].iloc[0]["text"]
last_sentence = following[following.index("So, President Trump knows") :]

# Each passage is scored on its own by rhetoric.worksheet (the same module as `rhetoric worksheet`).
passages = [
    Passage.from_text(
        "A",
        "Passage A: the original report",
        "BBC News, “Raqqa’s dirty secret”, by Quentin Sommerville and Riam Dalati, 13 November 2017 "
        "(its closing paragraphs; text as quoted by the articles that reproduce it)",
        "\n\n".join(bbc_paras["text"]),
        analyzer,
    ),
    Passage.from_text(
        "B",
        "Passage B: a commentary on it",
        "Eric Zuesse, “James Mattis Allowed the ISIS Terrorists to Escape from Raqqa, Smuggled Out of Syria”, "
        "Global Research, 26 November 2017 (one paragraph, and the last sentence of the next)",
        comment["text"] + " […] " + last_sentence,
        analyzer,
    ),
]
# On the printed passages, each paragraph carries its number in its article, from 1 (para is from 0).
passages[0].para_numbers = [int(p) + 1 for p in bbc_paras["para"]]
passages[1].para_numbers = [int(comment["para"]) + 1]
# Where each passage's paragraphs sit in their articles: (doc_id, para, first character used).
IN_CONTEXT = {
    "A": [(corpus.origin.id, int(p), 0) for p in bbc_paras["para"]],
    "B": [("zuesse-2017", int(comment["para"]), 0),
          ("zuesse-2017", int(comment["para"]) + 1, following.index(last_sentence))],
}  # fmt: skip
for p in passages:
    print(f"{p.title}\n{p.text}\n")

# %% [markdown]
# ## Every word gets a number
#
# Students write numbers, not words, so their marks cannot be misread: the
# second *deal* and the first are different marks. A word here is a run of
# letters and digits, keeping inner apostrophes, hyphens and dots together
# (*IS’s*, *battle-hardened*, *U.S*); punctuation gets no number. The numbering
# depends only on the text, so it is the same every time this runs.

# %%
tokens = worksheet.number_words(passages)
tokens.groupby("passage")["token_index"].max().rename("words")

# %% [markdown]
# ## The tool's marks
#
# A word gets the tool's label when a hedge or absolute span covers it (a
# two-word cue such as *at least* marks both words). `voice` says whether the
# word is the author's or inside a quotation; `set_aside` holds any cue the tool
# weighed and decided not to count, with its reason.

# %%
labels = worksheet.label_words(passages)
tool_spans = pd.DataFrame(
    [{"passage": p.key, **m} for p in passages for m in p.marks if m["category"] in ("hedge", "absolute")]
)
key_table = labels[labels["tool"] != "none"][["passage", "token_index", "word", "tool", "voice", "rule", "weight", "explanation"]]
key_table

# %% [markdown]
# Scored on its own, a passage could in principle come out differently from the
# same words inside the whole article (a quotation opened in an earlier
# paragraph, say). It does not here: the check below compares the two.

# %%
def in_context(where: dict) -> list[tuple[str, str, str, str]]:
    """The hedge/absolute cues of the passages' paragraphs as scored inside their articles."""
    out = []
    for key, places in where.items():
        for doc_id, para, from_char in places:
            s = spans[(spans["doc_id"] == doc_id) & (spans["para"] == para) & (spans["para_start"] >= from_char)]
            s = s[s["category"].isin(["hedge", "absolute"])]
            out += [(key, t, c, v) for t, c, v in zip(s["text"], s["category"], s["voice"], strict=True)]
    return out


alone = list(zip(tool_spans["passage"], tool_spans["text"], tool_spans["category"], tool_spans["voice"], strict=True))
assert alone == in_context(IN_CONTEXT), (alone, in_context(IN_CONTEXT))
print("The same", len(alone), "cues, in the same voices, as in the full articles.")

# %% [markdown]
# ## The teacher's notes
#
# The notes on single words and the discussion questions are not in this
# notebook's code: they are in `data/classroom/raqqa_notes.tsv`, a table a
# teacher can edit (any spreadsheet opens it). `rhetoric worksheet` reads the
# same kind of file (`--notes`); its own template, for any text, is
# `src/rhetoric/templates/teacher_notes.tsv`. The checks below keep what the
# notes say about the tool true if the word lists change.

# %%
NOTES_FILE = ROOT / "data" / "classroom" / "raqqa_notes.tsv"
notes = worksheet.load_notes(NOTES_FILE)


def note(passage: str, word: str) -> str:
    """The teacher's note on a word of a passage ('' if none)."""
    return notes["words"].get(f"{passage}:{word.lower()}", "")


def tool_label(passage: str, word: str) -> tuple[str, str]:
    row = labels[(labels["passage"] == passage) & (labels["word"].str.lower() == word)].iloc[0]
    return row["tool"], row["voice"]


assert tool_label("A", "may") == ("hedge", "author") and tool_label("A", "effectively")[0] == "hedge"
assert tool_label("B", "thinks")[0] == "none" and "attributed" in labels.loc[(labels["passage"] == "B") & (labels["word"] == "thinks"), "other"].iloc[0]
assert tool_label("B", "should")[0] == "none"  # a demand: weighed and set aside (obligation)
assert tool_label("B", "may") == ("hedge", "quoted")
assert tool_label("B", "knows")[0] == tool_label("B", "profoundly")[0] == "absolute"
assert all(tool_label(p, w)[0] == "none" for p, w in [("A", "much"), ("A", "many"), ("B", "violated"), ("B", "dangerous"), ("B", "wrong"), ("B", "above")])
assert "obligation" in note("B", "should") and note("A", "much")
STUDENT_QUESTIONS = [q for q, _ in notes["questions"]]

# %% [markdown]
# ## The worksheet and the answer key
#
# Two printable HTML pages, written to `build/classroom/` by
# `rhetoric.worksheet.write_worksheet` (the function behind `rhetoric
# worksheet`): open them in any browser and print. Neither needs the internet.
# For another text, the command does the same in one line:
#
#     rhetoric worksheet article.txt --paras 3-5 --compare other.txt --compare-paras 1-2 -o lesson/

# %%
OUT.mkdir(parents=True, exist_ok=True)
for f in worksheet.write_worksheet(passages, OUT, notes=notes):
    print(f"wrote {f.relative_to(ROOT) if f.is_relative_to(ROOT) else f}")

# %% [markdown]
# What the worksheet looks like (the passages part):

# %%
HTML(
    '<div style="font-family:Georgia,serif;max-width:46em">'
    "<style>ruby{ruby-position:under}rt{font:600 .62em Arial,sans-serif;color:#000}.pno{font:bold .7em Arial;border:1px solid #000;padding:0 .3em}</style>"
    + "".join(f"<h4>{html.escape(p.title)}</h4><div style='line-height:2.9'>{worksheet.numbered_html(p)}</div>" for p in passages)
    + "</div>"
)

# %% [markdown]
# ## The students' marks
#
# One row per marked word. The reader below checks the file and says which line
# is wrong (an unknown passage, a number no word has, a label other than hedge
# or absolute), so a typing slip does not silently change the figures.

# %%
def read_marks(path: Path, tokens: pd.DataFrame) -> pd.DataFrame:
    """Students' marks from a CSV file (student, passage, token_index, label), checked line by line."""
    marks = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = {"student", "passage", "token_index", "label"} - set(marks.columns)
    if missing:
        raise ValueError(f"{path}: missing column(s) {', '.join(sorted(missing))}")
    marks = marks.apply(lambda c: c.str.strip())
    marks["label"] = marks["label"].str.lower().replace({"h": "hedge", "a": "absolute"})
    n_words = tokens.groupby("passage")["token_index"].max().to_dict()
    problems = []
    for line, r in zip(range(2, len(marks) + 2), marks.itertuples(), strict=True):
        if r.passage not in n_words:
            problems.append(f"line {line}: passage {r.passage!r} is not one of {', '.join(n_words)}")
        elif not r.token_index.isdigit() or not 1 <= int(r.token_index) <= n_words[r.passage]:
            problems.append(f"line {line}: passage {r.passage} has words 1 to {n_words[r.passage]}, not {r.token_index!r}")
        if r.label not in ("hedge", "absolute"):
            problems.append(f"line {line}: label {r.label!r} is not hedge or absolute")
        if not r.student:
            problems.append(f"line {line}: no student")
    if problems:
        raise ValueError(f"{path}:\n  " + "\n  ".join(problems))
    marks["token_index"] = marks["token_index"].astype(int)
    twice = marks[marks.duplicated(["student", "passage", "token_index"], keep=False)]
    if len(twice):
        raise ValueError(f"{path}: a word marked twice by the same student:\n{twice.to_string()}")
    return marks


marks = read_marks(MARKS, tokens)
students = sorted(marks["student"].unique())
print(f"{len(marks)} marks by {len(students)} students from {MARKS.relative_to(ROOT) if MARKS.is_relative_to(ROOT) else MARKS}")
marks.pivot_table(index="student", columns=["passage", "label"], values="token_index", aggfunc="count", fill_value=0)

# %% [markdown]
# Every word gets a label from every student (a word they did not mark is
# `none`) and from the tool. Here are the words that anyone marked:

# %%
grid = labels[["passage", "token_index", "word", "tool"]].copy()
for s in students:
    m = marks[marks["student"] == s].set_index(["passage", "token_index"])["label"]
    grid[s] = [m.get((p, i), "none") for p, i in zip(grid["passage"], grid["token_index"], strict=True)]
coders = [*students, "tool"]
anyone = grid[(grid[coders] != "none").any(axis=1)]


CATEGORY_STYLE = {"hedge": charts.CATEGORY_COLORS["hedge"], "absolute": charts.CATEGORY_COLORS["absolute"]}


def color_label(v: str) -> str:
    return f"color:{CATEGORY_STYLE[v]};font-weight:bold" if v in CATEGORY_STYLE else "color:#bbb"


anyone.style.map(color_label, subset=coders).hide(axis="index")

# %% [markdown]
# ## How much do the marks agree?
#
# Most words are marked by nobody, so simply counting matching labels would
# look impressive whatever happened. **Cohen's kappa** corrects for the agreement
# two markers would reach by chance, given how often each uses each label: 1 is
# perfect agreement, 0 is no better than chance. **Krippendorff's alpha** does
# the same for the whole group at once. Rough reading, often quoted: above 0.8
# strong, 0.6 to 0.8 substantial, 0.4 to 0.6 moderate, below 0.4 weak. Both are
# computed with NLTK's `AnnotationTask` over every numbered word of both
# passages, with three labels: hedge, absolute, none.

# %%
def annotation_task(grid: pd.DataFrame, coders: list[str]) -> AnnotationTask:
    """NLTK's AnnotationTask over every word: items are "passage:number", labels hedge/absolute/none."""
    data = [
        (c, f"{p}:{i}", lab)
        for c in coders
        for p, i, lab in zip(grid["passage"], grid["token_index"], grid[c], strict=True)
    ]
    return AnnotationTask(data=data)


everyone = annotation_task(grid, coders)
kappa = pd.DataFrame(
    [[1.0 if a == b else everyone.kappa_pairwise(a, b) for b in coders] for a in coders], index=coders, columns=coders
)
only_students = annotation_task(grid, students)
figures = pd.Series({
    "Krippendorff's alpha, students": only_students.alpha(),
    "Krippendorff's alpha, students and tool": everyone.alpha(),
    "mean Cohen's kappa, student pairs": only_students.kappa(),
    "mean Cohen's kappa, tool vs each student": kappa.loc["tool", students].mean(),
})  # fmt: skip
figures.to_frame("value")

# %%
def cohen_kappa(a: list[str], b: list[str]) -> float:
    """Cohen's kappa written out, to check NLTK's: (observed - chance) / (1 - chance)."""
    n = len(a)
    observed = sum(x == y for x, y in zip(a, b, strict=True)) / n
    chance = sum((a.count(k) / n) * (b.count(k) / n) for k in set(a) | set(b))
    return (observed - chance) / (1 - chance)


for s in students:
    assert abs(cohen_kappa(list(grid["tool"]), list(grid[s])) - kappa.loc["tool", s]) < 1e-9
kappa.round(2)

# %%
def agreement_heatmap(kappa: pd.DataFrame) -> alt.Chart:
    """Pairwise Cohen's kappa as a grid of coloured cells, the value written in each."""
    long = kappa.rename_axis("marker").reset_index().melt(id_vars="marker", var_name="with", value_name="kappa")
    long = long[long["marker"] != long["with"]]
    order = list(kappa.index)
    base = alt.Chart(long).encode(
        x=alt.X("with:N", sort=order, title=None),
        y=alt.Y("marker:N", sort=order, title=None),
    )
    cells = base.mark_rect().encode(
        color=alt.Color("kappa:Q", scale=alt.Scale(domain=[0, 1], scheme="blues"), title="Cohen's kappa"),
        tooltip=["marker", "with", alt.Tooltip("kappa:Q", format=".2f")],
    )
    text = base.mark_text(fontSize=12).encode(
        text=alt.Text("kappa:Q", format=".2f"),
        color=alt.condition("datum.kappa > 0.6", alt.value("white"), alt.value("black")),
    )
    return (cells + text).properties(width=alt.Step(60), height=alt.Step(40), title="Agreement between every pair of markers")


agreement_heatmap(kappa)

# %%
a_students = figures["Krippendorff's alpha, students"]
tool_vs = kappa.loc["tool", students]
student_pairs = kappa.loc[students, students].where(~pd.DataFrame(
    [[a == b for b in students] for a in students], index=students, columns=students)).stack()
print(f"Among the students: alpha {a_students:.2f}; pairwise kappa from {student_pairs.min():.2f} to {student_pairs.max():.2f}.")
print(f"Tool against each student: kappa from {tool_vs.min():.2f} ({tool_vs.idxmin()}) to {tool_vs.max():.2f} ({tool_vs.idxmax()}).")
if MARKS.name == "example_marks.csv":
    # The reading below is about the made-up example; with a class's own marks, read the figures above instead.
    assert 0.4 < a_students < 0.8, a_students
    assert tool_vs.idxmax() == "Asha" and tool_vs.idxmin() == "Ben"
    assert tool_vs.min() > student_pairs.min() and tool_vs.mean() > student_pairs.mean()

# %% [markdown]
# **Reading (the made-up example).** The four fictional students agree with
# each other moderately (alpha about 0.6), and some pairs much better than
# others. The tool agrees with each student at least as well as the least
# similar pair of students do, and on average better than students agree with
# each other: it marks the words everyone marks (*may*, *profoundly*) and few
# others, so it sits in the middle of the group. That does not make it right.
# It agrees best with Asha and least with Ben (since the tool sets a demand's
# *should* aside, the students who left it unmarked agree with it more). The
# words they part on are below. These
# figures describe invented marks; run the notebook on your own class's marks to
# get figures that mean something.

# %% [markdown]
# ## Where the tool and the students part ways
#
# Each student's label against the tool's, for every word, added up over the
# students (rows: the tool; columns: the students):

# %%
pairs = grid.melt(id_vars=["passage", "token_index", "word", "tool"], value_vars=students, var_name="student", value_name="student label")
confusion = pd.crosstab(pairs["tool"], pairs["student label"], margins=True, margins_name="total")
order = [c for c in ("hedge", "absolute", "none", "total") if c in confusion.index]
confusion.reindex(index=order, columns=[c for c in ("hedge", "absolute", "none", "total") if c in confusion.columns], fill_value=0)

# %%
def disagreements(grid: pd.DataFrame, students: list[str]) -> pd.DataFrame:
    """For each word the tool or any student marked: the tool's label, the students' labels, and who differs."""
    rows = []
    for r in grid.itertuples(index=False):
        theirs = {s: getattr(r, s) for s in students}
        if r.tool == "none" and all(v == "none" for v in theirs.values()):
            continue
        counts = pd.Series(list(theirs.values())).value_counts()
        rows.append({
            "passage": r.passage, "number": r.token_index, "word": r.word, "tool": r.tool,
            "students": ", ".join(f"{k} {v}" for k, v in counts.items()),
            "agree with the tool": int(counts.get(r.tool, 0)),
            "note": note(r.passage, r.word),
        })  # fmt: skip
    return pd.DataFrame(rows)


diff = disagreements(grid, students)
n = len(students)
print("Marked by students, not by the tool:")
display(diff[(diff["tool"] == "none")].drop(columns=["tool", "agree with the tool"]).style.hide(axis="index"))
print("Marked by the tool, missed or labelled otherwise by some students:")
display(diff[(diff["tool"] != "none") & (diff["agree with the tool"] < n)].style.hide(axis="index"))

# %%
unanimous = diff[(diff["tool"] != "none") & (diff["agree with the tool"] == n)]
print("Everyone, tool included, agrees on:", ", ".join(f"{r.word} ({r.passage}{r.number}, {r.tool})" for r in unanimous.itertuples()) or "nothing")
if MARKS.name == "example_marks.csv":  # the reading below is about the made-up example
    by_word = diff.set_index(["passage", "word"])
    assert by_word.loc[("A", "much"), "students"].startswith("absolute 3") and by_word.loc[("A", "much"), "tool"] == "none"
    assert "hedge 2" in by_word.loc[("B", "thinks"), "students"] and by_word.loc[("B", "thinks"), "tool"] == "none"
    assert by_word.loc[("B", "should"), "tool"] == "none" and "hedge 1" in by_word.loc[("B", "should"), "students"]

# %% [markdown]
# **In the made-up example**, three of the four students call *much* (A5) an
# absolute and the tool does not; two call *thinks* (B5) a hedge where the tool
# sees attribution (a source); one calls *should* (B51) a hedge and one an
# absolute, where the tool reads a demand and sets it aside (the answer key lists it, with why). Those
# three words make a good start for the discussion: each is a question about
# the rule, not about reading carelessly.

# %% [markdown]
# ## Questions for the discussion
#
# The worksheet asks the students:

# %%
display(HTML("<ol>" + "".join(f"<li>{html.escape(q)}</li>" for q in STUDENT_QUESTIONS) + "</ol>"))

# %% [markdown]
# And for the whole class, after the figures above:
#
# * Where did you disagree most with each other? Was it about a word (*effectively*)
#   or about a rule (does a demand count? does a quoted hedge count)?
# * The tool sets *should* aside when it is a demand ("Trump should explain")
#   and counts it when it is an expectation ("the parcel should arrive
#   tomorrow"). Find a *should* it reads wrongly. When would you trust it on a
#   whole article, and what would you check first?
# * Passage B has more absolutes than A, but fewer than it "feels" it should.
#   What would you need to count to capture the difference?

# %% [markdown]
# ## Teacher's answer key
#
# The tool's marks, the rule behind each, and a note where the tool is arguably
# wrong. The same key, with the coloured passages and suggested answers to the
# questions, is in `build/classroom/answer_key.html`.

# %%
key_table.assign(note=[note(p, w) for p, w in zip(key_table["passage"], key_table["word"], strict=True)])[
    ["passage", "token_index", "word", "tool", "voice", "explanation", "note"]
].style.hide(axis="index")

# %%
print("Printable files for the lesson:")
for f in ("worksheet.html", "answer_key.html", "marks_template.csv", "words.csv"):
    print("  ", (OUT / f).relative_to(ROOT) if (OUT / f).is_relative_to(ROOT) else OUT / f)

# %% [markdown]
# ## Another exercise: find what changed
#
# A second lesson, or homework: the BBC's sentences on the left, one article's
# retelling of them on the right, and the question *what did the copy change?*
# Students mark every word the copy dropped or added that changes how sure a
# claim sounds (*almost, in fact*), how loaded it is (*lie*), or who it says
# the claim comes from (*says Abu Fawzi*, quotation marks). The tool's answer is
# the same page with each change marked, counted and explained in a sentence
# (`rhetoric.diff`; the rules are in `src/rhetoric/diff.py`).
#
# `anon-trump-deal` is a good pair for it: it reworks the BBC's sentences
# instead of quoting them whole, so there is something to find in most
# paragraphs (its diff lists about twenty changes in six paragraphs). Both
# pages are written to `build/classroom/`; print the exercise, keep the answer.

# %%
from rhetoric.corpus import diff_page

EXERCISE_DOC = "anon-trump-deal"
(OUT / "find_what_changed.html").write_text(diff_page(result, EXERCISE_DOC, marks=False), encoding="utf-8")
(OUT / "find_what_changed_answers.html").write_text(diff_page(result, EXERCISE_DOC), encoding="utf-8")
found = result.changes[result.changes["doc_id"] == EXERCISE_DOC]
assert len(found) >= 5, "the exercise needs something to find"
print(f"{len(found)} changes for students to find in {EXERCISE_DOC}:")
found[["para", "edit", "change", "explanation"]].style.hide(axis="index")
