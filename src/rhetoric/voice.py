"""Whose words are these? The voice of every character of a document.

A cue is the *author's* unless the words are someone else's. Each quoted
stretch says why it is quoted (its ``basis``):

* ``quote_marks``: inside quotation marks (:mod:`rhetoric.quotes`).
* ``block_quote``: the paragraph is marked up as a block quotation.
* ``lead_in``: the paragraph follows a lead-in that introduces a quotation
  with no quote marks, as scraped articles paste their sources: "As
  Sommerville and Dalati write," / "Mattis said:" / "The article reads," /
  "He opens:" / "Here are some highlights from that BBC report".
* ``unmatched_close``: the paragraph ends a quotation with a closing quote
  mark that has no opener, after a lead-in or after quoted paragraphs: it is
  quoted from its start.
* ``reported_speech``: a cue in the clause governed by an attribution verb
  ("The ministry said the figures *might* be revised"); decided on the parse
  (:func:`reported_speech`). Its words stay the author's in the word counts:
  the author wrote the paraphrase.
* ``aligned_origin``, ``aligned_other``: in a corpus, stretches that align
  to the original report, or sit in a paragraph quoting another source
  (:mod:`rhetoric.corpus`).

How far a lead-in's quotation runs
----------------------------------
A lead-in is a paragraph that ends with a colon, or with a comma after a verb
that introduces quotations ("write,", "reads,"), or that announces a passage
("Here are some highlights from ..."). The paragraphs after it are quoted
(``lead_in``) until the author's voice comes back, which is at the first of:

1. a heading (once the quotation has had a body paragraph: a title block
   right after the lead-in belongs to the quoted piece), or a wire dateline
   that opens a new story ("RIVERTON, 14 March (Wire) –");
2. a paragraph that opens with a comment on the passage ("In other words",
   "Note that": ``comment_opener`` in ``data/patterns.tsv``);
3. a paragraph that opens by naming the quoted text or its makers ("The
   article stands as ...", "The BBC journalists then detail ...");
4. a new lead-in about the quoted source itself ("Later in the press
   conference, he said:", "... but Mattis included in his answer:") or a
   bare colon with no verb of saying ("... against Iran, and against the
   leader of Syria, Bashar al-Assad:"): the author introduces a new
   quotation, so that paragraph is the author's and a new quotation starts.
   A lead-in *inside* the quotation that introduces someone else ("One
   explains:") is part of the quotation;
5. for a pasted *document* (introduced by "write", "reads", "highlights
   from", or naming an article or report): the author's own first person
   singular outside quote marks ("I", "my"); a news report's "we" does not
   count;
6. for a *speech* (everything else: "said:", "explains:"): a paragraph whose
   first sentence speaks of the speaker in the third person ("Either he's
   stupid there ..."), a paragraph with a new attribution ("Rebel
   commanders, who had said ..."), or the paragraph after one that opened
   with quote marks (they, not the lead-in, say where it ends);
   For a speech, too, the paragraph after one that closes the quotation with
   a closing quote mark it never opened, unless that quote was a nested
   lead-in's (a pasted document holds quotes of its own, whose marks the
   scrape may have lost, so there it does not end the passage).

A paragraph that closes on a citation of the source before it ("... he says.
(Ibid)", "(op. cit.)": ``citation_close`` in ``data/patterns.tsv``) ends a
pasted passage the way a closing quote mark does: when a lead-in came at most
ten paragraphs before it, with no heading between, every paragraph from the
lead-in to the citation is quoted (``lead_in``), even those that rule 6 had
given back to the author because they opened with quote marks; with no
lead-in, the paragraph alone is quoted from its start (``unmatched_close``).
The author's voice comes back after it.

Separators and boilerplate neither start nor end a quotation. These rules
read only the text, so the spaCy component and the :class:`~rhetoric.Analyzer`
see the same voices. They will miss a quotation whose end has no signal (an
author who comments with no "I", no heading and no reference to the source);
in a corpus, alignment to the original settles those.

Example:
    >>> from rhetoric.text import read_document
    >>> d = read_document("As Smith writes,\\n\\nThe deal was secret.\\n\\nIn other words, they lied.")
    >>> [v.basis for v in paragraph_voices(d.paragraphs)]
    ['', 'lead_in', '']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .quotes import Quote, ends_open, find_quotes
from .vocab import INFERRED_BASES
from .vocab import VOICE_BASES as _VOICE_BASES

__all__ = [
    "VOICE_BASES",
    "INFERRED_BASES",
    "Stretch",
    "ParagraphVoice",
    "paragraph_voices",
    "lead_in",
    "reported_speech",
]

VOICE_BASES = tuple(_VOICE_BASES)
# Capitalised at a sentence start, but not a name: "The article reads,", "As Smith writes,".
_NOT_NAMES = frozenset(
    "the a an as in on at but and or so then later here there this that these those he she it they we i "
    "his her its their our my your according".split()
)
_SPEECH_VERBS = frozenset({"said", "says", "told", "tells", "added", "adds", "according", "stated", "explained", "insisted"})
_DOCUMENT_VERBS = frozenset({"write", "writes", "wrote", "written", "read", "reads", "detail", "details", "detailed"})
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_SENT_END = re.compile(r"[.!?…]['\"”’)\]]*\s+")
_OPEN_MARKS = "“‘\"'«„"


@dataclass(frozen=True)
class Stretch:
    """Characters ``[start, end)`` of a paragraph that are quoted, and why."""

    start: int
    end: int
    basis: str


@dataclass(frozen=True)
class ParagraphVoice:
    """The voice of one paragraph.

    Attributes:
        basis: why the whole paragraph is quoted (``block_quote``,
            ``lead_in``), or ``""`` when it is the author's.
        stretches: quoted stretches inside it, innermost first for lookup
            (quote marks, an unmatched close), offsets into ``Paragraph.text``.
        quotes: the quote-mark stretches as :class:`~rhetoric.quotes.Quote`.
    """

    basis: str = ""
    stretches: tuple[Stretch, ...] = ()
    quotes: tuple[Quote, ...] = field(default=())

    def basis_at(self, char: int) -> str:
        """Why the character at ``char`` is quoted, or ``""`` for the author's words."""
        for s in self.stretches:
            if s.start <= char < s.end:
                return s.basis
        return self.basis


