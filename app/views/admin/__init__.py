"""Council admins' and advocacy managers' pages (blueprint `admin`, under /admin).

Importing the package imports every feature module, so each adds its routes to the one blueprint, `bp`.
"""

from app.views.admin import (  # noqa: F401 - each adds its routes to bp
    council_data,
    information_requests,
    legal_holds,
    local_offer,
    outbox,
    staff,
    young_people,
)
from app.views.admin.blueprint import bp

__all__ = ["bp"]
