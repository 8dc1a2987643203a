"""The `reviewing_officer` blueprint that every module in app.views.reviewing_officer adds its routes to."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("reviewing_officer", __name__, url_prefix="/reviewing-officer")