@dataclass
class _Run:
    names: frozenset[str]
    document: bool
    bodies: int = 0
    nested: bool = False


@dataclass(frozen=True)
class LeadIn:
    """What a lead-in paragraph says about the quotation it opens."""

    names: frozenset[str]  # capitalised words of the lead-in sentence: who is quoted
    document: bool  # a pasted text ("write", "reads", "highlights from", an article)
    has_verb: bool  # a verb or phrase of quoting, not a bare colon
    pronoun: bool  # "he said:": points back to someone already quoted
    about_source: bool = False  # names the quoted text or its makers ("The journalists write,")


def _pats():
    from .cues import patterns

    return patterns()


def _last_sentence(text: str) -> str:
    t = text.rstrip()
    cuts = [m.end() for m in _SENT_END.finditer(t)]
    return t[cuts[-1] :] if cuts else t


def _words(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)]


def lead_in(text: str) -> LeadIn | None:
    """Is this paragraph a lead-in to a quotation that follows it? ``None`` if not.

    >>> lead_in("As Sommerville and Dalati write,").document
    True
    >>> lead_in("The convoy left at dawn.") is None
    True
    """
    pats = _pats()
    t = text.rstrip().rstrip(_OPEN_MARKS + " ")
    if not t:
        return None
    sentence = _last_sentence(t)
    words = _words(sentence)
    low = " " + " ".join(words) + " "
    # "report" is a noun more often than a verb of quoting here ("the full BBC report")
    verb = any(w in pats["lead_in_verb"] and w not in pats["source_document_noun"] for w in words)
    phrase = any(f" {p} " in low for p in pats["lead_in_phrase"])
    if t.endswith(":"):
        if not (verb or phrase) and len(words) < 4:
            return None  # a label ("Déjà Vu:"), not a lead-in
    elif t.endswith(",") and verb:
        pass
    elif phrase and len(words) <= 40 and t[-1:] not in ".!?…\"”’)":
        pass  # "Here are some highlights from that BBC report" (no full stop: the passage follows)
    else:
        return None
    names = frozenset(
        w.lower()
        for i, w in enumerate(_WORD.findall(sentence))
        if w[:1].isupper() and (i > 0 or len(words) <= 3) and w.lower() not in _NOT_NAMES
    )
    # A pasted text: "write", "reads", "highlights from", or an article named with no verb of speaking
    # ("To access the full BBC report click title:"); "His letter opens:" introduces words spoken once.
    document = (
        bool(set(words) & _DOCUMENT_VERBS)
        or phrase
        or (bool(set(words) & pats["source_document_noun"]) and not verb)
    )
    pronoun = bool(set(words) & pats["source_pronoun"])
    about_source = bool(set(words) & pats["source_document_noun"])
    return LeadIn(names, document, verb or phrase, pronoun, about_source)


_DETERMINERS = ("the", "this", "that", "these", "those")
_BELIEF = frozenset({"think", "thinks", "thought", "believe", "believes", "believed", "claim", "claims", "claimed",
                     "admit", "admits", "admitted", "argue", "argues", "argued", "suggest", "suggests", "suggested"})


