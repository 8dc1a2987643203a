"""flask commands: seed-demo, seed-scale, tick, totp-code."""

from __future__ import annotations

import json

import click
import pyotp
from flask import Flask
from flask.cli import with_appcontext

from app import clock
from app.seed import demo, scale
from app.services import tick


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
        f"{report.advocacy_clocks_overdue} advocacy clocks overdue, "
        f"{report.advocacy_moments} advocacy moments, "
        f"{report.complaint_stages_overdue} complaint stages overdue, "
        f"{report.look_again_overdue} look-again replies overdue, "
        f"{report.messages_sent} messages sent"
    )
    deleted = {key.removesuffix("_days"): count for key, count in report.deleted.items() if count}
    click.echo("retention: " + (", ".join(f"{count} {key}" for key, count in deleted.items()) or "nothing due"))


@click.command("totp-code")
@click.argument("secret")
def totp_code(secret: str) -> None:
    """Print the current authenticator code for a secret (for demo sign-ins and scripts), on Orbit's clock."""
    click.echo(pyotp.TOTP(secret.replace(" ", "")).at(clock.now()))


def register(app: Flask) -> None:
    for command in (seed_demo, seed_scale, run_tick, totp_code):
        app.cli.add_command(command)
