"""Printable worksheets and answer keys from the tool's marks: any text, tomorrow's lesson.

A worksheet holds one or two passages (a text, and optionally a second one to
compare), every word numbered so that students write numbers, not words. The
answer key shows the tool's hedges and absolutes, the rule behind each, the
marks the tool weighed and set aside (and why), and the teacher's notes.

The notes and the discussion questions are data, not code: a TSV template
(:data:`NOTES_TEMPLATE`, in the package) that a teacher copies, edits and
passes back with ``notes=`` (``--notes`` on the command line).

Paragraph numbers here are as the highlighted page shows them, from 1
(``paras=(3, 5)`` is the third to the fifth paragraph, the tables' ``para``
2 to 4).

Example:
    >>> from rhetoric.worksheet import worksheet  # doctest: +SKIP
    >>> worksheet("article.txt", paras=(3, 5), outdir="lesson")  # doctest: +SKIP
    [PosixPath('lesson/worksheet.html'), PosixPath('lesson/answer_key.html'), ...]
"""

from __future__ import annotations

import csv
import html
import json
import math
import os
import re
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from .score import Analyzer, Scores

__all__ = [
    "Passage",
    "WORD",
    "NOTES_TEMPLATE",
    "COMPLETE_MARKER",
    "parse_range",
    "passage_from_scores",
    "number_words",
    "label_words",
    "load_notes",
    "numbered_html",
    "worksheet_html",
    "answer_key_html",
    "write_worksheet",
    "worksheet",
]

# A word: letters and digits, keeping inner apostrophes, hyphens and dots
# together (IS’s, battle-hardened, U.S); punctuation gets no number.
WORD = re.compile(r"\w+(?:[-'’.]\w+)*")
NOTES_TEMPLATE = "teacher_notes.tsv"
COMPLETE_MARKER = "worksheet.complete"
LABELS = ("hedge", "absolute")
MARK_COLUMNS = [
    "start", "end", "text", "category", "voice", "rule", "entry", "weight", "explanation",
    "counted", "voice_basis", "sense",
]  # fmt: skip


@dataclass
class Passage:
    """One passage of a worksheet and the tool's cues in it.

    Attributes:
        key: the letter students write (``A``, ``B``).
        title: the heading over the passage.
        source: where it comes from (author, outlet, date, paragraphs).
        text: the passage; paragraphs separated by a blank line.
        marks: the tool's cues, one dict per cue with :data:`MARK_COLUMNS`;
            ``start``/``end`` are offsets into ``text``.
    """

    key: str
    title: str
    source: str
    text: str
    marks: list[dict] = field(default_factory=list)
    para_numbers: list[int] | None = None  # each paragraph's number in its document, from 1

    @classmethod
    def from_text(cls, key: str, title: str, source: str, text: str, analyzer: Analyzer) -> Passage:
        """Score ``text`` on its own and keep its cues (offsets into ``text``)."""
        scores = analyzer.score(text, doc_id=key)
        return passage_from_scores(scores, None, key=key, title=title, source=source, all_paragraphs=True)


def parse_range(value: str | Sequence[int] | None) -> tuple[int, int] | None:
    """``"3-5"`` -> ``(3, 5)``; ``"4"`` -> ``(4, 4)``; ``None`` stays ``None``. Numbers are from 1.

    Raises:
        ValueError: not a number or a range of numbers from 1, or a range that runs backwards.

    >>> parse_range("3-5"), parse_range("2"), parse_range(None)
    ((3, 5), (2, 2), None)
    """
    if value is None:
        return None
    if not isinstance(value, str):
        a, b = (int(value[0]), int(value[-1]))
    else:
        m = re.fullmatch(r"\s*(\d+)\s*(?:[-–:]\s*(\d+)\s*)?", value)
        if not m:
            raise ValueError(f"{value!r} is not a paragraph number or range such as 3-5")
        a = int(m.group(1))
        b = int(m.group(2) or a)
    if a < 1 or b < a:
        raise ValueError(f"paragraph range {a}-{b}: numbers start at 1 and the range cannot run backwards")
    return a, b


