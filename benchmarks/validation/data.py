"""Loaders for the human-annotated validation sets, and the plain word-list baselines.

The data live outside the repository (their licences forbid copying them in);
``benchmarks/validate.py`` takes the folder as ``--data``. Each loader reads one set's own
format and returns plain Python objects with character offsets into the text
that will be scored, so that every metric is computed on offsets.

Sets (folder names under the data root):

* ``certainty-pei-jurgens/dev.jsonl``: one finding a line, its mean certainty
  rating (1-6) and its split (train/val).
* ``hedge-wikiweasel/train.csv``: ``text,label`` (1 = uncertain).
* ``hedge-sfu-reviews/<DOMAIN>/*.xml``: tokens in ``<W>`` elements, cues in
  ``<cue type="speculation|negation">``; ``<C>`` and ``<xcope>`` wrap tokens too.
* ``attribution-polnear/<split>/text/*.txt`` and
  ``attribution-polnear/<split>/attributions/<article>_<annotator>.ann`` (brat).
* ``emotive-basil/articles/<year>/<id>_<n>.json`` (paragraphs of sentences) and
  ``emotive-basil/annotations/<year>/<id>_<n>_ann.json`` (spans with offsets
  into one sentence).
* ``lexicon-sources/*.txt``: the published word lists used as baselines.
"""

from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "SET_DIRS",
    "Sentence",
    "SfuSentence",
    "Article",
    "load_pei_jurgens",
    "load_wikiweasel",
    "load_sfu",
    "load_polnear",
    "load_basil",
    "read_wordlist",
    "PhraseMatcher",
    "inflections",
    "word_spans",
]

SET_DIRS = {
    "certainty": "certainty-pei-jurgens",
    "wikiweasel": "hedge-wikiweasel",
    "sfu": "hedge-sfu-reviews",
    "polnear": "attribution-polnear",
    "basil": "emotive-basil",
}


@dataclass
class Sentence:
    """One sentence-level item: its text, a label or rating, and a split."""

    id: str
    text: str
    label: float
    split: str = ""


# ----------------------------------------------------------------------------
# Pei & Jurgens (certainty ratings)
# ----------------------------------------------------------------------------


