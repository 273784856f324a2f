"""Worksheets and answer keys from the tool's marks (`rhetoric worksheet`).

Most tests build the scores by hand (a real Document, hand-made span rows),
so they need no spaCy; the ``slow`` ones at the end run the real command.
"""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from rhetoric.score import PARAGRAPH_COLUMNS, SPAN_COLUMNS, Scores
from rhetoric.text import read_document
from rhetoric.worksheet import (
    COMPLETE_MARKER,
    Passage,
    answer_key_html,
    answer_rows,
    label_words,
    load_notes,
    number_words,
    parse_range,
    passage_from_scores,
    worksheet_html,
    write_worksheet,
)

TEXT = "A Headline\n\nBy Jane Doe\n\nIt may rain in May. Obviously it will.\n\nHe said “we might leave”, officials said."


def scores_with(text: str, cues: list[dict], doc_id: str = "t", **extra_columns) -> Scores:
    """Scores from a real Document and hand-made cues: {"para", "find", ...span columns}."""
    doc = read_document(text, doc_id)
    rows = []
    for c in cues:
        p = doc.paragraphs[c["para"]]
        s = p.text.index(c["find"])
        e = s + len(c["find"])
        row = dict.fromkeys(SPAN_COLUMNS, "")
        row.update(
            doc_id=doc_id, para=p.index, start=s, end=e, text=c["find"], category="hedge", voice="author"
        )
        row.update(
            rule="lexicon", entry=c["find"].lower(), weight=1.0, explanation=f"{c['find']}: test reason"
        )
        row.update(para_start=s, para_end=e)
        row.update({k: v for k, v in c.items() if k not in ("para", "find")})
        rows.append(row)
    spans = pd.DataFrame(rows, columns=list(dict.fromkeys([*SPAN_COLUMNS, *extra_columns])))
    for k, v in extra_columns.items():
        spans[k] = v
    paras = pd.DataFrame(
        [{**dict.fromkeys(PARAGRAPH_COLUMNS, 0), "doc_id": doc_id, "para": p.index, "kind": p.kind, "text": p.text}
         for p in doc.paragraphs],
        columns=PARAGRAPH_COLUMNS,
    )  # fmt: skip
    return Scores(doc_id, doc, paras, spans)


CUES = [
    {"para": 2, "find": "may"},
    {"para": 2, "find": "May", "explanation": "May is the month here: set aside."},
    {"para": 2, "find": "Obviously", "category": "absolute"},
    {"para": 3, "find": "“we might leave”", "category": "source", "rule": "quotation"},
    {"para": 3, "find": "might", "voice": "quoted"},
    {"para": 3, "find": "officials", "category": "source", "rule": "named_source"},
]


@pytest.fixture
def scores() -> Scores:
    return scores_with(TEXT, CUES, counted=[True, False, True, True, True, True])


@pytest.mark.parametrize(
    "value,expected",
    [
        ("3-5", (3, 5)),
        ("4", (4, 4)),
        (" 2 - 7 ", (2, 7)),
        ("1–2", (1, 2)),  # an en dash, as typed by a word processor
        ((2, 3), (2, 3)),
        (None, None),
    ],
)
def test_parse_range(value, expected):
    assert parse_range(value) == expected


@pytest.mark.parametrize(
    "value,message",
    [
        ("0-2", "numbers start at 1"),
        ("5-3", "cannot run backwards"),
        ("three", "is not a paragraph number or range such as 3-5"),
        ("1-2-3", "is not a paragraph number"),
    ],
)
def test_parse_range_refuses(value, message):
    with pytest.raises(ValueError, match=message):
        parse_range(value)


def test_passage_numbers_paragraphs_from_1_and_skips_boilerplate(scores):
    # Paragraphs 2-4 as the page shows them: the byline (2) is boilerplate and left out.
    p = passage_from_scores(scores, (2, 4))
    assert p.para_numbers == [3, 4]
    assert p.text == "It may rain in May. Obviously it will.\n\nHe said “we might leave”, officials said."
    assert p.source == "t: “A Headline”, paragraphs 3 to 4"
    # Offsets now point into the passage's text.
    assert [(p.text[m["start"] : m["end"]], m["counted"]) for m in p.marks][:3] == [
        ("may", True),
        ("May", False),
        ("Obviously", True),
    ]


