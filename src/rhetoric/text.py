"""Reading text: decoding, markup stripping with an offset map, paragraphs, boilerplate.

Everything the scorer reports is an offset into the *raw* text as it was read
(after decoding), so markup is never deleted from the record: it is skipped for
analysis through an :class:`OffsetMap` that sends every character of the clean
text back to the raw characters it came from.

Example:
    >>> doc = read_document("By Jane Roe\\n\\nThe **convoy** left [on Sunday](#).", doc_id="x")
    >>> [(p.kind, p.text) for p in doc.paragraphs]
    [('boilerplate', 'By Jane Roe'), ('body', 'The convoy left on Sunday.')]
    >>> p = doc.paragraphs[1]
    >>> doc.raw[p.start:p.end]
    'The **convoy** left [on Sunday](#).'
"""

from __future__ import annotations

import codecs
import errno
import fnmatch
import html
import os
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path


def _data(name: str) -> str:
    from importlib import resources

    return (resources.files("rhetoric") / "data" / name).read_text(encoding="utf-8")


def _word_class(name: str) -> frozenset[str]:
    """A word class of ``data/patterns.tsv`` (read here without the cue rules' modules)."""
    out = set()
    for line in _data("patterns.tsv").splitlines()[1:]:
        fields = line.split("\t")
        if len(fields) == 4 and fields[0] == name:
            out.add(fields[1])
    return frozenset(out)


def _boilerplate_rules() -> list[tuple[str, re.Pattern]]:
    """The boilerplate patterns of ``data/boilerplate.tsv``, in order (the first that matches names the reason)."""
    rules = []
    for n, line in enumerate(_data("boilerplate.tsv").splitlines()[1:], start=2):
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) != 4 or not fields[0] or not fields[1] or not fields[2]:
            raise ValueError(f"boilerplate.tsv:{n}: expected reason, pattern, source, note")
        rules.append((fields[0], re.compile(fields[1], re.I)))
    return rules


__all__ = [
    "Document",
    "Paragraph",
    "OffsetMap",
    "InputError",
    "read_document",
    "read_file",
    "decode_bytes",
    "strip_markup",
    "TEXT_SUFFIXES",
    "expand_paths",
    "split_paragraphs",
    "classify_paragraph",
]

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text", ".html", ".htm", ".xhtml")


class InputError(ValueError):
    """Raised for input that cannot be read as a text: binary, undecodable, empty."""


# ----------------------------------------------------------------------------
# Offset map
# ----------------------------------------------------------------------------


