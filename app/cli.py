"""flask commands: seed-demo, seed-scale, tick, create-admin."""

from __future__ import annotations

import json

import click
import pyotp
from flask import Flask
from flask.cli import with_appcontext

from app.services import demo, tick


def _print_sign_ins(sign_ins: list[demo.DemoSignIn]) -> None:
    click.echo("\nOrbit demo sign-ins (demo data only; never use these anywhere real)\n")
    click.echo("Young people sign in at /sign-in with a username and password:")
    for item in sign_ins:
        if item.invite_code:
            click.echo(f"  {item.name:<38} join at /join with invite code {item.invite_code}")
        elif not item.totp_secret:
            click.echo(f"  {item.name:<38} username {item.sign_in_as:<10} password {item.password}")
    click.echo("\nStaff sign in at /staff/sign-in with email, password and an authenticator code.")
    click.echo("Add the secret to any authenticator app, or run: python -m pyotp-free-code SECRET (see README)")
    for item in sign_ins:
        if item.totp_secret:
            click.echo(
                f"  {item.role:<18} {item.name:<14} {item.sign_in_as:<28} {item.password}  TOTP {item.totp_secret}"
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


@click.command("tick")
@with_appcontext
def run_tick() -> None:
    """Do all scheduled work that is due. Safe to run every minute on every machine."""
    report = tick.run()
    click.echo(f"tick: {report.became_care_leavers} became care leavers, {report.messages_sent} messages sent")


@click.command("totp-code")
@click.argument("secret")
def totp_code(secret: str) -> None:
    """Print the current authenticator code for a secret (for demo sign-ins and scripts)."""
    click.echo(pyotp.TOTP(secret.replace(" ", "")).now())


def register(app: Flask) -> None:
    for command in (seed_demo, run_tick, totp_code):
        app.cli.add_command(command)
