"""Run after `make i18n`: puts back the header field pybabel drops, and lists strings still to translate.

`pybabel update` rebuilds each catalogue's header from a fixed list of fields, so "X-Orbit-Reviewed" is lost on
every update. The comment at the top of each messages.po survives updates, so it is the record:

- "# Machine-assisted translation, not yet checked by a fluent speaker."  ->  X-Orbit-Reviewed: no
- "# Checked by a fluent speaker."  (put this line instead, once someone has)  ->  X-Orbit-Reviewed: yes

A catalogue with neither line (say, one just made by `pybabel init`) gets the machine-assisted line.

    make i18n                                   # extract, update the catalogues, compile
    .venv/bin/python app/i18n/after_update.py   # headers back; lists untranslated strings; exit 1 if any
    (translate what it lists in app/i18n/<locale>/LC_MESSAGES/messages.po, run it again, then)
    .venv/bin/pybabel compile -d app/i18n --statistics
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from babel.messages.pofile import read_po

HERE = Path(__file__).resolve().parent
MACHINE = "# Machine-assisted translation, not yet checked by a fluent speaker."
CHECKED = "# Checked by a fluent speaker."
FIELD = "X-Orbit-Reviewed"
_FIELD_LINE = re.compile(r'^"' + FIELD + r":[^\n]*\n", re.MULTILINE)


def catalogues() -> list[Path]:
    return sorted(HERE.glob("*/LC_MESSAGES/messages.po"))


def fix_header(text: str) -> str:
    """The catalogue's text with the top comment and the X-Orbit-Reviewed field in place (idempotent)."""
    top = text.split('msgid ""', 1)[0]
    if MACHINE not in top and CHECKED not in top:
        text = MACHINE + "\n" + text
        top = MACHINE + "\n" + top
    reviewed = "yes" if CHECKED in top and MACHINE not in top else "no"
    head, sep, rest = text.partition('msgid ""\nmsgstr ""\n')
    if not sep:
        raise SystemExit("no header entry found")
    block_end = 0
    for line in rest.splitlines(keepends=True):
        if not line.startswith('"'):
            break
        block_end += len(line)
    block, after = rest[:block_end], rest[block_end:]
    block = _FIELD_LINE.sub("", block)
    new_line = f'"{FIELD}: {reviewed}\\n"\n'
    marker = block.find('"Generated-By:')
    block = block[:marker] + new_line + block[marker:] if marker >= 0 else block + new_line
    return head + sep + block + after


def untranslated(path: Path) -> list[str]:
    with path.open("rb") as handle:
        catalog = read_po(handle)
    missing = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            missing.append(message.id if isinstance(message.id, str) else message.id[0])
    return missing


def main() -> int:
    status = 0
    for path in catalogues():
        text = path.read_text(encoding="utf-8")
        fixed = fix_header(text)
        if fixed != text:
            path.write_text(fixed, encoding="utf-8")
        locale = path.parent.parent.name
        missing = untranslated(path)
        print(f"{locale}: {len(missing)} to translate")
        for msgid in missing:
            print(f"  {msgid!r}")
        status = status or (1 if missing else 0)
    return status


if __name__ == "__main__":
    sys.exit(main())