@pytest.mark.parametrize(
    "paras,message",
    [((5, 6), "has paragraphs 1 to 4, not 5-6"), ((2, 2), "paragraphs 2-2 hold only boilerplate")],
)
def test_passage_refuses_a_range_outside_the_text(scores, paras, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        passage_from_scores(scores, paras)


def test_words_are_numbered_from_1_in_each_passage():
    a = Passage("A", "A", "", "It’s U.S. battle-hardened, 3 times.")
    b = Passage("B", "B", "", "Two words")
    words = number_words([a, b])
    assert list(zip(words["passage"], words["token_index"], words["word"], strict=True)) == [
        ("A", 1, "It’s"),
        ("A", 2, "U.S"),
        ("A", 3, "battle-hardened"),
        ("A", 4, "3"),
        ("A", 5, "times"),
        ("B", 1, "Two"),
        ("B", 2, "words"),
    ]


def test_labels_from_the_tools_marks_including_those_set_aside(scores):
    labels = label_words([passage_from_scores(scores, (3, 4))]).set_index("word")
    assert labels.loc["may", "tool"] == "hedge" and labels.loc["may", "voice"] == "author"
    assert labels.loc["Obviously", "tool"] == "absolute"
    assert labels.loc["might", ["tool", "voice"]].tolist() == ["hedge", "quoted"]
    # Weighed and set aside: not the tool's label, but in the key with its reason.
    assert labels.loc["May", "tool"] == "none"
    assert (
        labels.loc["May", "set_aside"]
        == "considered as a hedge, set aside: May is the month here: set aside."
    )
    assert labels.loc["officials", "other"] == "source (named_source): officials: test reason"
    assert labels.loc["leave", "other"] == ""  # a whole quotation is not a note on each word


def test_without_a_counted_column_every_mark_counts():
    scores = scores_with(TEXT, CUES[:2])
    labels = label_words([passage_from_scores(scores, (3, 3))]).set_index("word")
    assert labels.loc["May", "tool"] == "hedge" and (labels["set_aside"] == "").all()


def test_answer_key_says_what_was_set_aside_and_why(scores):
    passages = [passage_from_scores(scores, (3, 4))]
    key = answer_key_html(passages)
    section = key[key.index("Considered and set aside") :]
    assert (
        "<td>May</td><td>considered as a hedge, set aside: May is the month here: set aside.</td>" in section
    )
    assert "In the writer’s own voice the tool counts 1 hedge (“may”) and 1 absolute (“Obviously”)." in key
    # The quoted "might" is listed, as the quoted voice's.
    assert re.search(r"<td>might</td><td class=\"hedge\">hedge</td><td>quoted</td>", key)
    # The printed passage shows the paragraph numbers of the text, from 1.
    assert "¶ 3</span>" in key and "¶ 4</span>" in key
    assert 'class="w setaside" title="considered as a hedge, set aside' in key


def test_inferred_voice_is_said_in_the_key():
    scores = scores_with(
        "Mattis said:\n\nWe will surely win.",
        [{"para": 1, "find": "surely", "category": "absolute", "voice": "quoted"}],
        voice_basis=["lead_in"],
    )
    key = answer_key_html([passage_from_scores(scores, None)])
    assert "<td>quoted (inferred, no quotation marks)</td>" in key


def test_worksheet_page(scores):
    passages = [passage_from_scores(scores, (3, 3)), Passage("B", "Passage B", "a note", "Never again.")]
    page = worksheet_html(passages)
    # Every word with its number under it, in order, from 1 in each passage.
    assert re.findall(r"<rt>(\d+)</rt>", page) == [str(i) for i in range(1, 9)] + ["1", "2"]
    # Word numbers survive a photocopier: black, sans-serif, at least 8pt.
    rt = re.search(r"\n\s*rt \{([^}]*)\}", page).group(1)
    assert "color: #000" in rt and "max(8pt" in rt and "sans-serif" in rt
    # The students' page gives no answers.
    assert "considered as a hedge" not in page and 'class="w hedge' not in page
    # The teacher's template supplies the questions.
    assert all(q in page for q, _ in load_notes()["questions"])
    assert "<script" not in page and "default-src 'none'" in page


@pytest.mark.parametrize(
    "text,marks,rows",
    [
        ("One two three.", 0, 8),  # at least 8
        ("may " * 12, 12, 26),  # twice the tool's marks, and two more
        ("word " * 400, 0, 40),  # a row per 10 words in a long passage
        ("may " * 50, 50, 60),  # at most 60
    ],
)
def test_enough_answer_rows(text, marks, rows):
    p = Passage("A", "A", "", text.strip())
    p.marks = [
        {"start": 4 * i, "end": 4 * i + 3, "category": "hedge", "voice": "author", "rule": "lexicon", "entry": "may",
         "weight": 1.0, "explanation": "", "counted": True, "voice_basis": "", "sense": "", "text": "may"}
        for i in range(marks)
    ]  # fmt: skip
    assert answer_rows(p, label_words([p])) == rows


def test_notes_come_from_the_template_and_a_teachers_copy(tmp_path, scores):
    template = load_notes()
    assert "should" in template["words"] and len(template["questions"]) >= 3
    mine = tmp_path / "mine.tsv"
    mine.write_text(
        "# my notes\nkind\tmatch\tnote\nword\tA:may\tOUR NOTE ON MAY\nquestion\tWhy?\tBECAUSE\n"
        "intro\t\t<p>MY INSTRUCTIONS</p>\n",
        encoding="utf-8",
    )
    notes = load_notes(mine)
    passages = [passage_from_scores(scores, (3, 3))]
    key = answer_key_html(passages, notes)
    assert "OUR NOTE ON MAY" in key and "BECAUSE" in key
    page = worksheet_html(passages, notes)
    assert "<p>MY INSTRUCTIONS</p>" in page and "Why?" in page and "A hedge</b> is a word" not in page


@pytest.mark.parametrize(
    "content,message",
    [
        ("kind\tword\tnote\n", "mine.tsv:1: the header must be kind<TAB>match<TAB>note"),
        ("kind\tmatch\tnote\nword\tmay\n", "mine.tsv:2: expected 3 tab-separated columns"),
        (
            "kind\tmatch\tnote\n# a comment\nphrase\tmay\tx\n",
            "mine.tsv:3: kind 'phrase' is not word, question or intro",
        ),
    ],
)
def test_a_broken_notes_file_names_the_line(tmp_path, content, message):
    (tmp_path / "mine.tsv").write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape(message)):
        load_notes(tmp_path / "mine.tsv")


