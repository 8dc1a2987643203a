"""Data minimisation, checked: every table and column the models have is in docs/dpia.md's data inventory with a
line of the retention schedule, every table is in app.services.retention.TABLES, and every schedule line named
anywhere exists in `[tool.orbit.retention]` with its reason in the DPIA. A new column of personal data cannot
arrive without a retention line and a DPIA entry: this test says exactly what to add, and where.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

import app.models  # noqa: F401 - every model, so the metadata holds the whole schema
from app.extensions import db
from app.services.retention import TABLES

ROOT = Path(__file__).resolve().parents[2]
DPIA = ROOT / "docs" / "dpia.md"
INVENTORY_HEADING = "## Data inventory"
REASONS_HEADING = "## Why each number"
REFERENCE = "reference"
WITH_THE_YOUNG_PERSON = "with the young person"
# A table emptied by its own short clock outside the schedule, which names where: "own clock: an hour (...)".
OWN_CLOCK = "own clock"
PERSONAL = ("yes", "no")
KEY = re.compile(r"\b[a-z][a-z0-9_]*_days\b")


def _schedule() -> dict[str, int]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["orbit"]["retention"]


def _section(heading: str) -> list[list[str]]:
    """The rows of the markdown table under `heading` (up to the next heading of the same level), as cells."""
    text = DPIA.read_text("utf-8")
    assert heading in text, f"docs/dpia.md needs a section headed {heading!r}"
    body = text.split(heading, 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in body.splitlines():
        line = line.strip()
        if not line.startswith("|") or set(line) <= set("|-: "):
            continue
        cells = [cell.strip().strip("`").strip() for cell in line.strip("|").split("|")]
        rows.append(cells)
    return rows[1:]  # the header row


def _inventory() -> dict[tuple[str, str], tuple[str, str]]:
    """(table, column) -> (personal data, retention), from one row per column."""
    found: dict[tuple[str, str], tuple[str, str]] = {}
    for cells in _section(INVENTORY_HEADING):
        assert len(cells) >= 4, f"docs/dpia.md inventory row needs table | column | personal data | retention: {cells}"
        table, column, personal, retention = cells[:4]
        assert (table, column) not in found, f"docs/dpia.md lists {table}.{column} twice"
        found[(table, column)] = (personal, retention)
    return found


def _keys(cell: str) -> set[str]:
    """The schedule lines a retention cell names: its keys, plus the young person's line for "with the young
    person"; "reference" for tables that hold no one's personal data."""
    if cell == REFERENCE:
        return {REFERENCE}
    if cell.startswith(OWN_CLOCK + ":") and len(cell) > len(OWN_CLOCK) + 2:
        return {OWN_CLOCK}
    keys = set(KEY.findall(cell))
    if WITH_THE_YOUNG_PERSON in cell:
        keys.add("young_person_after_25_days")
    return keys


def _columns() -> list[tuple[str, str]]:
    return [(table.name, column.name) for table in db.metadata.sorted_tables for column in table.columns]


def _row(table: str, column: str) -> str:
    retention = TABLES.get(table, "<schedule key from [tool.orbit.retention], or reference>")
    return f"| {table} | {column} | yes or no | {retention} |"


def test_every_table_names_the_schedule_line_that_covers_it() -> None:
    missing = [table.name for table in db.metadata.sorted_tables if table.name not in TABLES]
    assert missing == [], "add to TABLES in app/services/retention.py:\n" + "\n".join(
        f'    "{name}": "<schedule key from [tool.orbit.retention], or reference>",' for name in missing
    )
    gone = sorted(set(TABLES) - {table.name for table in db.metadata.sorted_tables})
    assert gone == [], f"TABLES in app/services/retention.py names tables the models no longer have: {gone}"


