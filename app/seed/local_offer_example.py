"""A realistic local offer for care leavers, in plain words, for the demo council and the scale data.

Councils publish their own; these follow what councils in England commonly offer (and the national leaving care
allowance and apprenticeship bursary). Each: category, title, what you get, how to get it, who it is for in words,
from age, until age (the birthday it stops at), care leavers only.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from app.models import OfferCategory


class ExampleItem(NamedTuple):
    category: str
    title: str
    what_you_get: str
    how_to_get_it: str
    who_for: str | None
    from_age: int | None
    until_age: int | None
    care_leavers_only: bool

    def columns(self) -> dict[str, Any]:
        """The item's own columns, as a LocalOfferItem takes them."""
        return self._asdict() | {"category": OfferCategory(self.category)}


EXAMPLE_OFFER: tuple[ExampleItem, ...] = (
    ExampleItem(
        "money",
        "Leaving care allowance",
        "Up to £3,000 to set up your first home: things like a bed, a cooker, pots and pans, and bedding.",
        "Your personal adviser helps you make a list and buys things with you, or pays the shop.",
        None,
        18,
        None,
        True,
    ),
    ExampleItem(
        "money",
        "Council tax exemption",
        "You do not pay council tax on your home.",
        "Tell your personal adviser when you get your own home. They tell the council tax team for you.",
        "If you have your own home in this council's area, or one nearby.",
        18,
        25,
        True,
    ),
    ExampleItem(
        "money",
        "Help opening a bank account",
        "Someone goes with you to open a bank account, and helps you find your ID.",
        "Ask your personal adviser or social worker.",
        None,
        16,
        None,
        False,
    ),
    ExampleItem(
        "money",
        "Your Junior ISA savings",
        "The money saved for you while you were in care. It is yours from age 18.",
        "Ask your personal adviser to help you find out how much there is and how to get it.",
        None,
        18,
        None,
        False,
    ),
    ExampleItem(
        "home",
        "Help with a deposit or a rent guarantor",
        "The council can pay your deposit, or promise the landlord your rent will be paid (be your guarantor).",
        "Talk to your personal adviser before you sign anything. They will check the home with you.",
        None,
        18,
        25,
        True,
    ),
    ExampleItem(
        "home",
        "Staying put with your foster carers",
        "You can stay living with your foster carers after 18, up to 21, if you all want to.",
        "Ask your social worker before you are 18, so it can be planned.",
        "If you live in foster care.",
        16,
        21,
        False,
    ),
    ExampleItem(
        "home",
        "Priority for a council or housing association home",
        "You are put higher on the list for a council or housing association home.",
        "Your personal adviser fills in the housing form with you.",
        None,
        18,
        25,
        True,
    ),
    ExampleItem(
        "health",
        "Free prescriptions",
        "You do not pay for medicines the doctor gives you.",
        "Show your care leaver card at the chemist, or ask your personal adviser for a certificate.",
        None,
        None,
        25,
        False,
    ),
    ExampleItem(
        "health",
        "Free dental care",
        "You do not pay at the dentist.",
        "Tell the dentist you are a care leaver and show your care leaver card.",
        None,
        None,
        25,
        False,
    ),
    ExampleItem(
        "health",
        "Free eye tests and glasses",
        "You get free eye tests, and help paying for glasses.",
        "Tell the optician you are a care leaver and show your care leaver card.",
        None,
        None,
        25,
        False,
    ),
    ExampleItem(
        "health",
        "Someone to talk to about how you feel",
        "Free talking support with a counsellor, when you need it.",
        "Ask your personal adviser, or your doctor, to refer you. You can also ask for it yourself.",
        None,
        16,
        None,
        False,
    ),
    ExampleItem(
        "education_work",
        "Apprenticeship bursary",
        "£3,000 when you start an apprenticeship.",
        "Your training provider claims it for you. Tell them you are a care leaver.",
        "If you are starting an apprenticeship.",
        16,
        25,
        False,
    ),
    ExampleItem(
        "education_work",
        "Higher education bursary",
        "£2,000 to help while you study at university or college.",
        "Tell your university you are a care leaver, and ask your personal adviser.",
        "If you are at university or doing a higher education course.",
        18,
        25,
        True,
    ),
    ExampleItem(
        "education_work",
        "A laptop for study or work",
        "A laptop of your own, for study, training or looking for work.",
        "Ask your personal adviser.",
        None,
        16,
        25,
        False,
    ),
    ExampleItem(
        "everyday_life",
        "Leisure pass",
        "Free entry to council swimming pools and gyms.",
        "Show your care leaver card at the front desk.",
        None,
        16,
        25,
        False,
    ),
    ExampleItem(
        "everyday_life",
        "Free bus pass",
        "Free bus travel in the council's area for your first year after leaving care.",
        "Ask your personal adviser to order it for you.",
        None,
        18,
        21,
        True,
    ),
    ExampleItem(
        "everyday_life",
        "Help getting your driving licence",
        "Help paying for a provisional licence and driving lessons.",
        "Ask your personal adviser.",
        None,
        17,
        25,
        False,
    ),
    ExampleItem(
        "rights_help",
        "Your own personal adviser",
        "Someone whose job is to help you, until you are 25 or longer if you want.",
        "You should already have one. If you do not, ask the leaving care team.",
        None,
        16,
        None,
        False,
    ),
    ExampleItem(
        "rights_help",
        "See your care records",
        "You can read what the council wrote about you while you were in care.",
        "Ask your personal adviser. Someone can go through it with you.",
        None,
        16,
        None,
        False,
    ),
    ExampleItem(
        "rights_help",
        "An advocate",
        "Someone independent on your side, to help you say what you want and be heard.",
        "Ask for one in Orbit, or ask your personal adviser.",
        None,
        None,
        None,
        False,
    ),
)
