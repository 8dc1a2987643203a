"""`python -m bench.run` (or `make bench`): every page at one council's size and at national scale.

    python -m bench.run                      # 500 and 100,000 young people, SQLite files in bench/results/
    python -m bench.run --sizes 500,20000    # other sizes (the first and last are compared)
    python -m bench.run --quick              # 50 and 200 young people, few requests: a smoke test
    BENCH_DATABASE_URL=postgresql://.../orbit_bench python -m bench.run   # PostgreSQL instead

See bench/README.md for what is measured and how.
"""

from __future__ import annotations

import argparse
import fnmatch
import os
import platform
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from flask.testing import FlaskClient

from app.roles import Role
from bench import databases, explain, measure, report
from bench.measure import PRIMERS, Site
from bench.pages import (
    ANONYMOUS,
    NEWCOMER,
    VARIANTS,
    Page,
    Persona,
    Skipped,
    discover,
    find_personas,
    url_for_persona,
)
from bench.speed import Speed, speed_line
from bench.transfer import Visit, other_origin_requests, young_person_visit

RESULTS = Path(__file__).parent / "results"
FULL_SIZES = (500, 100_000)
QUICK_SIZES = (50, 200)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", help="young people per database, comma-separated (default 500,100000)")
    parser.add_argument("--quick", action="store_true", help="tiny sizes (50,200) and few requests")
    parser.add_argument("--requests", type=int, help="timed requests per page and size (default 50; quick 8)")
    parser.add_argument("--warmup", type=int, help="untimed requests first (default 5; quick 1)")
    parser.add_argument(
        "--max-seconds", type=float, default=20.0, help="per page and role: a slower page stops after 10 requests"
    )
    parser.add_argument("--results-dir", type=Path, default=RESULTS, help="where databases and latest.json go")
    parser.add_argument(
        "--pages",
        help="only pages whose endpoint matches one of these comma-separated patterns (fnmatch, e.g. people.*,*pdf*)",
    )
    parser.add_argument("--rebuild", action="store_true", help="seed again even if a seeded database matches")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL"),
        help="PostgreSQL server URL (default $BENCH_DATABASE_URL; SQLite files when unset)",
    )
    args = parser.parse_args(argv)
    default_sizes = QUICK_SIZES if args.quick else FULL_SIZES
    args.sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else list(default_sizes)
    args.requests = args.requests or (8 if args.quick else 50)
    args.warmup = args.warmup if args.warmup is not None else (1 if args.quick else 5)
    return args


# Measuring ------------------------------------------------------------------------------------------------------


def _candidates(page: Page, role: Role | None) -> list[str]:
    if role is None:
        return [ANONYMOUS.label]
    labels = [role.value]
    if role is Role.practitioner and page.before_second_factor:
        labels.append(NEWCOMER)
    return labels


def _client(site: Site, page: Page, persona: Persona, personas: dict[str, Persona]) -> FlaskClient:
    client = measure.client_for(site, persona)
    if page.endpoint in PRIMERS:
        PRIMERS[page.endpoint](client, site, personas)
    return client


def _targets(
    page: Page, label: str, variant: str, sites: list[Site], personas: dict[int, dict[str, Persona]]
) -> tuple[list[tuple[Site, FlaskClient, str]], str | None]:
    targets = []
    for site in sites:
        persona = personas[site.size].get(label)
        if persona is None:
            return [], f"no {label} in the {site.size} database"
        with site.app.app_context():
            url, why = url_for_persona(page, persona)
        if url is None:
            return [], why
        targets.append((site, _client(site, page, persona, personas[site.size]), url + variant))
    return targets, None


def _measure_role(
    page: Page, role: Role | None, variant: str, sites: list[Site], personas: dict[int, dict[str, Persona]], args: Any
) -> tuple[report.PageResult | None, list[str]]:
    reasons = []
    for label in _candidates(page, role):
        targets, why = _targets(page, label, variant, sites, personas)
        if why:
            reasons.append(f"{label}: {why}")
            continue
        statuses = measure.warm_up(targets, args.warmup)
        if any(status != 200 for status in statuses):
            reasons.append(f"{label}: answered {statuses}")
            continue
        samples = measure.time_targets(targets, args.requests, args.max_seconds)
        return report.PageResult(page.endpoint, page.rule, variant, label, targets[-1][2], samples), reasons
    return None, reasons