def _clean(x: Any) -> Any:
    if isinstance(x, float) and math.isnan(x):
        return ""
    return x


def _counted(x: Any) -> bool:
    x = _clean(x)
    if isinstance(x, str):
        return x.strip().lower() not in ("false", "0", "no") if x.strip() else True
    return bool(x) if x is not None else True


def passage_from_scores(
    scores: Scores,
    paras: tuple[int, int] | None,
    *,
    key: str = "A",
    title: str | None = None,
    source: str | None = None,
    all_paragraphs: bool = False,
) -> Passage:
    """Cut a passage out of a scored document, keeping the cues as scored in context.

    Args:
        scores: a document's :class:`~rhetoric.Scores`.
        paras: first and last paragraph, numbered from 1 as the pages show
            them; ``None`` for every paragraph that is not boilerplate.
        key, title, source: as in :class:`Passage`.
        all_paragraphs: with ``paras=None``, keep boilerplate too.

    Raises:
        ValueError: a range outside the document, or one holding only boilerplate.
    """
    doc = scores.document
    n = len(doc.paragraphs)
    name = doc.path or scores.doc_id
    if paras is None:
        chosen = [p for p in doc.paragraphs if all_paragraphs or p.kind != "boilerplate"]
    else:
        a, b = paras
        if b > n:
            raise ValueError(f"{name} has paragraphs 1 to {n}, not {a}-{b}")
        chosen = [p for p in doc.paragraphs[a - 1 : b] if p.kind != "boilerplate"]
    if not chosen:
        where = "" if paras is None else f" {paras[0]}-{paras[1]}"
        raise ValueError(
            f"{name}: paragraphs{where} hold only boilerplate (bylines, share bars): nothing to mark"
        )
    spans = scores.spans
    texts, marks, offset = [], [], 0
    for p in chosen:
        rows = spans[spans["para"] == p.index].to_dict("records") if len(spans) else []
        for r in rows:
            m = {k: _clean(r.get(k, "")) for k in MARK_COLUMNS}
            m["start"], m["end"] = offset + int(r["para_start"]), offset + int(r["para_end"])
            m["text"] = p.text[int(r["para_start"]) : int(r["para_end"])]
            m["counted"] = _counted(r.get("counted", True))
            marks.append(m)
        texts.append(p.text)
        offset += len(p.text) + 2
    shown = (
        f"paragraphs {chosen[0].index + 1} to {chosen[-1].index + 1}"
        if len(chosen) > 1
        else f"paragraph {chosen[0].index + 1}"
    )
    heading = next((p.text.strip() for p in doc.paragraphs if p.kind == "heading"), "") or str(scores.doc_id)
    return Passage(
        key=key,
        title=title or f"Passage {key}",
        source=source or f"{Path(str(name)).name}: “{heading}”, {shown}",
        text="\n\n".join(texts),
        marks=marks,
        para_numbers=[p.index + 1 for p in chosen],
    )


def number_words(passages: Iterable[Passage]) -> pd.DataFrame:
    """One row per word: ``passage, token_index`` (from 1 in each passage), ``word, start, end``."""
    import pandas as pd

    rows = [
        {"passage": p.key, "token_index": i, "word": m.group(), "start": m.start(), "end": m.end()}
        for p in passages
        for i, m in enumerate(WORD.finditer(p.text), start=1)
    ]
    return pd.DataFrame(rows, columns=["passage", "token_index", "word", "start", "end"])