def load_pei_jurgens(root: Path) -> list[Sentence]:
    """Findings with their sentence-level certainty rating (1-6) and split."""
    out = []
    with open(root / SET_DIRS["certainty"] / "dev.jsonl", encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            r = json.loads(line)
            text = (r.get("finding") or "").strip()
            rating = r.get("sentence-level-certainty")
            if not text or rating is None:
                continue
            out.append(Sentence(str(r.get("id", len(out))), text, float(rating), str(r.get("split", ""))))
    return out


# ----------------------------------------------------------------------------
# WikiWeasel (CoNLL-2010 task 1, Wikipedia)
# ----------------------------------------------------------------------------


def load_wikiweasel(root: Path) -> list[Sentence]:
    """Sentences labelled 1 (uncertain) or 0 (certain), in file order."""
    out = []
    with open(root / SET_DIRS["wikiweasel"] / "train.csv", encoding="utf-8", newline="") as f:
        for k, r in enumerate(csv.DictReader(f)):
            text = (r.get("text") or "").strip()
            if not text:
                continue
            out.append(Sentence(f"ww{k}", text, float(r["label"])))
    return out


# ----------------------------------------------------------------------------
# SFU Review corpus (speculation cues)
# ----------------------------------------------------------------------------


@dataclass
class SfuSentence:
    """One review sentence rebuilt from its tokens.

    Attributes:
        id: ``DOMAIN/file#k``.
        text: the tokens joined with light detokenization ("ca" + "n't" -> "can't").
        tokens: ``(start, end)`` of each gold token in ``text``.
        cues: ``(type, [token indices], cue text)`` for every ``<cue>``.
    """

    id: str
    text: str
    tokens: list[tuple[int, int]]
    cues: list[tuple[str, list[int], str]] = field(default_factory=list)


_NO_SPACE_BEFORE = re.compile(r"^(?:[.,!?;:%)\]}]+|n't|'s|'re|'ve|'ll|'d|'m|’s)$", re.I)
_NO_SPACE_AFTER = {"(", "[", "{", "$"}


def _detok(words: list[str]) -> tuple[str, list[tuple[int, int]]]:
    parts: list[str] = []
    spans = []
    pos = 0
    prev = None
    for w in words:
        if prev is not None and not _NO_SPACE_BEFORE.match(w) and prev not in _NO_SPACE_AFTER:
            parts.append(" ")
            pos += 1
        spans.append((pos, pos + len(w)))
        parts.append(w)
        pos += len(w)
        prev = w
    return "".join(parts), spans


def _walk(el, words: list[str], cues: dict[str, tuple[str, list[int]]], open_cues: tuple[str, ...]) -> None:
    tag = el.tag
    if tag == "cue":
        cid = f"{el.get('ID')}:{len(cues)}"
        cues[cid] = (el.get("type", ""), [])
        open_cues = (*open_cues, cid)
    if tag == "W":
        w = (el.text or "").strip()
        if w:
            for cid in open_cues:
                cues[cid][1].append(len(words))
            words.append(w)
    for child in el:
        _walk(child, words, cues, open_cues)


def load_sfu(root: Path) -> list[SfuSentence]:
    """Every sentence of every review, with its speculation and negation cues."""
    out = []
    base = root / SET_DIRS["sfu"]
    for path in sorted(base.glob("*/*.xml")):
        tree = ET.parse(path)
        for k, sent in enumerate(tree.iter("SENTENCE")):
            words: list[str] = []
            cues: dict[str, tuple[str, list[int]]] = {}
            _walk(sent, words, cues, ())
            if not words:
                continue
            text, spans = _detok(words)
            s = SfuSentence(f"{path.parent.name}/{path.stem}#{k}", text, spans)
            for ctype, idx in cues.values():
                if idx:
                    s.cues.append((ctype, idx, " ".join(words[i] for i in idx)))
            out.append(s)
    return out


# ----------------------------------------------------------------------------
# Articles (PolNeAR, BASIL)
# ----------------------------------------------------------------------------


@dataclass
class Article:
    """A whole article with gold spans as character offsets into ``text``.

    ``gold`` holds one dict per annotation; the keys depend on the set:

    * PolNeAR: ``cue`` / ``source`` / ``content`` (lists of ``(start, end)``
      fragments, possibly empty), ``type`` (``Attribution`` or
      ``Attribution-no-source``), ``cue_text``, ``source_text``.
    * BASIL: ``span`` ``(start, end)``, ``bias`` (``lex``/``inf``), ``quote``
      (``yes``/``no``), ``txt``.
    """

    id: str
    text: str
    gold: list[dict]
    annotator: str = ""
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)


_ANN_T = re.compile(r"^(T\d+)\t(\S+) ([\d ;]+)\t(.*)$")


def _parse_ann(text: str, path: Path) -> list[dict]:
    ents: dict[str, tuple[str, list[tuple[int, int]], str]] = {}
    rels = []
    for line in text.splitlines():
        if line.startswith("T"):
            m = _ANN_T.match(line)
            if not m:
                continue
            frags = []
            for frag in m.group(3).split(";"):
                a, b = frag.split()
                frags.append((int(a), int(b)))
            ents[m.group(1)] = (m.group(2), frags, m.group(4))
        elif line.startswith("E"):
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 2:
                continue
            args = parts[1].split()
            rels.append(args)
    gold = []
    for args in rels:
        trig_type, trig = args[0].split(":", 1)
        if not trig_type.startswith("Attribution"):
            continue
        roles: dict[str, list[str]] = {}
        for a in args[1:]:
            if ":" in a:
                role, tid = a.split(":", 1)
                roles.setdefault(re.sub(r"\d+$", "", role), []).append(tid)

        def frags(role: str, roles=roles) -> list[tuple[int, int]]:
            return [f for tid in roles.get(role, []) if tid in ents for f in ents[tid][1]]

        def texts(role: str, roles=roles) -> str:
            return " ".join(ents[tid][2] for tid in roles.get(role, []) if tid in ents)

        cue = frags("Cue") or (ents[trig][1] if trig in ents else [])
        cue_text = texts("Cue") or (ents[trig][2] if trig in ents else "")
        gold.append(
            {
                "type": trig_type,
                "cue": cue,
                "source": frags("Source"),
                "content": frags("Content"),
                "cue_text": cue_text,
                "source_text": texts("Source"),
            }
        )
    return gold


