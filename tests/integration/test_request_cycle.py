"""The request's one commit: a GET leaves the rows it loaded as they are; a POST expires them, as SQLAlchemy does."""

from collections.abc import Iterator

import pytest
from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from app.extensions import db
from app.models import User
from tests import factories
from tests.conftest import post_form


class Commits:
    """The sessions that committed and the users each had loaded, kept to be looked at after the request."""

    def __init__(self) -> None:
        self.seen: list[tuple[Session, list[User]]] = []

    def __call__(self, session: Session) -> None:
        self.seen.append((session, [obj for obj in session.identity_map.values() if isinstance(obj, User)]))

    def last_users_expired(self) -> list[set[str]]:
        _session, users = self.seen[-1]
        return [set(inspect(user).expired_attributes) for user in users]


@pytest.fixture
def commits(app) -> Iterator[Commits]:
    found = Commits()
    event.listen(db.session, "after_commit", found)
    yield found
    event.remove(db.session, "after_commit", found)


def _joined_young_person() -> User:
    person = factories.young_person(factories.CouncilFactory())
    db.session.commit()
    return person.user


def test_a_get_commits_without_expiring_what_it_loaded(app, signed_in, commits) -> None:
    client = signed_in(_joined_young_person())
    commits.seen.clear()

    assert client.get("/me/").status_code == 200

    expired = commits.last_users_expired()
    assert expired and all(not names for names in expired)
    session, _users = commits.seen[-1]
    assert session.expire_on_commit is True  # back to the default for whatever the session does next


def test_a_post_commit_still_expires_what_it_loaded(app, signed_in, commits) -> None:
    client = signed_in(_joined_young_person())
    commits.seen.clear()

    assert post_form(client, "/sign-out").status_code in (302, 303)

    expired = commits.last_users_expired()
    assert expired and all("role" in names for names in expired)