def label_words(passages: Sequence[Passage]) -> pd.DataFrame:
    """The tool's label for every numbered word.

    Returns:
        :func:`number_words`'s table plus ``tool`` (``hedge``, ``absolute`` or
        ``none``: a word gets a label when a counted hedge or absolute covers
        it), ``voice, rule, entry, weight, explanation, voice_basis``,
        ``other`` (a source or emotive cue on the word, shown in the key, not
        compared) and ``set_aside`` (a hedge or absolute the tool weighed and
        did not count, with its reason).
    """
    labels = number_words(passages)
    extra = {"tool": "none", "voice": "", "rule": "", "entry": "", "weight": float("nan")}
    extra.update(explanation="", voice_basis="", other="", set_aside="")
    labels = labels.assign(**extra)
    for p in passages:
        in_p = labels["passage"] == p.key
        for m in sorted(p.marks, key=lambda m: m["category"] in LABELS):  # hedges/absolutes last: they win
            hit = in_p & (labels["start"] < m["end"]) & (labels["end"] > m["start"])
            if m["category"] not in LABELS:
                if m["rule"] != "quotation":
                    labels.loc[hit, "other"] = f"{m['category']} ({m['rule']}): {m['explanation']}"
            elif not m["counted"]:
                labels.loc[hit, "set_aside"] = (
                    f"considered as a {m['category']}, set aside: {m['explanation']}"
                )
            else:
                cols = ["voice", "rule", "entry", "weight", "explanation", "voice_basis"]
                labels.loc[hit, ["tool", *cols]] = [m["category"], *(m[c] for c in cols)]
    return labels


def load_notes(path: str | Path | None = None) -> dict[str, Any]:
    """The teacher's notes and questions from a TSV template.

    The file has three columns, ``kind``, ``match`` and ``note``:

    * ``kind`` ``word``: ``match`` is a word or a lexicon entry (any case), or
      ``PASSAGE:word`` for one passage only; ``note`` is shown beside it in the
      key (beside the tool's mark, or among the words students may mark).
    * ``kind`` ``question``: ``match`` is a question printed on the worksheet;
      ``note`` is the answer note in the key.
    * ``kind`` ``intro``: ``note`` replaces the worksheet's instructions (HTML
      allowed: the teacher's own file).

    Lines starting with ``#`` are comments. ``None`` reads the template in the
    package (:data:`NOTES_TEMPLATE`), the one to copy and edit.

    Returns:
        ``{"words": {match: note}, "questions": [(question, note)], "intro": str}``.

    Raises:
        ValueError: a line with an unknown kind or a missing column, naming the file and line.
    """
    if path is None:
        text = resources.files("rhetoric").joinpath("templates", NOTES_TEMPLATE).read_text(encoding="utf-8")
        name = NOTES_TEMPLATE
    else:
        text = Path(path).read_text(encoding="utf-8-sig")
        name = str(path)
    out: dict[str, Any] = {"words": {}, "questions": [], "intro": ""}
    lines = [
        (i, line)
        for i, line in enumerate(text.splitlines(), start=1)
        if line.strip() and not line.startswith("#")
    ]
    reader = csv.reader([line for _, line in lines], delimiter="\t", quoting=csv.QUOTE_NONE)
    header = None
    for (lineno, _), row in zip(lines, reader, strict=True):
        if header is None:
            header = [c.strip().lower() for c in row]
            if header[:3] != ["kind", "match", "note"]:
                raise ValueError(f"{name}:{lineno}: the header must be kind<TAB>match<TAB>note, not {row!r}")
            continue
        if len(row) < 3:
            raise ValueError(
                f"{name}:{lineno}: expected 3 tab-separated columns (kind, match, note), got {len(row)}"
            )
        kind, match, note = row[0].strip().lower(), row[1].strip(), row[2].strip()
        if kind == "word":
            out["words"][
                match.lower()
                if ":" not in match
                else match.split(":", 1)[0] + ":" + match.split(":", 1)[1].lower()
            ] = note
        elif kind == "question":
            out["questions"].append((match, note))
        elif kind == "intro":
            out["intro"] = note
        else:
            raise ValueError(f"{name}:{lineno}: kind {row[0]!r} is not word, question or intro")
    return out


