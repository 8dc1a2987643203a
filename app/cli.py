"""flask commands: seed-demo, seed-scale, tick, import-903, export-903-reviews, totp-code."""

from __future__ import annotations

import json
import os
import sys

import click
import pyotp
from flask import Flask
from flask.cli import with_appcontext

from app import clock
from app.extensions import db
from app.seed import demo, scale
from app.services import council_data, tick
from app.services.errors import NotFound


def _print_sign_ins(sign_ins: list[demo.DemoSignIn]) -> None:
    click.echo("\nOrbit demo sign-ins (demo data only; never use these anywhere real)\n")
    click.echo("Young people sign in at /sign-in with a username and password:")
    for item in sign_ins:
        if item.invite_code:
            click.echo(f"  {item.name:<38} join at /join with invite code {item.invite_code}")
        elif not item.totp_secret:
            click.echo(f"  {item.name:<38} username {item.sign_in_as:<10} password {item.password}")
    click.echo("\nStaff sign in at /staff/sign-in with email, password and an authenticator code.")
    click.echo("Add the secret to any authenticator app, or run: .venv/bin/flask --app app totp-code SECRET")
    for item in sign_ins:
        if item.totp_secret:
            click.echo(
                f"  {item.role:<18} {item.name:<14} {item.sign_in_as:<30} {item.password}  TOTP {item.totp_secret}"
            )
    click.echo("")


@click.command("seed-demo")
@click.option("--json", "as_json", is_flag=True, help="Print the sign-ins as JSON for scripts.")
@with_appcontext
def seed_demo(as_json: bool) -> None:
    """Load the demo council and print its sign-ins."""
    try:
        sign_ins = demo.seed()
    except demo.DemoRefused as refused:
        raise click.ClickException(str(refused)) from refused
    if as_json:
        click.echo(json.dumps(demo.as_dicts(sign_ins), indent=2))
    else:
        _print_sign_ins(sign_ins)


@click.command("seed-scale")
@click.option("--young-people", "young_people", type=click.IntRange(min=1), default=500, show_default=True)
@click.option("--seed", "seed_value", type=int, default=2026, show_default=True, help="The same seed, the same data.")
@with_appcontext
def seed_scale(young_people: int, seed_value: int) -> None:
    """Load councils of ~500 young people each, with their staff, fast (benchmarks; never production)."""
    try:
        report = scale.seed(young_people, seed_value=seed_value)
    except scale.ScaleRefused as refused:
        raise click.ClickException(str(refused)) from refused
    click.echo(
        f"Loaded {report.young_people:,} young people in {report.councils} councils "
        f"({report.advocacy_services} advocacy services) in {report.seconds:.1f} s:"
    )
    for table, count in report.rows.items():
        click.echo(f"  {table:<20} {count:>9,}")
    click.echo("\nSample sign-ins (scale data only). Young people at /sign-in, staff at /staff/sign-in:")
    for item in report.sign_ins:
        totp = f"  TOTP {item.totp_secret}" if item.totp_secret else ""
        click.echo(f"  {item.role:<36} {item.sign_in_as:<44} {item.password}{totp}")


@click.command("tick")
@with_appcontext
def run_tick() -> None:
    """Do all scheduled work that is due. Safe to run every minute on every machine."""
    report = tick.run()
    click.echo(
        f"tick: {report.became_care_leavers} became care leavers, {report.alerts_escalated} alerts escalated, "
        f"{report.advocacy_offers_passed} advocacy offers became contact work, "
        f"{report.advocacy_moments} advocacy moments, "
        f"{report.complaint_stages_overdue} complaint stages overdue, "
        f"{report.look_again_overdue} look-again replies overdue, "
        f"{report.messages_sent} messages sent"
    )
    deleted = {key.removesuffix("_days"): count for key, count in report.deleted.items() if count}
    click.echo("retention: " + (", ".join(f"{count} {key}" for key, count in deleted.items()) or "nothing due"))
    for item, told in report.overdue.items():
        click.echo(f"  {item}: {told} overdue, told once")


