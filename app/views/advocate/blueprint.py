"""The `advocate` blueprint that every module in app.views.advocate adds its routes to."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("advocate", __name__, url_prefix="/advocate")
