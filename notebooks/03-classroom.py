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
import re
from pathlib import Path

import altair as alt
import pandas as pd
from IPython.display import HTML, display
from nltk.metrics.agreement import AnnotationTask

from rhetoric import Analyzer, charts
from rhetoric.corpus import Corpus

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

PASSAGES = {
    "A": {
        "title": "Passage A: the original report",
        "source": "BBC News, “Raqqa’s dirty secret”, by Quentin Sommerville and Riam Dalati, 13 November 2017 "
        "(its closing paragraphs; text as quoted by the articles that reproduce it)",
        "text": "\n\n".join(bbc_paras["text"]),
        "in_context": [(corpus.origin.id, int(p), 0) for p in bbc_paras["para"]],
    },
    "B": {
        "title": "Passage B: a commentary on it",
        "source": "Eric Zuesse, “James Mattis Allowed the ISIS Terrorists to Escape from Raqqa, Smuggled Out "
        "of Syria”, Global Research, 26 November 2017 (one paragraph, and the last sentence of the next)",
        "text": comment["text"] + " […] " + last_sentence,
        "in_context": [("zuesse-2017", int(comment["para"]), 0),
                       ("zuesse-2017", int(comment["para"]) + 1, following.index(last_sentence))],
    },
}  # fmt: skip
for key, p in PASSAGES.items():
    print(f"{p['title']}\n{p['text']}\n")

# %% [markdown]
# ## Every word gets a number
#
# Students write numbers, not words, so their marks cannot be misread: the
# second *deal* and the first are different marks. A word here is a run of
# letters and digits, keeping inner apostrophes, hyphens and dots together
# (*IS’s*, *battle-hardened*, *U.S*); punctuation gets no number. The numbering
# depends only on the text, so it is the same every time this runs.

# %%
WORD = re.compile(r"\w+(?:[-'’.]\w+)*")


def number_words(passages: dict) -> pd.DataFrame:
    """One row per word: passage, token_index (from 1 in each passage), word, start, end."""
    rows = []
    for key, p in passages.items():
        for i, m in enumerate(WORD.finditer(p["text"]), start=1):
            rows.append({"passage": key, "token_index": i, "word": m.group(), "start": m.start(), "end": m.end()})
    return pd.DataFrame(rows)


tokens = number_words(PASSAGES)
tokens.groupby("passage")["token_index"].max().rename("words")

# %% [markdown]
# ## The tool's marks
#
# The tool scores each passage on its own; a word gets the tool's label when a
# hedge or absolute span covers it (a two-word cue such as *at least* marks both
# words). `voice` says whether the word is the author's or inside a quotation.

