"""Forms the council admin uses for council data: the council's DfE number and uploading the SSDA903 files."""

from flask_babel import lazy_gettext as _l
from wtforms import MultipleFileField, StringField, SubmitField
from wtforms.validators import InputRequired

from app.forms.base import OrbitForm
from app.forms.widgets import FileInput, SubmitInput, TextInput


class LaCodeForm(OrbitForm):
    la_code = StringField(
        _l("DfE local authority number"),
        widget=TextInput(),
        description=_l("The three digits on your council's SSDA903 return, for example 931"),
        validators=[InputRequired(message=_l("Enter the council's three-digit DfE number"))],
    )
    save_code = SubmitField(_l("Save the number"), widget=SubmitInput())


class UploadForm(OrbitForm):
    files = MultipleFileField(
        _l("Upload the files"),
        widget=FileInput(),
        description=_l(
            "Header, Episodes, Reviews and UASC as CSV, and Orbit's names file (CHILD, FIRST_NAME, "
            "SOCIAL_WORKER_EMAIL, REVIEWING_OFFICER_EMAIL and, if you want, LANGUAGE). "
            "Any file names. Up to 50 MB each."
        ),
    )
    preview = SubmitField(_l("Check the files"), widget=SubmitInput())
