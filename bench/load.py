"""`python -m bench.load` (or `make load`): Orbit as it is deployed, under load, beside a bare Flask app.

    python -m bench.load                 # 100,000 young people on PostgreSQL, Redis, 2 gunicorn workers (~6 min)
    python -m bench.load --quick         # 200 young people, 3 s a page, 10 s of the mixed journey (~1 min)

Starts gunicorn with gunicorn.conf.py twice, on loopback only: Orbit (PostgreSQL, Redis) and bench/bare_app.py
(a bare Flask app rendering a small template). Signs in through the real forms, then drives each page alone at
full speed with wrk (-t2 -c8, as the issue measured), the bare app the same way, and the mixed journey at a
fixed rate. Prints a table and the targets with PASS/FAIL, writes bench/results/load-latest.json, and exits 1
if a target is missed. See bench/README.md.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import platform
import random
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyotp
import redis
from sqlalchemy import select

from app import create_app
from app.config import ROOT, normalise_database_url
from app.extensions import db
from app.models import Council, User, YoungPerson
from app.roles import Role
from app.seed.scale import SLUG_PREFIX
from app.seed.scale.core import SCALE_PASSWORD, STAFF_TOTP_SECRET
from app.services import reviews
from bench import databases
from bench.pages import find_personas

RESULTS = Path(__file__).parent / "results"
LUA = Path(__file__).parent / "load.lua"
HOST = "127.0.0.1"  # loopback only: nothing here listens anywhere else

YOUNG_PEOPLE_PAGES = ("yp_home", "yp_people", "yp_family_time", "yp_review")
STAFF_QUEUES = ("advocate_queue", "ro_upcoming_reviews", "practitioner_list")
YOUNG_PEOPLE_SHARE = 0.35  # of bare Flask's req/s, each young person's page
STAFF_SHARE = 0.25  # each staff queue
JOURNEY_RATE = 150  # req/s, 2 workers, PostgreSQL
JOURNEY_P95_MS = 100.0
RATE_TOLERANCE = 0.97  # the journey must really have been sent at 150 req/s, not slowed by the server

# The mixed journey, per 100 requests: a young person's pages, their review draft saved as they type (htmx), and
# staff at their queues.
JOURNEY_WEIGHTS = {
    "yp_home": 20,
    "yp_people": 12,
    "yp_family_time": 12,
    "yp_review": 12,
    "post_review_draft_going_well": 4,
    "post_review_draft_hard": 4,
    "advocate_queue": 12,
    "ro_upcoming_reviews": 12,
    "practitioner_list": 12,
}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="200 young people, 3 s a page, 10 s journey")
    parser.add_argument("--size", type=int, help="young people in the database (default 100000; quick 200)")
    parser.add_argument("--page-seconds", type=int, help="seconds each page is driven alone (default 15; quick 3)")
    parser.add_argument("--journey-seconds", type=int, help="seconds of the mixed journey (default 120; quick 10)")
    parser.add_argument("--rate", type=int, default=JOURNEY_RATE, help="mixed journey req/s (default 150)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers for each app (default 2)")
    parser.add_argument("--port", type=int, default=18401, help="Orbit's port; the bare app uses the next one")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("LOAD_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/orbit_load"),
        help="a PostgreSQL database the load test may create others next to (default $LOAD_DATABASE_URL)",
    )
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("LOAD_REDIS_URL", "redis://127.0.0.1:6379/3"),
        help="a Redis database for rate limits; emptied first (default $LOAD_REDIS_URL)",
    )
    parser.add_argument("--results-dir", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    args.size = args.size or (200 if args.quick else 100_000)
    args.page_seconds = args.page_seconds or (3 if args.quick else 15)
    args.journey_seconds = args.journey_seconds or (10 if args.quick else 120)
    return args


# Servers ----------------------------------------------------------------------------------------------------------


@dataclass
class Server:
    name: str
    port: int
    process: subprocess.Popen
    log: Path

    @property
    def base(self) -> str:
        return f"http://{HOST}:{self.port}"

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)


def start_server(name: str, port: int, app: str | None, env: dict[str, str], results: Path) -> Server:
    log = results / f"load-{name}.log"
    command = [str(Path(sys.executable).parent / "gunicorn"), "-c", str(ROOT / "gunicorn.conf.py")]
    if app:
        command.append(app)
    with log.open("w") as handle:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True
        )
    return Server(name, port, process, log)


def wait_until_up(server: Server, path: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise SystemExit(f"{server.name} stopped while starting: see {server.log}")
        try:
            with urllib.request.urlopen(server.base + path, timeout=2) as answer:  # noqa: S310 - loopback
                if answer.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.3)
    raise SystemExit(f"{server.name} did not answer {path} in {seconds:.0f} s: see {server.log}")


def server_env(args: argparse.Namespace, port: int, extra: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ORBIT_", "DATABASE_URL", "REDIS_URL"))}
    env.update(
        {
            "ORBIT_BIND": f"{HOST}:{port}",
            "ORBIT_WORKERS": str(args.workers),
            "ORBIT_ACCESS_LOG": "off",  # the same for both apps; logging is not what is measured
            "SECRET_KEY": secrets.token_urlsafe(32),
            **extra,
        }
    )
    return env


# Signing in -------------------------------------------------------------------------------------------------------

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"|<meta name="csrf-token" content="([^"]+)"')


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


@dataclass
class Browser:
    base: str
    jar: http.cookiejar.CookieJar = field(default_factory=http.cookiejar.CookieJar)

    def __post_init__(self) -> None:
        cookies = urllib.request.HTTPCookieProcessor(self.jar)
        self.follow = urllib.request.build_opener(cookies)
        self.stay = urllib.request.build_opener(cookies, NoRedirect)

    def get(self, path: str, *, follow: bool = True) -> tuple[int, str]:
        return self._open(urllib.request.Request(self.base + path), follow)  # noqa: S310 - loopback

    def post(self, path: str, data: dict[str, str], headers: dict[str, str] | None = None) -> tuple[int, str]:
        body = urllib.parse.urlencode(data).encode()
        request = urllib.request.Request(self.base + path, data=body, headers=headers or {}, method="POST")  # noqa: S310
        return self._open(request, follow=True)

    def _open(self, request: urllib.request.Request, follow: bool) -> tuple[int, str]:
        opener = self.follow if follow else self.stay
        try:
            with opener.open(request, timeout=30) as answer:
                return answer.status, answer.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")

    def csrf(self, path: str) -> str:
        status, page = self.get(path)
        match = CSRF.search(page)
        if status != 200 or not match:
            raise SystemExit(f"no form at {path} (answered {status})")
        return match.group(1) or match.group(2)

    def cookie_header(self) -> str:
        return "; ".join(f"{cookie.name}={cookie.value}" for cookie in self.jar)


def sign_in_young_person(base: str, username: str) -> Browser:
    browser = Browser(base)
    token = browser.csrf("/sign-in")
    status, _page = browser.post("/sign-in", {"csrf_token": token, "username": username, "password": SCALE_PASSWORD})
    if status != 200 or not any(cookie.name == "orbit" for cookie in browser.jar):
        raise SystemExit(f"young person {username} could not sign in (answered {status})")
    return browser


def sign_in_staff(base: str, email: str) -> Browser:
    browser = Browser(base)
    token = browser.csrf("/staff/sign-in")
    browser.post("/staff/sign-in", {"csrf_token": token, "email": email, "password": SCALE_PASSWORD})
    token = browser.csrf("/staff/sign-in/code")
    code = pyotp.TOTP(STAFF_TOTP_SECRET).now()  # the server runs on the real clock
    status, _page = browser.post("/staff/sign-in/code", {"csrf_token": token, "code": code})
    if status != 200:
        raise SystemExit(f"{email} could not sign in (answered {status})")
    return browser


# Who and what -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class People:
    young_people: list[str]  # usernames: each has a review coming whose views are not sent, so a draft saves
    advocate: str
    reviewing_officer: str
    practitioner: str


def choose_people(database_url: str, count: int = 4) -> People:
    app = create_app({"SQLALCHEMY_DATABASE_URI": normalise_database_url(database_url)})
    with app.app_context():
        personas = find_personas()
        council = db.session.scalar(
            select(Council).where(Council.slug.startswith(SLUG_PREFIX)).order_by(Council.slug).limit(1)
        )
        candidates = db.session.scalars(
            select(User)
            .join(YoungPerson, YoungPerson.user_id == User.id)
            .where(YoungPerson.council_id == council.id, User.role == Role.young_person, User.disabled_at.is_(None))
            .order_by(User.username)
            .limit(400)
        ).all()
        chosen = []
        for user in candidates:
            mine = reviews.my_review(user)
            if mine.review is not None and not mine.sent:
                chosen.append(user.username)
            if len(chosen) == count:
                break
        db.session.remove()
        db.engine.dispose()
    if not chosen:
        raise SystemExit("no young person with a review coming in the first council")
    return People(
        chosen,
        personas[Role.advocate.value].sign_in_as,
        personas[Role.reviewing_officer.value].sign_in_as,
        personas[Role.practitioner.value].sign_in_as,
    )


@dataclass(frozen=True)
class Request:
    name: str
    method: str
    path: str
    headers: dict[str, str]
    body: str | None
    expect: int


def build_requests(base: str, people: People) -> list[Request]:
    requests: list[Request] = []
    for username in people.young_people:
        browser = sign_in_young_person(base, username)
        cookie = {"Cookie": browser.cookie_header(), "Accept-Encoding": "gzip"}
        for name, path in (
            ("yp_home", "/me/"),
            ("yp_people", "/me/people"),
            ("yp_family_time", "/me/family-time"),
            ("yp_review", "/me/review"),
        ):
            requests.append(Request(name, "GET", path, cookie, None, 200))
        for name, slug in (("post_review_draft_going_well", "going-well"), ("post_review_draft_hard", "hard")):
            path = f"/me/review/views/{slug}"
            token = browser.csrf(path)
            body = urllib.parse.urlencode({"csrf_token": token, "text": f"Saved by the load test ({slug})"})
            headers = {
                "Cookie": browser.cookie_header(),  # the CSRF token lives in the session cookie
                "Accept-Encoding": "gzip",
                "Content-Type": "application/x-www-form-urlencoded",
                "HX-Request": "true",
            }
            requests.append(Request(name, "POST", path, headers, body, 200))
    for name, email, path in (
        ("advocate_queue", people.advocate, "/advocate/queue"),
        ("ro_upcoming_reviews", people.reviewing_officer, "/reviewing-officer/reviews"),
        ("practitioner_list", people.practitioner, "/practitioner/"),
    ):
        browser = sign_in_staff(base, email)
        requests.append(
            Request(name, "GET", path, {"Cookie": browser.cookie_header(), "Accept-Encoding": "gzip"}, None, 200)
        )
    return requests


def check_requests(base: str, requests: list[Request]) -> None:
    """Each request answers as expected before any load: a wrong cookie would measure the sign-in page."""
    for item in requests:
        data = item.body.encode() if item.body else None
        request = urllib.request.Request(base + item.path, data=data, headers=item.headers, method=item.method)  # noqa: S310
        opener = urllib.request.build_opener(NoRedirect)
        try:
            with opener.open(request, timeout=30) as answer:
                status = answer.status
        except urllib.error.HTTPError as error:
            status = error.code
        if status != item.expect:
            raise SystemExit(f"{item.name} {item.method} {item.path} answered {status}, not {item.expect}")


# wrk --------------------------------------------------------------------------------------------------------------


def _lua_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def write_plan(path: Path, requests: list[Request], sequence: list[int], rate: int, threads: int) -> None:
    lines = ["return {", "  requests = {"]
    for item in requests:
        headers = ", ".join(f"[{_lua_string(k)}] = {_lua_string(v)}" for k, v in item.headers.items())
        body = _lua_string(item.body) if item.body is not None else "nil"
        lines.append(
            f"    {{name = {_lua_string(item.name)}, method = {_lua_string(item.method)}, "
            f"path = {_lua_string(item.path)}, headers = {{{headers}}}, body = {body}, expect = {item.expect}}},"
        )
    lines.append("  },")
    lines.append("  sequence = {" + ", ".join(str(i + 1) for i in sequence) + "},")
    lines.append(f"  rate = {rate},")
    lines.append(f"  threads = {threads},")
    lines.append("}")
    path.write_text("\n".join(lines) + "\n")
    path.chmod(0o600)  # it holds session cookies


def run_wrk(
    base: str,
    requests: list[Request],
    sequence: list[int],
    *,
    seconds: int,
    threads: int,
    connections: int,
    rate: int,
    work: Path,
    label: str,
) -> dict[str, Any]:
    plan, out = work / f"plan-{label}.lua", work / f"out-{label}.json"
    write_plan(plan, requests, sequence, rate, threads)
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", str(LUA), base]
    env = {**os.environ, "ORBIT_LOAD_PLAN": str(plan), "ORBIT_LOAD_OUT": str(out)}
    finished = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if finished.returncode != 0 or not out.exists():
        raise SystemExit(f"wrk failed for {label}:\n{finished.stdout}\n{finished.stderr}")
    result = json.loads(out.read_text())
    result["rps"] = result["requests"] / result["duration_s"] if result["duration_s"] else 0.0
    result["errors_total"] = sum(result["errors"].values()) + sum(p["unexpected"] for p in result["pages"].values())
    return result


def journey_sequence(requests: list[Request], seed: int = 2026) -> list[int]:
    """One hundred requests in the journey's proportions, shuffled once; young people take turns."""
    by_name: dict[str, list[int]] = {}
    for index, item in enumerate(requests):
        by_name.setdefault(item.name, []).append(index)
    sequence: list[int] = []
    for name, weight in JOURNEY_WEIGHTS.items():
        options = by_name[name]
        sequence += [options[n % len(options)] for n in range(weight)]
    random.Random(seed).shuffle(sequence)
    return sequence


