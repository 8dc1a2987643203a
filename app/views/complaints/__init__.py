"""The complaints team's pages (blueprint `complaints`, under /complaints-team): complaints officers work the
council's complaints, advocacy managers those about their own service, and an advocate reads one a young person
shared with them.

Importing the package imports every feature module, so each adds its routes to the one blueprint, `bp`.
"""

from app.views.complaints import work  # noqa: F401 - each adds its routes to bp
from app.views.complaints.blueprint import bp

__all__ = ["bp"]
