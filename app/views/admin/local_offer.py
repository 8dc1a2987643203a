"""Council admins keep the local offer and see, per item, how many have it, not yet, or need help (never a group
under 10). Routes join the admin blueprint."""

from __future__ import annotations

import uuid
from typing import Any

from flask import Response, abort, render_template, request
from flask_login import current_user

from app.access import roles_allowed
from app.forms.auth import ConfirmForm
from app.forms.leaving_care import OfferItemForm
from app.roles import Role
from app.services import leaving_care
from app.views.admin.blueprint import bp
from app.views.shared.form_values import details, version_of
from app.views.shared.leaving_care_words import WORDS
from app.views.shared.messages import send_valid_change, send_valid_form
from app.views.shared.pages import form_route, known_notice, or_404, see_other

DONE = ("added", "changed", "unchanged", "withdrawn", "restored")


def _details(form: OfferItemForm) -> leaving_care.OfferItemDetails:
    return details(form, leaving_care.OfferItemDetails, care_leavers_only=form.who_can_get.data == "care_leavers")


def _form_data(item: Any) -> dict[str, Any]:
    return {
        "category": str(item.category),
        "title": item.title,
        "what_you_get": item.what_you_get,
        "how_to_get_it": item.how_to_get_it,
        "who_for": item.who_for or "",
        "from_age": "" if item.from_age is None else str(item.from_age),
        "until_age": "" if item.until_age is None else str(item.until_age),
        "who_can_get": "care_leavers" if item.care_leavers_only else "everyone",
        "version": str(item.version),
    }


@bp.get("/local-offer")
@roles_allowed(Role.council_admin)
def local_offer() -> str:
    offer = or_404(leaving_care.offer_for_admin, current_user)
    return render_template(
        "admin/local_offer.html",
        offer=offer,
        words=WORDS,
        form=ConfirmForm(),
        done=known_notice(DONE),
    )


@form_route(bp, "/local-offer/new", roles_allowed(Role.council_admin))
def add_offer_item() -> str | Response:
    form = OfferItemForm()
    sent = send_valid_form(
        form,
        lambda: leaving_care.add_item(current_user, _details(form)),
        lambda _done: see_other("admin.local_offer", done="added"),
    )
    if sent is not None:
        return sent
    return render_template("admin/local_offer_item.html", form=form, item=None, stale=False)


@form_route(bp, "/local-offer/<uuid:offer_item_id>", roles_allowed(Role.council_admin))
def offer_item(offer_item_id: uuid.UUID) -> str | Response:
    stale = False
    if request.method == "POST":
        form = OfferItemForm()
        sent, stale = send_valid_change(
            form,
            lambda: leaving_care.change_item(current_user, offer_item_id, version_of(form), _details(form)),
            lambda changed: see_other("admin.local_offer", done="changed" if changed else "unchanged"),
        )
        if sent is not None:
            return sent
        item = _item(offer_item_id)
        if stale:
            # Keep what they typed; the next save is made against what is saved now.
            form.version.data = str(item.version)
    else:
        item = _item(offer_item_id)
        form = OfferItemForm(data=_form_data(item))
    return render_template(
        "admin/local_offer_item.html", form=form, item=item, stale=stale, confirm=ConfirmForm(), words=WORDS
    )


def _item(offer_item_id: uuid.UUID) -> Any:
    return or_404(leaving_care.item_for_admin, current_user, offer_item_id)


@bp.post("/local-offer/<uuid:offer_item_id>/withdraw")
@roles_allowed(Role.council_admin)
def withdraw_offer_item(offer_item_id: uuid.UUID) -> Response:
    return _set_withdrawn(offer_item_id, withdrawn=True)


@bp.post("/local-offer/<uuid:offer_item_id>/restore")
@roles_allowed(Role.council_admin)
def restore_offer_item(offer_item_id: uuid.UUID) -> Response:
    return _set_withdrawn(offer_item_id, withdrawn=False)


def _set_withdrawn(offer_item_id: uuid.UUID, *, withdrawn: bool) -> Response:
    if not ConfirmForm().validate_on_submit():
        abort(400)
    or_404(leaving_care.set_withdrawn, current_user, offer_item_id, withdrawn=withdrawn)
    return see_other("admin.local_offer", done="withdrawn" if withdrawn else "restored")
