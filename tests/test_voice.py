"""Whose words are these? The voice rules of rhetoric.voice, on text cut from the seeds and written for the purpose.

Each row: paragraphs (blank-line separated) and the voice basis expected for
each ("" = the author's own words).
"""

from __future__ import annotations

import pytest

from rhetoric.text import read_document
from rhetoric.voice import lead_in, paragraph_voices

CASES = [
    # A lead-in with a comma and a verb of writing: the pasted article is quoted until a comment.
    (
        "As Sommerville and Dalati write,\n\nThe job would take six hours, maximum.\n\n"
        "Abu Fawzi and dozens of other drivers were promised thousands of dollars.\n\n"
        "In other words, the coalition lied.",
        ["", "lead_in", "lead_in", ""],
    ),
    # A paragraph that names the quoted text ends the quotation.
    (
        "The article reads,\n\nThe Kurdish-led SDF cleared Raqqa of media.\n\n"
        "The article stands as yet more evidence of collusion.",
        ["", "lead_in", ""],
    ),
    # A nested lead-in inside the quotation ("One explains:") stays quoted; its unmatched close too.
    (
        "The article reads,\n\nForeign fighters joined the convoy, according to the drivers. One explains:\n\n"
        "There was a huge number of foreigners. France, Turkey, Egypt…”\n\n"
        "Other drivers chipped in with the names of different nationalities.",
        ["", "lead_in", "lead_in", "lead_in"],
    ),
    # A speech lead-in: the author is back when he speaks of the speaker in the third person.
    (
        "Mattis said:\n\nBy taking the time up front to surround these locations, we do not transplant the problem.\n\n"
        "Either he's stupid there, or he's lying.",
        ["", "lead_in", ""],
    ),
    # A new lead-in about the speaker himself is the author's, and opens a new quotation.
    (
        "Mattis said:\n\nWe carry out the annihilation campaign.\n\n"
        "Later in the press conference, he said:\n\nThe campaign designed end state remains the same.",
        ["", "lead_in", "", "lead_in"],
    ),
    # Quote marks after a speech lead-in say where the quotation ends.
    (
        "Mattis confirmed in May 2017 Washington's resolve to annihilate the terrorists:\n\n"
        "\"Our intention is that the foreign fighters do not survive.\"\n\n"
        "That was the political narrative of the Pentagon.",
        ["", "lead_in", ""],
    ),
    # The author's own "I" ends a pasted document.
    (
        "Here are some highlights from that BBC report\n\nThe BBC has uncovered details of a secret deal.\n\n"
        "I find this damning.",
        ["", "lead_in", ""],
    ),
    # A label with a colon is no lead-in; nor is a sentence that ends with a full stop.
    ("Déjà Vu:\n\nThe exodus bears a resemblance to 2001.", ["", ""]),
    ("The convoy left at dawn.\n\nIt carried 4,000 people.", ["", ""]),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_paragraph_voices(text, expected):
    # An opening paragraph first: a short first paragraph would read as the headline.
    d = read_document("The convoy left Raqqa on 12 October, the report says.\n\n" + text, markup="none")
    assert [v.basis for v in paragraph_voices(d.paragraphs)][1:] == expected


def test_unmatched_close_after_a_lead_in_is_quoted_from_its_start():
    d = read_document("He opens:\n\nThe deal was a secret, and it stays one.”\n\nThat is all.", markup="none")
    v = paragraph_voices(d.paragraphs)[1]
    assert v.basis == "lead_in" or v.basis_at(0) == "unmatched_close"
    d = read_document("“It was a secret.\n\nAnd it stays one,” he said.", markup="none")
    v = paragraph_voices(d.paragraphs)[1]
    assert v.basis_at(0) in ("quote_marks", "unmatched_close")


@pytest.mark.parametrize(
    "text,document",
    [
        ("As Sommerville and Dalati write,", True),
        ("The article reads,", True),
        ("Mattis said:", False),
        ("He opens:", False),
        ("Here are some highlights from that BBC report", True),
    ],
)
def test_lead_ins(text, document):
    li = lead_in(text)
    assert li is not None and li.document is document


@pytest.mark.slow
@pytest.mark.parametrize(
    "text,cue,voice,basis",
    [
        ("The ministry said the figures might be revised.", "might", "quoted", "reported_speech"),
        ("According to the drivers, the convoy may have been longer.", "may", "quoted", "reported_speech"),
        ("I said the figures might be revised.", "might", "author", ""),
        # evidence as the subject: the author draws on it, as with "the data suggest"
        ("The study found that the drug may reduce deaths.", "may", "author", ""),
        ("The figures might be revised, which is obviously a problem.", "might", "author", ""),
        # an aside of saying: the clause it sits in is reported
        ("The death toll, a police spokesman said, might rise further.", "might", "quoted", "reported_speech"),
        # a trailing "according to" covers the whole sentence, wherever the parser hangs it
        (
            "The ceasefire appeared to be holding, although both sides accused each other of violations, "
            "according to monitors.",
            "appeared", "quoted", "reported_speech",
        ),
        # a non-restrictive relative clause is the writer's aside, inside reported words too
        ("The utility says it has no record of the complaints, which is a lie.", "lie", "author", ""),
        ("The company says the doors were checked, which is obviously a filthy lie.", "filthy", "author", ""),
        # a participle of inference after the attribution is the writer's
        (
            "The plant was safe, the utility said on Saturday, suggesting that its account was possibly wrong.",
            "possibly", "author", "",
        ),
    ],
)
def test_reported_speech(analyzer, text, cue, voice, basis):
    s = analyzer.score(text, doc_id="x", markup="none")
    row = s.spans[s.spans["text"] == cue].iloc[0]
    assert (row.voice, row.voice_basis) == (voice, basis)
    # the author wrote the paraphrase: its words stay the author's
    assert s.paragraphs.iloc[0].quoted_words == 0


@pytest.mark.slow
def test_lead_in_words_are_inferred_quoted_words(analyzer):
    s = analyzer.score(
        "The convoy left at dawn.\n\nAs Smith writes,\n\nThe deal was obviously secret.\n\nIn short, it was.",
        doc_id="x", markup="none",
    )
    p = s.paragraphs.set_index("para")
    assert p.loc[2, "quoted_words"] == p.loc[2, "words"] == p.loc[2, "inferred_quoted_words"] == 5
    assert p.loc[2, "absolutes"] == 0 and p.loc[2, "absolutes_quoted"] == 1
    row = s.spans[s.spans["text"] == "obviously"].iloc[0]
    assert (row.voice, row.voice_basis) == ("quoted", "lead_in")


@pytest.mark.slow
def test_component_and_analyzer_agree_on_the_seeds(analyzer, repo_root):
    """One scoring path: the same cues with the same voices for the same plain text."""
    import spacy

    from rhetoric.model import load_model
    from rhetoric.text import read_file

    nlp = load_model()
    nlp.add_pipe("rhetoric")
    for path in sorted((repo_root / "data" / "raqqa").glob("00*.txt")):
        body = [p.text for p in analyzer.score_file(path).paragraphs.itertuples() if p.kind == "body"]
        # the body joined, and the whole text with its boilerplate (which the Analyzer does not parse)
        for text in ("\n\n".join(body), read_file(path).clean):
            a = analyzer.score(text, doc_id="x", markup="none").spans
            got_a = sorted(zip(a.start, a.end, a.category, a.voice, a.voice_basis, a.counted, strict=True))
            doc = nlp(text)
            got_c = sorted((c.start, c.end, c.category, c.voice, c.voice_basis, c.counted) for c in doc._.rhetoric_cues)
            assert got_a == got_c, path.name
    assert isinstance(spacy.__version__, str)


def _bases(text):
    d = read_document(text, markup="none")
    return [v.basis or "".join(s.basis for s in v.stretches if s.start == 0) for v in paragraph_voices(d.paragraphs)]


def test_a_closing_citation_reaches_back_to_its_lead_in():
    """Seed 001's shape: a lead-in, quoted speech, unmarked pasted lines, then "(Ibid)"."""
    text = (
        "US officials claimed they did not take part in the negotiations:\n\n"
        "\"We didn't want anyone to leave,\" says Col Ryan Dillon, a spokesman.\n\n"
        "\"It comes down to Syrians,\" he says.\n\n"
        "A Western officer was present, but Col Dillon maintains he took no active part. (Ibid)\n\n"
        "The deal was a disgrace."
    )
    assert _bases(text) == ["", "lead_in", "lead_in", "lead_in", ""]


@pytest.mark.parametrize(
    "text,expected",
    [
        # alone, a citation quotes nothing: the author summarises a source and cites it
        ("The convoy left at dawn.\n\nAt least 4,000 men were evacuated, Hersh found. (Ibid)", ["", ""]),
        # the author's voice came back in between ("In other words"): the citation does not reach the lead-in
        (
            "The ministry said:\n\n\"The corridor was safe.\"\n\nIn other words, it was not.\n\n"
            "Some 4,000 men got out. (op. cit.)",
            ["", "lead_in", "", ""],
        ),
        ("Officials explained:\n\nThe corridor was open for a week. (Seymour Hersh, op cit)", ["", "lead_in"]),
    ],
)
def test_closing_citations(text, expected):
    assert _bases(text) == expected