def _opens_on_source(text: str, run: _Run, pats) -> bool:
    """Does the paragraph open by naming the quoted text or its makers?

    "The article stands as ...", "The BBC journalists then detail ...", "The
    above Moon of Alabama article emphasizes ...", or the quoted source's name
    with a verb of saying or believing ("Whereas the British BBC thinks ...").
    """
    first = _words(_first_sentence(text))
    if first[:1] and first[0] in _DETERMINERS and any(x in pats["source_document_noun"] for x in first[1:6]):
        return True
    for i, w in enumerate(first):
        if w in run.names and any(x in pats["lead_in_verb"] or x in _BELIEF for x in first[i + 1 : i + 3]):
            return True
    return False


def _unquoted(text: str, quotes: list[Quote]) -> str:
    if not quotes:
        return text
    out, pos = [], 0
    for q in quotes:
        out.append(text[pos : q.start])
        pos = q.end
    out.append(text[pos:])
    return " ".join(out)


def _first_sentence(text: str) -> str:
    m = _SENT_END.search(text)
    return text[: m.start()] if m else text


_CITATION = re.compile(r"\(([^()]{1,40})\)[\s.,;]*$")
_LEAD_REACH = 10  # paragraphs from a lead-in within which a closing citation reaches back to it


def _cites_back(text: str, pats) -> bool:
    """Does the paragraph close on a citation of the source before it ("(Ibid)", "(op. cit.)")?"""
    m = _CITATION.search(text.rstrip())
    if m is None:
        return False
    inner = " ".join(re.sub(r"[.,;:]", " ", m.group(1).lower()).split())
    # "(Ibid)", "(Ibid., p. 4)", "(Seymour Hersh, op cit)", "(quoted in Hersh op cit)"
    return any(inner == c or inner.startswith(c + " ") or inner.endswith(" " + c) for c in pats["citation_close"])


# A wire dateline opens a new story: "RIVERTON, 14 March (Wire) –", "WASHINGTON (Reuters) -".
_DATELINE = re.compile(r"^[A-Z][A-Z .'-]{2,40}(?:,|\s*\()")


def _ends(run: _Run, text: str, kind: str, quotes: list[Quote], pats) -> bool:
    """Does the author's voice come back at this paragraph (rules 1, 2, 3, 5, 6 above)?"""
    if kind == "heading":
        return run.bodies > 0
    if _DATELINE.match(text):
        return True
    low = " ".join(_words(text[:80]))
    if any(low.startswith(o.rstrip(":")) for o in pats["comment_opener"]):
        return True
    if _opens_on_source(text, run, pats):
        return True
    outside = _unquoted(text, quotes)
    if run.document:
        return bool(set(_words(outside)) & pats["author_first_person"])
    first = set(_words(_first_sentence(outside)))
    third = {"he", "she", "his", "her", "him", "he's", "she's"}
    if first & (third | run.names):
        return True
    # a new attribution: someone else is now said to speak ("Rebel commanders, who had said ...")
    words = _words(outside)
    return any(w in _SPEECH_VERBS for w in words)


