"""Forms and words for people who matter. Codes match app.models.people (a unit test keeps them in step)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from wtforms import HiddenField, RadioField, SelectField, SelectMultipleField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional

from app.forms.base import OrbitForm
from app.forms.widgets import CheckboxesInput, RadioInput, Select, SubmitInput, TextArea, TextInput

NAME_MAX = 80
RELATIONSHIP_WORDS_MAX = 60
END_REASON_MAX = 200
REMEMBERED_MAX = 1000
REPLY_MAX = 2000

RELATIONSHIP_LABELS = {
    "mum": _l("Mum"),
    "dad": _l("Dad"),
    "brother": _l("Brother"),
    "sister": _l("Sister"),
    "half_brother": _l("Half brother"),
    "half_sister": _l("Half sister"),
    "step_brother": _l("Step brother"),
    "step_sister": _l("Step sister"),
    "foster_brother": _l("Foster brother"),
    "foster_sister": _l("Foster sister"),
    "adopted_brother": _l("Adopted brother"),
    "adopted_sister": _l("Adopted sister"),
    "grandparent": _l("Grandparent"),
    "aunt_or_uncle": _l("Aunt or uncle"),
    "cousin": _l("Cousin"),
    "foster_carer": _l("Foster carer"),
    "former_foster_carer": _l("Foster carer from before"),
    "home_staff": _l("Staff at my home"),
    "former_home_staff": _l("Staff from a home before"),
    "teacher": _l("Teacher"),
    "social_worker": _l("Social worker"),
    "youth_worker": _l("Youth worker"),
    "friend": _l("Friend"),
    "friends_parent": _l("A friend's mum or dad"),
    "neighbour": _l("Neighbour"),
    "pet": _l("Pet"),
    "someone_else": _l("Someone else"),
}

CIRCLE_LABELS = {
    "closest": _l("Closest"),
    "close": lazy_pgettext("the middle circle: people close to you", "Close"),
    "further": _l("A bit further out"),
}

CIRCLE_HINTS = {
    "closest": _l("The middle circle, next to you"),
    "close": _l("The circle around that"),
    "further": _l("The outside circle"),
}

WISH_LABELS = {
    "more": _l("See them more"),
    "same": _l("Keep it the same"),
    "less": _l("See them less"),
    "lost_touch": _l("I've lost touch and want to find them again"),
    "not_sure": _l("Not sure"),
}

WAY_LABELS = {
    "visits": _l("Seeing them"),
    "calls": _l("Phone calls"),
    "video": _l("Video calls"),
    "messages": _l("Messages"),
    "letters": _l("Letters or cards"),
}

QUESTION_LABELS = {
    "trust": _l("Can you trust them?"),
    "help": _l("Do they help when things are hard?"),
    "lasting": _l("Do you think you'll still know them when you're grown up?"),
}

# Short words for the same questions where a young person is not the reader (staff pages).
QUESTION_SHORT = {
    "trust": _l("Trust them"),
    "help": _l("Help when things are hard"),
    "lasting": _l("Will still know them when grown up"),
}

ANSWER_LABELS = {
    "yes": _l("Yes"),
    "sometimes": _l("Sometimes"),
    "no": _l("No"),
    "not_sure": _l("Not sure"),
}

EMOJI = {
    "star": "\u2b50",
    "heart": "\u2764\ufe0f",
    "sun": "\u2600\ufe0f",
    "rainbow": "\U0001f308",
    "flower": "\U0001f33b",
    "dog": "\U0001f436",
    "cat": "\U0001f431",
    "music": "\U0001f3b5",
    "football": "\u26bd",
    "games": "\U0001f3ae",
    "book": "\U0001f4da",
    "home": "\U0001f3e0",
}

EMOJI_LABELS = {
    "star": _l("Star"),
    "heart": _l("Heart"),
    "sun": _l("Sun"),
    "rainbow": _l("Rainbow"),
    "flower": _l("Flower"),
    "dog": _l("Dog"),
    "cat": _l("Cat"),
    "music": _l("Music"),
    "football": _l("Football"),
    "games": _l("Games"),
    "book": _l("Book"),
    "home": lazy_pgettext("a picture of a house", "Home"),
}

# Each colour is dark enough for white letters on it (contrast of 4.5:1 or more).
COLOURS = {
    "teal": "#1b5e63",
    "blue": "#1d70b8",
    "purple": "#5c2d91",
    "pink": "#a3195b",
    "red": "#b0252b",
    "orange": "#a34400",
    "green": "#00703c",
    "brown": "#6b3a1e",
}

COLOUR_LABELS = {
    "teal": _l("Teal"),
    "blue": _l("Blue"),
    "purple": _l("Purple"),
    "pink": _l("Pink"),
    "red": _l("Red"),
    "orange": _l("Orange"),
    "green": _l("Green"),
    "brown": _l("Brown"),
}

AUDIENCES = ("advocate", "practitioner", "review")

RECONNECT_OUTCOME_LABELS = {
    "seen": _l("Still working on it"),
    "done": _l("Done"),
    "not_possible": _l("Not possible"),
}


def _choices(pairs: Iterable[tuple[str, Any]]) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in pairs]


def _answer_field(question: str) -> RadioField:
    return RadioField(
        QUESTION_LABELS[question],
        widget=RadioInput(),
        choices=_choices(ANSWER_LABELS.items()),
        validators=[Optional()],
    )


class PersonForm(OrbitForm):
    name = StringField(
        _l("What do you call them?"),
        widget=TextInput(),
        description=_l("A first name or a nickname is enough."),
        validators=[
            InputRequired(message=_l("Write the name you call them")),
            Length(max=NAME_MAX, message=_l("The name must be 80 letters or fewer")),
        ],
    )
    relationship_kind = SelectField(
        _l("Who are they to you?"),
        widget=Select(),
        choices=_choices([("", _l("Choose one")), *RELATIONSHIP_LABELS.items()]),
        validators=[InputRequired(message=_l("Choose who they are to you"))],
    )
    relationship_words = StringField(
        _l("Or say it in your own words (you do not have to)"),
        widget=TextInput(),
        description=_l("For example: my mum's best friend"),
        validators=[
            Optional(),
            Length(max=RELATIONSHIP_WORDS_MAX, message=_l("Your own words must be 60 letters or fewer")),
        ],
    )
    circle = RadioField(
        _l("Which circle are they in?"),
        widget=RadioInput(),
        choices=_choices(CIRCLE_LABELS.items()),
        validators=[InputRequired(message=_l("Choose a circle for them"))],
    )
    wish = RadioField(
        _l("What would you like?"),
        widget=RadioInput(),
        choices=_choices(WISH_LABELS.items()),
        validators=[Optional()],
    )
    ways = SelectMultipleField(
        _l("How do you like to keep in touch?"),
        widget=CheckboxesInput(),
        description=_l("Choose all you like."),
        choices=_choices(WAY_LABELS.items()),
        validators=[Optional()],
    )
    trust = _answer_field("trust")
    help = _answer_field("help")
    lasting = _answer_field("lasting")
    emoji = RadioField(
        _l("A picture for them (you do not have to)"),
        widget=RadioInput(),
        choices=_choices([("", _l("No picture")), *EMOJI_LABELS.items()]),
        validators=[Optional()],
    )
    colour = RadioField(
        _l("A colour for them (you do not have to)"),
        widget=RadioInput(),
        choices=_choices([("", _l("No colour")), *COLOUR_LABELS.items()]),
        validators=[Optional()],
    )
    version = HiddenField()
    submit = SubmitField(_l("Save"), widget=SubmitInput())


class SharingForm(OrbitForm):
    audiences = SelectMultipleField(
        _l("Who else can see them?"),
        widget=CheckboxesInput(),
        description=_l("Tick who can see. If you tick no one, only you can see them."),
        choices=_choices((code, code) for code in AUDIENCES),
        validators=[Optional()],
    )
    version = HiddenField()
    submit = SubmitField(_l("Save who can see"), widget=SubmitInput())
    only_me = SubmitField(_l("Only me"), widget=SubmitInput())


class EndForm(OrbitForm):
    reason = StringField(
        _l("What happened? (you do not have to say)"),
        widget=TextInput(),
        description=_l("For example: we fell out, or they moved away. Only you will see this."),
        validators=[Optional(), Length(max=END_REASON_MAX, message=_l("Write 200 letters or fewer"))],
    )
    version = HiddenField()
    submit = SubmitField(_l("End"), widget=SubmitInput())


class VersionForm(OrbitForm):
    """A button that changes one person, carrying the version of the page it was pressed on."""

    version = HiddenField()


class DeleteForm(OrbitForm):
    submit = SubmitField(_l("Yes, delete"), widget=SubmitInput())


class ReconnectForm(OrbitForm):
    remembered = TextAreaField(
        _l("What do you remember about them? (you do not have to say)"),
        widget=TextArea(),
        description=_l("For example: their full name, where they lived, or when you last saw them."),
        validators=[Optional(), Length(max=REMEMBERED_MAX, message=_l("Write 1000 letters or fewer"))],
    )
    submit = SubmitField(_l("Send"), widget=SubmitInput())


class ReconnectReplyForm(OrbitForm):
    outcome = RadioField(
        _l("Where is this up to?"),
        widget=RadioInput(),
        choices=_choices(RECONNECT_OUTCOME_LABELS.items()),
        validators=[InputRequired(message=_l("Choose where this is up to"))],
    )
    reply = TextAreaField(
        _l("Your reply to the young person"),
        widget=TextArea(),
        description=_l("They will read this. Use plain words. If it is not possible, say why."),
        validators=[
            InputRequired(message=_l("Write a reply the young person can read")),
            Length(max=REPLY_MAX, message=_l("Replies must be 2000 characters or fewer")),
        ],
    )
    submit = SubmitField(_l("Send reply"), widget=SubmitInput())