class OffsetMap:
    """Maps offsets in a clean text back to the raw text it was made from.

    The map is a list of segments. A *copy* segment maps clean characters one to
    one onto raw characters; a *replace* segment maps a clean string (possibly
    empty) onto a whole raw range (an entity, a tag that became a line break).
    """

    __slots__ = ("_clean_starts", "_raw_starts", "_raw_ends", "_copy", "clean_len", "raw_len")

    def __init__(self, raw_len: int) -> None:
        self._clean_starts: list[int] = []
        self._raw_starts: list[int] = []
        self._raw_ends: list[int] = []
        self._copy: list[bool] = []
        self.clean_len = 0
        self.raw_len = raw_len

    def _add(self, clean_len: int, raw_start: int, raw_end: int, copy: bool) -> None:
        if clean_len == 0:
            return
        self._clean_starts.append(self.clean_len)
        self._raw_starts.append(raw_start)
        self._raw_ends.append(raw_end)
        self._copy.append(copy)
        self.clean_len += clean_len

    def _seg(self, c: int) -> int:
        return bisect_right(self._clean_starts, c) - 1

    def raw_start(self, c: int) -> int:
        """Raw offset where clean character ``c`` starts."""
        if c >= self.clean_len:
            return self.raw_len
        i = self._seg(c)
        if self._copy[i]:
            return self._raw_starts[i] + (c - self._clean_starts[i])
        return self._raw_starts[i]

    def raw_end(self, c: int) -> int:
        """Raw offset just after clean character ``c - 1`` (an exclusive end)."""
        if c <= 0:
            return 0
        i = self._seg(c - 1)
        if self._copy[i]:
            return self._raw_starts[i] + (c - self._clean_starts[i])
        return self._raw_ends[i]

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Raw ``(start, end)`` of the clean range ``[start, end)``."""
        if end <= start:
            r = self.raw_start(start)
            return r, r
        return self.raw_start(start), self.raw_end(end)


# ----------------------------------------------------------------------------
# Decoding
# ----------------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Bytes that never occur in a text file (NUL aside, which is checked apart).
_BINARY_BYTES = set(range(0, 9)) | {11, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 28, 29, 30, 31}


def _line_numbers(lines: list[int]) -> str:
    """``3, 7, 9-12`` for a sorted list of 1-based line numbers (the first 20 runs)."""
    runs: list[list[int]] = []
    for n in lines:
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    shown = [f"{a}" if a == b else f"{a}-{b}" for a, b in runs[:20]]
    return ", ".join(shown) + (f" and {len(runs) - 20} more" if len(runs) > 20 else "")


def _decode_per_line(data: bytes, name: str, warnings: list[str] | None) -> tuple[str, str]:
    """Decode line by line: UTF-8 where a line is valid UTF-8, else Windows-1252 (else Latin-1).

    A file pasted together from a UTF-8 source and a Windows-1252 one is common
    in scraped corpora; decoding it whole as Windows-1252 would turn every
    UTF-8 quote mark into mojibake (and lose the quotations).
    """
    out: list[str] = []
    utf8_lines: list[int] = []
    other: dict[str, list[int]] = {"cp1252": [], "latin-1": []}
    for n, line in enumerate(data.splitlines(keepends=True), start=1):
        try:
            out.append(line.decode("utf-8"))
            if not line.isascii():
                utf8_lines.append(n)
            continue
        except UnicodeDecodeError:
            pass
        try:
            out.append(line.decode("cp1252"))
            other["cp1252"].append(n)
        except UnicodeDecodeError:
            out.append(line.decode("latin-1"))
            other["latin-1"].append(n)
    text = "".join(out)
    if not utf8_lines:
        used = "cp1252" if not other["latin-1"] else "latin-1"
        if used == "latin-1":
            # Whole-file Latin-1 (with C1 controls) is rare enough to deserve a word.
            text = data.decode("latin-1")
            if warnings is not None:
                warnings.append(f"{name}: not UTF-8 nor Windows-1252; decoded as Latin-1")
        else:
            text = data.decode("cp1252")
        return text, used
    if warnings is not None:
        for enc, label in (("cp1252", "Windows-1252"), ("latin-1", "Latin-1")):
            if other[enc]:
                warnings.append(
                    f"{name}: mixes UTF-8 with other bytes; line(s) {_line_numbers(other[enc])} "
                    f"are not UTF-8 and were decoded as {label}"
                )
    return text, "utf-8+cp1252"


def decode_bytes(
    data: bytes, encoding: str | None = None, *, name: str = "<bytes>", warnings: list[str] | None = None
) -> tuple[str, str]:
    """Decode ``data`` to text and say which encoding was used.

    With no ``encoding``: a byte-order mark wins, then strict UTF-8; a file
    that is not UTF-8 is decoded line by line, UTF-8 where a line is valid
    UTF-8 and Windows-1252 (else Latin-1) elsewhere. A file that mixes the two
    reports ``"utf-8+cp1252"`` and appends a message naming the lines to
    ``warnings`` (when given).

    Raises:
        InputError: the data look binary, the encoding is unknown or is not a
            text encoding (``rot13``, ``base64``, ``zlib``), or the data do
            not decode in the encoding asked for.

    >>> decode_bytes("“Yes”\n".encode() + "“No”\n".encode("cp1252"), warnings=(w := []))
    ('“Yes”\n“No”\n', 'utf-8+cp1252')
    >>> w
    ['<bytes>: mixes UTF-8 with other bytes; line(s) 2 are not UTF-8 and were decoded as Windows-1252']
    """
    if encoding is not None:
        try:
            info = codecs.lookup(encoding)
        except (LookupError, TypeError, ValueError):
            raise InputError(f"{name}: unknown encoding {encoding!r}") from None
        if not getattr(info, "_is_text_encoding", True):
            raise InputError(
                f"{name}: {encoding!r} is not a text encoding (it maps bytes to bytes or text to text)"
            )
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError as e:
            raise InputError(
                f"{name}: not valid {encoding} at byte {e.start}: {data[e.start : e.start + 8]!r}"
            ) from None
        except (LookupError, ValueError, TypeError) as e:
            raise InputError(f"{name}: cannot decode as {encoding!r} ({e})") from None
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as e:
                raise InputError(
                    f"{name}: starts with a {enc} byte-order mark but byte {e.start} is invalid"
                ) from None
    head = data[:65536]
    if b"\x00" in head:
        raise InputError(f"{name}: looks like a binary file (NUL bytes), not text")
    if head:
        odd = sum(1 for b in head if b in _BINARY_BYTES)
        if odd / len(head) > 0.01:
            raise InputError(
                f"{name}: looks like a binary file ({odd} control bytes in the first {len(head)}), not text"
            )
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _decode_per_line(data, name, warnings)


# ----------------------------------------------------------------------------
# Markup stripping
# ----------------------------------------------------------------------------

# Characters that are invisible or steer layout: dropped from the clean text.
_INVISIBLE = "\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"
# Characters that are spaces or breaks in disguise: become one plain space or newline.
_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t\x0b\x0c"
_BREAKS = "\r\u0085\u2028"
_PARA_BREAKS = "\u2029"

_RE_INVISIBLE = re.compile(f"[{_INVISIBLE}]+")
_RE_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
_RE_SPACES = re.compile(f"[{_SPACES}]")
_RE_BREAKS = re.compile(f"[{_BREAKS}]")
_RE_PARA_BREAKS = re.compile(f"[{_PARA_BREAKS}]")
_RE_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")

# Markdown, as scrapers leave it in plain text too. Every pattern here runs in
# linear time: no lazy run may cross the delimiter that would close it, so a
# failed match stops at the next delimiter instead of rescanning the line
# (160 KB of "**a " took minutes with the old patterns).
_RE_MD_LINK = re.compile(r"!?\[([^\[\]\n]*)\]\(([^()\s]*(?:\([^()\s]*\)[^()\s]*)?)(?:[ \t]+\"[^\"\n]*\")?\)")
_RE_MD_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^<>\s]+)>")
_RE_MD_STRONG = (
    re.compile(r"(?<![\w*])\*\*(?=[^\s*_])((?:[^*\n]|(?<!\*)\*(?!\*))+?)(?<=[^\s*_])\*\*(?!\w)"),
    re.compile(r"(?<![\w_])__(?=[^\s*_])((?:[^_\n]|(?<!_)_(?!_))+?)(?<=[^\s*_])__(?!\w)"),
)
# Emphasis may hold strong emphasis inside it: *As a consequence ... **thousands** ... al-Assad.*
_RE_MD_EM_STAR = re.compile(
    r"(?<![\w*\\])\*(?=[^\s*]|\*\*)((?:[^*\n]|\*\*[^*\n]+\*\*)+?)(?:(?<=[^\s*])|(?<=\*\*))\*(?![\w*])"
)
_RE_MD_EM_UNDER = re.compile(r"(?<![\w_\\])_(?=[^\s_])([^_\n]+?)(?<=[^\s_])_(?![\w_])")
# The heading's text is trimmed in Python: a regex for "text, then optional
# closing #s, then spaces" backtracks over every run of spaces.
_RE_MD_HEADING = re.compile(r"^[ ]{0,3}(#{1,6})[ \t]+(?=\S)([^\n]*)", re.M)
_RE_MD_QUOTE = re.compile(r"^[ ]{0,3}>[ \t]?", re.M)
_RE_MD_BULLET = re.compile(r"^[ ]{0,3}[-+*][ \t]+(?=\S)", re.M)
_RE_MD_ORDERED = re.compile(r"^[ ]{0,3}(\d{1,9})[.)][ \t]+(?=\S)", re.M)
_RE_MD_RULE = re.compile(r"^[ ]{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$", re.M)
_RE_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>$])")

# HTML.
_BLOCK_TAGS = (
    "p|div|br|hr|h[1-6]|li|ul|ol|dl|dt|dd|blockquote|section|article|header|footer|nav|aside|"
    "main|figure|figcaption|table|thead|tbody|tfoot|tr|td|th|pre|address|title|body|html|form|"
    "fieldset|legend|details|summary|caption"
)
# Element names a tag in markdown or plain text may carry (scrapers leave <u>, <em>, <br>):
# anything else in angle brackets (<John Smith>, <sic>, x<y and y>z) is text.
_KNOWN_TAGS = (
    _BLOCK_TAGS + "|a|abbr|b|bdi|bdo|big|center|cite|code|del|dfn|em|font|i|img|ins|kbd|mark|q|s|"
    "samp|small|span|strike|strong|sub|sup|time|tt|u|var|wbr|script|style|noscript|iframe|"
    "picture|source|video|audio|object|embed|svg|meta|link|head|input|button|label|select|option"
)
_RE_KNOWN_TAG = re.compile(rf"</?(?:{_KNOWN_TAGS})(?=[\s/>])(?:\s[^<>]*)?/?>", re.I)
_RE_HTML_DECL = re.compile(r"<![A-Za-z][^<>]*>|<\?[^<>]*\?>")
_RE_HTML_DROP_OPEN = re.compile(r"<(script|style|noscript|template|svg|head|iframe|object)\b[^<>]*>", re.I)
_RE_HTML_BLOCK = re.compile(rf"</?(?:{_BLOCK_TAGS})\b[^<>]*>", re.I)
_RE_HTML_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)((?:\s[^<>]*)?)/?>")
_RE_HREF = re.compile(r"\bhref\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", re.I)
_RE_CLASS_ID = re.compile(r"\b(?:class|id)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", re.I)
_RE_SHARE = re.compile(
    r"(?:^|[\s_-])(?:share|sharing|social|sharebar|share-?bar|social-?share)(?:$|[\s_-])", re.I
)
# Elements that are site furniture, not the article: their text becomes boilerplate.
_BOILERPLATE_ELEMENTS = {"nav": "nav", "header": "header", "footer": "footer", "aside": "aside"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass(frozen=True)
class _Edit:
    start: int
    end: int
    repl: str


@dataclass
class Markup:
    """What stripping found, in clean offsets: links, headings, block quotes, boilerplate elements."""

    links: list[tuple[int, int, str]] = field(default_factory=list)
    headings: list[tuple[int, int]] = field(default_factory=list)
    blockquotes: list[tuple[int, int]] = field(default_factory=list)
    list_items: list[int] = field(default_factory=list)
    boilerplate: list[tuple[int, int, str]] = field(default_factory=list)
    title: str = ""

    def links_in(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """Links that start in the clean range ``[start, end)``, found by bisection.

        ``links`` is sorted by start, so a scorer that asks this once per
        paragraph does work in proportion to links plus paragraphs, not
        their product.
        """
        starts = self._link_starts()
        lo = bisect_right(starts, start - 1)
        hi = bisect_right(starts, end - 1)
        return self.links[lo:hi]

    def _link_starts(self) -> list[int]:
        cached = self.__dict__.get("_starts")
        if cached is None or len(cached) != len(self.links):
            self.links.sort(key=lambda t: t[0])
            cached = [s for s, _, _ in self.links]
            self.__dict__["_starts"] = cached
        return cached


def _unicode_edits(raw: str, html_mode: bool) -> list[_Edit]:
    edits = [_Edit(m.start(), m.end(), "") for m in _RE_INVISIBLE.finditer(raw)]
    edits += [_Edit(m.start(), m.end(), " ") for m in _RE_CONTROL.finditer(raw)]
    edits += [_Edit(m.start(), m.end(), " ") for m in _RE_SPACES.finditer(raw)]
    if html_mode:
        edits += [_Edit(m.start(), m.end(), " ") for m in re.finditer(r"[\r\n\u0085\u2028]", raw)]
    else:
        edits += [
            _Edit(m.start(), m.end(), "\n")
            for m in _RE_BREAKS.finditer(raw)
            if not (raw[m.start()] == "\r" and raw[m.end() : m.end() + 1] == "\n")
        ]
        edits += [_Edit(m.start(), m.end(), "") for m in re.finditer(r"\r(?=\n)", raw)]
    edits += [_Edit(m.start(), m.end(), "\n\n") for m in _RE_PARA_BREAKS.finditer(raw)]
    for m in _RE_ENTITY.finditer(raw):
        repl = html.unescape(m.group())
        if repl != m.group():
            edits.append(_Edit(m.start(), m.end(), repl))
    return edits


def _comments(raw: str) -> list[_Edit]:
    """``<!-- ... -->`` comments, each closed; an unclosed ``<!--`` is left as text (nothing vanishes)."""
    edits = []
    pos = 0
    while True:
        s = raw.find("<!--", pos)
        if s < 0:
            break
        e = raw.find("-->", s + 4)
        if e < 0:
            break  # no later comment can close either
        edits.append(_Edit(s, e + 3, ""))
        pos = e + 3
    return edits


def _heading_text_end(raw: str, m: re.Match) -> int:
    """End of a markdown heading's text: trailing spaces and a closing run of #s are markup."""
    s, e = m.start(2), m.end(2)
    t = raw[s:e].rstrip(" \t")
    u = t.rstrip("#")
    if u != t and (not u or u[-1] in " \t"):
        u = u.rstrip(" \t")
        if u:
            t = u
    return s + len(t)


