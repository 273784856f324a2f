"""Voice: which characters of a paragraph sit inside quotation marks.

Words inside quotation marks belong to the quoted speaker, not the author.
Scraped news is messy: curly and straight quotes mix, quotes nest, and some
open without closing or close without opening. The rules:

* Double quotes (“ ” " „ « ») open and close quotations; a straight ``"`` is
  read as opening or closing from the characters around it.
* Single quotes (‘ ’ ') quote only when they clearly open (after a space or an
  opening bracket, before a letter) and are later closed; between two letters
  they are apostrophes (``Raqqa’s``), and an unmatched one is ignored.
* Quotes never reach beyond their paragraph. A double quote left open runs to
  the end of its paragraph (the news convention for a quotation that goes on
  into the next paragraph); a closing quote with no opener quotes from the
  start of the paragraph only when the paragraph before ended inside a quote.

Example:
    >>> find_quotes('He said “we may leave” and left.')
    [Quote(start=8, end=22, closed=True)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Quote", "find_quotes", "quoted_mask", "ends_open", "paragraph_quotes"]

_D_OPEN = "“„«"
_D_CLOSE = "”»"
_S_OPEN = "‘‹"
_S_CLOSE = "’›"
_OPEN_CONTEXT = " \t\n([{—–-/:;,…“‘«„"
# Every character the loop below reads; the rest of the text is skipped in one search.
_MARKS = re.compile("[" + re.escape(_D_OPEN + _D_CLOSE + _S_OPEN + _S_CLOSE + "\"'") + "]")


@dataclass(frozen=True)
class Quote:
    """A quoted stretch ``[start, end)`` including its quotation marks."""

    start: int
    end: int
    closed: bool = True

    @property
    def inner(self) -> tuple[int, int]:
        """The range without the marks (as far as they are there)."""
        return self.start + 1, self.end - (1 if self.closed else 0)


def _opens(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before in _OPEN_CONTEXT or before.isspace()) and not after.isspace()


def _closes(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    return not before.isspace()


def find_quotes(text: str, *, continued: bool = False) -> list[Quote]:
    """Quoted stretches of one paragraph, outermost only, in order.

    Args:
        text: the paragraph.
        continued: the paragraph before ended inside an open quotation, so a
            closing quote with no opener here closes it.
    """
    quotes: list[Quote] = []
    stack: list[tuple[str, int]] = []  # ("d" or "s", position)
    n = len(text)

    def close_to(kind: str, i: int) -> bool:
        for depth in range(len(stack) - 1, -1, -1):
            if stack[depth][0] == kind:
                start = stack[depth][1]
                del stack[depth:]
                if not stack:
                    quotes.append(Quote(start, i + 1, True))
                return True
        return False

    for m in _MARKS.finditer(text):
        i, ch = m.start(), m.group()
        if ch in _D_OPEN:
            stack.append(("d", i))
        elif ch in _D_CLOSE:
            if not close_to("d", i) and continued and not quotes and not stack:
                quotes.append(Quote(0, i + 1, True))
        elif ch == '"':
            if any(k == "d" for k, _ in stack):
                if _closes(text, i) or not _opens(text, i):
                    close_to("d", i)
                else:
                    stack.append(("d", i))  # a nested straight quote
            elif _opens(text, i):
                stack.append(("d", i))
            elif continued and not quotes:
                quotes.append(Quote(0, i + 1, True))
        elif ch in _S_OPEN or ch == "'":
            prev = text[i - 1] if i > 0 else " "
            nxt = text[i + 1] if i + 1 < n else " "
            if prev.isalnum() and nxt.isalnum():
                continue  # apostrophe: don't, Raqqa's
            if ch != "‘" and any(k == "s" for k, _ in stack) and _closes(text, i) and not _opens(text, i):
                close_to("s", i)
            elif _opens(text, i) and nxt.isalnum() or (ch in _S_OPEN and not nxt.isspace()):
                stack.append(("s", i))
        elif ch in _S_CLOSE:
            prev = text[i - 1] if i > 0 else " "
            nxt = text[i + 1] if i + 1 < n else " "
            if prev.isalnum() and nxt.isalnum():
                continue
            if any(k == "s" for k, _ in stack):
                close_to("s", i)
    # Whatever is still open: a double quote runs to the end of the paragraph;
    # a single quote that never closed was an apostrophe after all.
    doubles = [pos for kind, pos in stack if kind == "d"]
    if doubles:
        start = doubles[0]
        if text[start + 1 :].strip():
            quotes.append(Quote(start, n, False))
    quotes.sort(key=lambda q: q.start)
    merged: list[Quote] = []
    for q in quotes:
        if merged and q.start < merged[-1].end:
            last = merged[-1]
            merged[-1] = Quote(last.start, max(last.end, q.end), last.closed and q.closed)
        else:
            merged.append(q)
    return merged


def ends_open(text: str, quotes: list[Quote]) -> bool:
    """Did the paragraph end inside a quotation that was left open?"""
    return bool(quotes) and not quotes[-1].closed and quotes[-1].end == len(text)


def quoted_mask(n: int, quotes: list[Quote]) -> bytearray:
    """A byte per character: 1 where it is inside a quotation."""
    mask = bytearray(n)
    for q in quotes:
        mask[q.start : q.end] = b"\x01" * (q.end - q.start)
    return mask


def paragraph_quotes(paragraphs) -> list[list[Quote]]:
    """Quotations of each paragraph of a document, as the scorer reads them.

    A quotation left open at the end of a paragraph can be closed by the next
    one (``continued``); boilerplate and empty paragraphs are not read and end
    any open quotation. ``paragraphs`` are :class:`rhetoric.text.Paragraph`
    objects (anything with ``text`` and ``kind``).
    """
    out: list[list[Quote]] = []
    continued = False
    for p in paragraphs:
        if p.kind == "boilerplate" or not p.text.strip():
            out.append([])
            continued = False
            continue
        found = find_quotes(p.text, continued=continued)
        continued = ends_open(p.text, found)
        out.append(found)
    return out
