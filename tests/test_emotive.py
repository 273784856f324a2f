"""The emotive line, sentence by sentence, with the real parser and lexicon.

Each row is a named example and the emotive terms expected in it, as
``(span text, weight)``: loaded words fire with their graded weight (1.0
strongly loaded, 0.5 clearly evaluative, 0.25 mildly loaded); the plain facts
of a war story, and the literal senses of words that are also loaded, do not.
SOURCES.md ("Where we drew the emotive line") says why for each.
"""

from __future__ import annotations

import pytest

from rhetoric.lexicon import Lexicon
from rhetoric.scan import find_cues

pytestmark = pytest.mark.slow

CASES = [
    # Loaded words of the seed texts and the gold paragraphs.
    ("maniacs", "Whatever the opposition's online maniacs scream, the count stands.", [("maniacs", 1.0)]),
    (
        "butchers",
        "The regime's butchers in Kessar have broken every truce.",
        [("regime", 1.0), ("butchers", 1.0)],
    ),
    ("filthy lie", "It is a filthy lie.", [("filthy", 1.0), ("lie", 1.0)]),
    (
        "obstinate, steeped in",
        "Some of their commanders are obstinate zealots steeped in a culture of impunity.",
        [("obstinate", 0.5), ("zealots", 1.0), ("steeped in", 0.5)],
    ),
    ("perilous", "This ceasefire is perilous for the people of Marren.", [("perilous", 0.5)]),
    (
        "provocative stunt",
        "Letting 40 trucks in is a provocative stunt dressed up as generosity.",
        [("provocative", 0.5), ("stunt", 0.5)],
    ),
    ("tantrum", "The opposition's tantrum over a few thousand postal votes is over.", [("tantrum", 1.0)]),
    (
        "sore losers",
        "The question is how long the sore losers will keep the country waiting.",
        [("sore losers", 1.0)],
    ),
    # Graded: strong insults, clear evaluations, mild loading.
    ("scoundrel", "The minister is a scoundrel.", [("scoundrel", 1.0)]),
    ("baseless", "He repeated the baseless claim on Tuesday.", [("baseless", 0.5)]),
    ("brash", "The brash tycoon berated reporters.", [("brash", 0.5), ("berated", 0.5)]),
    ("derisively", "She laughed derisively at the plan.", [("derisively", 0.5)]),
    ("angrily", "He angrily denied the report.", [("angrily", 0.25)]),
    ("unfair", "The rules are unfair to small farmers.", [("unfair", 0.25)]),
    (
        "ill-advised",
        "It was an ill-advised and heavy-handed raid.",
        [("ill-advised", 0.5), ("heavy-handed", 0.5)],
    ),
    ("praise", "It was a wonderful, courageous speech.", [("wonderful", 0.5), ("courageous", 0.5)]),
    ("rail against", "He railed against the court for an hour.", [("railed against", 0.5)]),
    (
        "peddling, under the guise of",
        "He spent his career peddling conspiracy theories under the guise of journalism.",
        [("peddling", 1.0), ("under the guise of", 0.5)],
    ),
    (
        "self-styled",
        "The self-styled expert made inflammatory remarks.",
        [("self-styled", 0.5), ("inflammatory", 0.5)],
    ),
    ("fooled", "Nobody should be fooled by the general's speech.", []),  # the verb reports a deception
    ("fools", "Only fools believe him.", [("fools", 1.0)]),
    # The plain facts of war are not emotive.
    (
        "war facts",
        "An airstrike killed 12 fighters and four civilians near the convoy, and militants attacked a checkpoint.",
        [],
    ),
    ("bombing", "The bombing left dozens of casualties; the attack lasted an hour.", []),
    ("peril", "Civilians fled in fear as the siege went on.", []),
    # Literal senses are left out by the pos filter or by a phrase.
    ("Dave Brat", "Dave Brat defeated Eric Cantor in the primary.", []),
    ("belligerents", "The belligerents signed the truce in Geneva.", []),
    ("rail", "The rail link to the port was cut.", []),
    ("stunted", "Malnutrition has stunted the growth of children.", []),
    ("fawn", "A fawn coat hung by the door.", []),
    ("sully", "Sully landed the plane on the Hudson.", []),
    ("boast", "The city boasts a new museum.", []),
]


@pytest.mark.parametrize("name, text, expected", CASES, ids=[c[0] for c in CASES])
def test_emotive_terms(analyzer, name, text, expected):
    doc = analyzer.nlp(text)
    got = [
        (text[c.start : c.end], c.weight)
        for c in find_cues(doc, analyzer.matcher)
        if c.counted and c.category == "emotive"
    ]
    assert got == expected


# The plain facts of war and crime that SOURCES.md keeps out of emotive.tsv.
WAR_FACTS = [
    "kill", "die", "dead", "death", "bomb", "bombing", "attack", "fighter", "casualty", "airstrike",
    "convoy", "civilian", "militant", "siege", "wounded", "victim", "refugee", "terrorist", "peril",
    "danger", "devastating", "notorious", "so - called", "obliterated",
]  # fmt: skip


@pytest.mark.parametrize("term", WAR_FACTS)
def test_plain_facts_are_not_emotive(term):
    assert "emotive" not in {e.category for e in Lexicon.default().lookup(term) if e.weight > 0}


def test_emotive_weights_are_graded():
    """Every emotive row weighs 1.0, 0.5 or 0.25, and every row below 1.0 or with a pos filter says why."""
    rows = [e for e in Lexicon.default().entries if e.category == "emotive"]
    assert {e.weight for e in rows} == {1.0, 0.5, 0.25}
    assert all(e.note for e in rows if e.pos or (e.weight < 1.0 and "rhetoric" in e.source))
    assert all(e.note for e in rows if "rhetoric" in e.source.split(";"))
