"""Every view module, and the blueprints the application registers."""

from __future__ import annotations

from flask import Flask


def register_blueprints(app: Flask) -> None:
    from app.views import (
        admin,
        admin_local_offer,  # noqa: F401 - its routes join the admin blueprint
        advocate,
        duty,
        health,
        practitioner,
        practitioner_family_time,  # noqa: F401 - its routes join the practitioner blueprint
        practitioner_leaving_care,  # noqa: F401 - its routes join the practitioner blueprint
        practitioner_reviews,  # noqa: F401 - its routes join the practitioner blueprint
        public,
        reviewing_officer,
        reviewing_officer_reviews,  # noqa: F401 - its routes join the reviewing_officer blueprint
        young_person,
        young_person_advocacy,  # noqa: F401 - its routes join the young_person blueprint
        young_person_family_time,  # noqa: F401 - its routes join the young_person blueprint
        young_person_information,  # noqa: F401 - its routes join the young_person blueprint
        young_person_leaving_care,  # noqa: F401 - its routes join the young_person blueprint
        young_person_reviews,  # noqa: F401 - its routes join the young_person blueprint
        young_person_safety,  # noqa: F401 - its routes join the young_person blueprint
    )
    from app.views import auth as auth_views

    for module in (health, public, auth_views, young_person, practitioner, reviewing_officer, advocate, duty, admin):
        app.register_blueprint(module.bp)
