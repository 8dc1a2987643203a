"""The blueprints the application registers: one per audience package in app.views (each imports its feature
modules), and auth and public."""

from __future__ import annotations

from flask import Flask


def register_blueprints(app: Flask) -> None:
    from app.views import (
        admin,
        advocate,
        complaints,
        duty,
        health,
        practitioner,
        public,
        reviewing_officer,
        young_person,
    )
    from app.views import auth as auth_views

    for module in (
        health,
        public,
        auth_views,
        young_person,
        practitioner,
        reviewing_officer,
        advocate,
        duty,
        admin,
        complaints,
    ):
        app.register_blueprint(module.bp)
