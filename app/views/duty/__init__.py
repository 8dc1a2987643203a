"""Duty workers' pages (blueprint `duty`, under /duty).

Importing the package imports every feature module, so each adds its routes to the one blueprint, `bp`.
"""

from app.views.duty import alerts  # noqa: F401 - each adds its routes to bp
from app.views.duty.blueprint import bp

__all__ = ["bp"]
