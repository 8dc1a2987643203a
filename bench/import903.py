"""`python -m bench.import903`: a large council's SSDA903 files, previewed and applied, timed, with peak memory.

    python -m bench.import903                          # 2,000 children, 15,000 episodes (the budget's size)
    python -m bench.import903 --children 20000 --episodes 150000
    python -m bench.import903 --write-files DIR        # only write the generated files (for `flask import-903`)

It builds a fresh SQLite database in bench/results/ (or uses --database-url), adds a council with DfE number 990
and its staff, generates the files (Header, Episodes, Reviews, UASC and Orbit's names file: fixed seed, the same
files every run), then measures, each in its own transaction: the preview of a first import, applying it,
previewing the same files again, and applying a month's differences (moves for 5% of the children). It prints
seconds and peak memory (tracemalloc's peak of Python allocations, and the process's peak resident size) and
exits 1 if the first import's preview or apply takes 30 seconds or more, or peaks at 300 MB or more.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from app import clock, create_app
from app.extensions import db

BUDGET_SECONDS = 30.0
BUDGET_MB = 300.0
RESULTS = Path(__file__).parent / "results"
HOME_PLACES = ("U1", "U3", "U4", "U6", "K2", "R1", "H5", "P1")


def _dmy(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def _csv(columns: tuple[str, ...], rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return out.getvalue().encode()


def generate(
    children: int, episodes: int, today: date, *, seed: int = 903, moved: float = 0.0
) -> list[tuple[str, bytes]]:
    """The council's files: `children` children with `episodes` episodes between them (none overlapping, the last
    one open), two reviews each, 5% unaccompanied asylum-seeking; `moved` of them moved home last week."""
    from app.services.council_data import codes

    rng = random.Random(seed)
    header, episode_rows, review_rows, uasc, names = [], [], [], [], []
    per_child = [episodes // children + (1 if i < episodes % children else 0) for i in range(children)]
    mover = random.Random(seed + 1)
    for number in range(children):
        child = f"C{number:07d}"
        born = today - timedelta(days=rng.randint(8 * 365, 17 * 365))
        header.append([child, str(rng.randint(1, 2)), _dmy(born), "WBRI", "", "", ""])
        count = max(per_child[number], 1)
        start = max(born + timedelta(days=30), today - timedelta(days=40 * count + rng.randint(30, 300)))
        day = start
        for index in range(count):
            place = rng.choice(HOME_PLACES)
            length = rng.randint(20, 40)
            last = index == count - 1
            end = "" if last else _dmy(day + timedelta(days=length))
            rec = "" if last else codes.REC_CONTINUES
            rne = codes.RNE_STARTED if index == 0 else rng.choice(("P", "P", "T", "L", "B"))
            episode_rows.append([child, _dmy(day), rne, "C2", "N1", place, "PR1", end, rec, "", "", "", ""])
            day += timedelta(days=length)
        if moved and mover.random() < moved:
            last_row = episode_rows[-1]
            move_on = max(day, today - timedelta(days=7))
            last_row[7], last_row[8] = _dmy(move_on), codes.REC_CONTINUES
            episode_rows.append([child, _dmy(move_on), "P", "C2", "N1", "K2", "PR1", "", "", "", "", "", ""])
        for gap in (60, 200):
            held = today - timedelta(days=gap + rng.randint(0, 30))
            if held > start:
                age_four = clock.birthday_in_year(born, 4)
                code = "PN0" if held < age_four else rng.choice(("PN1", "PN2", "PN5", "PN6", "PN7"))
                review_rows.append([child, _dmy(born), _dmy(held), code])
        if rng.random() < 0.05:
            uasc.append([child, "1", _dmy(born), ""])
        names.append([child, f"Child{number}", "sw@bench.example", "iro@bench.example", ""])
    return [
        ("header.csv", _csv(codes.HEADER, header)),
        ("episodes.csv", _csv(codes.EPISODES, episode_rows)),
        ("reviews.csv", _csv(codes.REVIEWS, review_rows)),
        ("uasc.csv", _csv(codes.UASC, uasc)),
        ("names.csv", _csv((*codes.NAMES, "LANGUAGE"), names)),
    ]


TRACE = {"on": False}


def _measure(label: str, work: Callable[[], Any]) -> tuple[Any, dict[str, Any]]:
    """Seconds (wall clock and this process's CPU) and memory. tracemalloc slows Python down a lot, so it runs
    only with --tracemalloc; the process's peak resident size is always read."""
    if TRACE["on"]:
        tracemalloc.start()
    started, cpu = time.perf_counter(), time.process_time()
    result = work()
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    peak = 0.0
    if TRACE["on"]:
        peak = tracemalloc.get_traced_memory()[1] / 1024 / 1024
        tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result, {"step": label, "seconds": seconds, "cpu": cpu, "peak_mb": peak, "max_rss_mb": rss}


def _setup(url: str) -> Any:
    from flask_migrate import upgrade

    from app.models import Council
    from app.roles import Role
    from tests import factories

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True})
    with app.app_context():
        upgrade(revision="heads")
        council = Council(name="Bench Council", slug="bench-903", la_code="990")
        db.session.add(council)
        db.session.flush()
        factories.staff(Role.practitioner, council, email="sw@bench.example")
        factories.staff(Role.reviewing_officer, council, email="iro@bench.example")
        db.session.commit()
    return app


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--children", type=int, default=2000)
    parser.add_argument("--episodes", type=int, default=15000)
    parser.add_argument("--database-url", default=None, help="an empty database (default: a fresh SQLite file)")
    parser.add_argument("--tracemalloc", action="store_true", help="also trace Python allocations (slower)")
    parser.add_argument("--write-files", type=Path, default=None, help="write the files to this folder and stop")
    args = parser.parse_args(argv)
    TRACE["on"] = args.tracemalloc
    today = date.today()
    files = generate(args.children, args.episodes, today)
    if args.write_files:
        args.write_files.mkdir(parents=True, exist_ok=True)
        for name, raw in files:
            (args.write_files / name).write_bytes(raw)
        print(f"wrote {len(files)} files to {args.write_files}")
        return 0
    url = args.database_url
    if url is None:
        RESULTS.mkdir(exist_ok=True)
        path = RESULTS / f"import903-{args.children}.sqlite"
        path.unlink(missing_ok=True)
        url = f"sqlite:///{path}"
    app = _setup(url)
    from app.models import Council
    from app.services import council_data

    rows = []
    with app.app_context():
        council = db.session.query(Council).filter_by(la_code="990").one()

        def step(label: str, given: list[tuple[str, bytes]], apply_it: bool) -> Any:
            preview, row = _measure(label, lambda: council_data.import_files(council, given, apply_it=apply_it))
            db.session.commit()
            if preview.errors:
                print("\n".join(str(p) for p in preview.errors[:20]))
                raise SystemExit(2)
            row.update(added=len(preview.added), changed=preview.changed, unchanged=preview.unchanged)
            rows.append(row)
            return preview

        step("first import, preview", files, False)
        step("first import, apply", files, True)
        step("same files again, preview", files, False)
        step("next month (5% moved), apply", generate(args.children, args.episodes, today, moved=0.05), True)
    size = sum(len(raw) for _name, raw in files)
    print(
        f"\nSSDA903 import: {args.children:,} children, {args.episodes:,} episodes, "
        f"{size / 1024 / 1024:.1f} MB of files"
    )
    print(
        f"{'step':<32} {'seconds':>8} {'CPU s':>6} {'traced MB':>9} {'max RSS MB':>11} "
        f"{'added':>7} {'changed':>8} {'unchanged':>10}"
    )
    for row in rows:
        traced = f"{row['peak_mb']:>9.1f}" if TRACE["on"] else f"{'-':>9}"
        print(
            f"{row['step']:<32} {row['seconds']:>8.2f} {row['cpu']:>6.2f} {traced} {row['max_rss_mb']:>11.1f} "
            f"{row['added']:>7} {row['changed']:>8} {row['unchanged']:>10}"
        )
    if args.children > 2000:
        print("\nThe budget is for 2,000 children; at other sizes compare the seconds with a 2,000 run (at most 10x).")
        return 0
    failed = [
        row["step"]
        for row in rows[:2]
        if row["seconds"] >= BUDGET_SECONDS or max(row["peak_mb"], row["max_rss_mb"]) >= BUDGET_MB
    ]
    print(
        f"\nbudget (first import's preview and apply under {BUDGET_SECONDS:.0f} s and {BUDGET_MB:.0f} MB): "
        + ("PASS" if not failed else "FAIL: " + ", ".join(failed))
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
