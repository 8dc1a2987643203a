"""The `duty` blueprint that every module in app.views.duty adds its routes to."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("duty", __name__, url_prefix="/duty")
