"""Smoke test of benchmarks/validate.py and its runners (benchmarks/validation/) on a tiny synthetic eval folder.

The folder is written here, in each set's own format, with sentences made up
for the test: the real data never enter the repository.
"""

from __future__ import annotations

import importlib.util
import json
import math
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]


def _load_validate():
    path = REPO_ROOT / "benchmarks" / "validate.py"
    spec = importlib.util.spec_from_file_location("rhetoric_validate", path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules["rhetoric_validate"] = mod
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def validate():
    return _load_validate()


@pytest.fixture(scope="module")
def scorer(validate):
    return validate.Scorer()


def _w(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _make_eval(root: Path) -> None:
    # Certainty ratings (Pei & Jurgens format).
    rows = [
        ("The drug might possibly reduce the risk of stroke.", 2.0, "train"),
        ("The vaccine prevents infection in all adults.", 6.0, "train"),
        ("Coffee may be linked to a longer life.", 2.5, "train"),
        ("The study found that exercise lowers blood pressure.", 5.0, "train"),
        ("It is unclear whether the effect is real.", 1.5, "train"),
        ("Researchers measured the height of 500 children.", 5.5, "train"),
        ("Sleep could perhaps help memory.", 2.0, "val"),
        ("The bridge opened on Monday.", 6.0, "val"),
        ("The results suggest the virus may spread in winter.", 3.0, "val"),
        ("Smoking causes cancer.", 6.0, "val"),
    ]
    _w(
        root / "certainty-pei-jurgens" / "dev.jsonl",
        "\n".join(
            json.dumps({"id": i, "finding": t, "sentence-level-certainty": r, "split": s})
            for i, (t, r, s) in enumerate(rows)
        )
        + "\n",
    )

    # WikiWeasel (text,label).
    ww = [
        ("The town might have been founded in 1200.", 1),
        ("Some critics argue that the album is his best work.", 1),
        ("The band is widely regarded as one of the greatest.", 1),
        ("It is possibly the oldest church in the county.", 1),
        ("The river flows into the sea at Dover.", 0),
        ("The station opened in 1901.", 0),
        ("She married the painter in 1920.", 0),
        ("The museum holds 3,000 paintings.", 0),
        ("The team won the cup in 1998.", 0),
        ("The library was built of red brick.", 0),
    ]
    _w(
        root / "hedge-wikiweasel" / "train.csv",
        "text,label\n" + "".join(f'"{t}\n",{y}\n' for t, y in ww),
    )

    # SFU Review corpus (XML with speculation cues).
    sfu = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<DOCUMENT><P>'
        '<SENTENCE><W>It</W><cue ID="1" type="speculation"><W>might</W></cue><xcope ID="2"><W>break</W></xcope><W>.</W></SENTENCE>'
        '<SENTENCE><W>The</W><W>screen</W><W>is</W><cue ID="3" type="negation"><W>not</W></cue><W>bright</W><W>.</W></SENTENCE>'
        '<SENTENCE><C><cue ID="4" type="speculation"><W>If</W></cue></C><W>you</W><W>like</W><W>it</W><W>,</W><W>buy</W><W>it</W><W>.</W></SENTENCE>'
        '<SENTENCE><W>I</W><cue ID="5" type="speculation"><W>think</W></cue><W>it</W><W>is</W><W>great</W><W>.</W></SENTENCE>'
        "</P></DOCUMENT>\n"
    )
    _w(root / "hedge-sfu-reviews" / "PHONES" / "no1done.xml", sfu)
    _w(root / "hedge-sfu-reviews" / "README.txt", "synthetic\n")

    # PolNeAR (text + brat standoff).
    text = (
        "The mayor said the road would reopen on Friday.\n\n"
        "According to the police, two cars crashed.\n\n"
        "The weather was cold."
    )
    c1 = text.index("said")
    s1 = text.index("The mayor")
    c2 = text.index("According to")
    s2 = text.index("the police")
    k1 = text.index("the road")
    k2 = text.index("two cars")
    ann = (
        f"T1\tSource {s1} {s1 + 9}\tThe mayor\n"
        f"T2\tCue {c1} {c1 + 4}\tsaid\n"
        f"T3\tContent {k1} {k1 + 31}\t{text[k1 : k1 + 31]}\n"
        f"T4\tAttribution {c1} {c1 + 4}\tsaid\n"
        "E1\tAttribution:T4 Cue:T2 Source:T1 Content:T3\n"
        f"T5\tSource {s2} {s2 + 10}\tthe police\n"
        f"T6\tCue {c2} {c2 + 12}\tAccording to\n"
        f"T7\tContent {k2} {k2 + 17}\t{text[k2 : k2 + 17]}\n"
        f"T8\tAttribution {c2} {c2 + 12}\tAccording to\n"
        "E2\tAttribution:T8 Cue:T6 Source:T5 Content:T7\n"
    )
    _w(root / "attribution-polnear" / "dev" / "text" / "paper_2016-01-01_road.txt", text)
    _w(
        root / "attribution-polnear" / "dev" / "attributions" / "paper_2016-01-01_road_aaaa.ann",
        ann,
    )
    _w(root / "attribution-polnear" / "dev" / "attributions" / "paper_2016-01-01_road_zzzz.ann", "")

    # BASIL (articles of paragraphs of sentences; spans with sentence offsets).
    art = {
        "title": "t",
        "body-paragraphs": [
            ["The senator slammed the disastrous plan on Tuesday.", "He spoke for an hour."],
            ["\u201cIt is a shameful disgrace,\u201d the governor said."],
        ],
    }
    s0 = art["body-paragraphs"][0][0]
    q = art["body-paragraphs"][1][0]
    spans = [
        {
            "bias": "lex",
            "quote": "no",
            "txt": "disastrous",
            "start": s0.index("disastrous"),
            "end": s0.index("disastrous") + 10,
        },
        {
            "bias": "lex",
            "quote": "yes",
            "txt": "shameful disgrace",
            "start": q.index("shameful"),
            "end": q.index("shameful") + 17,
        },
        {"bias": "inf", "quote": "no", "txt": "He spoke for an hour.", "start": 0, "end": 21},
    ]
    _w(root / "emotive-basil" / "articles" / "2020" / "abc_1.json", json.dumps(art))
    _w(
        root / "emotive-basil" / "annotations" / "2020" / "abc_1_ann.json",
        json.dumps({"phrase-level-annotations": spans}),
    )

    # Baseline word lists (short made-up excerpts in the published lists' format).
    _w(
        root / "lexicon-sources" / "hedges_hyland2005.txt",
        "# hedges\nmight\nmay\nperhaps\npossibly\nsuggest\nthink\n",
    )
    _w(root / "lexicon-sources" / "report_verbs.txt", "# report verbs\nsay\nclaim\nargue\n")
    _w(root / "lexicon-sources" / "recasens2013_bias_lexicon.txt", "disastrous\nslam\n")
    _w(
        root / "lexicon-sources" / "mpqa_subjectivity_clues" / "subjclueslen1-HLTEMNLP05.tff",
        "type=strongsubj len=1 word1=disastrous pos1=adj stemmed1=n priorpolarity=negative\n"
        "type=strongsubj len=1 word1=slam pos1=verb stemmed1=y priorpolarity=negative\n"
        "type=weaksubj len=1 word1=hour pos1=noun stemmed1=n priorpolarity=neutral\n",
    )


@pytest.mark.slow
def test_validate_on_synthetic_folder(tmp_path, validate, capsys):
    data = tmp_path / "eval"
    _make_eval(data)
    out_json = tmp_path / "out.json"
    rc = validate.main(["--data", str(data), "--json", str(out_json), "--agreement-sample", "3"])
    assert rc == 0
    printed = capsys.readouterr().out
    for name in (
        "== certainty ==",
        "== wikiweasel ==",
        "== sfu ==",
        "== polnear ==",
        "== basil ==",
    ):
        assert name in printed
    res = json.loads(out_json.read_text(encoding="utf-8"))
    assert set(res["sets"]) == {"certainty", "wikiweasel", "sfu", "polnear", "basil"}
    assert res["meta"]["nproc"] >= 1 and res["meta"]["python"]

    cert = res["sets"]["certainty"]
    assert cert["n"] == 10
    assert cert["splits"]["train"]["n"] == 6 and cert["splits"]["val"]["n"] == 4
    rho = cert["splits"]["all"]["rho"]
    assert rho is not None and -1 <= rho <= 1 and rho > 0  # hedged findings are rated less certain
    assert any(a["formula"].startswith("index as shipped") for a in cert["alternatives"])
    for split in ("train", "val"):
        s = cert["splits"][split]
        assert {"rho", "ci", "baseline_rho", "baseline_ci", "beats_baseline_point"} <= set(s)

    ww = res["sets"]["wikiweasel"]
    assert ww["n"] == 10 and ww["n_tune"] + ww["n_heldout"] == 10
    default = next(v for v in ww["variants"] if v["rule"] == "hedge >= 1 (any voice)")
    for part in ("tune", "heldout"):
        m = default[part]
        assert 0 <= m["f1"] <= 1
        assert m["tp"] + m["fn"] == m["n_pos"]
    assert ww["chosen"]["rule"] in {v["rule"] for v in ww["variants"]}

    sfu = res["sets"]["sfu"]
    assert sfu["n_sentences"] == 4 and sfu["n_gold_cues"] == 3
    per = {r["cue"]: r["recall"] for r in sfu["ours"]["per_gold_word"]}
    assert per["might"] == 1.0  # "might" is a hedge
    types = sfu["ours"]["per_cue_type"]
    assert (
        types["modal"]["n_gold"] == 1
        and types["scheme_only"]["n_gold"] == 1
        and types["other"]["n_gold"] == 1
    )
    assert sfu["ours_without_modals"]["n_gold"] == 2  # "might" left out on both sides
    assert sfu["ours_other_cues_only"]["n_gold"] == 1  # "think" only
    assert 0 <= sfu["ours"]["precision"] <= 1

    pn = res["sets"]["polnear"]
    assert pn["n_articles"] == 1 and pn["n_attributions"] == 2
    assert pn["cue_verbs_phrases"]["recall"] == 1.0  # "said" and "according to"
    assert pn["paragraph_spearman"]["n_paragraphs"] == 3

    basil = res["sets"]["basil"]
    assert basil["n_lex_spans"] == 2 and basil["unplaced_spans"] == 0
    v = basil["voice_lex_spans"]
    assert v["gold_quote_we_quoted"] == 1 and v["gold_noquote_we_author"] == 1
    assert 0 <= basil["ours"]["recall"] <= 1
    rk = basil["sentence_ranking"]
    assert rk["n_sentences"] == 3 and rk["n_positive"] == 2  # the two sentences holding a lexical-bias span
    for key in ("emotive_rate", "mpqa_strongsubj_rate"):
        assert 0 <= rk[key]["auroc"] <= 1

    # The before/after tables read the same JSON.
    from validation.compare import compare

    md = compare(res, res)
    for title in ("Pei & Jurgens", "BASIL", "WikiWeasel", "SFU", "PolNeAR"):
        assert f"#### {title}" in md
    assert "| measure | before | after |" in md


@pytest.mark.slow
def test_uncertain_sentence_is_predicted(scorer):
    cues, cues2 = scorer.sentences(
        ["The town might have been founded in 1200.", "The station opened in 1901."]
    )
    assert any(c.category == "hedge" and c.text == "might" for c in cues)
    assert not any(c.category == "hedge" for c in cues2)


@pytest.mark.slow
def test_weasels_come_from_the_package(scorer):
    """No second copy of the weasel rule: the package's own weasel cues (rule = weasel) are counted."""
    (cues,) = scorer.sentences(["Some critics argue that the album is his best work."])
    assert [c.rule for c in cues if c.category == "hedge"] == ["weasel"]


@pytest.mark.slow
def test_set_aside_cues_are_not_counted(scorer):
    """A modal in its ability sense is considered and set aside by the package: no runner sees it."""
    scorer.set_aside.clear()
    (cues,) = scorer.sentences(["They took everything they could carry."])
    assert not any(c.text == "could" for c in cues)
    assert scorer.set_aside[("hedge", "ability")] == 1


def test_missing_data_folder_skips(tmp_path, validate, capsys):
    missing = tmp_path / "nowhere"
    assert validate.main(["--data", str(missing)]) == 0
    out = capsys.readouterr().out
    assert "not found; skipping validation" in out


def test_spearman_and_ranks(validate):
    assert list(validate.rankdata([10, 20, 20, 30])) == [1.0, 2.5, 2.5, 4.0]
    assert validate.spearman([1, 2, 3, 4], [2, 4, 6, 8]) == pytest.approx(1.0)
    assert validate.spearman([1, 2, 3, 4], [4, 3, 2, 1]) == pytest.approx(-1.0)
    assert math.isnan(validate.spearman([1, 1, 1], [1, 2, 3]))
    rho, lo, hi = validate.bootstrap_rho(
        list(range(30)), [x + (x % 3) for x in range(30)], n_boot=200, seed=1
    )
    assert lo <= rho <= hi


@pytest.mark.parametrize(
    "scores,labels,expected",
    [
        ([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1], 0.75),
        ([1, 2, 3, 4], [0, 0, 1, 1], 1.0),  # perfect ranking
        ([4, 3, 2, 1], [0, 0, 1, 1], 0.0),  # reversed
        ([0, 0, 0, 0], [0, 1, 0, 1], 0.5),  # all tied: chance
    ],
)
def test_auroc(validate, scores, labels, expected):
    assert validate.auroc(scores, labels) == pytest.approx(expected)


def test_auroc_needs_both_classes(validate):
    assert math.isnan(validate.auroc([1, 2, 3], [1, 1, 1]))


@pytest.mark.parametrize(
    "cue,kind",
    [("would", "modal"), ("can't", "modal"), ("cannot", "modal"), ("if", "scheme_only"), ("think", "other")],
)
def test_sfu_cue_types(validate, cue, kind):
    from validation import sfu

    assert sfu.cue_type(cue) == kind


def test_baseline_matchers(validate):
    from validation import data as E

    m = E.PhraseMatcher(["say", "point out"], inflect=True)
    assert [t for _, _, t in m.find("She said it; they pointed out flaws; he says.")] == [
        "say",
        "point out",
        "say",
    ]
    h = E.PhraseMatcher(["might", "in my view"])
    assert [t for _, _, t in h.find("In my view it might rain.")] == ["in my view", "might"]
