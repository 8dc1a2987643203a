"""The `practitioner` blueprint that every module in app.views.practitioner adds its routes to."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("practitioner", __name__, url_prefix="/practitioner")
