"""Word sense: each frame of data/senses.tsv, on news-style sentences, with the real parser.

Each row: a sentence, the cue word, the sense expected, and whether it counts.
Rows with a comment are the hard cases.
"""

from __future__ import annotations

import pytest

from rhetoric.scan import find_cues
from rhetoric.sense import SenseError, default_senses, load_senses

pytestmark = pytest.mark.slow

CASES = [
    # Modals: epistemic counts; ability, habit, wish, future in the past and obligation do not.
    ("That would explain why the convoy left at night.", "would", "epistemic", True),
    ("It could have been a trap.", "could", "epistemic", True),
    ("The fighters took everything they could carry.", "could", "ability", False),
    ("Even the BBC couldn't avoid the story.", "could", "ability", False),
    ("They would beat him every night.", "would", "habit", False),
    ("I would love to see the report.", "would", "wish", False),
    ("Many believed Trump would embrace ISIS.", "would", "future_in_past", False),
    ("Trump must stop the bombing.", "must", "obligation", False),
    ("The minister should resign.", "should", "obligation", False),
    ("The deal must have been planned for months.", "must", "epistemic", True),
    # the result clause of an if: the author's guess at what would happen, a hedge
    ("If they left, they would be safe.", "would", "conditional", True),
    ("The flood may reach the town by Friday.", "may", "epistemic", True),
    # permission is "you may enter"; "you may be asking" is still a possibility
    ("You may not enter the building.", "may", "obligation", False),
    ("You may be asking yourself why.", "may", "epistemic", True),
    # should with a thing as subject and a verb of being or happening: an expectation
    ("The repairs should last for years.", "should", "epistemic", True),
    ("The blast could pose a threat to the water supply.", "could", "epistemic", True),
    # Quantifiers: universal counts; idioms and plain quantities do not.
    ("Everyone knows they always lie.", "always", "universal", True),
    ("All the while, the shelling went on.", "All", "idiom", False),
    ("The report is all about the money.", "all", "idiom", False),
    ("Worst of all, nobody was told.", "all", "idiom", False),
    ("For all intents and purposes, the siege was over.", "all", "idiom", False),
    ("The convoy took all 4,000 people out of the city.", "all", "quantity", False),
    ("The fire spread across the entire city.", "entire", "quantity", False),
    ("It was a total failure of leadership.", "total", "universal", True),
    ("Every official denies it.", "Every", "universal", True),
    ("The trucks came back every day.", "every", "quantity", False),
    # never with one past event is a plain "did not"; in the present it universalises.
    ("He never arrived at the checkpoint.", "never", "quantity", False),
    ("They never tell the truth.", "never", "universal", True),
    # Other senses.
    ("Certain officials knew about the deal.", "Certain", "determiner", False),
    ("He spoke clearly to the crowd.", "clearly", "manner", False),
    ("Clearly, the coalition knew.", "Clearly", "booster", True),
    ("The drivers made sure the trucks were full.", "sure", "fixed_phrase", False),
    ("The fighters were promised thousands of dollars.", "promised", "not_speech", False),
]


def _cue(analyzer, text: str, word: str):
    doc = analyzer.nlp(text)
    found = [c for c in find_cues(doc, analyzer.matcher) if text[c.start : c.end].split()[-1] == word or text[c.start : c.end] == word]
    assert found, f"no cue on {word!r} in {text!r}"
    return found[0]


@pytest.mark.parametrize("text,word,sense,counted", CASES, ids=[c[0][:40] for c in CASES])
def test_sense(analyzer, text, word, sense, counted):
    c = _cue(analyzer, text, word)
    assert (c.sense, c.counted) == (sense, counted)
    if not counted:
        assert c.explanation.endswith("not counted.")


@pytest.mark.parametrize(
    "text,cue,category",
    [
        # approximators the tagger calls prepositions
        ("They took out around 4,000 people.", "around", "hedge"),
        ("About 3,500 civilians left.", "About", "hedge"),
        # a plural the lemmatizer leaves alone
        ("The maniacs killed them.", "maniacs", "emotive"),
    ],
)
def test_matches_the_tagger_misses(analyzer, text, cue, category):
    doc = analyzer.nlp(text)
    got = [(text[c.start : c.end], c.category) for c in find_cues(doc, analyzer.matcher) if c.counted]
    assert (cue, category) in got


def test_non_prefix_negates(analyzer):
    text = "It is a non-debatable fact."
    got = [(text[c.start : c.end], c.category, c.sense) for c in find_cues(analyzer.nlp(text), analyzer.matcher) if c.counted]
    assert ("non-debatable", "absolute", "negated_prefix") in got
    assert not any(cat == "hedge" for _, cat, _ in got)


def test_footage_as_subject_of_show_is_a_source(analyzer):
    text = "Footage of the air strike on 11 October shows a human catastrophe."
    got = [(text[c.start : c.end], c.category) for c in find_cues(analyzer.nlp(text), analyzer.matcher) if c.counted]
    assert ("shows", "source") in got and not any(cat == "absolute" for _, cat in got)
    assert not any(t == "October" for t, _ in got)  # a date is no source


def test_set_aside_cues_stay_out_of_every_count(analyzer):
    s = analyzer.score("They took what they could carry. Trump must stop.", doc_id="x")
    assert set(s.spans["counted"]) == {False}
    row = s.paragraphs.iloc[0]
    assert (row.hedges, row.absolutes, row.hedge_weight, row.absolute_weight, row.certainty) == (0, 0, 0, 0, 0)


def test_senses_file_overrides_and_switches_off(tmp_path, analyzer):
    from rhetoric import Analyzer

    f = tmp_path / "senses.tsv"
    f.write_text(
        "term\tframe\tvalue\tsense\tcounted\tsource\tnote\n"
        "could\toff\t\t\t\t\t\n"
        "must\tdefault\t\tepistemic\tyes\tmy-class\tcount every must\n",
        encoding="utf-8",
    )
    senses = load_senses(f)
    assert "could" not in senses and senses["must"][0].counted
    a = Analyzer(analyzer.nlp, senses=f)
    s = a.score("They took what they could carry. Trump must stop.", doc_id="x")
    assert s.spans.set_index("text").loc["must", "counted"]
    assert s.spans.set_index("text").loc["could", "counted"]  # no sense check: the lexicon decides


@pytest.mark.parametrize(
    "body,message",
    [
        ("term\tframe\n", "senses.tsv:1: expected the tab-separated header"),
        ("term\tframe\tvalue\tsense\tcounted\tsource\tnote\nwould\tnope\t\tx\tno\tsrc\t\n", ":2: unknown frame 'nope'"),
        ("term\tframe\tvalue\tsense\tcounted\tsource\tnote\nwould\tdefault\t\tx\tmaybe\tsrc\t\n", ":2: counted must be 'yes' or 'no'"),
        ("term\tframe\tvalue\tsense\tcounted\tsource\tnote\nwould\tdefault\t\tx\tno\t\t\n", ":2: empty source"),
        ("term\tframe\tvalue\tsense\tcounted\tsource\tnote\nwould\tphrase\t\tx\tno\tsrc\t\n", ":2: frame 'phrase' needs a value"),
    ],
)
def test_malformed_senses_file_names_the_line(tmp_path, body, message):
    f = tmp_path / "senses.tsv"
    f.write_text(body, encoding="utf-8")
    with pytest.raises(SenseError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_senses(f)


def test_every_frame_cites_a_source():
    for frames in default_senses().values():
        for f in frames:
            assert f.source, f