# %%
def tool_marks(passages: dict, tokens: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The tool's label for every numbered word, and the hedge/absolute spans behind them."""
    labels = tokens.assign(tool="none", voice="", rule="", entry="", weight=float("nan"), explanation="", other="")
    found = []
    for key, p in passages.items():
        every = analyzer.score(p["text"], doc_id=key).spans
        # What else the tool saw in a word (a source, an emotive term): shown in the key, not compared.
        for r in every[~every["category"].isin(["hedge", "absolute"])].itertuples():
            hit = (labels["passage"] == key) & (labels["start"] < r.end) & (labels["end"] > r.start)
            if r.rule != "quotation":
                labels.loc[hit, "other"] = f"{r.category} ({r.rule}): {r.explanation}"
        sp = every[every["category"].isin(["hedge", "absolute"])].assign(passage=key)
        found.append(sp)
        for r in sp.itertuples():
            hit = (labels["passage"] == key) & (labels["start"] < r.end) & (labels["end"] > r.start)
            labels.loc[hit, ["tool", "voice", "rule", "entry", "weight", "explanation"]] = [
                r.category, r.voice, r.rule, r.entry, r.weight, r.explanation
            ]  # fmt: skip
    return labels, pd.concat(found, ignore_index=True)


labels, tool_spans = tool_marks(PASSAGES, tokens)
key_table = labels[labels["tool"] != "none"][["passage", "token_index", "word", "tool", "voice", "rule", "weight", "explanation"]]
key_table

# %% [markdown]
# Scored on its own, a passage could in principle come out differently from the
# same words inside the whole article (a quotation opened in an earlier
# paragraph, say). It does not here: the check below compares the two.

# %%
def in_context(passages: dict) -> list[tuple[str, str, str, str]]:
    """The hedge/absolute cues of the passages' paragraphs as scored inside their articles."""
    out = []
    for key, p in passages.items():
        for doc_id, para, from_char in p["in_context"]:
            s = spans[(spans["doc_id"] == doc_id) & (spans["para"] == para) & (spans["para_start"] >= from_char)]
            s = s[s["category"].isin(["hedge", "absolute"])]
            out += [(key, t, c, v) for t, c, v in zip(s["text"], s["category"], s["voice"], strict=True)]
    return out


alone = list(zip(tool_spans["passage"], tool_spans["text"], tool_spans["category"], tool_spans["voice"], strict=True))
assert alone == in_context(PASSAGES), (alone, in_context(PASSAGES))
print("The same", len(alone), "cues, in the same voices, as in the full articles.")

# %% [markdown]
# ## The worksheet and the answer key
#
# Two printable HTML pages, written to `build/classroom/`: open them in any
# browser and print (the page layout is set for A4 and Letter). Neither needs
# the internet.

# %%
CATEGORY_STYLE = {"hedge": charts.CATEGORY_COLORS["hedge"], "absolute": charts.CATEGORY_COLORS["absolute"]}

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
  body {{ font-family: Georgia, "Times New Roman", serif; max-width: 46em; margin: 2em auto; padding: 0 1em; color: #111; line-height: 1.5; }}
  h1 {{ font-size: 1.5em; margin-bottom: .2em; }}
  h2 {{ font-size: 1.2em; margin-top: 1.6em; border-bottom: 1px solid #999; }}
  .meta {{ display: flex; gap: 3em; margin: .8em 0 1.2em; }}
  .meta span {{ flex: 1; border-bottom: 1px solid #333; padding-bottom: .2em; }}
  .box {{ border: 1px solid #999; padding: .6em 1em; background: #f6f6f6; }}
  .source {{ font-size: .85em; color: #444; font-style: italic; }}
  .passage p {{ line-height: 2.7; font-size: 1.08em; }}
  .passage p.source {{ line-height: 1.4; font-size: .85em; }}
  ruby {{ ruby-position: under; }}
  rt {{ font-size: .55em; color: #555; font-family: Arial, sans-serif; font-weight: normal; font-style: normal; }}
  .hedge {{ color: {hedge}; font-weight: bold; }}
  .absolute {{ color: {absolute}; font-weight: bold; }}
  .quoted {{ text-decoration: underline dotted; }}
  table {{ border-collapse: collapse; width: 100%; margin: .6em 0; }}
  th, td {{ border: 1px solid #777; padding: .25em .5em; text-align: left; vertical-align: top; font-size: .92em; }}
  td.blank {{ height: 1.9em; }}
  ol li {{ margin-bottom: 1.4em; }}
  .lines {{ border-bottom: 1px solid #aaa; height: 1.6em; }}
  .note {{ font-size: .9em; }}
  @page {{ size: auto; margin: 15mm; }}
  @media print {{
    body {{ margin: 0; max-width: none; font-size: 11pt; }}
    .box {{ background: none; }}
    .page {{ break-before: page; }}
    table, .passage, li {{ break-inside: avoid; }}
    .screen-only {{ display: none; }}
  }}
</style></head>
<body>
{body}
</body></html>
"""


def numbered_text(p: dict, key: str, labels: pd.DataFrame | None = None) -> str:
    """The passage as HTML, each word with its number under it; with ``labels``, the tool's marks coloured."""
    text, out, pos = p["text"], [], 0
    rows = tokens[tokens["passage"] == key].set_index("token_index")
    marks = labels[labels["passage"] == key].set_index("token_index") if labels is not None else None
    for i, r in rows.iterrows():
        out.append(html.escape(text[pos : r["start"]]).replace("\n\n", "</p><p>"))
        cls, title = "w", ""
        if marks is not None and marks.loc[i, "tool"] != "none":
            m = marks.loc[i]
            cls += f" {m['tool']}" + (" quoted" if m["voice"] == "quoted" else "")
            title = f' title="{html.escape(m["explanation"])}"'
        # <ruby>: the number sits under the word and punctuation stays on the line.
        out.append(f'<ruby class="{cls}"{title}>{html.escape(r["word"])}<rt>{i}</rt></ruby>')
        pos = r["end"]
    out.append(html.escape(text[pos:]))
    return "<p>" + "".join(out) + "</p>"


def worksheet_html(passages: dict, blank_rows: int = 8) -> str:
    """The students' worksheet: instructions, the numbered passages, a table to fill in, questions."""
    parts = [
        "<h1>How sure does it sound? Hedges and absolutes</h1>",
        '<div class="meta"><span>Name:</span><span>Class:</span><span>Date:</span></div>',
        '<div class="box"><p><b>A hedge</b> is a word that makes a statement sound <b>less sure</b> or less strong: '
        "<i>may, might, could, perhaps, probably, possibly, seems, appears, suggests, reportedly, allegedly, "
        "about, almost, likely, I think</i>.</p>"
        "<p><b>An absolute</b> is a word that makes a statement sound <b>surer</b>, total or beyond doubt: "
        "<i>clearly, obviously, certainly, definitely, of course, in fact, really, never, always, all, every, "
        "none, completely, proves, knows, no doubt</i>.</p>"
        "<p><b>What to do.</b> Read each passage. Circle every hedge and every absolute. Then write each one "
        "in the table under the passage: its <b>number</b> (the small number under the word), the word, "
        "<b>H</b> for a hedge or <b>A</b> for an absolute, and whether it is inside quotation marks. "
        "For a phrase of several words, write each word's number. Work on your own: there will be time to "
        "compare.</p>"
        "<p>Only mark words that change <i>how sure</i> a statement sounds. A word can be strong or emotional "
        "(<i>terrible, heroic</i>) without being a hedge or an absolute.</p></div>",
    ]
    for i, (key, p) in enumerate(passages.items()):
        rows = "".join(
            "<tr>" + "".join('<td class="blank"></td>' for _ in range(5)) + "</tr>" for _ in range(blank_rows)
        )
        parts.append(
            f'<section class="passage{" page" if i else ""}"><h2>{html.escape(p["title"])}</h2>'
            f'<p class="source">{html.escape(p["source"])}</p>{numbered_text(p, key)}</section>'
            f"<table><thead><tr><th style=\"width:5em\">number</th><th>word</th><th style=\"width:5em\">H or A</th>"
            f"<th style=\"width:6em\">in quotes?</th><th>why?</th></tr></thead><tbody>{rows}</tbody></table>"
        )
    parts.append(
        '<section class="page"><h2>Questions</h2><ol>'
        + "".join(f'<li>{html.escape(q)}<div class="lines"></div><div class="lines"></div></li>' for q in STUDENT_QUESTIONS)
        + "</ol></section>"
    )
    return PAGE.format(title="Worksheet: hedges and absolutes", body="\n".join(parts), **CATEGORY_STYLE)


STUDENT_QUESTIONS = [
    "Which passage sounds surer? Count your hedges and absolutes in each: do the counts agree with your impression?",
    "Passage B quotes a sentence from passage A. What does the word “thinks” (B, word 5) do to the BBC’s sentence?",
    "Is “should” in “Trump should explain” (B, word 51) a hedge? Compare “The parcel should arrive tomorrow.”",
    "A hedge inside quotation marks: whose uncertainty is it, the writer’s or the person quoted?",
    "Find a sentence that sounds completely sure although it has no hedge or absolute in it. What makes it sound sure?",
]

# %%
NOTES = {
    # (passage, word): a teacher's note. Words the tool did not mark are notes on what students may mark.
    ("A", "may"): "The BBC’s own hedge and the clearest one here: the reporters do not claim the deal was worth it, only that it may have been.",
    ("A", "effectively"): "A weak hedge (weight 0.25): “effectively IS’s capital” means its capital in practice, not in name. Arguably precision rather than doubt; many students will not mark it, and that is defensible.",
    ("A", "much"): "Not marked by the tool. “much higher” strengthens a comparison; it intensifies, but it does not make the claim more or less certain. Accept either answer if the student can say why.",
    ("A", "many"): "Not marked by the tool: “many of them” is a vague quantity, not doubt. The tool’s absolutes include “all” and “every”, not “many”.",
    ("B", "thinks"): "Not a hedge for the tool: a belief given to someone else (“the BBC thinks”) is attribution, a source cue. Zuesse is not unsure here; calling the BBC’s statement what it “thinks” turns it into an opinion he can contradict. Students who mark it as a hedge have noticed something real: the word lowers the BBC’s claim, not his own.",
    ("B", "may"): "Inside quotation marks: the BBC’s hedge, quoted. The tool counts it for the quoted voice, not for Zuesse; his own certainty index leaves it out. Students who mark it are not wrong to see a hedge; the question is whose.",
    ("B", "should"): "Arguably WRONG. “Trump should explain” is an obligation (deontic should), a demand that makes the sentence more insistent, not less sure. The tool’s list counts “should” as a weak hedge (weight 0.25) because it is often epistemic (“it should arrive tomorrow”); it cannot tell the two apart.",
    ("B", "knows"): "Right. A factive verb presents what follows as fact: “Trump knows that … is profoundly wrong” gives the author’s own judgement as something beyond doubt.",
    ("B", "profoundly"): "Right. A booster: it raises the strength of “wrong”.",
    ("B", "violated"): "Not marked by the tool, nor by any word list: “it violated what … Mattis publicly stated” is plain assertion. The BBC left open whether the deal was right; Zuesse states its wrongness as fact. Certainty often lives in what is asserted without any hedge, which no word count sees (question 5).",
    ("B", "dangerous"): "Not an absolute: an evaluation (it would count as emotive, if anything). Students often mark strong words as absolutes; the worksheet asks them not to.",
    ("B", "wrong"): "An evaluation, not an absolute; what makes “profoundly wrong” sure is “knows” and “profoundly”.",
    ("B", "above"): "In Zuesse’s article this word is in bold (**above**): emphasis by typography, which the tool does not see.",
}

# The notes above state what the tool does; they must stay true if the word lists change.
def tool_label(passage: str, word: str) -> tuple[str, str]:
    row = labels[(labels["passage"] == passage) & (labels["word"].str.lower() == word)].iloc[0]
    return row["tool"], row["voice"]


assert tool_label("A", "may") == ("hedge", "author") and tool_label("A", "effectively")[0] == "hedge"
assert tool_label("B", "thinks")[0] == "none" and "attributed" in labels.loc[(labels["passage"] == "B") & (labels["word"] == "thinks"), "other"].iloc[0]
assert tool_label("B", "should") == ("hedge", "author")
assert tool_label("B", "may") == ("hedge", "quoted")
assert tool_label("B", "knows")[0] == tool_label("B", "profoundly")[0] == "absolute"
assert all(tool_label(p, w)[0] == "none" for p, w in [("A", "much"), ("A", "many"), ("B", "violated"), ("B", "dangerous"), ("B", "wrong"), ("B", "above")])


def answer_key_html(passages: dict, labels: pd.DataFrame) -> str:
    """The teacher's key: the passages with the tool's marks, each mark's rule, and notes where the tool is arguable."""
    parts = [
        "<h1>Answer key: hedges and absolutes</h1>",
        '<div class="box note"><p>The tool’s marks, with the rule behind each. The tool is not the right '
        "answer: where it is arguably wrong the note says so, and those are the best places to start the "
        "discussion. <span class=\"hedge\">Blue</span>: hedge; <span class=\"absolute\">red</span>: absolute; "
        "<span class=\"quoted\">dotted underline</span>: inside quotation marks (the quoted speaker’s voice, "
        "not the writer’s). Hover over a coloured word for the tool’s explanation.</p></div>",
    ]
    for key, p in passages.items():
        marked = labels[(labels["passage"] == key) & (labels["tool"] != "none")]
        rows = []
        for r in marked.itertuples():
            note = NOTES.get((key, r.word.lower()), "")
            rows.append(
                f"<tr><td>{r.token_index}</td><td>{html.escape(r.word)}</td>"
                f'<td class="{r.tool}">{r.tool}</td><td>{r.voice}</td>'
                f"<td>{html.escape(r.explanation)}</td><td>{html.escape(note)}</td></tr>"
            )
        others = [
            (r.token_index, r.word, NOTES[(key, r.word.lower())] + (f" (The tool: {r.other})" if r.other else ""))
            for r in labels[(labels["passage"] == key) & (labels["tool"] == "none")].itertuples()
            if (key, r.word.lower()) in NOTES
        ]
        extra = "".join(
            f"<tr><td>{i}</td><td>{html.escape(w)}</td><td>{html.escape(n)}</td></tr>" for i, w, n in others
        )
        parts.append(
            f'<section class="passage"><h2>{html.escape(p["title"])}</h2>'
            f'<p class="source">{html.escape(p["source"])}</p>{numbered_text(p, key, labels)}</section>'
            "<h3>The tool’s marks</h3><table><thead><tr><th>number</th><th>word</th><th>label</th><th>voice</th>"
            f"<th>the tool’s reason</th><th>teacher’s note</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
            + (
                "<h3>Words students may mark that the tool does not</h3><table><thead><tr><th>number</th>"
                f"<th>word</th><th>note</th></tr></thead><tbody>{extra}</tbody></table>"
                if extra
                else ""
            )
        )
    parts.append(
        '<section class="page"><h2>Questions, with notes for the discussion</h2><ol>'
        + "".join(f"<li><b>{html.escape(q)}</b><p class=\"note\">{html.escape(a)}</p></li>" for q, a in TEACHER_ANSWERS)
        + "</ol></section>"
    )
    return PAGE.format(title="Answer key: hedges and absolutes", body="\n".join(parts), **CATEGORY_STYLE)


def tool_counts(passage: str) -> str:
    """'2 hedges and no absolutes' for one passage, in the writer's own voice, by the tool's marks."""
    own = labels[(labels["passage"] == passage) & (labels["voice"] == "author")]
    n = own["tool"].value_counts()
    words = {c: ", ".join(f"“{w}”" for w in own.loc[own["tool"] == c, "word"]) for c in ("hedge", "absolute")}
    def part(c, plural):
        k = int(n.get(c, 0))
        return f"no {plural}" if k == 0 else f"{k} {c if k == 1 else plural} ({words[c]})"
    return f"{part('hedge', 'hedges')} and {part('absolute', 'absolutes')}"


TEACHER_ANSWERS = list(zip(STUDENT_QUESTIONS, [
    f"By the tool’s count, in the writer’s own voice, passage A has {tool_counts('A')}; passage B has "
    f"{tool_counts('B')}. Most readers find B much surer than these counts suggest, because its certainty is "
    "carried by plain assertions (“it violated”, “this was an American deal”) as much as by cue words.",
    "It reframes the BBC’s careful statement as a belief. The BBC hedged (“may have been worth it”); Zuesse "
    "reports that hedge as what the BBC “thinks” and answers it with flat assertions. The tool counts “thinks” "
    "as attribution (a source), not as Zuesse’s hedge.",
    "No: it is a demand (he ought to explain), not a guess. “The parcel should arrive tomorrow” is a hedge "
    "(probably). The tool cannot tell the two uses apart and counts both as weak hedges.",
    "The quoted speaker’s. The tool keeps quoted words apart for this reason (voice = quoted) and leaves them out "
    "of the writer’s certainty index. In B, the only hedge about the deal’s worth is the BBC’s.",
    "For example B’s “this was an American deal, and it violated what U.S. Secretary of Defense James Mattis "
    "publicly stated …”: no hedge, no absolute, yet stated as settled fact. A word count measures cue words, not "
    "every way of sounding sure; say so when you use the tool’s numbers.",
]))  # fmt: skip

OUT.mkdir(parents=True, exist_ok=True)
(OUT / "worksheet.html").write_text(worksheet_html(PASSAGES), encoding="utf-8")
(OUT / "answer_key.html").write_text(answer_key_html(PASSAGES, labels), encoding="utf-8")
(OUT / "marks_template.csv").write_text("student,passage,token_index,label\n", encoding="utf-8")
for f in ("worksheet.html", "answer_key.html", "marks_template.csv"):
    print(f"wrote {(OUT / f).relative_to(ROOT) if (OUT / f).is_relative_to(ROOT) else OUT / f}")

# %% [markdown]
# What the worksheet looks like (the passages part):

# %%
HTML(
    '<div style="font-family:Georgia,serif;max-width:46em">'
    "<style>ruby{ruby-position:under}rt{font-size:.55em;color:#555}</style>"
    + "".join(f"<h4>{html.escape(p['title'])}</h4><div style='line-height:2.7'>{numbered_text(p, k)}</div>" for k, p in PASSAGES.items())
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
    assert tool_vs.idxmax() == "Chloe" and tool_vs.idxmin() == "Dev"
    assert tool_vs.min() > student_pairs.min() and tool_vs.mean() > student_pairs.mean()

# %% [markdown]
# **Reading (the made-up example).** The four fictional students agree with
# each other moderately (alpha about 0.6), and some pairs much better than
# others. The tool agrees with each student at least as well as the least
# similar pair of students do, and on average better than students agree with
# each other: it marks the words everyone marks (*may*, *profoundly*) and few
# others, so it sits in the middle of the group. That does not make it right.
# It agrees best with Chloe, who marks little beyond the modal verbs, and least
# with Dev, who marks generously. The words they part on are below. These
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
            "note": NOTES.get((r.passage, r.word.lower()), ""),
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
    assert by_word.loc[("B", "should"), "tool"] == "hedge" and by_word.loc[("B", "should"), "agree with the tool"] == 1

# %% [markdown]
# **In the made-up example**, three of the four students call *much* (A5) an
# absolute and the tool does not; two call *thinks* (B5) a hedge where the tool
# sees attribution (a source); only one agrees with the tool that *should* (B51)
# is a hedge. Those three words make a good start for the discussion: each is a
# question about the rule, not about reading carelessly.

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
# * The tool is consistent: it marks *should* the same way every time. Is a
#   consistent marker a good marker? When would you trust it on a whole
#   article, and what would you check first?
# * Passage B has more absolutes than A, but fewer than it "feels" it should.
#   What would you need to count to capture the difference?

# %% [markdown]
# ## Teacher's answer key
#
# The tool's marks, the rule behind each, and a note where the tool is arguably
# wrong. The same key, with the coloured passages and suggested answers to the
# questions, is in `build/classroom/answer_key.html`.

# %%
key_table.assign(note=[NOTES.get((p, w.lower()), "") for p, w in zip(key_table["passage"], key_table["word"], strict=True)])[
    ["passage", "token_index", "word", "tool", "voice", "explanation", "note"]
].style.hide(axis="index")

# %%
print("Printable files for the lesson:")
for f in ("worksheet.html", "answer_key.html", "marks_template.csv"):
    print("  ", (OUT / f).resolve())

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
