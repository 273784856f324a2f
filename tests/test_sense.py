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
    # in a to-infinitive: a promise or a plan, not a claim about all time
    ("He had promised never to agree to such a deal.", "never", "intention", False),
    # Other senses.
    ("Certain officials knew about the deal.", "Certain", "determiner", False),
    ("He spoke clearly to the crowd.", "clearly", "manner", False),
    ("Clearly, the coalition knew.", "Clearly", "booster", True),
    ("The drivers made sure the trucks were full.", "sure", "fixed_phrase", False),
    ("The fighters were promised thousands of dollars.", "promised", "not_speech", False),
    # Verbs of proof and knowledge boost only where the author asserts them (Hooper 1975).
    ("These results may demonstrate the potential of the method.", "demonstrate", "unasserted", False),
    ("Further work is needed to establish whether the effect holds.", "establish", "unasserted", False),
    ("If the oil were demonstrated to be safe, doctors would use it.", "demonstrated", "unasserted", False),
    ("Results of established test methods were compared.", "established", "modifier", False),
    ("Two kinds of cells, known as basal and luminal, were found.", "known", "modifier", False),
    ("The driver knew the road.", "knew", "no_claim", False),
    ("He knew the area well.", "knew", "no_claim", False),
    # a pronoun that stands for a fact keeps the factive; so does a clause
    ("The council knew it too.", "knew", "", True),
    # a verb of its own after "but": the modal of the first clause is not shared
    ("The footage may show the convoy, but the council knew it all along.", "knew", "", True),
    ("The drug may impair and demonstrate nothing.", "demonstrate", "unasserted", False),
    ("They knew that the convoy had left.", "knew", "", True),
    ("The results demonstrate that the drug works.", "demonstrate", "", True),
    # a word of emphasis under a possibility modal
    ("Eating an egg a day may actually keep the doctor away.", "actually", "under_modal", False),
    ("The army actually withdrew.", "actually", "", True),
    # could not have: the possibility is ruled out, so the author is sure (an absolute)
    ("The cluster could not have been the birthplace of the sun.", "have", "ruled_out", True),
    # quantifiers: a rate and a part of a whole are plain quantities
    ("The rate was 1 in every 59 children.", "every", "quantity", False),
    ("About 44 percent of all seabird species have plastic in them.", "all", "quantity", False),
    ("Never-married people smoke more.", "Never", "idiom", False),
    # likely: a chance measured over groups is part of the finding; a forecast is a hedge
    ("Smokers were much more likely to die than non-smokers.", "likely", "measure", False),
    ("Those with the gene are 17 percent more likely to fall ill.", "likely", "measure", False),
    ("Trump is more likely to win than Clinton.", "likely", "", True),
    ("The changes are most likely caused by human action.", "likely", "", True),
    # possible: what can be done, a fixed phrase, or a hedge
    ("It was not possible to kill the bacteria with bleach.", "possible", "ability", False),
    ("It was not possible to independently verify the claims.", "possible", "epistemic", True),
    ("Please reply as soon as possible.", "possible", "fixed_phrase", False),
    # a belief being corrected is no doubt
    ("The toll is higher than previously thought.", "thought", "fixed_phrase", False),
    ("The river rose faster than expected.", "expected", "fixed_phrase", False),
    ("After correcting for multiple hypothesis testing, the effect vanished.", "hypothesis", "compound", False),
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


@pytest.mark.parametrize(
    "text,cue",
    [
        # a negated universal states a plain quantity (= some are not), as "some" does
        ("Not all climbers are thrill-seekers.", "all"),
        ("Not everyone agrees with the council.", "everyone"),
    ],
)
def test_negated_universal_is_not_a_hedge(analyzer, text, cue):
    cues = [c for c in find_cues(analyzer.nlp(text), analyzer.matcher) if c.category in ("hedge", "absolute")]
    assert [(text[c.start : c.end], c.counted, c.sense) for c in cues] == [(cue, False, "negated")]


@pytest.mark.parametrize(
    "text,weasel",
    [
        ("It is widely believed that the drug works.", "is widely believed"),
        ("The drug is considered safe.", "is considered"),
        ("It is reported that he fled.", "It is reported"),
        ("He is reported to have fled.", "is reported to"),
        # no claim: an analysis step, a record, a knowledge gap
        ("When fitness was considered, the effect vanished.", None),
        ("Errors were reported on the wards.", None),
        ("However, to our knowledge, the prevalence has not been reported.", None),
    ],
)
def test_agentless_passive_needs_a_claim(analyzer, text, weasel):
    got = [text[c.start : c.end] for c in find_cues(analyzer.nlp(text), analyzer.matcher) if c.category == "hedge" and c.counted]
    assert got == ([weasel] if weasel else [])


@pytest.mark.parametrize(
    "text,hedge",
    [
        # a call for more research, and statements that the evidence is thin (Hyland 1998)
        ("Further research is necessary to understand whether this is causal.", "Further research"),
        ("More studies are needed to confirm the link, they said.", "More studies"),
        ("The finding warrants further investigation.", "further investigation"),
        ("Future research should examine the dose.", "Future research"),
        ("Little is known about the effects of the drug.", "Little is known"),
        ("The cause of the fire remains unknown.", "remains unknown"),
        ("There is little evidence that the drug works.", "little evidence"),
        # further research that was done is no hedge
        ("Further research showed that the drug works.", None),
    ],
)
def test_evidence_gaps_are_hedges(analyzer, text, hedge):
    got = [text[c.start : c.end] for c in find_cues(analyzer.nlp(text), analyzer.matcher) if c.category == "hedge" and c.counted]
    assert got == ([hedge] if hedge else [])


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
