"""Young people's and care leavers' own pages (blueprint `young_person`, under /me), one module per feature.

Importing the package imports every feature module, so each adds its routes to the one blueprint, `bp`.
"""

from app.views.young_person import (  # noqa: F401 - each adds its routes to bp
    advocacy,
    complaints,
    family_time,
    home,
    information,
    leaving_care,
    messages,
    people,
    reviews,
    safety,
)
from app.views.young_person.blueprint import bp

__all__ = ["bp"]
