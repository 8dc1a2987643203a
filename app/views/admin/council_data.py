"""Council admins bring in the council's SSDA903 files (upload, check, confirm) and download the Reviews table for
the return. Routes join the admin blueprint; council admins only."""

from __future__ import annotations

import uuid

from flask import Response, abort, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from app import clock
from app.access import roles_allowed
from app.forms.auth import ConfirmForm
from app.forms.council_data import LaCodeForm, UploadForm
from app.forms.staff import HOME_KIND_LABELS
from app.roles import Role
from app.services import council_data
from app.services.errors import NotFound, Refused
from app.views.admin.blueprint import bp
from app.views.shared.messages import send_valid_form
from app.views.shared.pages import form_route, known_notice, or_404, see_other

MAX_FILES = 6
# Up to six files of up to 50 MB each, and the form around them: only on this route, not the app's usual limit.
UPLOAD_LIMIT = MAX_FILES * council_data.MAX_BYTES + 1024 * 1024
DONE = ("imported", "cancelled", "code")


def _years() -> list[int]:
    today = clock.today()
    latest = today.year if today.month >= 4 else today.year - 1
    return list(range(latest, latest - 5, -1))


def _render(
    code_form: LaCodeForm,
    upload_form: UploadForm,
    problems: list | None = None,
    page: council_data.AdminPage | None = None,
) -> str:
    if page is None:
        page = council_data.page_for_admin(current_user)
    return render_template(
        "admin/council_data.html",
        page=page,
        code_form=code_form,
        upload_form=upload_form,
        problems=problems or [],
        years=_years(),
        done=known_notice(DONE),
    )


@bp.get("/council-data")
@roles_allowed(Role.council_admin)
def council_data_home() -> str:
    page = or_404(council_data.page_for_admin, current_user)
    return _render(LaCodeForm(data={"la_code": page.council.la_code or ""}), UploadForm(), page=page)


@form_route(bp, "/council-data/number", roles_allowed(Role.council_admin), methods=["POST"])
def council_data_number() -> str | Response:
    form = LaCodeForm()
    sent = send_valid_form(
        form,
        lambda: council_data.set_la_code(current_user, form.la_code.data or ""),
        lambda _done: see_other("admin.council_data_home", done="code"),
    )
    if sent is not None:
        return sent
    return _render(form, UploadForm())


@form_route(bp, "/council-data/preview", roles_allowed(Role.council_admin), methods=["POST"])
def council_data_upload() -> str | Response:
    request.max_content_length = UPLOAD_LIMIT
    form = UploadForm()
    page = council_data.page_for_admin(current_user)
    code_form = LaCodeForm(data={"la_code": page.council.la_code or ""})
    if not form.validate_on_submit():
        return _render(code_form, form)
    uploads = [item for item in request.files.getlist("files") if item and item.filename]
    if not uploads:
        form.files.errors = [_("Choose the council's files to upload")]
        return _render(code_form, form)
    if len(uploads) > MAX_FILES:
        form.files.errors = [_("Upload at most 6 files at once")]
        return _render(code_form, form)
    files = [(item.filename or "file.csv", item.stream.read(council_data.MAX_BYTES + 1)) for item in uploads]
    pending_id, preview = or_404(council_data.start_preview, current_user, files)
    if pending_id is None:
        form.files.errors = [_("The files have problems, so nothing was imported. Each is listed below.")]
        return _render(code_form, form, preview.errors)
    return see_other("admin.council_data_preview", pending_id=pending_id)


@bp.get("/council-data/preview/<uuid:pending_id>")
@roles_allowed(Role.council_admin)
def council_data_preview(pending_id: uuid.UUID) -> str:
    preview = or_404(council_data.pending_for_admin, current_user, pending_id)
    return render_template(
        "admin/council_data_preview.html",
        preview=preview,
        pending_id=pending_id,
        form=ConfirmForm(),
        home_kinds=HOME_KIND_LABELS,
    )


@form_route(bp, "/council-data/preview/<uuid:pending_id>/apply", roles_allowed(Role.council_admin), methods=["POST"])
def council_data_apply(pending_id: uuid.UUID) -> Response:
    if not ConfirmForm().validate_on_submit():
        return see_other("admin.council_data_preview", pending_id=pending_id)
    try:
        council_data.confirm(current_user, pending_id)
    except NotFound:
        abort(404)
    except Refused:
        return see_other("admin.council_data_preview", pending_id=pending_id)
    return see_other("admin.council_data_home", done="imported")


@form_route(bp, "/council-data/preview/<uuid:pending_id>/cancel", roles_allowed(Role.council_admin), methods=["POST"])
def council_data_cancel(pending_id: uuid.UUID) -> Response:
    if ConfirmForm().validate_on_submit():
        or_404(council_data.cancel, current_user, pending_id)
    return see_other("admin.council_data_home", done="cancelled")


@bp.get("/council-data/reviews")
@roles_allowed(Role.council_admin)
def council_data_export() -> str | Response:
    year = request.args.get("year", default=_years()[0], type=int)
    if year not in _years():
        abort(404)
    try:
        export = council_data.export_for_admin(current_user, year)
    except NotFound:
        abort(404)
    except Refused:
        abort(404)
    if request.args.get("download") == "1":
        response = Response(export.csv(), mimetype="text/csv")
        response.headers["Content-Disposition"] = (
            f'attachment; filename="reviews-{export.council.la_code or "council"}-{year}.csv"'
        )
        return response
    return render_template("admin/council_data_export.html", export=export, year=year)
