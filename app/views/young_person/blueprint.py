"""The `young_person` blueprint that every module in app.views.young_person adds its routes to."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("young_person", __name__, url_prefix="/me")
