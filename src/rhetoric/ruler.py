"""The attribute ruler of spaCy's English pipelines, the same rules applied faster.

en_core_web_sm's attribute ruler maps each fine tag to its coarse tag and
morphology (56 rules like ``{"TAG": "NN"}`` -> POS NOUN), then applies 123
word rules ("ai n't" -> be, "that" tagged IN -> SCONJ). spaCy runs them
through its Matcher, whose set predicates (``{"IN": [...]}``) are tested in
Python at every token, then applies every match in Python: a third of the
parse on this project's machine (2.0 s of 6.1 s for 53,000 words of the
seeds; ``benchmarks/bench_score.py`` prices the whole pipeline).

The same rules in the same order give the same annotations as:

1. the word rules matched first (spaCy matches every rule before applying
   any), by :class:`RuleMatcher`, which tests the patterns on arrays and only
   where a rule's first word can start;
2. the tag rules, which come first in the ruler, applied as one table lookup
   on the tag column;
3. the word rules' matches applied by spaCy's own code, in its own order.

:func:`speed_up_attribute_ruler` swaps the class of the pipeline's ruler
(its rules, serialisation and settings are untouched). A rule outside the
simple form (an operator, an extension attribute, another predicate) sends
the whole ruler back to spaCy's matcher. ``tests/test_ruler.py`` checks the
annotations token by token against spaCy's component.
"""

from __future__ import annotations

import re

import numpy as np
from spacy.attrs import IDS, TAG
from spacy.pipeline import AttributeRuler

__all__ = ["RuleMatcher", "TableAttributeRuler", "speed_up_attribute_ruler"]

_RULE_ATTRS = ("ORTH", "LOWER", "NORM", "TAG", "DEP", "IS_SPACE")  # what the simple matcher can test
_TABLE_SETS = ("POS", "MORPH", "LEMMA")  # what a tag rule may set


def _tag_rules(ruler) -> int:
    """How many of the ruler's first rules are plain ``[{"TAG": tag}]`` rules that set only POS, MORPH or LEMMA."""
    sets = {IDS[a] for a in _TABLE_SETS}
    n = 0
    for k, attrs in enumerate(ruler.attrs):
        found = ruler.matcher.get(ruler.vocab.strings[str(k)])
        patterns = found[1] if found else None
        plain = (
            patterns
            and ruler.indices[k] == 0
            and all(len(p) == 1 and set(p[0]) == {"TAG"} and isinstance(p[0]["TAG"], str) for p in patterns)
            and attrs
            and set(attrs) <= sets
        )
        if not plain:
            break
        n += 1
    return n


def _compile_token(spec: dict, strings):
    """One token of a Matcher pattern as ``[(attr, op, value)]``, or ``None`` if it is not of the simple form."""

    def key(v):
        return int(v) if isinstance(v, bool) else strings.add(v) if isinstance(v, str) else None

    out = []
    for name, value in spec.items():
        name = "ORTH" if name.upper() == "TEXT" else name.upper()
        if name not in _RULE_ATTRS:
            return None
        if isinstance(value, dict):
            if len(value) != 1:
                return None
            ((op, arg),) = value.items()
            if op in ("IN", "NOT_IN") and isinstance(arg, list):
                keys = {key(v) for v in arg}
                if None in keys:
                    return None
                out.append((name, op, frozenset(keys)))
            elif op == "REGEX" and isinstance(arg, str) and name != "IS_SPACE":
                out.append((name, op, re.compile(arg)))
            else:
                return None
        else:
            k = key(value)
            if k is None:
                return None
            out.append((name, "==", k))
    return out