def _ordered_markers(raw: str, strict: bool) -> list[re.Match]:
    """Ordered-list markers that are markup.

    In markdown a list starts at 1 and counts up; a number that does not
    (``100. It may``, ``0. It may be``, ``2017. The year``) starts a sentence.
    """
    out = []
    prev = None  # number of the last marker taken
    last_end = 0
    for m in _RE_MD_ORDERED.finditer(raw):
        n = int(m.group(1))
        # A blank line followed by a line that is not a list item ends the list.
        between = raw[last_end : m.start()]
        if prev is not None and re.search(r"\n[ \t]*\n[ \t]*\S", between):
            prev = None
        if n == 1 or (prev is not None and n == prev + 1):
            out.append(m)
            prev = n
            last_end = m.end()
    return out


def _markdown_edits(raw: str, found: dict[str, list], plain: bool = False) -> list[_Edit]:
    """Edits for markdown; with ``plain`` (a .txt file), numbers, comments and unknown
    angle brackets are text and only markdown a scraper leaves behind is markup."""
    edits: list[_Edit] = []
    for m in _RE_MD_LINK.finditer(raw):
        edits.append(_Edit(m.start(), m.start(1), ""))
        edits.append(_Edit(m.end(1), m.end(), ""))
        found["links"].append((m.start(1), m.end(1), m.group(2)))
    for m in _RE_MD_AUTOLINK.finditer(raw):
        edits.append(_Edit(m.start(), m.start(1), ""))
        edits.append(_Edit(m.end(1), m.end(), ""))
        found["links"].append((m.start(1), m.end(1), m.group(1)))
    for rx in (*_RE_MD_STRONG, _RE_MD_EM_STAR, _RE_MD_EM_UNDER):
        for m in rx.finditer(raw):
            edits.append(_Edit(m.start(), m.start(1), ""))
            edits.append(_Edit(m.end(1), m.end(), ""))
    for m in _RE_MD_HEADING.finditer(raw):
        end = _heading_text_end(raw, m)
        edits.append(_Edit(m.start(), m.start(2), ""))
        if end < m.end():
            edits.append(_Edit(end, m.end(), ""))
        found["headings"].append((m.start(2), end))
        if not found.get("title"):
            found["title"] = raw[m.start(2) : end] if len(m.group(1)) == 1 else ""
    for m in _RE_MD_QUOTE.finditer(raw):
        edits.append(_Edit(m.start(), m.end(), ""))
        line_end = raw.find("\n", m.end())
        found["blockquotes"].append((m.end(), len(raw) if line_end < 0 else line_end))
    markers = list(_RE_MD_BULLET.finditer(raw))
    if not plain:
        markers += _ordered_markers(raw, True)
    for m in markers:
        edits.append(_Edit(m.start(), m.end(), ""))
        found["list_items"].append(m.end())
    for m in _RE_MD_RULE.finditer(raw):
        edits.append(_Edit(m.start(), m.end(), ""))
    for m in _RE_MD_ESCAPE.finditer(raw):
        edits.append(_Edit(m.start(), m.start() + 1, ""))
    if not plain:
        edits += _comments(raw)
    for m in _RE_KNOWN_TAG.finditer(raw):
        is_break = re.match(r"</?(?:br|p|div|li|h[1-6])\b", m.group(), re.I)
        edits.append(_Edit(m.start(), m.end(), "\n" if is_break else ""))
    return edits


