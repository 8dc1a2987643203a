"""Every string in messages.pot is translated in each catalogue, placeholders survive, and the header says
whether a fluent speaker has checked it.

When this fails after new strings arrive: `make i18n`, then `.venv/bin/python app/i18n/after_update.py`
(it lists what to translate and puts back the X-Orbit-Reviewed field that `pybabel update` drops).
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
I18N = ROOT / "app" / "i18n"
# Every language configured in [tool.orbit] locales must have a complete catalogue: a configured language whose
# messages.po is missing fails here (it is never skipped), as does any catalogue on disk.
CONFIGURED = tuple(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["orbit"]["locales"])
SOURCE = "en"  # English is the msgids themselves
PLACEHOLDER = re.compile(r"%\((\w+)\)[#0\- +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")


def _locales() -> list[str]:
    found = {path.parent.parent.name for path in I18N.glob("*/LC_MESSAGES/messages.po")}
    return sorted((found | set(CONFIGURED)) - {SOURCE})


def _path(locale: str) -> Path:
    path = I18N / locale / "LC_MESSAGES" / "messages.po"
    assert path.exists(), f"{locale} is in [tool.orbit] locales but {path} is missing"
    return path


def _read(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle)


def _forms(value: str | tuple[str, ...] | None) -> tuple[str, ...]:
    if isinstance(value, tuple):
        return value
    return (value or "",)


def _ids(message: Message) -> tuple[str, ...]:
    return message.id if isinstance(message.id, tuple) else (message.id,)


class _Anything(dict):
    def __missing__(self, key: str) -> str:
        return "x"


def _formats(text: str) -> bool:
    """Whether `text % {...}` works, as Jinja's newstyle gettext does it to every string from a template."""
    try:
        text % _Anything()
    except (ValueError, TypeError, KeyError):
        return False
    return True


@pytest.fixture(scope="module")
def template() -> Catalog:
    return _read(I18N / "messages.pot")


def test_every_catalogue_is_a_configured_language() -> None:
    found = {path.parent.parent.name for path in I18N.glob("*/LC_MESSAGES/messages.po")}
    assert found <= set(CONFIGURED), f"catalogues for languages not in [tool.orbit] locales: {found - set(CONFIGURED)}"


def test_the_template_has_strings(template: Catalog) -> None:
    assert sum(1 for message in template if message.id) > 0


@pytest.mark.parametrize("locale", _locales())
def test_every_string_is_translated(locale: str, template: Catalog) -> None:
    path = I18N / locale / "LC_MESSAGES" / "messages.po"
    assert path.exists(), f"{path} is missing: pybabel init -i app/i18n/messages.pot -d app/i18n -l {locale}"
    catalog = _read(path)
    problems = []
    for wanted in template:
        if not wanted.id:
            continue
        found = catalog.get(wanted.id, context=wanted.context)
        if found is None:
            problems.append(f"missing: {wanted.id!r}")
            continue
        forms = _forms(found.string)
        if found.fuzzy:
            problems.append(f"fuzzy (not compiled): {wanted.id!r}")
        if not all(form.strip() for form in forms):
            problems.append(f"empty: {wanted.id!r}")
        elif isinstance(wanted.id, tuple) and len(forms) != catalog.num_plurals:
            problems.append(f"{len(forms)} plural forms, want {catalog.num_plurals}: {wanted.id!r}")
    assert not problems, f"{locale}: run `make i18n` and translate:\n" + "\n".join(problems)


@pytest.mark.parametrize("locale", _locales())
def test_placeholders_match(locale: str) -> None:
    catalog = _read(_path(locale))
    problems = []
    for message in catalog:
        if not message.id:
            continue
        wanted = {name for text in _ids(message) for name in PLACEHOLDER.findall(text)}
        source_formats = all(_formats(text) for text in _ids(message))
        for form in _forms(message.string):
            if not form:
                continue
            got = set(PLACEHOLDER.findall(form))
            if got != wanted:
                problems.append(f"{message.id!r}: wants {sorted(wanted)}, has {sorted(got)}")
            elif source_formats and not _formats(form):
                problems.append(f"{message.id!r}: a lone % in {form!r} (write %% for a percent sign)")
    assert not problems, f"{locale}:\n" + "\n".join(problems)


@pytest.mark.parametrize("locale", _locales())
def test_header_says_whether_checked(locale: str) -> None:
    text = _path(locale).read_text(encoding="utf-8")
    header = text.split("\n\n", 1)[0]
    field = re.search(r'^"X-Orbit-Reviewed: (yes|no)\\n"$', header, re.MULTILINE)
    assert field, f"{locale}: no X-Orbit-Reviewed header; run .venv/bin/python app/i18n/after_update.py"
    machine = "# Machine-assisted translation, not yet checked by a fluent speaker." in header
    assert (field.group(1) == "no") == machine, f"{locale}: X-Orbit-Reviewed disagrees with the top comment"