def measure_pages(
    pages: list[Page], sites: list[Site], personas: dict[int, dict[str, Persona]], args: Any, speed: Speed
) -> tuple[list[report.PageResult], list[dict[str, str]]]:
    results: list[report.PageResult] = []
    unmeasured: list[dict[str, str]] = []
    for page in pages:
        speed.take()
        for variant in ("", *VARIANTS.get(page.endpoint, ())):
            for role in page.roles or (None,):
                try:
                    result, reasons = _measure_role(page, role, variant, sites, personas, args)
                except Exception as error:  # one broken page must not stop the others
                    result, reasons = None, [f"failed: {type(error).__name__}: {error}"]
                if result:
                    results.append(result)
                    print(f"  {result.label:<40} {result.role:<22} p95 {result.samples[-1].p95:6.1f} ms")
                else:
                    who = role.value if role else ANONYMOUS.label
                    unmeasured.append({"page": page.endpoint + variant, "role": who, "why": "; ".join(reasons)})
                    print(f"  {page.endpoint + variant:<40} {who:<22} NOT MEASURED: {'; '.join(reasons)}")
    return results, unmeasured


def first_visit(site: Site, personas: dict[str, Persona]) -> Visit:
    client = measure.client_for(site, personas[Role.young_person.value])
    return young_person_visit(client, site.url_for("young_person.home"))


# The run --------------------------------------------------------------------------------------------------------


def _html_by_page(results: list[report.PageResult]) -> dict[str, str]:
    return {f"{r.label} as {r.role} at {s.size}": s.html for r in results for s in r.samples}


def _personas(sites: list[Site]) -> dict[int, dict[str, Persona]]:
    found = {}
    for site in sites:
        with site.app.app_context():
            found[site.size] = find_personas()
    return found


