"""Young people's own pages."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user

from app.access import young_people_only
from app.services import young_people

bp = Blueprint("young_person", __name__, url_prefix="/me")


@bp.get("/")
@young_people_only
def home() -> str:
    return render_template("young_person/home.html", home=young_people.home_for(current_user))