def _attr(rx: re.Pattern, attrs: str) -> str | None:
    m = rx.search(attrs)
    if not m:
        return None
    return next(g for g in (m.group(1), m.group(2), m.group(3), "") if g is not None)


def _html_edits(raw: str, found: dict[str, list]) -> list[_Edit]:
    edits = _comments(raw)
    # CDATA sections and dropped elements (scripts, styles, <head>) are found
    # with str.find from where the last one ended: linear, unlike a lazy
    # ".*?" from every opening.
    pos = 0
    while (s := raw.find("<![CDATA[", pos)) >= 0:
        e = raw.find("]]>", s + 9)
        if e < 0:
            break
        edits.append(_Edit(s, e + 3, ""))
        pos = e + 3
    edits += [_Edit(m.start(), m.end(), "") for m in _RE_HTML_DECL.finditer(raw)]
    pos = 0
    while m := _RE_HTML_DROP_OPEN.search(raw, pos):
        close = re.compile(rf"</{m.group(1)}\s*>", re.I).search(raw, m.end())
        end = close.end() if close else len(raw)  # as a browser does: unclosed, it runs to the end
        if m.group(1).lower() == "head":
            t = re.search(r"<title\b[^<>]*>([^<]*)</title\s*>", raw[m.end() : end], re.I)
            if t and not found.get("title"):
                found["title"] = html.unescape(" ".join(t.group(1).split()))
        edits.append(_Edit(m.start(), end, "\n\n"))
        pos = end
    edits += [_Edit(m.start(), m.end(), "\n\n") for m in _RE_HTML_BLOCK.finditer(raw)]
    # Pair every opening tag with its closing tag through one stack per name:
    # one pass, so links, headings and block quotes cost linear time even when
    # an <a href> or <h1> is never closed.
    stacks: dict[str, list[tuple[int, int, str]]] = {}
    for m in _RE_HTML_TAG.finditer(raw):
        edits.append(_Edit(m.start(), m.end(), ""))
        name = m.group(2).lower()
        if name in _VOID or m.group(0).endswith("/>"):
            continue
        if not m.group(1):
            stacks.setdefault(name, []).append((m.start(), m.end(), m.group(3)))
            continue
        stack = stacks.get(name)
        if not stack:
            continue
        _, inner_start, attrs = stack.pop()
        inner_end = m.start()
        if name == "a":
            href = _attr(_RE_HREF, attrs)
            if href is not None:
                found["links"].append((inner_start, inner_end, html.unescape(href)))
        elif name in ("h1", "h2", "h3", "h4", "h5", "h6", "title"):
            found["headings"].append((inner_start, inner_end))
            if name == "title" and not found.get("title"):
                found["title"] = html.unescape(
                    " ".join(_RE_HTML_TAG.sub("", raw[inner_start:inner_end]).split())
                )
            if name == "h1" and not found.get("h1"):
                found["h1"] = html.unescape(
                    " ".join(_RE_HTML_TAG.sub("", raw[inner_start:inner_end]).split())
                )
        elif name == "blockquote":
            found["blockquotes"].append((inner_start, inner_end))
        if name in _BOILERPLATE_ELEMENTS:
            found["boilerplate"].append((inner_start, inner_end, _BOILERPLATE_ELEMENTS[name]))
        else:
            cls = _attr(_RE_CLASS_ID, attrs)
            if cls and _RE_SHARE.search(cls):
                found["boilerplate"].append((inner_start, inner_end, "share_bar"))
    return edits


