"""The `complaints` blueprint that every module in app.views.complaints adds its routes to."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("complaints", __name__, url_prefix="/complaints-team")
