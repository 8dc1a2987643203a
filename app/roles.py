"""Roles in Orbit. Kept free of any imports so every layer can use it."""

from enum import StrEnum


class Role(StrEnum):
    young_person = "young_person"
    care_leaver = "care_leaver"
    advocate = "advocate"
    advocacy_manager = "advocacy_manager"
    reviewing_officer = "reviewing_officer"
    practitioner = "practitioner"
    duty = "duty"
    council_admin = "council_admin"
    complaints_officer = "complaints_officer"

    @property
    def is_young_person(self) -> bool:
        return self in YOUNG_PEOPLE

    @property
    def is_advocacy(self) -> bool:
        return self in ADVOCACY


YOUNG_PEOPLE = frozenset({Role.young_person, Role.care_leaver})
ADVOCACY = frozenset({Role.advocate, Role.advocacy_manager})
COUNCIL_STAFF = frozenset(
    {Role.reviewing_officer, Role.practitioner, Role.duty, Role.council_admin, Role.complaints_officer}
)
STAFF = ADVOCACY | COUNCIL_STAFF