class RuleMatcher:
    """spaCy's Matcher for patterns of fixed length with tests on a few token attributes, on arrays."""

    def __init__(self, rules, strings) -> None:
        # rules: [(match_id, [pattern, ...])]
        self.strings = strings
        self.anchored: dict[str, dict[int, list]] = {}  # attr -> first-word value -> [(match_id, tokens)]
        self.loose: list = []  # patterns with no equality test on the first word's form
        self.ok = True
        for match_id, patterns in rules:
            for p in patterns:
                tokens = [_compile_token(t, strings) for t in p]
                if not tokens or any(t is None for t in tokens):
                    self.ok = False
                    return
                anchor = next(
                    (
                        (a, op, v)
                        for a, op, v in tokens[0]
                        if a in ("ORTH", "LOWER", "NORM") and op in ("==", "IN")
                    ),
                    None,
                )
                if anchor is None:
                    self.loose.append((match_id, tokens))
                    continue
                a, op, v = anchor
                for value in [v] if op == "==" else sorted(v):
                    self.anchored.setdefault(a, {}).setdefault(value, []).append((match_id, tokens))
        self.attrs = sorted({a for _, ts in self._all() for t in ts for a, _, _ in t} | set(self.anchored))
        self._keys = {a: np.array(sorted(d), dtype=np.uint64) for a, d in self.anchored.items()}

    def _all(self):
        yield from self.loose
        for d in self.anchored.values():
            for ps in d.values():
                yield from ps

    def _test(self, attr: str, op: str, value, v: int) -> bool:
        if op == "==":
            return v == value
        if op == "IN":
            return v in value
        if op == "NOT_IN":
            return v not in value
        return value.search(self.strings[v]) is not None  # REGEX, on the attribute's string

    def __call__(self, doc) -> list[tuple[int, int, int]]:
        """``(match_id, start, end)`` for every match, as ``Matcher(doc, as_spans=False)`` finds them."""
        n = len(doc)
        if not n or not self.attrs:
            return []
        arr = doc.to_array([IDS[a] for a in self.attrs]).reshape(n, -1)
        cols = {a: arr[:, k] for k, a in enumerate(self.attrs)}
        lists = {a: c.tolist() for a, c in cols.items()}
        out = []

        def whole(tokens, i) -> bool:
            return i + len(tokens) <= n and all(
                self._test(a, op, v, lists[a][i + j]) for j, t in enumerate(tokens) for a, op, v in t
            )

        for a, index in self.anchored.items():
            col = lists[a]
            for i in np.flatnonzero(np.isin(cols[a], self._keys[a])).tolist():
                for match_id, tokens in index[col[i]]:
                    if whole(tokens, i):
                        out.append((match_id, i, i + len(tokens)))
        for match_id, tokens in self.loose:
            if len(tokens) > n:
                continue
            ok = np.ones(n, dtype=bool)
            for j, t in enumerate(tokens):
                for a, op, v in t:
                    c = cols[a]
                    if op == "==":
                        m = c == v
                    elif op in ("IN", "NOT_IN"):
                        m = np.isin(c, np.fromiter(v, dtype="uint64", count=len(v)))
                        m = m if op == "IN" else ~m
                    else:
                        u, inv = np.unique(c, return_inverse=True)
                        m = np.array([self._test(a, op, v, x) for x in u.tolist()], dtype=bool)[inv]
                    ok[: n - j] &= m[j:]
                    if j:
                        ok[n - j :] = False
            out.extend((match_id, i, i + len(tokens)) for i in np.flatnonzero(ok).tolist())
        return out


class TableAttributeRuler(AttributeRuler):
    """spaCy's AttributeRuler, with its tag rules applied as one table lookup and the rest matched on arrays."""

    _table_key = None

    def _tables(self):
        key = (len(self.attrs), len(self.matcher))
        if self._table_key == key:
            return self._table
        n = _tag_rules(self)
        rules = []
        for k in range(n, len(self.attrs)):
            match_id = self.vocab.strings[str(k)]
            found = self.matcher.get(match_id)
            if found:
                rules.append((match_id, found[1]))
        rest = RuleMatcher(rules, self.vocab.strings)
        sets = [IDS[a] for a in _TABLE_SETS]
        if not rest.ok or set(rest.attrs) & set(_TABLE_SETS):
            n, rest = 0, None  # a rule outside the simple form: spaCy's matcher for all of them
        table: dict[int, dict[int, int]] = {}
        for k in range(n):
            for p in self.matcher.get(self.vocab.strings[str(k)])[1]:
                # a later rule overrides an earlier one, attribute by attribute, as spaCy applies them
                table.setdefault(self.vocab.strings.add(p[0]["TAG"]), {}).update(self.attrs[k])
        used = [a for a in sets if any(a in t for t in table.values())]
        tags = np.array(sorted(table), dtype=np.uint64)
        values = np.zeros((len(tags), len(used)), dtype=np.uint64)
        has = np.zeros((len(tags), len(used)), dtype=bool)
        for r, tag in enumerate(tags.tolist()):
            for c, attr in enumerate(used):
                if attr in table[tag]:
                    values[r, c], has[r, c] = table[tag][attr], True
        self._table = (tags, values, has, used, rest)
        self._table_key = key
        return self._table

    def __call__(self, doc):
        error_handler = self.get_error_handler()
        try:
            tags, values, has, used, rest = self._tables()
            if rest is None:
                matches = self.match(doc)
            else:
                # the rules are matched before any is applied, as spaCy does
                found = rest(doc)
                if len(doc) and used and len(tags):
                    current = doc.to_array([TAG] + used)
                    row = np.minimum(np.searchsorted(tags, current[:, 0]), len(tags) - 1)
                    take = has[row] & (tags[row] == current[:, 0])[:, None]
                    new = current[:, 1:]
                    new[take] = values[row][take]
                    doc.from_array(used, np.ascontiguousarray(new))
                matches = sorted((int(self.vocab.strings[m]), m, s, e) for m, s, e in found)
            self.set_annotations(doc, matches)
            return doc
        except Exception as e:
            return error_handler(self.name, self, [doc], e)


def speed_up_attribute_ruler(nlp) -> None:
    """Make the pipeline's attribute ruler a :class:`TableAttributeRuler` (same rules, same annotations, faster).

    A ruler that is not spaCy's own class (a subclass, a custom component) is left as it is.
    """
    if "attribute_ruler" not in nlp.pipe_names:
        return
    ruler = nlp.get_pipe("attribute_ruler")
    if type(ruler) is AttributeRuler:
        ruler.__class__ = TableAttributeRuler