@click.command("totp-code")
@click.argument("secret")
def totp_code(secret: str) -> None:
    """Print the current authenticator code for a secret (for demo sign-ins and scripts), on Orbit's clock."""
    click.echo(pyotp.TOTP(secret.replace(" ", "")).at(clock.now()))


@click.command("import-903")
@click.option("--council", "code", required=True, help="The council's three-digit DfE local authority number.")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--apply", "apply_it", is_flag=True, help="Apply it (all or nothing); without it, only a preview.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object: added, changed, unchanged, errors.")
@with_appcontext
def import_903(code: str, paths: tuple[str, ...], apply_it: bool, as_json: bool) -> None:
    """Preview, or apply, a council's SSDA903 files and Orbit's names file. Exit 1 on any error."""
    try:
        council = council_data.council_by_code(code)
    except NotFound as missing:
        raise click.ClickException(f"No council has the DfE number {code}.") from missing
    files = []
    for path in paths:
        with open(path, "rb") as handle:
            files.append((os.path.basename(path), handle.read(council_data.MAX_BYTES + 1)))
    preview = council_data.import_files(council, files, apply_it=apply_it)
    db.session.commit()
    if as_json:
        click.echo(json.dumps({**preview.as_json(), "applied": apply_it and not preview.errors}))
    else:
        _print_preview(preview, applied=apply_it and not preview.errors)
    if preview.errors:
        sys.exit(1)


def _print_preview(preview: council_data.Preview, *, applied: bool) -> None:
    click.echo(f"{preview.council.name} ({preview.council.la_code})")
    for problem in preview.errors:
        click.echo(f"error {problem}")
    if preview.errors:
        click.echo(f"{len(preview.errors)} errors: nothing applied.")
        return
    for child, first_name, kind in preview.added:
        click.echo(f"add {child} {first_name} ({kind.value})")
    for change in preview.home_changes:
        offer = "advocate offered" if change.fires else "recorded only (older than the event window)"
        click.echo(f"home {change.child} {change.to_kind.value} from {change.on:%d/%m/%Y}: {offer}")
    for ended in preview.care_ended:
        leaver = ", now a care leaver" if ended.care_leaver else ""
        click.echo(f"care ended {ended.child} {ended.on:%d/%m/%Y}{leaver}")
    for child, on in preview.new_periods:
        click.echo(f"care started {child} {on:%d/%m/%Y}")
    for child, on, code in preview.reviews_held:
        click.echo(f"review {child} {on:%d/%m/%Y} {code}")
    for child in preview.uasc_marked:
        click.echo(f"uasc {child}")
    for child in preview.workers_changed:
        click.echo(f"workers {child}")
    click.echo(
        f"{len(preview.added)} to add, {preview.changed} changed, {preview.unchanged} unchanged: "
        + ("applied." if applied else "not applied (preview; --apply to apply).")
    )


@click.command("export-903-reviews")
@click.option("--council", "code", required=True, help="The council's three-digit DfE local authority number.")
@click.option(
    "--year", type=click.IntRange(2000, 2100), required=True, help="Collection year: 1 April YEAR to 31 March YEAR+1."
)
@with_appcontext
def export_903_reviews(code: str, year: int) -> None:
    """Print the SSDA903 Reviews table (CHILD, DOB, REVIEW, REVIEW_CODE) as CSV; what cannot be exported goes to
    stderr, and the exit code is 1 when anything is missing or a DfE rule fails."""
    try:
        council = council_data.council_by_code(code)
    except NotFound as missing:
        raise click.ClickException(f"No council has the DfE number {code}.") from missing
    export = council_data.reviews_export(council, year)
    db.session.commit()
    click.echo(export.csv(), nl=False)
    for item in export.missing:
        reason = "no council child ID" if item.reason == "no_child_id" else "no participation recorded"
        click.echo(f"not exported: {item.young_person_id} review {item.held_on:%d/%m/%Y}: {reason}", err=True)
    for failure in export.failed_rules:
        click.echo(f"DfE rule failed: {failure}", err=True)
    if export.missing or export.failed_rules:
        sys.exit(1)


def register(app: Flask) -> None:
    for command in (seed_demo, seed_scale, run_tick, totp_code, import_903, export_903_reviews):
        app.cli.add_command(command)
