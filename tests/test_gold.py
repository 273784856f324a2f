"""The span-level gold (benchmarks/gold/) is well formed: benchmarks/gold/check.py
finds no problem in spans.tsv (nor in second/spans.tsv when it exists), the
gold holds the floor of cues the issue asks for, and the checker catches each
kind of bad row it claims to catch."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
GOLD = REPO_ROOT / "benchmarks" / "gold"
HEADER = "doc\tstart\tend\ttext\tcategory\tsense\tvoice\tvoice_basis\tnote\n"


def _load_check():
    spec = importlib.util.spec_from_file_location("rhetoric_gold_check", GOLD / "check.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules["rhetoric_gold_check"] = mod
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def check():
    return _load_check()


@pytest.mark.parametrize("name", ["spans.tsv", "second/spans.tsv"])
def test_gold_table_has_no_problem(check, name):
    path = GOLD / name
    if not path.exists():
        pytest.skip(f"{name} not written yet")
    errs, rows = check.problems(path)
    assert errs == []
    assert rows


@pytest.mark.parametrize(
    "category,floor", [("hedge", 150), ("absolute", 100), ("emotive", 60), ("source", 150)]
)
def test_gold_holds_the_floor_of_cues(check, category, floor):
    _, rows = check.problems(GOLD / "spans.tsv")
    assert sum(r["category"] == category for r in rows) >= floor


def test_gold_covers_the_three_documents_in_both_voices(check):
    _, rows = check.problems(GOLD / "spans.tsv")
    assert {r["doc"] for r in rows} == {"001", "003", "written"}
    assert {r["voice"] for r in rows} == {"author", "quoted"}


# written.txt, paragraph 5: "The ministry said the figures might be revised"
RAW = (GOLD / "texts" / "written.txt").read_text(encoding="utf-8")
AT = RAW.index("might be revised")


@pytest.mark.parametrize(
    "row,message",
    [
        # a good row, for contrast
        (f"written\t{AT}\t{AT + 5}\tmight\thedge\tepistemic\tquoted\treported_speech\t", None),
        # offsets one character off
        (f"written\t{AT + 1}\t{AT + 6}\tmight\thedge\tepistemic\tquoted\treported_speech\t",
         "but the document holds"),
        (f"written\t{AT}\t{AT + 5}\tmight\tmaybe\tepistemic\tquoted\treported_speech\t", "category 'maybe'"),
        (f"written\t{AT}\t{AT + 5}\tmight\thedge\tdoubt\tquoted\treported_speech\t", "sense 'doubt'"),
        # a listed modal with no sense
        (f"written\t{AT}\t{AT + 5}\tmight\thedge\t\tquoted\treported_speech\t", "needs a sense"),
        (f"written\t{AT}\t{AT + 5}\tmight\thedge\tepistemic\tquoted\t\t", "needs a voice_basis"),
        (f"written\t{AT}\t{AT + 5}\tmight\thedge\tepistemic\tauthor\tlead_in\t", "takes no voice_basis"),
        (f"004\t{AT}\t{AT + 5}\tmight\thedge\tepistemic\tquoted\treported_speech\t", "doc '004'"),
        (f"written\tx\t{AT + 5}\tmight\thedge\tepistemic\tquoted\treported_speech\t", "must be integers"),
        (f"written\t{AT}\t{AT + 5}\tmight\thedge", "5 columns"),
    ],
)
def test_check_catches_each_kind_of_bad_row(check, tmp_path, row, message):
    path = tmp_path / "spans.tsv"
    path.write_text(HEADER + row + "\n", encoding="utf-8")
    errs, _ = check.problems(path)
    if message is None:
        assert errs == []
    else:
        assert len(errs) == 1 and message in errs[0], errs


def test_check_catches_a_duplicate_row(check, tmp_path):
    row = f"written\t{AT}\t{AT + 5}\tmight\thedge\tepistemic\tquoted\treported_speech\t\n"
    path = tmp_path / "spans.tsv"
    path.write_text(HEADER + row + row, encoding="utf-8")
    errs, _ = check.problems(path)
    assert len(errs) == 1 and "duplicate of line 2" in errs[0]


def test_check_rejects_a_wrong_header(check, tmp_path):
    path = tmp_path / "spans.tsv"
    path.write_text("doc\tstart\tend\n", encoding="utf-8")
    errs, rows = check.problems(path)
    assert rows == [] and "header must be" in errs[0]


def test_check_main_exits_1_on_a_bad_table_and_prints_counts(check, tmp_path, capsys):
    path = tmp_path / "spans.tsv"
    path.write_text(HEADER + f"written\t{AT}\t{AT + 5}\tmight\thedge\t\tauthor\t\t\n", encoding="utf-8")
    assert check.main([str(path)]) == 1
    out = capsys.readouterr().out
    assert "hedge" in out and "1 rows" in out


# -- benchmarks/gold/evaluate.py: the matching and agreement arithmetic (no model needed)


def _load_evaluate():
    _load_check()
    sys.path.insert(0, str(GOLD))
    spec = importlib.util.spec_from_file_location("rhetoric_gold_evaluate", GOLD / "evaluate.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules["rhetoric_gold_evaluate"] = mod
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def evaluate():
    return _load_evaluate()


def _span(start, end, category="hedge", doc="written", voice="author"):
    return {"doc": doc, "start": start, "end": end, "category": category, "voice": voice}


@pytest.mark.parametrize(
    "pred,gold,pairs",
    [
        # overlap of one character is a match
        ([_span(0, 5)], [_span(4, 9)], [(0, 0)]),
        # touching ranges do not overlap
        ([_span(0, 5)], [_span(5, 9)], []),
        # same range, other category: no match
        ([_span(0, 5, "absolute")], [_span(0, 5)], []),
        # same range, other document: no match
        ([_span(0, 5, doc="001")], [_span(0, 5)], []),
        # two predictions over one gold span: the gold span is matched once
        ([_span(0, 3), _span(2, 6)], [_span(1, 5)], [(0, 0)]),
        # one long prediction over two gold spans: matched to the one it overlaps most
        ([_span(0, 20)], [_span(0, 2), _span(5, 15)], [(0, 1)]),
    ],
)
def test_match_is_one_to_one_on_overlap_and_category(evaluate, pred, gold, pairs):
    assert evaluate.match(pred, gold) == pairs


def test_prf_from_counts(evaluate):
    p, r, f = evaluate.prf(3, 4, 3, 6)
    assert (p, r, round(f, 4)) == (0.75, 0.5, 0.6)


@pytest.mark.parametrize(
    "a,b,expected",
    [
        (["O", "hedge", "O", "O"], ["O", "hedge", "O", "O"], 1.0),
        # po = 0.5, pe = 0.5: no better than chance
        (["O", "hedge", "O", "hedge"], ["O", "O", "hedge", "hedge"], 0.0),
        # po = 0.75, pe = (3*2 + 1*2) / 16 = 0.5
        (["O", "O", "O", "hedge"], ["O", "O", "hedge", "hedge"], 0.5),
    ],
)
def test_kappa(evaluate, a, b, expected):
    assert evaluate.kappa(a, b) == pytest.approx(expected)


def test_agreement_region_is_003_whole_and_001_up_to_4447(evaluate):
    assert evaluate.in_region(_span(4446, 4450, doc="001"))
    assert not evaluate.in_region(_span(4447, 4450, doc="001"))
    assert evaluate.in_region(_span(4800, 4810, doc="003"))
    assert not evaluate.in_region(_span(0, 5, doc="written"))


def test_bootstrap_interval_holds_the_point_estimate(evaluate):
    import numpy as np

    # 20 paragraphs: 2 predictions (1 right), 2 gold (1 found) each -> P = R = 0.5
    counts = np.tile([2.0, 1.0, 2.0, 1.0], (20, 1))
    counts[::2] = [2.0, 2.0, 2.0, 2.0]  # half the paragraphs all right -> P = R = 0.75
    ci = evaluate.bootstrap(counts, 500, np.random.default_rng(0))
    lo, hi = ci["precision_ci"]
    assert lo < 0.75 < hi and 0.5 <= lo and hi <= 1.0