def load_polnear(root: Path, split: str = "dev") -> list[Article]:
    """PolNeAR articles of one split with their attributions.

    Where an article was annotated by several people (the annotator-agreement
    articles), the file of the annotator whose code sorts first is used.
    """
    base = root / SET_DIRS["polnear"] / split
    by_article: dict[str, list[Path]] = {}
    for ann in sorted((base / "attributions").glob("*.ann")):
        stem, _, annotator = ann.stem.rpartition("_")
        by_article.setdefault(stem, []).append(ann)
    out = []
    for txt in sorted((base / "text").glob("*.txt")):
        anns = sorted(by_article.get(txt.stem, []), key=lambda p: p.stem.rpartition("_")[2])
        if not anns:
            continue
        text = txt.read_text(encoding="utf-8")
        ann = anns[0]
        gold = _parse_ann(ann.read_text(encoding="utf-8"), ann)
        out.append(Article(txt.stem, text, gold, annotator=ann.stem.rpartition("_")[2]))
    return out


def load_basil(root: Path) -> tuple[list[Article], int]:
    """BASIL articles rebuilt as text (paragraphs joined by a blank line,
    sentences by a space) with every bias span placed by its sentence offsets.

    Returns:
        The articles, and the number of spans that could not be placed.
    """
    base = root / SET_DIRS["basil"]
    out = []
    unplaced = 0
    for art_path in sorted((base / "articles").glob("*/*.json")):
        ann_path = base / "annotations" / art_path.parent.name / f"{art_path.stem}_ann.json"
        if not ann_path.exists():
            continue
        art = json.loads(art_path.read_text(encoding="utf-8"))
        ann = json.loads(ann_path.read_text(encoding="utf-8"))
        pieces: list[str] = []
        sents: list[tuple[int, str]] = []
        paras: list[tuple[int, int]] = []
        spans: list[tuple[int, int]] = []
        pos = 0
        for pi, para in enumerate(art.get("body-paragraphs", [])):
            if pi:
                pieces.append("\n\n")
                pos += 2
            pstart = pos
            for si, s in enumerate(para):
                if si:
                    pieces.append(" ")
                    pos += 1
                sents.append((pos, s))
                spans.append((pos, pos + len(s)))
                pieces.append(s)
                pos += len(s)
            paras.append((pstart, pos))
        text = "".join(pieces)
        gold = []
        for p in ann.get("phrase-level-annotations", []):
            txt, s, e = p.get("txt", ""), int(p.get("start", -1)), int(p.get("end", -1))
            hits = [off for off, st in sents if st[s:e] == txt and txt]
            if not hits:  # fall back to the first sentence that contains the text
                hits = [off + st.find(txt) - s for off, st in sents if txt and txt in st]
            if not hits:
                unplaced += 1
                continue
            off = hits[0]
            gold.append(
                {
                    "span": (off + s, off + e),
                    "bias": p.get("bias", ""),
                    "quote": p.get("quote", ""),
                    "txt": txt,
                    "polarity": p.get("polarity", ""),
                    "id": p.get("id", ""),
                }
            )
        out.append(Article(art_path.stem, text, gold, paragraphs=paras, sentences=spans))
    return out, unplaced


# ----------------------------------------------------------------------------
# Word lists and the plain matching baselines
# ----------------------------------------------------------------------------


def read_wordlist(path: Path) -> list[str]:
    """Lower-cased entries of a published list (``#`` lines are comments)."""
    out = []
    for line in Path(path).read_text(encoding="utf-8", errors="replace").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        out.append(" ".join(line.lower().split()))
    return out


_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def word_spans(text: str) -> list[tuple[int, int, str]]:
    """Words of ``text`` as ``(start, end, lowercase form)``; curly apostrophes become straight."""
    return [(m.start(), m.end(), m.group().lower().replace("’", "'")) for m in _WORD.finditer(text)]


