"""A queue a page at a time: due first, 25 a page, with its counts (total, overdue and any others) in one query."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, TypeVar

from sqlalchemy import Select, case, func, literal, union_all
from sqlalchemy.sql.elements import ColumnElement

from app import clock
from app.extensions import db
from app.services.work_queue.clocks import ClockState
from app.services.work_queue.items import Item

PAGE_SIZE = 25  # rows a page: what fits a phone's screen or two
K = TypeVar("K")


class Row:
    """A row of a queue's page as a template reads it: what the query selected, by the names the feature gave
    (row.request, row.young_person), and the item's clocks by their names (row.reply), with row.overdue."""

    def __init__(self, values: dict[str, Any], clocks: dict[str, ClockState]) -> None:
        self.__dict__.update(values)
        self.__dict__.update(clocks)
        self.clocks = clocks

    @property
    def overdue(self) -> bool:
        return any(c.overdue for c in self.clocks.values())


@dataclass(frozen=True)
class Page:
    """One page of a queue. `rows` are what the query selected (the item, or a tuple when it selects more), or
    Rows when page_of was given their names."""

    rows: list[Any]
    total: int
    overdue: int
    page: int
    pages: int
    now: datetime
    today: date
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def first_of_more(self) -> bool:
        """The first page of a queue that goes on: say how many of how many are shown."""
        return self.page == 1 and self.total > len(self.rows)


def count_of(clause: ColumnElement[bool]) -> ColumnElement[int]:
    return func.coalesce(func.sum(case((clause, 1), else_=0)), 0)


def _counting(item: Item, query: Select, now: datetime, today: date, *more: Any) -> Select:
    """`query` turned into its counts: how many rows it selects, how many of them are overdue, then `more`."""
    return query.with_only_columns(func.count(), count_of(item.overdue(now, today)), *more).order_by(None)


@dataclass(frozen=True)
class Waiting:
    """How much work a queue holds and how much of it is overdue: for a link to the queue that says so."""

    total: int
    overdue: int


@dataclass(frozen=True)
class Tally:
    """A queue's open work to count: its item, and the query that selects its rows (as page_of is given it)."""

    item: Item
    query: Select


def counted(tallies: dict[K, Tally]) -> dict[K, Waiting]:
    """How much waits in each queue and how much of it is overdue, every queue in one query (UNION ALL)."""
    if not tallies:
        return {}
    now, today = clock.now(), clock.today()
    parts = [
        _counting(tally.item, tally.query, now, today, literal(index).label("queue"))
        for index, tally in enumerate(tallies.values())
    ]
    # Each part is one row (a count has no GROUP BY); UNION ALL keeps no order, so each row names its queue.
    found = {row[2]: Waiting(int(row[0] or 0), int(row[1] or 0)) for row in db.session.execute(union_all(*parts))}
    return {key: found[index] for index, key in enumerate(tallies)}


def _rows_on_page(
    query: Select, columns: Select | None, options: tuple[Any, ...], order: tuple[Any, ...], size: int, skip: int
) -> Select:
    """The page's rows. With `columns` or loader `options`, the page is chosen by id first, then only those rows
    are read with what is joined to them: asked in one query, SQLite made every join for every open item before
    sorting (a service's 750 requests, for a page of 25)."""
    if columns is None and not options:
        return query.order_by(*order).limit(size).offset(skip)
    entity = query.column_descriptions[0]["entity"]
    on_page = query.with_only_columns(entity.id).order_by(*order).limit(size).offset(skip)
    rows = columns if columns is not None else query.options(*options)
    return rows.where(entity.id.in_(on_page)).order_by(*order)


def page_of(
    item: Item,
    query: Select,
    page: int = 1,
    *,
    size: int = PAGE_SIZE,
    options: tuple[Any, ...] = (),
    columns: Select | None = None,
    order: tuple[Any, ...] = (),
    counts: dict[str, ColumnElement[bool]] | None = None,
    names: tuple[str, ...] = (),
) -> Page:
    """Two queries: the counts, then the page. `query` selects the rows with their joins and where clause (no
    order, no limit); `options` are loader options for the rows only; `columns`, when a row shows less than whole
    records, are its plain columns with their joins instead (named as the item's own columns, so its clocks read
    them), far cheaper to read than records; `order` goes before due first (for a queue that puts something else
    first); `counts` are more named counts to take in the same query; `names` name what the query selects (the
    item first), to have Rows with their clocks. A page past the end shows the last page, a page before the
    first the first."""
    now = clock.now()
    today = clock.today()
    counts = counts or {}
    totals = db.session.execute(_counting(item, query, now, today, *(count_of(c) for c in counts.values()))).one()
    total = int(totals[0] or 0)
    pages = max(1, -(-total // size))
    page = min(max(page, 1), pages)
    rows_query = _rows_on_page(query, columns, options, (*order, *item.due_first()), size, (page - 1) * size)
    if columns is not None or len(query.column_descriptions) > 1:
        rows = list(db.session.execute(rows_query).all())
    else:
        rows = list(db.session.scalars(rows_query))
    if names:
        selected = [tuple(row) if len(names) > 1 else (row,) for row in rows]
        rows = [Row(dict(zip(names, values, strict=True)), item.states(values[0], now)) for values in selected]
    return Page(
        rows=rows,
        total=total,
        overdue=int(totals[1] or 0),
        page=page,
        pages=pages,
        now=now,
        today=today,
        counts={name: int(value or 0) for name, value in zip(counts, totals[2:], strict=True)},
    )