# Running ----------------------------------------------------------------------------------------------------------


def busy_processes() -> list[str]:
    """What else had the CPU: the lead re-measures on a quiet machine; these say how quiet this one was."""
    listing = subprocess.run(
        ["ps", "-eo", "pcpu,etimes,comm", "--sort=-pcpu"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.splitlines()[1:9]
    return [line.strip() for line in listing]


def measure(args: argparse.Namespace) -> dict[str, Any]:
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk")
    args.results_dir.mkdir(parents=True, exist_ok=True)
    work = args.results_dir / "load-work"
    work.mkdir(exist_ok=True)
    print(f"== database: {args.size:,} young people on PostgreSQL ({args.database_url})")
    prepared = databases.prepare(args.size, args.results_dir, args.database_url)
    people = choose_people(prepared.url)
    redis.Redis.from_url(args.redis_url).flushdb()  # rate limits from an earlier run would refuse sign-ins

    orbit_env = server_env(args, args.port, {"DATABASE_URL": prepared.url, "REDIS_URL": args.redis_url})
    bare_env = server_env(args, args.port + 1, {})
    servers = [
        start_server("orbit", args.port, None, orbit_env, args.results_dir),
        start_server("bare", args.port + 1, "bench.bare_app:app", bare_env, args.results_dir),
    ]
    try:
        orbit, bare = servers
        wait_until_up(orbit, "/readyz")
        wait_until_up(bare, "/")
        print(f"== gunicorn, {args.workers} workers each: Orbit on {orbit.base}, bare Flask on {bare.base}")
        requests = build_requests(orbit.base, people)
        check_requests(orbit.base, requests)
        bare_request = Request("bare_flask", "GET", "/", {"Accept-Encoding": "gzip"}, None, 200)
        load_before = os.getloadavg()
        processes_before = busy_processes()

        pages: dict[str, dict[str, Any]] = {}
        single = {"seconds": args.page_seconds, "threads": 2, "connections": 8, "rate": 0, "work": work}
        print(f"== each page alone: wrk -t2 -c8 -d{args.page_seconds}s")
        pages["bare_flask"] = run_wrk(bare.base, [bare_request], [0], label="bare_flask", **single)
        for name in [*YOUNG_PEOPLE_PAGES, *STAFF_QUEUES]:
            chosen = [item for item in requests if item.name == name]
            pages[name] = run_wrk(orbit.base, chosen, list(range(len(chosen))), label=name, **single)
            print(f"   {name:<30} {pages[name]['rps']:8.1f} req/s")
        print(f"   {'bare_flask':<30} {pages['bare_flask']['rps']:8.1f} req/s")

        threads = 8
        print(f"== the mixed journey: {args.rate} req/s for {args.journey_seconds} s (wrk -t{threads} -c{threads})")
        journey = run_wrk(
            orbit.base,
            requests,
            journey_sequence(requests),
            seconds=args.journey_seconds,
            threads=threads,
            connections=threads,
            rate=args.rate,
            work=work,
            label="journey",
        )
        load_after = os.getloadavg()
    finally:
        for server in servers:
            server.stop()
        shutil.rmtree(work, ignore_errors=True)  # the plans hold session cookies

    return {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": " ".join(["python -m bench.load", *sys.argv[1:]]),
        "quick": args.quick,
        "size": args.size,
        "workers": args.workers,
        "database": "postgresql",
        "redis": True,
        "page_seconds": args.page_seconds,
        "journey_seconds": args.journey_seconds,
        "journey_rate": args.rate,
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "load_before": load_before,
            "load_after": load_after,
            "busiest_processes_before": processes_before,
        },
        "pages": pages,
        "journey": journey,
    }


# Report -----------------------------------------------------------------------------------------------------------


def verdicts(result: dict[str, Any]) -> list[tuple[str, bool, str]]:
    bare_rps = result["pages"]["bare_flask"]["rps"] or 1.0
    checks: list[tuple[str, bool, str]] = []
    for names, share, what in (
        (YOUNG_PEOPLE_PAGES, YOUNG_PEOPLE_SHARE, "young person's page"),
        (STAFF_QUEUES, STAFF_SHARE, "staff queue"),
    ):
        for name in names:
            page = result["pages"][name]
            ratio = page["rps"] / bare_rps
            ok = ratio >= share and page["errors_total"] == 0
            checks.append(
                (
                    f"{name} ({what}) >= {share:.0%} of bare Flask, no errors",
                    ok,
                    f"{ratio:.0%}, {page['errors_total']} errors",
                )
            )
    journey = result["journey"]
    rate = journey["rps"]
    target_rate = result["journey_rate"]
    checks.append(
        (f"mixed journey sent at {target_rate} req/s", rate >= target_rate * RATE_TOLERANCE, f"{rate:.1f} req/s")
    )
    checks.append(
        (
            f"mixed journey p95 <= {JOURNEY_P95_MS:.0f} ms",
            journey["latency_ms"]["p95"] <= JOURNEY_P95_MS,
            f"{journey['latency_ms']['p95']:.1f} ms",
        )
    )
    checks.append(
        (
            f"mixed journey: 0 errors in {result['journey_seconds']} s",
            journey["errors_total"] == 0,
            f"{journey['errors_total']} errors",
        )
    )
    return checks


def print_report(result: dict[str, Any]) -> bool:
    bare_rps = result["pages"]["bare_flask"]["rps"] or 1.0
    print()
    print(
        f"Each page alone (wrk -t2 -c8 -d{result['page_seconds']}s), "
        f"{result['size']:,} young people, {result['workers']} workers"
    )
    print(f"{'page':<30} {'req/s':>8} {'of bare':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7}")
    for name, page in result["pages"].items():
        latency = page["latency_ms"]
        print(
            f"{name:<30} {page['rps']:8.1f} {page['rps'] / bare_rps:8.0%} {latency['p50']:8.1f} "
            f"{latency['p95']:8.1f} {latency['p99']:8.1f} {page['errors_total']:7d}"
        )
    journey = result["journey"]
    print()
    print(
        f"Mixed journey at {result['journey_rate']} req/s for {result['journey_seconds']} s: "
        f"{journey['rps']:.1f} req/s sent"
    )
    print(f"{'page':<30} {'count':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7}")
    for name in JOURNEY_WEIGHTS:
        page = journey["pages"].get(name)
        if page is None:
            continue
        print(
            f"{name:<30} {page['count']:8d} {page['p50_ms'] or 0:8.1f} {page['p95_ms'] or 0:8.1f} "
            f"{page['p99_ms'] or 0:8.1f} {page['unexpected']:7d}"
        )
    latency = journey["latency_ms"]
    print(
        f"{'all':<30} {journey['requests']:8d} {latency['p50']:8.1f} {latency['p95']:8.1f} "
        f"{latency['p99']:8.1f} {journey['errors_total']:7d}"
    )
    machine = result["machine"]
    print()
    print(
        f"Load average before {machine['load_before'][0]:.2f}, after {machine['load_after'][0]:.2f} "
        f"({machine['cpus']} CPUs)"
    )
    print("Busiest processes before the run (%CPU, seconds running, command):")
    for line in machine["busiest_processes_before"]:
        print(f"  {line}")
    print()
    print(
        "Targets"
        + (" (quick run: small data and short runs, not the measurement of record)" if result["quick"] else "")
    )
    all_ok = True
    for label, ok, figure in verdicts(result):
        all_ok &= ok
        print(f"  {'PASS' if ok else 'FAIL'}  {label}: {figure}")
    return all_ok


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    result = measure(args)
    result["verdicts"] = [{"target": label, "pass": ok, "figure": figure} for label, ok, figure in verdicts(result)]
    out = args.results_dir / ("load-quick.json" if args.quick else "load-latest.json")
    out.write_text(json.dumps(result, indent=2) + "\n")
    ok = print_report(result)
    print(f"\nWrote {out}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