def paragraph_voices(paragraphs) -> list[ParagraphVoice]:
    """The voice of every paragraph of a document, in order.

    Args:
        paragraphs: :class:`~rhetoric.text.Paragraph` objects (anything with
            ``text``, ``kind`` and ``blockquote``).

    Returns:
        One :class:`ParagraphVoice` per paragraph; boilerplate gets an empty one.
    """
    pats = _pats()
    out: list[ParagraphVoice] = []
    run: _Run | None = None
    continued = False  # the paragraph before ended inside an open quotation
    prev_quoted = False  # the paragraph before was quoted as a whole (lead-in, block quote)
    close_ends_run = False
    lead_at: int | None = None  # the last lead-in paragraph, for a closing citation to reach back to
    paragraphs = list(paragraphs)
    for p in paragraphs:
        text = p.text
        if p.kind == "boilerplate" or not text.strip():
            out.append(ParagraphVoice())
            continued = False
            continue
        if p.kind == "heading":
            lead_at = None
        quotes = find_quotes(text, continued=continued)
        stretches: list[Stretch] = []
        for q in quotes:
            basis = "quote_marks"
            if q.start == 0 and text[:1] not in _OPEN_MARKS and not continued:
                basis = "unmatched_close"
            stretches.append(Stretch(q.start, q.end, basis))
        if not continued and (run is not None or prev_quoted):
            # A closing quote with no opener, after a lead-in or quoted paragraphs: quoted from the start.
            cont = find_quotes(text, continued=True)
            if cont and cont[0].start == 0 and text[:1] not in _OPEN_MARKS and (not quotes or quotes[0].start > 0):
                stretches.insert(0, Stretch(0, cont[0].end, "unmatched_close"))
                quotes = [cont[0]] + [q for q in quotes if q.start >= cont[0].end]
        unmatched = any(s.basis == "unmatched_close" for s in stretches)
        basis = ""
        lead = lead_in(text) if p.kind != "heading" else None
        if p.blockquote:
            basis = "block_quote"
        elif run is not None:
            if close_ends_run or _ends(run, text, p.kind, quotes, pats):
                run = None
            elif lead is not None and (
                lead.pronoun or not lead.has_verb or lead.names & run.names or lead.about_source
            ):
                run = None  # the author introduces a new quotation: this paragraph is the author's
            else:
                basis = "lead_in"
                if p.kind == "body" and (len(_words(text)) > 8 or text.rstrip()[-1:] in ".!?…\"”"):
                    run.bodies += 1  # a date or a title line right after the lead-in is the quoted piece's header
                if lead is not None:
                    run.nested = True  # "One explains:" inside the quotation
                    lead = None
        close_ends_run = False
        if run is not None and basis == "lead_in" and not run.document and text.lstrip()[:1] in _OPEN_MARKS:
            close_ends_run = True  # the speech is marked with quote marks: they, not the lead-in, say where it ends
        elif run is not None and basis == "lead_in" and unmatched and not run.document:
            if run.nested:
                run.nested = False
            else:
                close_ends_run = True  # "Mattis said:" ... 'destroy them.”' closes the speech
        cites = basis in ("", "lead_in") and not p.blockquote and _cites_back(text, pats)
        if cites and lead_at is not None and len(out) - lead_at <= _LEAD_REACH:
            # "... he says. (Ibid)": the pasted passage ends here, and began at the lead-in
            for j in range(lead_at + 1, len(out)):
                if out[j].basis == "" and paragraphs[j].kind == "body" and paragraphs[j].text.strip():
                    out[j] = ParagraphVoice("lead_in", out[j].stretches, out[j].quotes)
            basis = "lead_in"
            run, lead, close_ends_run = None, None, False
        if cites:
            lead_at = None  # a citation closes whatever passage was pending; alone, it quotes nothing
        elif basis == "" and lead_at is not None and _ends(_Run(frozenset(), True), text, p.kind, quotes, pats):
            lead_at = None  # the author's voice came back in between ("In other words", "I")
        if lead is not None and basis == "":
            run = _Run(lead.names, lead.document)
            lead_at = len(out)
        stretches.sort(key=lambda s: s.start)
        out.append(ParagraphVoice(basis, tuple(stretches), tuple(quotes)))
        continued = ends_open(text, quotes)
        prev_quoted = basis in ("lead_in", "block_quote") or (
            bool(stretches) and stretches[0].start == 0 and stretches[-1].end >= len(text.rstrip())
        )
    return out


_RELATIVES = frozenset({"which", "where"})


def _non_restrictive(doc, tok) -> bool:
    """Is ``tok`` the verb of a non-restrictive relative clause (", which ...", ", where ...")?

    Set off by a comma, such a clause adds the writer's comment or background
    to the sentence (Quirk et al. 1985, 17.22); inside reported words it is not
    the speaker's: "The company says the doors were checked, which would be a
    lot more convincing if ...".
    """
    # The parser hangs a sentential ", which ..." on the verb as an adverbial clause, too.
    if tok.dep_ not in ("relcl", "advcl"):
        return False
    first = doc[tok.left_edge.i]
    return first.lower_ in _RELATIVES and first.i > 0 and doc[first.i - 1].text == ","


def reported_speech(doc, i: int, attribution: set[int], clauses: set[int] = frozenset()) -> bool:
    """Is token ``i`` in a clause governed by an attribution verb ("said the figures *might* ...")?

    ``attribution`` holds the token indices of attribution verbs whose
    subject is not the author ("I said" is the author's own): the cue must sit
    in the verb's clausal complement (``ccomp``), not be the verb itself.
    ``clauses`` holds the heads of clauses that "according to X" modifies:
    everything in such a clause is reported, but the phrase itself.
    """
    tok = doc[i]
    if tok.i in clauses:
        return True
    steps = 0
    while tok.head is not tok and steps < 12:
        if _non_restrictive(doc, tok):
            return False  # ", which is either a lie", ", where some 30,000 live": the writer's aside
        head = tok.head
        if head.i in attribution and tok.dep_ in ("ccomp", "xcomp", "parataxis") and tok.i != head.i:
            return True
        if head.i in clauses and tok.dep_ != "prep":
            return True
        tok = head
        steps += 1
    return False
