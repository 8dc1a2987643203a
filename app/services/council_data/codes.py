"""The SSDA903 code lists Orbit reads and writes, each with its source, and what each means in Orbit.

Sources:
- the DfE's "Children looked after by local authorities in England: guide to the SSDA903 collection" (the code
  definitions), and
- the open-source 903 validator of Social Finance / Data to Insight (data-to-insight/csc-validator-be-903,
  lac_validator/rules/lac2022_23/), whose rules carry the DfE's own code lists: rule 143 (RNE), 144 (LS),
  145 (CIN), 146 (PLACE), 149 (REC), 166 and 167 (Reviews: REVIEW and REVIEW_CODE), 440 and 441 (PN0 and age).
"""

from __future__ import annotations

from app.models import HomeKind

# The columns of each 903 table, from the validator's lac_validator/config.py (column_names), which follows the
# DfE's file specification. Orbit's own names file is recognised by its own columns.
HEADER = ("CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB")
EPISODES = (
    "CHILD",
    "DECOM",
    "RNE",
    "LS",
    "CIN",
    "PLACE",
    "PLACE_PROVIDER",
    "DEC",
    "REC",
    "REASON_PLACE_CHANGE",
    "HOME_POST",
    "PL_POST",
    "URN",
)
REVIEWS = ("CHILD", "DOB", "REVIEW", "REVIEW_CODE")
UASC = ("CHILD", "SEX", "DOB", "DUC")
NAMES = ("CHILD", "FIRST_NAME", "SOCIAL_WORKER_EMAIL", "REVIEWING_OFFICER_EMAIL")
NAMES_OPTIONAL = ("LANGUAGE",)

# RNE, reason for new episode (validator rule 143; DfE guide, "RNE").
RNE_STARTED = "S"  # started to be looked after
RNE_LEGAL_STATUS = "L"  # change of legal status only
RNE_PLACEMENT = "P"  # change of placement and carer(s) only
RNE_BOTH = "T"  # change of both legal status and placement and carer(s) at the same time
RNE_LEGAL_AND_PLACE_SAME_CARER = "U"  # change of legal status and placement at the same time, same carer(s)
RNE_PLACE_SAME_CARER = "B"  # change of placement but the carer(s) stay the same
RNE_CODES = frozenset({"S", "P", "L", "T", "U", "B"})
# A new home for the young person: new carers. B and U keep the same carers (a foster placement becoming long
# term, say), so the kind of home is updated but no move is announced.
RNE_NEW_HOME = frozenset({RNE_PLACEMENT, RNE_BOTH})

# LS, legal status (validator rule 144).
LS_CODES = frozenset({"C1", "C2", "D1", "E1", "V2", "V3", "V4", "J1", "J2", "J3", "L1", "L2", "L3"})

# CIN, category of need (validator rule 145).
CIN_CODES = frozenset({"N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8"})

# PLACE, placement type (validator rule 146), and the kind of home each is in Orbit's plain words. Never an
# address: HOME_POST, PL_POST and URN are not read.
PLACE_HOME_KIND: dict[str, HomeKind] = {
    # A3-A6: placed for adoption (with or without a placement order, with or without current foster carers)
    "A3": HomeKind.foster_care,
    "A4": HomeKind.other,
    "A5": HomeKind.foster_care,
    "A6": HomeKind.other,
    "H5": HomeKind.supported_accommodation,  # semi-independent / supported accommodation
    "K1": HomeKind.childrens_home,  # secure children's home
    "K2": HomeKind.childrens_home,  # children's home
    "P1": HomeKind.with_family,  # placed with own parent(s) or others with parental responsibility
    "P2": HomeKind.own_home,  # independent living (a flat, lodgings, bedsit, with friends)
    "P3": HomeKind.other,  # residential employment
    "R1": HomeKind.childrens_home,  # residential care home
    "R2": HomeKind.other,  # NHS / health trust or other medical or nursing care
    "R3": HomeKind.other,  # family centre or mother and baby unit
    "R5": HomeKind.other,  # young offender institution
    "S1": HomeKind.other,  # residential school
    "T0": HomeKind.other,  # T0-T4: temporary moves (hospital, holiday, carers' holiday, 7 days or less)
    "T1": HomeKind.other,
    "T2": HomeKind.other,
    "T3": HomeKind.other,
    "T4": HomeKind.other,
    "U1": HomeKind.family_and_friends,  # U1-U3: fostered with relatives or friends
    "U2": HomeKind.family_and_friends,
    "U3": HomeKind.family_and_friends,
    "U4": HomeKind.foster_care,  # U4-U6: fostered with other foster carers
    "U5": HomeKind.foster_care,
    "U6": HomeKind.foster_care,
    "Z1": HomeKind.other,  # other placements
}
PLACE_CODES = frozenset(PLACE_HOME_KIND)
# A temporary period away (T codes) is not a new home: the home before it stays the young person's home.
PLACE_TEMPORARY = frozenset({"T0", "T1", "T2", "T3", "T4"})

# REC, reason episode ceased (validator rule 149). X1: the episode ends and a new one starts the same day, so
# care goes on; every other code ends the period of care.
REC_CONTINUES = "X1"
REC_CODES = frozenset(
    {
        "E11",
        "E12",
        "E2",
        "E3",
        "E4A",
        "E4B",
        "E13",
        "E41",
        "E45",
        "E46",
        "E47",
        "E48",
        "E5",
        "E6",
        "E7",
        "E8",
        "E9",
        "E14",
        "E15",
        "E16",
        "E17",
        "X1",
    }
)

# REVIEW_CODE, how the child took part in the review (validator rule 167; meanings from the DfE guide).
PARTICIPATION_CODES = ("PN0", "PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7")
PN_UNDER_FOUR = "PN0"  # the child was under 4 at the time of the review
PN_ATTENDS_SPEAKS = "PN1"  # attends and speaks for themselves
PN_ATTENDS_ADVOCATE = "PN2"  # attends and an advocate speaks for them
PN_ATTENDS_SYMBOLIC = "PN3"  # attends and conveys their view symbolically (non-verbally)
PN_ATTENDS_SILENT = "PN4"  # attends but does not speak, convey a view symbolically or ask an advocate to
PN_ADVOCATE_ONLY = "PN5"  # does not attend but briefs an advocate to speak for them
PN_VIEWS_SENT = "PN6"  # does not attend but conveys their feelings by a facilitative medium
PN_NOT_HEARD = "PN7"  # does not attend nor are their views conveyed
