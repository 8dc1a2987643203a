"""Advocates' and advocacy managers' pages (blueprint `advocate`, under /advocate).

Importing the package imports every feature module, so each adds its routes to the one blueprint, `bp`.
"""

from app.views.advocate import figures, requests, young_people  # noqa: F401 - each adds its routes to bp
from app.views.advocate.blueprint import bp

__all__ = ["bp"]