def strip_markup(raw: str, markup: str = "markdown") -> tuple[str, OffsetMap, Markup]:
    """Strip markup from ``raw`` for analysis, keeping a map back to ``raw``.

    Args:
        raw: the text as read.
        markup: ``"markdown"``, ``"text"`` (plain text as scrapers leave it:
            markdown links, emphasis, headings and bullets are markup, but
            numbers starting a line, comments and words in angle brackets are
            text), ``"html"`` or ``"none"`` (only invisible characters and odd
            spaces are normalised).

    Returns:
        The clean text, its :class:`OffsetMap`, and the links, headings and
        block quotes found, in clean offsets.
    """
    if markup not in ("markdown", "text", "html", "none"):
        raise ValueError(f"markup must be 'markdown', 'text', 'html' or 'none', not {markup!r}")
    found: dict[str, list] = {
        "links": [],
        "headings": [],
        "blockquotes": [],
        "list_items": [],
        "boilerplate": [],
    }
    edits = _unicode_edits(raw, markup == "html")
    if markup in ("markdown", "text"):
        edits += _markdown_edits(raw, found, plain=markup == "text")
    elif markup == "html":
        edits += _html_edits(raw, found)
    # Earlier start first; at the same start the wider edit wins; overlaps are skipped.
    edits.sort(key=lambda e: (e.start, -(e.end - e.start)))
    omap = OffsetMap(len(raw))
    pieces: list[str] = []
    pos = 0
    for e in edits:
        if e.start < pos or e.end == e.start and not e.repl:
            continue
        if e.start > pos:
            pieces.append(raw[pos : e.start])
            omap._add(e.start - pos, pos, e.start, True)
        pieces.append(e.repl)
        omap._add(len(e.repl), e.start, e.end, False)
        pos = e.end
    if pos < len(raw):
        pieces.append(raw[pos:])
        omap._add(len(raw) - pos, pos, len(raw), True)
    clean = "".join(pieces)

    # Clean offsets of what was found: the raw start maps to the first clean
    # character at or after it.
    raw_to_clean = _RawToClean(omap)
    result = Markup()
    for s, e, url in found["links"]:
        cs, ce = raw_to_clean(s), raw_to_clean(e)
        if ce > cs:
            result.links.append((cs, ce, url))
    for key in ("headings", "blockquotes"):
        for s, e in found[key]:
            cs, ce = raw_to_clean(s), raw_to_clean(e)
            if ce > cs:
                getattr(result, key).append((cs, ce))
    result.list_items = [raw_to_clean(s) for s in found["list_items"]]
    for s, e, reason in found["boilerplate"]:
        cs, ce = raw_to_clean(s), raw_to_clean(e)
        if ce > cs:
            result.boilerplate.append((cs, ce, reason))
    result.links.sort(key=lambda t: t[0])
    result.title = found.get("title") or found.get("h1") or ""
    return clean, omap, result


class _RawToClean:
    """The inverse of an OffsetMap, for the few raw offsets markup detection yields."""

    def __init__(self, omap: OffsetMap) -> None:
        self.omap = omap

    def __call__(self, r: int) -> int:
        o = self.omap
        i = bisect_right(o._raw_starts, r) - 1
        if i < 0:
            return 0
        cs = o._clean_starts[i]
        if o._copy[i]:
            if r < o._raw_ends[i]:
                return cs + (r - o._raw_starts[i])
            nxt = o._clean_starts[i + 1] if i + 1 < len(o._clean_starts) else o.clean_len
            return nxt
        nxt = o._clean_starts[i + 1] if i + 1 < len(o._clean_starts) else o.clean_len
        return cs if r == o._raw_starts[i] else nxt


# ----------------------------------------------------------------------------
# Paragraphs
# ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Paragraph:
    """One paragraph: where it is in the raw text, and its clean text.

    Attributes:
        index: 0-based position in the document.
        start, end: raw offsets; ``raw[start:end]`` is the paragraph as written.
        clean_start, clean_end: offsets in the document's clean text.
        text: the clean text used for analysis (line breaks made spaces, so it
            has the same length as ``clean[clean_start:clean_end]``).
        kind: ``"body"``, ``"heading"`` or ``"boilerplate"``.
        reason: why it is a heading or boilerplate (``"byline"``, ...), else ``""``.
        blockquote: marked up as a block quote (markdown ``>`` or ``<blockquote>``).
        joined: it was rejoined from pieces broken mid-sentence.
    """

    index: int
    start: int
    end: int
    clean_start: int
    clean_end: int
    text: str
    kind: str = "body"
    reason: str = ""
    blockquote: bool = False
    joined: bool = False


@dataclass
class Document:
    """A text as read: the raw string, its clean text and paragraphs."""

    doc_id: str
    raw: str
    clean: str
    offsets: OffsetMap
    markup: Markup
    paragraphs: list[Paragraph]
    encoding: str = "utf-8"
    path: str | None = None
    #: From ``<title>``, else the first ``<h1>`` (HTML) or first ``# `` heading (markdown).
    title: str = ""
    #: What reading noticed but did not refuse (lines decoded as Windows-1252, ...).
    warnings: list[str] = field(default_factory=list)

    def to_raw(self, clean_start: int, clean_end: int) -> tuple[int, int]:
        """Raw offsets of a clean range."""
        return self.offsets.to_raw(clean_start, clean_end)


_TERMINAL = ".!?:;…"
_CLOSERS = "\"'”’»)]"
_OPENERS = "“‘«„(["


def _lines(clean: str) -> list[tuple[int, int, int]]:
    """Non-blank lines as ``(start, end, breaks_before)``, stripped of edge spaces.

    ``breaks_before`` is the number of line breaks since the previous
    non-blank line: 2 or more means a blank line separates them.
    """
    out = []
    prev_end = 0
    for m in re.finditer(r"[^\n]+", clean):
        line = m.group()
        if not line.strip():
            continue
        lead = len(line) - len(line.lstrip())
        trail = len(line) - len(line.rstrip())
        breaks = clean.count("\n", prev_end, m.start()) if out else 2
        out.append((m.start() + lead, m.end() - trail, breaks))
        prev_end = m.end()
    return out


def _ends_sentence(s: str) -> bool:
    s = s.rstrip(_CLOSERS + " ")
    return bool(s) and s[-1] in _TERMINAL