_IRREGULAR = {
    "say": ["said"],
    "tell": ["told"],
    "find": ["found"],
    "think": ["thought"],
    "write": ["wrote", "written"],
    "see": ["saw", "seen"],
    "hear": ["heard"],
    "feel": ["felt"],
    "teach": ["taught"],
    "mean": ["meant"],
    "forget": ["forgot", "forgotten"],
    "swear": ["swore", "sworn"],
    "sing": ["sang", "sung"],
    "foretell": ["foretold"],
    "forbid": ["forbade", "forbidden"],
    "learn": ["learnt"],
    "spread": [],
    "read": [],
    "speak": ["spoke", "spoken"],
    "spoke": ["speak", "speaks", "speaking", "spoken"],
    "told": ["tell", "tells", "telling"],
    "show": ["shown"],
    "prove": ["proven"],
    "know": ["knew", "known"],
    "understand": ["understood"],
    "give": ["gave", "given"],
    "deny": ["denied", "denies"],
}
_VOWELS = set("aeiou")


def inflections(word: str) -> set[str]:
    """Crude English inflections of a lemma: -s/-es/-ies, -ed/-d/-ied, -ing, doubled
    final consonants ("admit" -> "admitted"), plus a few irregular verbs."""
    forms = {word}
    forms.update(_IRREGULAR.get(word, []))
    if word.endswith("e"):
        forms |= {word + "s", word + "d", word[:-1] + "ing"}
    elif word.endswith("y") and len(word) > 1 and word[-2] not in _VOWELS:
        forms |= {word[:-1] + "ies", word[:-1] + "ied", word + "ing"}
    elif word.endswith(("s", "sh", "ch", "x", "z")):
        forms |= {word + "es", word + "ed", word + "ing"}
    else:
        forms |= {word + "s", word + "ed", word + "ing"}
        if (
            len(word) >= 3
            and word[-1] not in _VOWELS | {"w", "x", "y"}
            and word[-2] in _VOWELS
            and word[-3] not in _VOWELS
        ):
            forms |= {word + word[-1] + "ed", word + word[-1] + "ing"}
    return forms


class PhraseMatcher:
    """Plain lower-case word and phrase matching: the baselines.

    Args:
        terms: words or phrases (lower case, single spaces).
        inflect: also match crude inflections of each term's first word.
    """

    def __init__(self, terms, *, inflect: bool = False) -> None:
        self.by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for t in terms:
            words = tuple(t.replace("’", "'").split())
            if not words:
                continue
            firsts = inflections(words[0]) if inflect else {words[0]}
            for f in firsts:
                self.by_first.setdefault(f, []).append(((f, *words[1:]), t))
        for c in self.by_first.values():
            c.sort(key=lambda x: -len(x[0]))

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Non-overlapping matches ``(start, end, term)``, longest first at each word."""
        ws = word_spans(text)
        out = []
        i = 0
        while i < len(ws):
            hit = None
            for words, term in self.by_first.get(ws[i][2], ()):
                k = len(words)
                if i + k <= len(ws) and all(ws[i + j][2] == words[j] for j in range(k)):
                    hit = (ws[i][0], ws[i + k - 1][1], term, k)
                    break
            if hit:
                out.append(hit[:3])
                i += hit[3]
            else:
                i += 1
        return out


class UnionMatcher:
    """Several :class:`PhraseMatcher` s as one (overlapping matches merged, first wins)."""

    def __init__(self, *matchers: PhraseMatcher) -> None:
        self.matchers = matchers

    def find(self, text: str) -> list[tuple[int, int, str]]:
        out: list[tuple[int, int, str]] = []
        for m in self.matchers:
            for s, e, t in m.find(text):
                if not any(s < oe and os < e for os, oe, _ in out):
                    out.append((s, e, t))
        return sorted(out)


def read_mpqa(path: Path, *, strong_only: bool = True) -> UnionMatcher:
    """The MPQA subjectivity clues (Wilson et al. 2005) as a matcher: entries marked
    ``stemmed1=y`` match crude inflections, the others their exact form."""
    exact, stemmed = set(), set()
    for line in Path(path).read_text(encoding="utf-8", errors="replace").splitlines():
        f = dict(kv.split("=", 1) for kv in line.split() if "=" in kv)
        if not f.get("word1") or (strong_only and f.get("type") != "strongsubj"):
            continue
        (stemmed if f.get("stemmed1") == "y" else exact).add(f["word1"].lower())
    return UnionMatcher(PhraseMatcher(sorted(exact)), PhraseMatcher(sorted(stemmed), inflect=True))
