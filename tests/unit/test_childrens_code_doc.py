"""docs/childrens-code.md matches the code: it covers all 15 standards of the ICO's Children's Code, each standard
names at least one test, and every test it names exists (the file and the function)."""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "childrens-code.md"
STANDARDS = (
    "Best interests of the child",
    "Data protection impact assessments",
    "Age appropriate application",
    "Transparency",
    "Detrimental use of data",
    "Policies and community standards",
    "Default settings",
    "Data minimisation",
    "Data sharing",
    "Geolocation",
    "Parental controls",
    "Profiling",
    "Nudge techniques",
    "Connected toys and devices",
    "Online tools",
)
HEADING = re.compile(r"^## (\d+)\. (.+)$", re.MULTILINE)
TEST_REFERENCE = re.compile(r"(tests/[\w/]+\.py)::(\w+)")


def _sections() -> dict[str, str]:
    text = DOC.read_text("utf-8")
    found = {}
    matches = list(HEADING.finditer(text))
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        found[match.group(2).strip()] = text[match.end() : end]
    return found


@cache
def _test_functions(path: str) -> frozenset[str]:
    tree = ast.parse((ROOT / path).read_text("utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith("test_"):
            names.add(node.name)
    return frozenset(names)


def test_every_standard_has_its_own_section_in_the_codes_order() -> None:
    assert list(_sections()) == list(STANDARDS)
    numbers = [int(match.group(1)) for match in HEADING.finditer(DOC.read_text("utf-8"))]
    assert numbers == list(range(1, 16))


@pytest.mark.parametrize("standard", STANDARDS)
def test_every_standard_names_a_test(standard: str) -> None:
    section = _sections().get(standard, "")
    assert TEST_REFERENCE.search(section), f"docs/childrens-code.md: '{standard}' names no tests/...py::test_name"


def test_every_test_named_exists() -> None:
    missing = []
    for path, name in TEST_REFERENCE.findall(DOC.read_text("utf-8")):
        if not (ROOT / path).is_file():
            missing.append(f"{path} (no such file)")
        elif name not in _test_functions(path):
            missing.append(f"{path}::{name}")
    assert missing == [], f"docs/childrens-code.md names tests that do not exist: {missing}"


def test_every_path_named_exists() -> None:
    """Code paths in backticks (app/..., tests/..., docs/..., pyproject.toml) point at files or folders that exist.
    A service may be one module or a package of modules, so `app/services/people` names either."""
    missing = []
    for path in re.findall(r"`((?:app|tests|docs|migrations)/[\w/.\-]*)`", DOC.read_text("utf-8")):
        candidate = ROOT / path.split("::")[0]
        if not (candidate.exists() or candidate.with_suffix(".py").exists()):
            missing.append(path)
    assert missing == [], f"docs/childrens-code.md names paths that do not exist: {missing}"