def _looks_wrapped(block: list[tuple[int, int, int]], clean: str) -> bool:
    """Is a multi-line block one hard-wrapped paragraph rather than one paragraph a line?"""
    inner = block[:-1]
    if sorted(e - s for s, e, _ in block)[len(block) // 2] < 40:
        return False  # short lines: a byline over a date, an address, a list
    unfinished = sum(1 for s, e, _ in inner if not _ends_sentence(clean[s:e]))
    return unfinished * 2 > len(inner)


def _broken_mid_sentence(prev: str, nxt: str) -> bool:
    """Was a sentence split across two paragraphs (seed 003: "It comes" / "down to")?"""
    p = prev.rstrip()
    if not p or not nxt:
        return False
    last = p[-1]
    if last in "“‘«„" or (last in "\"'" and (len(p) == 1 or p[-2] == " ")):
        return True  # ends on an opening quote
    if last in _TERMINAL or last in _CLOSERS:
        return False
    first_word = nxt.split(None, 1)[0]
    if (
        "@" in first_word
        or "." in first_word.rstrip(".,;:")
        or (first_word.lower() == "by" and word_count(nxt) <= 8)
    ):
        return False  # an address, or a byline under a title
    if p.rsplit(None, 1)[-1].lower() in _DANGLING:
        return True  # "To contact the WSWS and the" / "Socialist Equality Party"
    first = nxt.lstrip("“‘\"'«„([ ")[:1]
    return bool(first) and first.islower() and (last.isalnum() or last in ",-–—")


# Words a sentence cannot end on.
_DANGLING = _word_class("dangling_word")


def split_paragraphs(clean: str, markup: Markup | None = None) -> list[tuple[int, int, bool]]:
    """Clean-text ranges of the paragraphs, as ``(start, end, joined)``.

    Blank lines always separate paragraphs. Inside a block of lines with no
    blank line, each line is a paragraph (seed 004 style) unless most lines stop
    mid-sentence, which means the text was hard-wrapped. Markdown list items
    are paragraphs of their own. Finally, a paragraph that stops mid-sentence is
    rejoined with the next one when that one carries on in lower case.
    """
    lines = _lines(clean)
    list_starts = set(markup.list_items) if markup else set()
    heading_starts = {s for s, _ in markup.headings} if markup else set()
    blocks: list[list[tuple[int, int, int]]] = []
    for ln in lines:
        if ln[2] >= 2 or not blocks or ln[0] in list_starts or ln[0] in heading_starts:
            blocks.append([ln])
        else:
            blocks[-1].append(ln)
    paras: list[tuple[int, int, bool]] = []
    for block in blocks:
        if len(block) > 1 and _looks_wrapped(block, clean):
            paras.append((block[0][0], block[-1][1], False))
        else:
            paras.extend((s, e, False) for s, e, _ in block)
    f_starts, f_ends, _ = _furniture(markup.boilerplate if markup else [])

    def region(s: int) -> int:
        # Which boilerplate element (<nav>, <footer>...) a paragraph starts in, -1 for none:
        # a sentence is never rejoined across the edge of one.
        k = bisect_right(f_starts, s) - 1
        return k if k >= 0 and s < f_ends[k] else -1

    merged: list[tuple[int, int, bool]] = []
    for s, e, j in paras:
        if (
            merged
            and s not in heading_starts
            and s not in list_starts
            and merged[-1][0] not in heading_starts
            and region(s) == region(merged[-1][0])
            and _broken_mid_sentence(clean[merged[-1][0] : merged[-1][1]], clean[s:e])
        ):
            ps, _, _ = merged[-1]
            merged[-1] = (ps, e, True)
        else:
            merged.append((s, e, j))
    return merged


# ----------------------------------------------------------------------------
# Boilerplate
# ----------------------------------------------------------------------------

_MONTHS = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_DATE = rf"(?:{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|{_MONTHS}\s+\d{{4}})"
_RE_DATE = re.compile(_DATE, re.I)
_RE_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_RE_URLISH = re.compile(r"^(?:https?://|www\.)?[\w-]+(?:\.[\w-]+)+(?:/\S*)?$", re.I)

# (reason, pattern on the whole clean paragraph). Order matters: first hit wins.
_BOILERPLATE_RULES: list[tuple[str, re.Pattern]] = _boilerplate_rules()
_RE_BIO_LABEL = next(rx for reason, rx in _BOILERPLATE_RULES if reason == "author_bio_label")


_RE_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def word_count(s: str) -> int:
    """Words in a text, as the boilerplate rules and boilerplate rows count them."""
    return len(_RE_WORD.findall(s))


def classify_paragraph(text: str, position: int, total: int, prev_kind: str | None = None) -> tuple[str, str]:
    """Say whether a paragraph is ``body``, ``heading`` or ``boilerplate``, and why.

    Args:
        text: the clean paragraph text.
        position: its index in the document; ``total``: how many there are.
        prev_kind: ``"author_bio_label"`` when the paragraph before was an
            "About the author" label, whose bio this paragraph then is.

    Returns:
        ``(kind, reason)``.
    """
    t = text.strip()
    if len(t) > 4000:
        return "body", ""  # site furniture is short; the longest disclaimer seen is ~1,000 characters
    words = word_count(t)
    if prev_kind == "author_bio_label" and words > 0:
        return "boilerplate", "author_bio"
    if _RE_EMAIL.fullmatch(t) or (_RE_URLISH.match(t) and " " not in t):
        return "boilerplate", "contact"
    for reason, rx in _BOILERPLATE_RULES:
        if rx.search(t):
            if reason == "caption" and (words > 12 or _ends_sentence(t)):
                continue
            if reason == "author_bio_label":
                return "boilerplate", "author_bio"
            return "boilerplate", reason
    if _RE_EMAIL.search(t) and words <= 12:
        return "boilerplate", "contact"
    near_edge = position < 6 or position >= total - 3
    if near_edge and words <= 12 and _RE_DATE.search(t) and not _ends_sentence(t):
        return "boilerplate", "dateline"
    if position < 6 and 2 <= words <= 5 and not _ends_sentence(t) and all(w[:1].isupper() for w in t.split()):
        return "boilerplate", "byline" if position > 0 else "headline"
    return "body", ""


def _furniture(boilerplate: list[tuple[int, int, str]]) -> tuple[list[int], list[int], list[str]]:
    """Disjoint clean ranges of boilerplate elements (an outer element wins), sorted."""
    starts: list[int] = []
    ends: list[int] = []
    reasons: list[str] = []
    for s, e, reason in sorted(boilerplate, key=lambda t: (t[0], -t[1])):
        if ends and s < ends[-1]:
            continue
        starts.append(s)
        ends.append(e)
        reasons.append(reason)
    return starts, ends, reasons


def _classify_all(
    paras: list[Paragraph],
    headings: list[tuple[int, int]],
    boilerplate: list[tuple[int, int, str]] = (),
) -> list[Paragraph]:
    out: list[Paragraph] = []
    heading_starts = {s for s, _ in headings}
    f_starts, f_ends, f_reasons = _furniture(list(boilerplate))
    seen_body = False
    total = len(paras)
    prev_reason = None
    for p in paras:
        kind, reason = classify_paragraph(p.text, p.index, total, prev_reason)
        if kind == "boilerplate" and reason == "headline":
            kind = "heading"
        k = bisect_right(f_starts, p.clean_start) - 1
        if k >= 0 and p.clean_end <= f_ends[k] + 1:
            # Inside <nav>, <footer>, <aside>, a share bar; a heading in a <header> stays a heading.
            if not (f_reasons[k] == "header" and p.clean_start in heading_starts):
                kind, reason = "boilerplate", f_reasons[k]
        if kind == "body":
            words = word_count(p.text)
            t = p.text.strip()
            if p.clean_start in heading_starts:
                kind, reason = "heading", "markup"
            elif (
                not seen_body
                and words
                and words <= 25
                and (not _ends_sentence(t) or t.endswith(("...", "…", "?", "!")))
            ):
                kind, reason = "heading", "headline"
            elif (
                words and words <= 12 and not _ends_sentence(t) and t[-1:] not in ",“‘\"'" and _title_case(t)
            ):
                kind, reason = "heading", "subhead"
            else:
                seen_body = seen_body or words > 0
        out.append(
            Paragraph(
                p.index,
                p.start,
                p.end,
                p.clean_start,
                p.clean_end,
                p.text,
                kind,
                reason,
                p.blockquote,
                p.joined,
            )
        )
        prev_reason = "author_bio_label" if _RE_BIO_LABEL.search(p.text.strip()) else reason
    return out


_SMALL_WORDS = _word_class("small_word")


def _title_case(t: str) -> bool:
    ws = re.findall(r"[^\W\d_][\w'’-]*", t)
    if len(ws) < 2:
        return False
    caps = sum(1 for w in ws if w[0].isupper())
    return caps >= len([w for w in ws if w.lower() not in _SMALL_WORDS])


# ----------------------------------------------------------------------------
# Entry points
# ----------------------------------------------------------------------------


def _markup_for(path: str | None, markup: str) -> str:
    """``.html`` is HTML, ``.txt`` plain text (with a scraper's markdown), anything else markdown."""
    if markup != "auto":
        return markup
    suffix = Path(path).suffix.lower() if path else ""
    if suffix in (".html", ".htm", ".xhtml"):
        return "html"
    if suffix in (".txt", ".text"):
        return "text"
    return "markdown"


_RE_SURROGATE = re.compile("[\ud800-\udfff]")
_RE_NAME_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def display_name(name: str) -> str:
    """A file name fit to print and to store: bytes that are not UTF-8 become U+FFFD.

    Python carries such bytes as lone surrogates (``surrogateescape``), which
    no UTF-8 writer (a CSV, Parquet, the terminal) accepts. Control characters
    (a line break in a name) are written as escapes.
    """
    if _RE_SURROGATE.search(name):
        name = name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    # A line break or escape sequence in a name would break the one-line message (or the terminal).
    return _RE_NAME_CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), name)


