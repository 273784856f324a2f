"""The Raqqa corpus is kept byte for byte as scraped: its artefacts are test input.

If a checksum here fails, the file was changed (an editor's trailing-newline fix,
a line-ending conversion, a "cleanup"). Restore it rather than update the hash.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

SHA256 = {
    "000_4cfd2fefd0795d5b.txt": "1d82160151d0adac3c3f4202718556f1b495c4ea5083d59b94cf329ff8391ef0",
    "001_d2059ae70f4b2c2d.txt": "bb9a3dcec7178a9934ebfffe66d8f613c5525ac5ff37fe79fddc91a00e1b166a",
    "002_23b412affb72eb31.txt": "d838cbb1782cee9d75798fa774db0667a52431f0905e0c1442f6e7b1627f3c23",
    "003_8e398962ef508d64.txt": "1d2916dd31aead99a737a48750d4072ac1a03a354fb9dbee72073051da1cc5bd",
    "004_a161571ce3939fcb.txt": "9d2a0a8fa64b5918b8f31f4608c77889b6171d35f612c9e6bfd0b9d2767401ac",
}


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_corpus_holds_exactly_the_five_articles(raqqa_dir: Path) -> None:
    present = sorted(p.name for p in raqqa_dir.glob("*.txt"))
    assert present == sorted(SHA256), f"data/raqqa/*.txt is {present}, expected {sorted(SHA256)}"


@pytest.mark.parametrize("name", sorted(SHA256))
def test_file_is_unchanged(raqqa_dir: Path, name: str) -> None:
    path = raqqa_dir / name
    assert path.is_file(), f"{name} is missing from data/raqqa/"
    assert _sha256(path) == SHA256[name], f"{name} changed: its sha256 is not the recorded one"


@pytest.mark.parametrize("name", sorted(SHA256))
def test_readme_records_the_checksum(raqqa_dir: Path, name: str) -> None:
    readme = (raqqa_dir / "README.md").read_text(encoding="utf-8")
    assert SHA256[name] in readme, f"data/raqqa/README.md does not give the sha256 of {name}"


@pytest.mark.parametrize("name", sorted(SHA256))
def test_file_is_byte_identical_to_the_seed(repo_root: Path, raqqa_dir: Path, name: str) -> None:
    seeds = repo_root.parent / "shared" / "seeds"
    if not seeds.is_dir():
        # A path relative to the checkout: a skip message names nothing outside the project.
        pytest.skip(
            "the seed files (../shared/seeds beside the checkout) are not here; they are only in the project's workspace"
        )
    seed = seeds / name
    assert seed.is_file(), f"{name} is not among the seeds in {seeds}"
    assert (raqqa_dir / name).read_bytes() == seed.read_bytes(), f"data/raqqa/{name} differs from {seed}"
