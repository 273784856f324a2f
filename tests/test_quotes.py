"""Voice: quotation detection on messy, scraped quote marks."""

from __future__ import annotations

import pytest

from rhetoric.quotes import ends_open, find_quotes


def quoted(text: str, **kw) -> list[str]:
    return [text[q.start : q.end] for q in find_quotes(text, **kw)]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("He said “we may leave” and left.", ["“we may leave”"]),
        ('He said "we may leave" and left.', ['"we may leave"']),
        (
            "“We didn’t want anyone to leave,” Col. Ryan Dillon told the news agency.",
            ["“We didn’t want anyone to leave,”"],
        ),
        # Nested single quotes inside an unclosed double quote (seed 003): runs to the paragraph end.
        (
            "“But this goes to the heart of our strategy, ‘by, with and through’ local leaders.",
            ["“But this goes to the heart of our strategy, ‘by, with and through’ local leaders."],
        ),
        # A closing quote with no opener, and no open quote before: ignored.
        ("Raqqa’s Dirty Secret,” Quentin Sommerville and Riam Dalati detail how", []),
        # Apostrophes and plural possessives are not quotes.
        ("the drivers’ trucks and Raqqa’s streets", []),
        ("it's the war's end", []),
        ("as being the 'justification' for horrific bombings", ["'justification'"]),
        ('He said "no" and then "yes, we go" loudly.', ['"no"', '"yes, we go"']),
        ("«Non» dit-il", ["«Non»"]),
        # An opening quote at the very end quotes nothing.
        ("In the article entitled “", []),
    ],
)
def test_find_quotes(text, expected):
    assert quoted(text) == expected


def test_unclosed_quote_stays_in_its_paragraph():
    text = "He wrote “this never ends and"
    (q,) = find_quotes(text)
    assert (q.start, q.end, q.closed) == (9, len(text), False)
    assert ends_open(text, [q])


def test_continued_quote_closes_from_paragraph_start():
    text = "Raqqa’s Dirty Secret,” Quentin Sommerville wrote."
    assert quoted(text, continued=True) == ["Raqqa’s Dirty Secret,”"]


def test_paragraph_quotes_carries_an_open_quote_and_boilerplate_resets_it():
    from types import SimpleNamespace as P

    from rhetoric.quotes import paragraph_quotes

    paras = [
        P(text="He wrote “this never", kind="body"),
        P(text="ends,” she said.", kind="body"),
        P(text="He wrote “again", kind="body"),
        P(text="By Jane Roe", kind="boilerplate"),
        P(text="ends,” she said.", kind="body"),
    ]
    got = [[(q.start, q.end) for q in qs] for qs in paragraph_quotes(paras)]
    assert got == [[(9, 20)], [(0, 6)], [(9, 15)], [], []]