def _note(notes: Mapping, key: str, word: str, entry: str = "") -> str:
    words = notes.get("words", {})
    for k in (f"{key}:{word.lower()}", word.lower(), entry.lower() if entry else None):
        if k and k in words:
            return words[k]
    return ""


# ---------------------------------------------------------------------------
# HTML
# ---------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="rhetoric">
<title>{title}</title>
<style>
  body {{ font-family: Georgia, "Times New Roman", serif; max-width: 46em; margin: 2em auto; padding: 0 1em;
    color: #000; line-height: 1.5; }}
  h1 {{ font-size: 1.5em; margin-bottom: .2em; }}
  h2 {{ font-size: 1.2em; margin-top: 1.6em; border-bottom: 1px solid #999; }}
  .meta {{ display: flex; gap: 3em; margin: .8em 0 1.2em; }}
  .meta span {{ flex: 1; border-bottom: 1px solid #333; padding-bottom: .2em; }}
  .box {{ border: 1px solid #999; padding: .6em 1em; }}
  .source {{ font-size: .85em; color: #222; font-style: italic; }}
  .passage p {{ line-height: 3.1; font-size: 1.08em; margin: 0 0 .6em; }}
  .passage p.source {{ line-height: 1.4; font-size: .85em; }}
  .passage .pno {{ font: bold .7em Arial, sans-serif; border: 1px solid #000; padding: 0 .3em; margin-right: .4em; }}
  ruby {{ ruby-position: under; }}
  /* Word numbers: black, sans-serif, at least 8pt, so they survive a photocopier. */
  rt {{ font: 600 max(8pt, .62em)/1 Arial, Helvetica, sans-serif; color: #000; letter-spacing: .02em; }}
  .hedge {{ color: #2c7bb6; font-weight: bold; text-decoration: underline wavy; }}
  .absolute {{ color: #d7191c; font-weight: bold; text-decoration: underline double; }}
  .quoted {{ font-style: italic; }}
  .setaside {{ color: #777; text-decoration: underline dashed #999; }}
  table {{ border-collapse: collapse; width: 100%; margin: .6em 0; }}
  th, td {{ border: 1px solid #555; padding: .25em .5em; text-align: left; vertical-align: top; font-size: .92em; }}
  td.blank {{ height: 2.1em; }}
  ol li {{ margin-bottom: 1.4em; }}
  .lines {{ border-bottom: 1px solid #777; height: 1.8em; }}
  .note {{ font-size: .9em; }}
  @page {{ size: auto; margin: 15mm; }}
  @media print {{
    body {{ margin: 0; max-width: none; font-size: 11pt; }}
    .page {{ break-before: page; }}
    table, li {{ break-inside: avoid; }}
    tr {{ break-inside: avoid; }}
  }}
</style></head>
<body>
{body}
</body></html>
"""

INTRO = (
    "<p><b>A hedge</b> is a word that makes a statement sound <b>less sure</b> or less strong: "
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
    "(<i>terrible, heroic</i>) without being a hedge or an absolute.</p>"
)


def _esc(x: Any) -> str:
    return html.escape(str(_clean(x)), quote=True)


def numbered_html(passage: Passage, labels: pd.DataFrame | None = None) -> str:
    """The passage as HTML paragraphs, each word with its number under it.

    With ``labels`` (from :func:`label_words`), the tool's marks are coloured,
    quoted ones in italics, and words set aside dashed grey.
    """
    text = passage.text
    rows = list(number_words([passage]).itertuples())
    marks = labels[labels["passage"] == passage.key].set_index("token_index") if labels is not None else None
    # The passage's paragraphs (blank-line separated) and their numbers in the document.
    bounds, pos = [], 0
    for piece in text.split("\n\n"):
        bounds.append((pos, pos + len(piece)))
        pos += len(piece) + 2
    numbers = (
        passage.para_numbers if passage.para_numbers and len(passage.para_numbers) == len(bounds) else None
    )
    out, k = [], 0
    for i, (a, b) in enumerate(bounds):
        no = numbers[i] if numbers else i + 1
        out.append(f'<p><span class="pno" title="paragraph {no} of the text">¶ {no}</span> ')
        pos = a
        while k < len(rows) and rows[k].start < b:
            r = rows[k]
            out.append(_esc(text[pos : r.start]))
            cls, title = "w", ""
            if marks is not None:
                m = marks.loc[r.token_index]
                if m["tool"] != "none":
                    cls += f" {m['tool']}" + (" quoted" if m["voice"] == "quoted" else "")
                    title = f' title="{_esc(m["explanation"])}"'
                elif m["set_aside"]:
                    cls += " setaside"
                    title = f' title="{_esc(m["set_aside"])}"'
            # <ruby>: the number sits under the word and punctuation stays on the line.
            out.append(f'<ruby class="{cls}"{title}>{_esc(r.word)}<rt>{r.token_index}</rt></ruby>')
            pos = r.end
            k += 1
        out.append(_esc(text[pos:b]) + "</p>")
    return "".join(out)


def answer_rows(passage: Passage, labels: pd.DataFrame) -> int:
    """How many blank rows a passage's answer table gets: room for every mark, and then some.

    At least 8; twice the tool's marks (students mark more than the tool);
    a row per 10 words for a long passage; at most 60.
    """
    own = labels[labels["passage"] == passage.key]
    marked = int((own["tool"] != "none").sum() + (own["set_aside"] != "").sum())
    return max(8, min(60, max(2 * marked + 2, len(own) // 10)))


def worksheet_html(
    passages: Sequence[Passage], notes: Mapping | None = None, labels: pd.DataFrame | None = None
) -> str:
    """The students' worksheet: instructions, numbered passages, answer tables, questions."""
    notes = notes if notes is not None else load_notes()
    labels = labels if labels is not None else label_words(passages)
    parts = [
        "<h1>How sure does it sound? Hedges and absolutes</h1>",
        '<div class="meta"><span>Name:</span><span>Class:</span><span>Date:</span></div>',
        f'<div class="box">{notes.get("intro") or INTRO}</div>',
    ]
    for i, p in enumerate(passages):
        rows = "".join(
            "<tr>" + "".join('<td class="blank"></td>' for _ in range(5)) + "</tr>"
            for _ in range(answer_rows(p, labels))
        )
        parts.append(
            f'<section class="passage{" page" if i else ""}" data-passage="{_esc(p.key)}"><h2>{_esc(p.title)}</h2>'
            f'<p class="source">{_esc(p.source)}</p>{numbered_html(p)}</section>'
            '<table class="answers"><thead><tr><th style="width:5em">number</th><th>word</th>'
            '<th style="width:5em">H or A</th><th style="width:6em">in quotes?</th><th>why?</th></tr></thead>'
            f"<tbody>{rows}</tbody></table>"
        )
    questions = notes.get("questions") or []
    if questions:
        parts.append(
            '<section class="page"><h2>Questions</h2><ol>'
            + "".join(
                f'<li>{_esc(q)}<div class="lines"></div><div class="lines"></div><div class="lines"></div></li>'
                for q, _ in questions
            )
            + "</ol></section>"
        )
    return PAGE.format(title="Worksheet: hedges and absolutes", body="\n".join(parts))


def _counts(labels: pd.DataFrame, key: str) -> str:
    own = labels[(labels["passage"] == key) & (labels["voice"] != "quoted")]
    out = []
    for c, plural in (("hedge", "hedges"), ("absolute", "absolutes")):
        words = list(own.loc[own["tool"] == c, "word"])
        out.append(f"no {plural}" if not words else f"{len(words)} {c if len(words) == 1 else plural} "
                   f"({', '.join(f'“{w}”' for w in words)})")  # fmt: skip
    return " and ".join(out)


def answer_key_html(
    passages: Sequence[Passage], notes: Mapping | None = None, labels: pd.DataFrame | None = None
) -> str:
    """The teacher's key: the tool's marks and rules, what it set aside and why, and the teacher's notes."""
    notes = notes if notes is not None else load_notes()
    labels = labels if labels is not None else label_words(passages)
    parts = [
        "<h1>Answer key: hedges and absolutes</h1>",
        '<div class="box note"><p>The tool’s marks, with the rule behind each. The tool is not the right '
        "answer: where it may be wrong, the notes say so, and so does the list of words it weighed and set "
        'aside. Those are the best places to start the discussion. <span class="hedge">Blue, wavy</span>: '
        'hedge; <span class="absolute">red, double</span>: absolute; <span class="quoted">italics</span>: '
        "inside quotation marks (the quoted speaker’s voice, not counted for the writer); "
        '<span class="setaside">grey, dashed</span>: considered and set aside.</p></div>',
    ]
    for p in passages:
        own = labels[labels["passage"] == p.key]
        marked = own[own["tool"] != "none"]
        rows = []
        for r in marked.itertuples():
            voice = r.voice + (" (inferred, no quotation marks)" if r.voice_basis in _INFERRED else "")
            rows.append(
                f"<tr><td>{r.token_index}</td><td>{_esc(r.word)}</td>"
                f'<td class="{_esc(r.tool)}">{_esc(r.tool)}</td><td>{_esc(voice)}</td>'
                f"<td>{_esc(r.explanation)}</td><td>{_esc(_note(notes, p.key, r.word, r.entry))}</td></tr>"
            )
        aside = own[(own["tool"] == "none") & (own["set_aside"] != "")]
        aside_rows = "".join(
            f"<tr><td>{r.token_index}</td><td>{_esc(r.word)}</td><td>{_esc(r.set_aside)}</td>"
            f"<td>{_esc(_note(notes, p.key, r.word))}</td></tr>"
            for r in aside.itertuples()
        )
        others = [
            (
                r.token_index,
                r.word,
                _note(notes, p.key, r.word) + (f" (The tool: {r.other})" if r.other else ""),
            )
            for r in own[(own["tool"] == "none") & (own["set_aside"] == "")].itertuples()
            if _note(notes, p.key, r.word)
        ]
        extra = "".join(f"<tr><td>{i}</td><td>{_esc(w)}</td><td>{_esc(n)}</td></tr>" for i, w, n in others)
        parts.append(
            f'<section class="passage" data-passage="{_esc(p.key)}"><h2>{_esc(p.title)}</h2>'
            f'<p class="source">{_esc(p.source)}</p>{numbered_html(p, labels)}</section>'
            f"<p>In the writer’s own voice the tool counts {_esc(_counts(labels, p.key))}.</p>"
            '<h3>The tool’s marks</h3><table class="marks"><thead><tr><th>number</th><th>word</th><th>label</th>'
            "<th>voice</th><th>the tool’s reason</th><th>teacher’s note</th></tr></thead>"
            f"<tbody>{''.join(rows) or '<tr><td colspan=6>none</td></tr>'}</tbody></table>"
            + (
                "<h3>Considered and set aside: where the tool decided <i>not</i> to count</h3>"
                '<table class="setaside-marks"><thead><tr><th>number</th><th>word</th><th>why the tool set it aside</th>'
                f"<th>teacher’s note</th></tr></thead><tbody>{aside_rows}</tbody></table>"
                if aside_rows
                else ""
            )
            + (
                '<h3>Words students may mark that the tool does not</h3><table class="others"><thead><tr>'
                f"<th>number</th><th>word</th><th>note</th></tr></thead><tbody>{extra}</tbody></table>"
                if extra
                else ""
            )
        )
    questions = notes.get("questions") or []
    if questions:
        parts.append(
            '<section class="page"><h2>Questions, with notes for the discussion</h2><ol>'
            + "".join(f'<li><b>{_esc(q)}</b><p class="note">{_esc(a)}</p></li>' for q, a in questions)
            + "</ol></section>"
        )
    return PAGE.format(title="Answer key: hedges and absolutes", body="\n".join(parts))


_INFERRED = frozenset({"lead_in", "unmatched_close", "reported_speech", "aligned_origin", "aligned_other"})


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _write_atomic(path: Path, text: str) -> None:
    """Write to a temporary file beside ``path``, then rename: a reader never sees half a file."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a worksheet is for sharing
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_worksheet(
    passages: Sequence[Passage], outdir: str | Path, *, notes: str | Path | Mapping | None = None
) -> list[Path]:
    """Write the worksheet, the answer key and the files for typing in marks to ``outdir``.

    Files: ``worksheet.html``, ``answer_key.html``, ``words.csv`` (every
    numbered word with the tool's label), ``marks_template.csv`` (the header
    of the marks file notebook 03 reads) and, last, :data:`COMPLETE_MARKER`
    listing them. Each is written to a temporary file and renamed, so a
    folder with the marker holds a whole worksheet.

    Args:
        passages: one or two (or more) :class:`Passage`; their keys must differ.
        outdir: the folder (made if missing).
        notes: a notes file (see :func:`load_notes`), the dict it returns, or
            ``None`` for the package's template.

    Returns:
        The files written, the marker last.
    """
    keys = [p.key for p in passages]
    if not passages or len(set(keys)) != len(keys):
        raise ValueError(f"a worksheet needs passages with different keys, got {keys}")
    loaded = notes if isinstance(notes, Mapping) else load_notes(notes)
    labels = label_words(passages)
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    marker = out / COMPLETE_MARKER
    marker.unlink(missing_ok=True)  # a folder being rewritten is not complete
    files = {
        "worksheet.html": worksheet_html(passages, loaded, labels),
        "answer_key.html": answer_key_html(passages, loaded, labels),
        "words.csv": labels[["passage", "token_index", "word", "tool", "voice", "set_aside"]].to_csv(
            index=False, lineterminator="\n"
        ),
        "marks_template.csv": "student,passage,token_index,label\n",
    }
    written = []
    for name, text in files.items():
        _write_atomic(out / name, text)
        written.append(out / name)
    _write_atomic(marker, json.dumps({"files": list(files), "passages": keys}, indent=1) + "\n")
    return [*written, marker]


def worksheet(
    path: str | Path,
    *,
    outdir: str | Path,
    paras: str | tuple[int, int] | None = None,
    compare: str | Path | None = None,
    compare_paras: str | tuple[int, int] | None = None,
    notes: str | Path | Mapping | None = None,
    analyzer: Analyzer | None = None,
    encoding: str | None = None,
) -> list[Path]:
    """A worksheet and answer key for a file (and optionally a second file to compare).

    Args:
        path: the text (``.txt``, ``.md``, ``.html``).
        outdir: the folder to write to (see :func:`write_worksheet`).
        paras: paragraphs of ``path``, from 1 as the highlighted page numbers
            them: ``"3-5"`` or ``(3, 5)``; ``None`` for all but boilerplate.
        compare: a second text, passage B.
        compare_paras: its paragraphs, as ``paras``.
        notes: the teacher's notes file (see :func:`load_notes`).
        analyzer: an :class:`~rhetoric.Analyzer` (one is made if ``None``).

    Returns:
        The files written, the completion marker last.

    Example:
        >>> worksheet("data/raqqa/003_8e398962ef508d64.txt", paras="3-5", outdir="lesson")  # doctest: +SKIP
    """
    from .score import Analyzer

    analyzer = analyzer or Analyzer(readability=False)
    ranges = [parse_range(paras)]
    files = [path]
    if compare is not None:
        files.append(compare)
        ranges.append(parse_range(compare_paras))
    elif compare_paras is not None:
        raise ValueError("compare_paras needs compare (a second file)")
    passages = []
    for key, f, r in zip("AB", files, ranges, strict=False):
        scores = analyzer.score_file(f, encoding=encoding)
        passages.append(passage_from_scores(scores, r, key=key, title=f"Passage {key}"))
    return write_worksheet(passages, outdir, notes=notes)
