"""The `admin` blueprint that every module in app.views.admin adds its routes to."""

from __future__ import annotations

from flask import Blueprint

from app.roles import Role

bp = Blueprint("admin", __name__, url_prefix="/admin")
MANAGERS = (Role.council_admin, Role.advocacy_manager)
