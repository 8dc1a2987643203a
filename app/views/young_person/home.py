"""Young people's pages: their home page."""

from __future__ import annotations

from flask import render_template, request
from flask_login import current_user

from app.access import young_people_only
from app.services import advocacy, young_people
from app.views.young_person.blueprint import bp


@bp.get("/")
@young_people_only
def home() -> str:
    return render_template(
        "young_person/home.html",
        home=young_people.home_for(current_user),
        advocacy=advocacy.home_panel(current_user),
        # The first page after joining carries the short privacy notice.
        just_joined=request.args.get("joined") == "1",
    )
