"""Reviewing officers' pages (blueprint `reviewing_officer`, under /reviewing-officer).

Importing the package imports every feature module, so each adds its routes to the one blueprint, `bp`.
"""

from app.views.reviewing_officer import look_again, reviews, young_people  # noqa: F401 - each adds its routes to bp
from app.views.reviewing_officer.blueprint import bp

__all__ = ["bp"]
