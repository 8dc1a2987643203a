"""Where one page's time goes: `python -m bench.profile ENDPOINT [--role ROLE] [--size N] [--requests N]`.

Opens the page as `make bench` does (the same seeded database, user and URL), then runs it under cProfile and
prints the functions that took the most time, cumulative and own. `--variant` picks a query string from
`bench.pages.VARIANTS`. Uses the databases `make bench` built (run it once first).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import time

from app.extensions import db
from bench import databases
from bench.measure import Site, client_for, open_site
from bench.pages import Page, Persona, discover, find_personas, url_for_persona
from bench.run import RESULTS


def _page(site: Site, endpoint: str) -> Page:
    pages, _skipped = discover(site.app)
    found = [page for page in pages if page.endpoint == endpoint]
    if not found:
        raise SystemExit(f"no measured page {endpoint!r}")
    return found[0]


def _persona(personas: dict[str, Persona], page: Page, role: str | None) -> Persona:
    wanted = role or (page.roles[0].value if page.roles else "anyone (signed out)")
    return personas[wanted]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profile", description=__doc__.splitlines()[0])
    parser.add_argument("endpoint")
    parser.add_argument("--role", help="who opens it (a role's value); default the page's first role")
    parser.add_argument("--size", type=int, default=100000, help="young people in the database (default 100000)")
    parser.add_argument("--requests", type=int, default=50, help="profiled requests (default 50)")
    parser.add_argument("--query", default="", help="a query string to add, e.g. 'page=10'")
    parser.add_argument("--lines", type=int, default=35, help="rows of each table (default 35)")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL"),
        help="a PostgreSQL server, as for make bench (default $BENCH_DATABASE_URL; SQLite files when unset)",
    )
    args = parser.parse_args(argv)

    prepared = databases.prepare(args.size, RESULTS, args.database_url)
    site = open_site(args.size, prepared.url)
    with site.app.app_context():
        page = _page(site, args.endpoint)
        persona = _persona(find_personas(), page, args.role)
        url, why_not = url_for_persona(page, persona)
        db.session.remove()
    if url is None:
        raise SystemExit(why_not)
    url = f"{url}?{args.query}" if args.query else url
    client = client_for(site, persona)
    for _ in range(5):
        status = client.get(url, headers={"Accept-Encoding": "gzip"}).status_code
    print(f"{args.endpoint} as {persona.label} at {args.size}: GET {url} -> {status}")
    profiler = cProfile.Profile()
    started = time.process_time()
    profiler.enable()
    for _ in range(args.requests):
        client.get(url, headers={"Accept-Encoding": "gzip"})
    profiler.disable()
    cpu_ms = (time.process_time() - started) * 1000 / args.requests
    print(f"cpu per request under the profiler: {cpu_ms:.1f} ms")
    stats = pstats.Stats(profiler)
    stats.sort_stats("cumulative").print_stats(args.lines)
    stats.sort_stats("tottime").print_stats(args.lines)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
