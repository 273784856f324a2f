"""Where a hedge is decided: each context rule, with the real parser.

Each row is a sentence and the cues expected in it, as
``(span text, category, voice)``. Rows with a comment are the hard cases.
"""

from __future__ import annotations

import pytest

from rhetoric.scan import find_cues

pytestmark = pytest.mark.slow

CASES = [
    # The month "May" (PROPN) and "the Mayor" are no hedge; the modal is.
    (
        "Back in May the Mayor said they may leave.",
        # "may" is in the clause the Mayor's "said" governs: his hedge, reported (voice quoted)
        [("Mayor", "source", "author"), ("said", "source", "author"), ("may", "hedge", "quoted")],
    ),
    ("They will leave tomorrow.", []),  # "will" is never a hedge
    # Negation flips boosters into hedges...
    ("It is not clear whether they left.", [("not clear", "hedge", "author")]),
    ("I am not sure.", [("not sure", "hedge", "author")]),
    ("It is not always easy.", [("not always", "hedge", "author")]),
    ("It is clear that they left.", [("It is clear that", "absolute", "author")]),
    # ...and "doubt" as a verb hedges, while "no doubt" boosts.
    ("I doubt they left.", [("doubt", "hedge", "author")]),
    ("There is no doubt they left.", [("There is no doubt", "absolute", "author")]),
    ("Without a doubt, they left.", [("Without a doubt", "absolute", "author")]),
    ("I don't doubt that they left.", [("n't doubt", "absolute", "author")]),
    ("In all likelihood the deal was made.", [("In all likelihood", "absolute", "author")]),
    # The longest match wins: "should" here is part of the booster phrase.
    ("It should come as no surprise that they lied.", [("should come as no surprise", "absolute", "author")]),
    ("Everyone knows the deal was made.", [("Everyone knows", "absolute", "author")]),
    ("A certain amount of risk was accepted.", [("certain amount", "hedge", "author")]),
    # "not only" is no negation.
    (
        "Not only was it obvious, it was clearly planned.",
        [("obvious", "absolute", "author"), ("clearly", "absolute", "author")],
    ),
    # Emotive: "lie" the noun, not the verb; the plain facts of war are not emotive.
    ("That is a filthy lie.", [("filthy", "emotive", "author"), ("lie", "emotive", "author")]),
    ("The fighters lie on the ground.", []),
    ("Bombs killed dozens of civilians and the convoy left.", []),
    (
        "The moronic, psychopathic warmongers told phony stories.",
        [
            ("moronic", "emotive", "author"),
            ("psychopathic", "emotive", "author"),
            ("warmongers", "emotive", "author"),
            ("told", "source", "author"),
            ("phony", "emotive", "author"),
        ],
    ),
    (
        "The convoy reportedly left, allegedly with weapons.",
        [("reportedly", "hedge", "author"), ("allegedly", "hedge", "author")],
    ),
    # Sources: an unnamed source gets the phrase only; a named one gets a name span too.
    ("According to the drivers, the convoy was huge.", [("According to", "source", "author")]),
    (
        "According to the BBC, the convoy was huge.",
        [("According to", "source", "author"), ("BBC", "source", "author")],
    ),
    (
        "“We didn’t want anyone to leave,” Col. Ryan Dillon told the news agency.",
        [
            ("“We didn’t want anyone to leave,”", "source", "quoted"),
            ("Col. Ryan Dillon", "source", "author"),
            ("told", "source", "author"),
            ("news agency", "source", "author"),
        ],
    ),
    # Voice: cues inside quotation marks are the speaker's.
    (
        "He said “it is obviously a lie” and left.",
        [
            ("said", "source", "author"),
            ("“it is obviously a lie”", "source", "quoted"),
            ("obviously", "absolute", "quoted"),
            ("lie", "emotive", "quoted"),
        ],
    ),
    (
        "Obvious collusion was clearly at work.",
        [
            ("Obvious", "absolute", "author"),
            ("collusion", "emotive", "author"),
            ("clearly", "absolute", "author"),
        ],
    ),
    # A short unattributed quote is a scare quote: quoted voice, but no source.
    ("The so-called “rebels” moved in.", []),
    (
        "See https://www.bbc.co.uk/news/raqqa for more.",
        [("https://www.bbc.co.uk/news/raqqa", "source", "author")],
    ),
    # Found in validation (VALIDATION.md), each fixed in the language of news:
    # a named third party's belief is attribution, not the author's hedge...
    ("Obama believes the deal will hold.", [("Obama", "source", "author"), ("believes", "source", "author")]),
    # ...while the author's own belief, or an impersonal one, still hedges.
    ("I believe the deal will hold.", [("believe", "hedge", "author")]),
    # Weasels: vague, unnamed holders and agentless evaluative passives (Vincze 2013).
    (
        "Some critics argue that the convoy was huge.",
        [
            ("Some critics argue", "hedge", "author"),
            ("critics", "source", "author"),
            ("argue", "source", "author"),
        ],
    ),
    ("The deal is widely regarded as a mistake.", [("is widely regarded", "hedge", "author")]),
    ("He was seen at the market.", []),  # a passive of seeing, not of judging
    # A document as the subject of a booster verb is a source: "a poll shows".
    (
        "A Bloomberg poll shows that Trump leads.",
        [("Bloomberg", "source", "author"), ("poll", "source", "author"), ("shows", "source", "author")],
    ),
    ("The data suggest a link.", [("suggest", "hedge", "author"), ("suggest", "source", "author")]),
    # "not ... at all" is emphatic, not a negated absolutist "all".
    ("They did not grow at all.", [("at all", "absolute", "author")]),
    # A scare quote stays no source even when an attribution verb stands elsewhere in the sentence (seed 003).
    ("Forces retook its “capital” and are now asserting control.", [("asserting", "source", "author")]),
    # Names run across hyphens and quote marks.
    (
        "President Bashar al-Assad said the war was over.",
        [("President Bashar al-Assad", "source", "author"), ("said", "source", "author")],
    ),
    # "all but" means almost; a saying verb under "should" or "to" reports nothing said.
    ("He all but guaranteed a war.", [("all but", "hedge", "author")]),
    ("He wanted to explain the deal.", []),
    # A negated factive hedges only over an open question.
    ("We didn't need to know the details.", []),
    ("We don't know whether they left.", [("n't know", "hedge", "author")]),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_cues(analyzer, text, expected):
    doc = analyzer.nlp(text)
    got = [(text[c.start : c.end], c.category, c.voice) for c in find_cues(doc, analyzer.matcher) if c.counted]
    assert got == expected


def test_every_cue_explains_itself(analyzer):
    doc = analyzer.nlp("It is not clear. Obviously the BBC said it was a filthy lie.")
    cues = find_cues(doc, analyzer.matcher)
    assert cues and all(c.explanation and c.rule for c in cues)
    (neg,) = [c for c in cues if c.rule == "negated"]
    assert (
        neg.explanation
        == "'not clear' counts as a hedge: the absolute 'clear' is negated by 'not' (booster; lexicon entry 'clear' from hooper1975, recasens2013)."
    )


def test_block_quote_paragraph_is_all_quoted(analyzer):
    doc = analyzer.nlp("Obviously it was a lie.")
    assert {c.voice for c in find_cues(doc, analyzer.matcher, [], all_quoted=True)} == {"quoted"}