def test_folder_written_atomically_marker_last(tmp_path, scores):
    out = tmp_path / "lesson"
    files = write_worksheet([passage_from_scores(scores, (3, 4))], out)
    assert [f.name for f in files] == [
        "worksheet.html",
        "answer_key.html",
        "words.csv",
        "marks_template.csv",
        COMPLETE_MARKER,
    ]
    assert sorted(p.name for p in out.iterdir()) == sorted(f.name for f in files)  # no temporary files left
    assert json.loads((out / COMPLETE_MARKER).read_text())["files"] == [f.name for f in files[:-1]]
    assert files[-1].stat().st_mtime_ns >= max(f.stat().st_mtime_ns for f in files[:-1])
    words = pd.read_csv(out / "words.csv", keep_default_na=False)
    assert words.loc[words["word"] == "may", "tool"].item() == "hedge"


def test_a_failed_write_leaves_no_marker_and_no_half_file(tmp_path, scores, monkeypatch):
    out = tmp_path / "lesson"
    write_worksheet([passage_from_scores(scores, (3, 4))], out)
    import rhetoric.worksheet as ws

    real = ws.os.replace
    calls = []

    def flaky(src, dst):
        calls.append(dst)
        if len(calls) == 2:  # the answer key
            raise OSError("disk full")
        return real(src, dst)

    monkeypatch.setattr(ws.os, "replace", flaky)
    with pytest.raises(OSError, match="disk full"):
        write_worksheet([passage_from_scores(scores, (3, 4))], out)
    assert not (out / COMPLETE_MARKER).exists()  # an unfinished folder is not marked complete
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
    assert (out / "answer_key.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_passages_need_different_keys(tmp_path):
    with pytest.raises(ValueError, match="different keys"):
        write_worksheet([Passage("A", "", "", "x"), Passage("A", "", "", "y")], tmp_path)


# ---------------------------------------------------------------------------
# The command, on the real model


@pytest.mark.slow
def test_cli_worksheet_compare(raqqa_dir, tmp_path, capsys):
    from rhetoric.cli import main

    out = tmp_path / "lesson"
    original = raqqa_dir / "original" / "bbc_raqqas_dirty_secret.reconstructed.txt"
    code = main(
        ["worksheet", str(raqqa_dir / "003_8e398962ef508d64.txt"), "--paras", "4-5", "--compare", str(original),
         "--compare-paras", "5-6", "-o", str(out)]
    )  # fmt: skip
    assert code == 0
    assert f"to {out}" in capsys.readouterr().err
    key = (out / "answer_key.html").read_text(encoding="utf-8")
    assert "paragraphs 4 to 5" in key and "paragraphs 5 to 6" in key
    # "The job would take six hours": would of the future seen from the past, weighed and set aside, with why
    assert "<td>would</td><td>considered as a hedge, set aside: &#x27;would&#x27; here means" in key
    words = pd.read_csv(out / "words.csv", keep_default_na=False)
    assert set(words["passage"]) == {"A", "B"} and words.groupby("passage")["token_index"].min().tolist() == [
        1,
        1,
    ]


@pytest.mark.slow
@pytest.mark.parametrize(
    "extra,message",
    [
        (["--paras", "300-305"], "has paragraphs 1 to 22, not 300-305"),
        (["--paras", "x"], "'x' is not a paragraph number or range"),
        (["--compare-paras", "1-2"], "compare_paras needs compare"),
    ],
)
def test_cli_worksheet_refuses_with_a_message(raqqa_dir, tmp_path, capsys, extra, message):
    from rhetoric.cli import main

    assert main(["worksheet", str(raqqa_dir / "003_8e398962ef508d64.txt"), "-o", str(tmp_path), *extra]) == 2
    err = capsys.readouterr().err
    assert err.startswith("rhetoric: error: ") and message in err
    assert not (tmp_path / COMPLETE_MARKER).exists()
