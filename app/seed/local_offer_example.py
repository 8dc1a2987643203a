"""A realistic local offer for care leavers, in plain words, for the demo council and the scale data.

Councils publish their own; these follow what councils in England commonly offer (and the national leaving care
allowance and apprenticeship bursary). They are listed by category, each item: title, what you get, how to get it,
who it is for in words, from age, until age (the birthday it stops at), care leavers only.
"""

from __future__ import annotations

from app.models import OfferCategory
from app.services.leaving_care.local_offer import OfferItemColumns

_Item = tuple[str, str, str, str | None, int | None, int | None, bool]

_BY_CATEGORY: dict[OfferCategory, tuple[_Item, ...]] = {
    OfferCategory.money: (
        (
            "Leaving care allowance",
            "Up to £3,000 to set up your first home: things like a bed, a cooker, pots and pans, and bedding.",
            "Your personal adviser helps you make a list and buys things with you, or pays the shop.",
            None,
            18,
            None,
            True,
        ),
        (
            "Council tax exemption",
            "You do not pay council tax on your home.",
            "Tell your personal adviser when you get your own home. They tell the council tax team for you.",
            "If you have your own home in this council's area, or one nearby.",
            18,
            25,
            True,
        ),
        (
            "Help opening a bank account",
            "Someone goes with you to open a bank account, and helps you find your ID.",
            "Ask your personal adviser or social worker.",
            None,
            16,
            None,
            False,
        ),
        (
            "Your Junior ISA savings",
            "The money saved for you while you were in care. It is yours from age 18.",
            "Ask your personal adviser to help you find out how much there is and how to get it.",
            None,
            18,
            None,
            False,
        ),
    ),
    OfferCategory.home: (
        (
            "Help with a deposit or a rent guarantor",
            "The council can pay your deposit, or promise the landlord your rent will be paid (be your guarantor).",
            "Talk to your personal adviser before you sign anything. They will check the home with you.",
            None,
            18,
            25,
            True,
        ),
        (
            "Staying put with your foster carers",
            "You can stay living with your foster carers after 18, up to 21, if you all want to.",
            "Ask your social worker before you are 18, so it can be planned.",
            "If you live in foster care.",
            16,
            21,
            False,
        ),
        (
            "Priority for a council or housing association home",
            "You are put higher on the list for a council or housing association home.",
            "Your personal adviser fills in the housing form with you.",
            None,
            18,
            25,
            True,
        ),
    ),
    OfferCategory.health: (
        (
            "Free prescriptions",
            "You do not pay for medicines the doctor gives you.",
            "Show your care leaver card at the chemist, or ask your personal adviser for a certificate.",
            None,
            None,
            25,
            False,
        ),
        (
            "Free dental care",
            "You do not pay at the dentist.",
            "Tell the dentist you are a care leaver and show your care leaver card.",
            None,
            None,
            25,
            False,
        ),
        (
            "Free eye tests and glasses",
            "You get free eye tests, and help paying for glasses.",
            "Tell the optician you are a care leaver and show your care leaver card.",
            None,
            None,
            25,
            False,
        ),
        (
            "Someone to talk to about how you feel",
            "Free talking support with a counsellor, when you need it.",
            "Ask your personal adviser, or your doctor, to refer you. You can also ask for it yourself.",
            None,
            16,
            None,
            False,
        ),
    ),
    OfferCategory.education_work: (
        (
            "Apprenticeship bursary",
            "£3,000 when you start an apprenticeship.",
            "Your training provider claims it for you. Tell them you are a care leaver.",
            "If you are starting an apprenticeship.",
            16,
            25,
            False,
        ),
        (
            "Higher education bursary",
            "£2,000 to help while you study at university or college.",
            "Tell your university you are a care leaver, and ask your personal adviser.",
            "If you are at university or doing a higher education course.",
            18,
            25,
            True,
        ),
        (
            "A laptop for study or work",
            "A laptop of your own, for study, training or looking for work.",
            "Ask your personal adviser.",
            None,
            16,
            25,
            False,
        ),
    ),
    OfferCategory.everyday_life: (
        (
            "Leisure pass",
            "Free entry to council swimming pools and gyms.",
            "Show your care leaver card at the front desk.",
            None,
            16,
            25,
            False,
        ),
        (
            "Free bus pass",
            "Free bus travel in the council's area for your first year after leaving care.",
            "Ask your personal adviser to order it for you.",
            None,
            18,
            21,
            True,
        ),
        (
            "Help getting your driving licence",
            "Help paying for a provisional licence and driving lessons.",
            "Ask your personal adviser.",
            None,
            17,
            25,
            False,
        ),
    ),
    OfferCategory.rights_help: (
        (
            "Your own personal adviser",
            "Someone whose job is to help you, until you are 25 or longer if you want.",
            "You should already have one. If you do not, ask the leaving care team.",
            None,
            16,
            None,
            False,
        ),
        (
            "See your care records",
            "You can read what the council wrote about you while you were in care.",
            "Ask your personal adviser. Someone can go through it with you.",
            None,
            16,
            None,
            False,
        ),
        (
            "An advocate",
            "Someone independent on your side, to help you say what you want and be heard.",
            "Ask for one in Orbit, or ask your personal adviser.",
            None,
            None,
            None,
            False,
        ),
    ),
}

EXAMPLE_OFFER: tuple[OfferItemColumns, ...] = tuple(
    OfferItemColumns(category, *item) for category, items in _BY_CATEGORY.items() for item in items
)
