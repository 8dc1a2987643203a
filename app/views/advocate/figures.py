"""Advocacy managers: the service's figures."""

from __future__ import annotations

from flask import render_template, request
from flask_login import current_user

from app.access import roles_allowed
from app.roles import Role
from app.services import advocacy
from app.views.advocate.blueprint import bp
from app.views.advocate.requests import WORDS
from app.views.shared.pages import or_404


@bp.get("/figures")
@roles_allowed(Role.advocacy_manager)
def figures() -> str:
    months = request.args.get("months", "12")
    found = or_404(advocacy.figures, current_user, int(months) if months.isdigit() else 12)
    return render_template("advocate/figures.html", figures=found, words=WORDS, periods=advocacy.FIGURE_PERIODS)