def _summary(args: Any, prepared: list[databases.Prepared], started: float) -> dict[str, Any]:
    return {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": "postgresql" if args.database_url else "sqlite",
        "results_dir": str(args.results_dir),
        "sizes": args.sizes,
        "quick": args.quick,
        "pages_filter": args.pages,
        "requests_per_page": args.requests,
        "warmup_per_page": args.warmup,
        "python": platform.python_version(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "load_average_at_start": args.load_at_start,
        "load_average_at_end": [round(x, 2) for x in os.getloadavg()],
        "seeding": [{"size": p.size, "reused": p.reused, "seed_seconds": round(p.seed_seconds, 1)} for p in prepared],
        "seconds": round(time.perf_counter() - started, 1),
    }


@dataclass
class Measured:
    pages: list[Page]
    skipped: list[Skipped]
    results: list[report.PageResult]
    unmeasured: list[dict[str, str]]
    visit: Visit
    others: list[dict[str, str]]
    speed: Speed


def _measure_all(sites: list[Site], args: argparse.Namespace) -> Measured:
    pages, skipped = discover(sites[0].app)
    if args.pages:
        patterns = [p.strip() for p in args.pages.split(",") if p.strip()]
        pages = [p for p in pages if any(fnmatch.fnmatchcase(p.endpoint, pattern) for pattern in patterns)]
    personas = _personas(sites)
    print(f"\nMeasuring {len(pages)} pages at {', '.join(map(str, args.sizes))} young people")
    speed = Speed()
    results, unmeasured = measure_pages(pages, sites, personas, args, speed)
    speed.take()
    for result in results:
        result.scans = explain.scans(sites[-1], result.samples[-1].statements)
    visit = first_visit(sites[-1], personas[sites[-1].size])
    others = other_origin_requests(_html_by_page(results), visit)
    return Measured(pages, skipped, results, unmeasured, visit, others, speed)


def _outcome(summary: dict[str, Any], found: Measured, checks: list[report.Budget]) -> dict[str, Any]:
    measured = {r.endpoint for r in found.results}
    every_page = {p.endpoint for p in found.pages}
    return {
        **summary,
        "pages_found": len(every_page),
        "pages_measured": len(measured),
        "pages_not_measured": sorted(every_page - measured),
        "skipped": [{"endpoint": s.endpoint, "rule": s.rule, "why": s.reason} for s in found.skipped],
        "not_measured": found.unmeasured,
        "results": [r.as_dict() for r in found.results],
        "first_visit": found.visit.as_dict(),
        "other_origin_requests": found.others,
        "machine_speed": found.speed.as_dict(),
        "budgets": [b.as_dict() for b in checks],
        "passed": all(b.passed for b in checks) and measured == every_page,
    }


def run(args: argparse.Namespace) -> dict[str, Any]:
    started = time.perf_counter()
    args.load_at_start = [round(x, 2) for x in os.getloadavg()]
    args.results_dir.mkdir(parents=True, exist_ok=True)
    prepared = [
        databases.prepare(size, args.results_dir, args.database_url, rebuild=args.rebuild) for size in args.sizes
    ]
    sites = [measure.open_site(p.size, p.url) for p in prepared]
    try:
        found = _measure_all(sites, args)
    finally:
        for site in sites:
            measure.close_site(site)
    checks = report.budgets(found.results, found.visit, found.others)
    outcome = _outcome(_summary(args, prepared, started), found, checks)
    _print(outcome, found.results, checks, skipped_lines(outcome))
    report.write_json(args.results_dir / "latest.json", outcome)
    return outcome


def skipped_lines(outcome: dict[str, Any]) -> list[str]:
    lines = [f"  {s['endpoint']:<34} {s['rule']:<44} {s['why']}" for s in outcome["skipped"]]
    lines += [f"  {s['page']:<34} as {s['role']:<41} {s['why']}" for s in outcome["not_measured"]]
    return lines


def _print(
    outcome: dict[str, Any], results: list[report.PageResult], checks: list[report.Budget], skips: list[str]
) -> None:
    print(
        "\nServer time in ms (in-process wall time, p50 and p95), SQL queries per request (q), response KB gzipped,"
        "\nand this thread's CPU time p95 at the largest size (on SQLite, near the wall time of an idle machine; on"
        "\nPostgreSQL it leaves out the database server's own time):\n"
    )
    print(report.table(results))
    print("\nNot measured, and why:")
    print("\n".join(skips))
    print(f"\nFull scans in the plans at {report.size_label(outcome['sizes'][-1])} (EXPLAIN):")
    print(report.scan_lines(results))
    visit = outcome["first_visit"]
    print(f"\nYoung person's first visit: {visit['page']} + {len(visit['assets'])} assets")
    for asset in visit["assets"]:
        print(f"  {asset['url']:<44} {asset['bytes_gz']:>7,} B gz  immutable={asset['immutable']}")
    print(f"  HTML {visit['html_bytes_gz']:,} B gz; headers counted as HTTP/1.1")
    print(
        f"\nBudgets (DESIGN.md section 11){' - quick mode, sizes are not national scale' if outcome['quick'] else ''}:"
    )
    busiest = max(outcome["load_average_at_start"][0], outcome["load_average_at_end"][0])
    if busiest > (os.cpu_count() or 1):
        print(
            f"  (The machine was busy: load average {busiest:.1f} on {os.cpu_count()} cores. Wall times include"
            " waiting for a core; the cpu figures show what the page itself cost.)"
        )
    print(report.budget_lines(checks))
    print(f"\n{speed_line(outcome['machine_speed'])}")
    if outcome["pages_not_measured"]:
        print(f"\nPages with no measurement at all: {', '.join(outcome['pages_not_measured'])}")
    print(f"\n{outcome['pages_measured']}/{outcome['pages_found']} pages measured in {outcome['seconds']} s.")


def main(argv: list[str] | None = None) -> dict[str, Any]:
    return run(parse_args(argv))


if __name__ == "__main__":
    sys.exit(0 if main()["passed"] else 1)