def test_every_schedule_key_used_exists_in_the_schedule() -> None:
    schedule = _schedule()
    for table, cell in TABLES.items():
        for key in _keys(cell) - {REFERENCE, OWN_CLOCK}:
            assert key in schedule, (
                f"TABLES[{table!r}] in app/services/retention.py names {key!r}: add `{key} = <days>` to "
                "[tool.orbit.retention] in pyproject.toml, or use a key that is there"
            )
        assert _keys(cell), (
            f"TABLES[{table!r}] in app/services/retention.py is {cell!r}: give a key from [tool.orbit.retention], "
            "'reference' (no one's personal data), or 'own clock: <how long> (<the code that deletes it>)'"
        )
    for (table, column), (_personal, cell) in _inventory().items():
        keys = _keys(cell)
        assert keys, (
            f"docs/dpia.md inventory: {table}.{column} needs a retention key, 'reference', 'with the young person' "
            "or 'own clock: ...'"
        )
        for key in keys - {REFERENCE, OWN_CLOCK}:
            assert key in schedule, (
                f"docs/dpia.md inventory: {table}.{column} names {key!r}, which is not in [tool.orbit.retention]"
            )


def test_every_column_is_in_the_dpia_inventory() -> None:
    inventory = _inventory()
    missing = [(table, column) for table, column in _columns() if (table, column) not in inventory]
    assert missing == [], (
        f"add these rows to the table under {INVENTORY_HEADING!r} in docs/dpia.md (personal data: yes or no; "
        "retention: the key from [tool.orbit.retention] that TABLES in app/services/retention.py gives the table):\n"
        + "\n".join(_row(table, column) for table, column in missing)
    )


def test_the_inventory_lists_nothing_the_models_do_not_have() -> None:
    stale = sorted(set(_inventory()) - set(_columns()))
    assert stale == [], "remove from docs/dpia.md's inventory (no such column): " + ", ".join(
        f"{t}.{c}" for t, c in stale
    )


def test_the_inventory_says_whether_each_column_is_personal_data_and_agrees_with_tables() -> None:
    for (table, column), (personal, cell) in _inventory().items():
        assert personal.split(",")[0].strip() in PERSONAL, (
            f"docs/dpia.md inventory: {table}.{column}: personal data must start with yes or no, not {personal!r}"
        )
        if table not in TABLES:
            continue  # reported by the test above, with what to add
        covering = _keys(TABLES[table])
        assert _keys(cell) <= covering, (
            f"docs/dpia.md inventory: {table}.{column} says {cell!r}, but TABLES[{table!r}] in "
            f"app/services/retention.py says {TABLES[table]!r}: make them agree"
        )
        if REFERENCE in covering:
            # A reference table may point at a member of staff (who edited it): that person's own line is
            # staff_who_left_days, on their account. Anything else personal needs a line of its own.
            assert personal.startswith("no") or personal == "yes, staff", (
                f"{table} is a reference table in TABLES, but docs/dpia.md says {table}.{column} is personal data: "
                "give the table a retention line"
            )


def test_every_schedule_line_has_its_number_and_its_reason_in_the_dpia() -> None:
    schedule = _schedule()
    reasons = {cells[0]: cells for cells in _section(REASONS_HEADING)}
    for key, days in schedule.items():
        assert key in reasons, (
            f"add a row `| {key} | {days} | <what it covers> | <why this many days> |` under "
            f"{REASONS_HEADING!r} in docs/dpia.md"
        )
        assert reasons[key][1].replace(",", "") == str(days), (
            f"docs/dpia.md says {key} is {reasons[key][1]} days, pyproject.toml says {days}: make them agree"
        )
        assert len(reasons[key]) >= 4 and reasons[key][3], f"docs/dpia.md: give the reason for {key}"
    extra = sorted(set(reasons) - set(schedule))
    assert extra == [], f"docs/dpia.md gives reasons for lines [tool.orbit.retention] does not have: {extra}"


@pytest.mark.parametrize(
    "cell", ["reference", "ended_sessions_days", "with the young person", "own clock: an hour (somewhere)"]
)
def test_retention_cells_are_read_as_schedule_keys(cell: str) -> None:
    assert _keys(cell)


@pytest.mark.parametrize("cell", ["", "an hour", "own clock:", "for ever", "reference, maybe"])
def test_a_retention_cell_that_names_no_line_is_not_accepted(cell: str) -> None:
    assert not _keys(cell)
