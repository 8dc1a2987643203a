"""Social workers' and personal advisers' pages (blueprint `practitioner`, under /practitioner).

Importing the package imports every feature module, so each adds its routes to the one blueprint, `bp`.
"""

from app.views.practitioner import family_time, immigration, leaving_care, reconnect, reviews, young_people  # noqa: F401 - each adds its routes to bp
from app.views.practitioner.blueprint import bp

__all__ = ["bp"]