def read_document(
    text: str, doc_id: str = "doc", *, markup: str = "auto", path: str | None = None, encoding: str = "utf-8"
) -> Document:
    """Build a :class:`Document` from a string.

    Args:
        text: the raw text.
        doc_id: an identifier carried into every row.
        markup: ``"auto"`` (HTML for ``.html`` paths, plain text for
            ``.txt``, else markdown), ``"markdown"``, ``"text"``, ``"html"``
            or ``"none"``.
        path: where the text came from, if anywhere.

    Raises:
        InputError: the text is empty, holds no visible characters, or holds
            lone surrogates (half of a UTF-16 pair: not text, and no UTF-8
            output can carry it).
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}; use read_file() for files")
    name = display_name(path or str(doc_id))
    bad = _RE_SURROGATE.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        raise InputError(
            f"{name}: lone surrogate U+{ord(bad.group()):04X} at character {bad.start()} (line {line}): "
            "not valid Unicode text; decode the source with errors='replace' or fix it"
        )
    if not text.strip():
        raise InputError(f"{name}: the document is empty")
    clean, omap, found = strip_markup(text, _markup_for(path, markup))
    ranges = split_paragraphs(clean, found)
    if not ranges:
        raise InputError(f"{name}: the document holds no text once markup is removed")
    paras: list[Paragraph] = []
    quotes = found.blockquotes
    for i, (cs, ce, joined) in enumerate(ranges):
        rs, re_ = omap.to_raw(cs, ce)
        ptext = re.sub(r"[\n\r]", " ", clean[cs:ce])
        inq = any(qs <= cs and ce <= qe + 1 for qs, qe in quotes)
        paras.append(Paragraph(i, rs, re_, cs, ce, ptext, blockquote=inq, joined=joined))
    paras = _cover_raw(paras, text)
    paras = _classify_all(paras, found.headings, found.boilerplate)
    return Document(doc_id, text, clean, omap, found, paras, encoding=encoding, path=path, title=found.title)


def _cover_raw(paras: list[Paragraph], raw: str) -> list[Paragraph]:
    """Stretch raw extents so that every non-blank raw character is in one paragraph.

    Markup between paragraphs (``**`` before the first word, ``</p>`` tags)
    goes to the paragraph that follows it; markup after the last one to the last.
    """
    out = []
    prev_end = 0
    for i, p in enumerate(paras):
        gap = raw[prev_end : p.start]
        lead = len(gap) - len(gap.lstrip())
        start = prev_end + lead if gap.strip() else p.start
        end = p.end
        if i == len(paras) - 1:
            tail = raw[end:]
            if tail.strip():
                end = len(raw.rstrip())
        out.append(
            Paragraph(
                p.index,
                min(start, p.start),
                end,
                p.clean_start,
                p.clean_end,
                p.text,
                p.kind,
                p.reason,
                p.blockquote,
                p.joined,
            )
        )
        prev_end = end
    return out


def read_file(
    path: str | Path, doc_id: str | None = None, *, encoding: str | None = None, markup: str = "auto"
) -> Document:
    """Read a ``.txt``, ``.md`` or ``.html`` file into a :class:`Document`.

    Raises:
        InputError: missing, binary, undecodable or empty file.
    """
    p = Path(path)
    name = display_name(str(p))
    if p.is_dir():
        raise InputError(f"{name}: is a folder; pass the files in it (the CLI does this for you)")
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{name}: {_missing(p)}") from None
    except OSError as e:
        raise InputError(f"{name}: {_os_problem(e)}") from None
    warnings: list[str] = []
    text, used = decode_bytes(data, encoding, name=name, warnings=warnings)
    doc = read_document(text, display_name(doc_id or p.stem), markup=markup, path=str(p), encoding=used)
    doc.warnings.extend(warnings)
    return doc


def _os_problem(e: OSError) -> str:
    if e.errno == errno.ELOOP:
        return "a symbolic link loop (the link points back at itself)"
    if e.errno == errno.EACCES or isinstance(e, PermissionError):
        return "cannot be read (permission denied)"
    return f"cannot be read ({e.strerror or e})"


def _missing(p: Path) -> str:
    """Why ``p`` cannot be found: a loop, a broken link, or not there."""
    try:
        os.stat(p)
    except OSError as e:
        if e.errno == errno.ELOOP:
            return "a symbolic link loop (the link points back at itself)"
        if p.is_symlink():
            return f"a broken symbolic link (to {display_name(os.readlink(p))})"
    return "no such file"


#: Files a folder of articles holds that are not articles (matched on the name before the suffix).
NOT_ARTICLES = (
    "README", "LICENSE", "LICENCE", "COPYING", "CHANGELOG", "CHANGES", "HISTORY", "CONTRIBUTING",
    "AUTHORS", "NOTICE", "CODE_OF_CONDUCT", "SECURITY", "MANIFEST",
)  # fmt: skip


def _is_not_article(name: str) -> bool:
    stem = name.split(".", 1)[0].upper().replace("-", "_")
    return stem in NOT_ARTICLES


def _matches(rel: str, globs) -> bool:
    name = rel.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatchcase(rel, g) or fnmatch.fnmatchcase(name, g) for g in globs)


def _walk(top: Path, report) -> list[Path]:
    """Text files under ``top``, hidden entries skipped, symlinked folders not followed.

    Unlike ``Path.rglob``, which passes over a folder it cannot read without
    a word, every folder that cannot be listed and every link that leads
    nowhere is reported.
    """
    found: list[Path] = []
    stack = [top]
    while stack:
        d = stack.pop()
        try:
            with os.scandir(d) as it:
                entries = list(it)
        except OSError as e:
            report(f"{display_name(str(d))}: folder {_os_problem(e)}; the files in it were not read")
            continue
        for e in entries:
            if e.name.startswith("."):
                continue
            try:
                if e.is_dir(follow_symlinks=False):
                    stack.append(Path(e.path))
                    continue
                if os.path.splitext(e.name)[1].lower() not in TEXT_SUFFIXES:
                    continue
                if e.is_symlink():
                    try:
                        os.stat(e.path)
                    except OSError:
                        report(f"{display_name(e.path)}: {_missing(Path(e.path))}")
                        continue
                if e.is_file():
                    found.append(Path(e.path))
            except OSError as err:
                report(f"{display_name(e.path)}: {_os_problem(err)}")
    return sorted(found)


def expand_paths(
    paths: list[str | Path],
    *,
    include: tuple[str, ...] | list[str] = (),
    exclude: tuple[str, ...] | list[str] = (),
    problems: list[str] | None = None,
    notes: list[str] | None = None,
) -> list[Path]:
    """Files named by ``paths``: a folder stands for the articles under it.

    Text files are those ending in one of :data:`TEXT_SUFFIXES`; a folder is
    walked recursively in sorted order, skipping hidden entries and files that
    are not articles (README, LICENSE and the others in :data:`NOT_ARTICLES`,
    said in ``notes``). ``include`` globs (matched on the path below the
    folder or on the file name) keep only the files they match, README
    included; ``exclude`` globs leave files out. A file named directly is
    kept whatever its name or suffix.

    Args:
        problems: where to append folders that cannot be read, symbolic link
            loops and broken links inside folders; with ``None`` the first
            one raises.
        notes: where to append what was skipped on purpose.

    Raises:
        InputError: a path that does not exist, or a folder with no text file.

    >>> expand_paths(["data/raqqa"], notes=(n := []))[0].name  # doctest: +SKIP
    '000_4cfd2fefd0795d5b.txt'
    >>> n  # doctest: +SKIP
    ['data/raqqa: skipped README.md (not an article; --include to score it)']
    """

    def report(msg: str) -> None:
        if problems is None:
            raise InputError(msg)
        problems.append(msg)

    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        name = display_name(str(p))
        if p.is_dir():
            kept, skipped, excluded = [], [], 0
            for f in _walk(p, report):
                rel = f.relative_to(p).as_posix()
                if include and not _matches(rel, include):
                    continue
                if exclude and _matches(rel, exclude):
                    excluded += 1
                    continue
                if not include and _is_not_article(f.name):
                    skipped.append(display_name(rel))
                    continue
                kept.append(f)
            if notes is not None and skipped:
                it = "it" if len(skipped) == 1 else "them"
                notes.append(
                    f"{name}: skipped {', '.join(skipped)} (not an article; --include '*' to score {it})"
                )
            if notes is not None and excluded:
                notes.append(f"{name}: --exclude left out {excluded} file(s)")
            if not kept:
                why = f"folder holds no text file ({', '.join(TEXT_SUFFIXES)})"
                if skipped or excluded or include:
                    why = "folder holds no article to read once README/LICENSE and the --include/--exclude globs are applied"
                raise InputError(f"{name}: {why}")
            out.extend(kept)
        elif p.exists():
            out.append(p)
        else:
            why = _missing(p)
            raise InputError(f"{name}: {'no such file or folder' if why == 'no such file' else why}")
    return out
