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
