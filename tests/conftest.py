"""Shared fixtures for the test suite."""

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The repository's top folder (where pyproject.toml lives)."""
    return REPO_ROOT


@pytest.fixture(scope="session")
def raqqa_dir(repo_root: Path) -> Path:
    """The Raqqa corpus shipped with the repository (data/raqqa/)."""
    return repo_root / "data" / "raqqa"


@pytest.fixture(scope="session")
def analyzer():
    """The real scorer, loaded once for the whole session."""
    from rhetoric import Analyzer

    return Analyzer()


@pytest.fixture(scope="session")
def nlp(analyzer):
    """The spaCy pipeline the scorer uses."""
    return analyzer.nlp


def pytest_configure(config):
    # pyproject.toml registers "slow" and "notebook"; the browser tests add this one.
    config.addinivalue_line("markers", "browser: loads pages in headless Chromium with the network off")
