"""Choosing a language among the nine: the chooser page, the footer, /join and /sign-in, Accept-Language on a
first visit, the account keeping the choice, and bad codes in the form or the cookie."""

from __future__ import annotations

import pytest

from app.extensions import db
from app.languages import LANGUAGES, from_accept_language, typed, typed_name
from tests import factories
from tests.conftest import post_form, sign_in_as

NINE = ["en", "cy", "ar", "fa_AF", "ps", "ckb", "ti", "vi", "sq"]


def test_nine_languages_are_offered_by_their_own_names(app, client) -> None:
    assert app.config["ORBIT_LOCALES"] == NINE
    page = client.get("/language?next=/sign-in").get_data(as_text=True)
    for name in ("English", "Cymraeg", "العربية", "دری", "پښتو", "کوردی (سۆرانی)", "ትግርኛ", "Tiếng Việt", "Shqip"):
        assert f">{name}</button>" in page
    assert "فارسی (افغانستان)" not in page  # Babel's name for Dari is not the one Dari speakers look for
    assert 'lang="fa-AF" dir="rtl"' in page and 'lang="ti" dir="ltr"' in page and 'lang="ckb" dir="rtl"' in page
    assert 'name="csrf_token"' in page and 'method="post"' in page
    assert 'name="next" value="/sign-in"' in page


def test_the_chooser_page_never_writes_and_ignores_a_next_to_another_site(client) -> None:
    response = client.get("/language?lang=ar&next=//evil.example/")
    assert response.status_code == 200 and "orbit_lang" not in response.headers.get("Set-Cookie", "")
    page = response.get_data(as_text=True)
    assert 'name="next" value="/"' in page and 'href="//evil' not in page and 'value="//evil' not in page


@pytest.mark.parametrize(
    ("code", "lang", "direction"),
    [("ar", "ar", "rtl"), ("fa_AF", "fa-AF", "rtl"), ("ps", "ps", "rtl"), ("ckb", "ckb", "rtl"), ("ti", "ti", "ltr")],
)
def test_each_language_sets_lang_and_direction(client, code: str, lang: str, direction: str) -> None:
    post_form(client, "/language", {"lang": code, "next": "/sign-in"})
    page = client.get("/sign-in").get_data(as_text=True)
    assert f'<html lang="{lang}" dir="{direction}"' in page


def test_the_footer_shows_the_language_and_change_language_in_it_and_in_english(client) -> None:
    page = client.get("/help").get_data(as_text=True)
    assert "Change language" in page and "(Change language)" not in page
    client.set_cookie("orbit_lang", "ar", domain="orbit.test")
    page = client.get("/help").get_data(as_text=True)
    assert '<strong lang="ar" dir="rtl">العربية</strong>' in page
    assert '<span lang="en" dir="ltr">(Change language)</span>' in page
    assert 'href="/language?next=/help' in page


@pytest.mark.parametrize("path", ["/sign-in", "/join"])
def test_join_and_sign_in_offer_every_language_before_anything_else(client, path: str) -> None:
    page = client.get(path).get_data(as_text=True)
    main = page.split('id="main-content">', 1)[1]
    assert main.index('name="lang" value="ps"') < main.index("<h1")
    assert all(f'name="lang" value="{code}"' in main for code in NINE)


@pytest.mark.parametrize(
    ("header", "lang"),
    [("fa-AF,fa;q=0.9,en;q=0.5", "fa-AF"), ("prs", "fa-AF"), ("ckb-IQ", "ckb"), ("ti-ER", "ti"), ("vi-VN", "vi")],
)
def test_the_first_visit_follows_accept_language(client, header: str, lang: str) -> None:
    page = client.get("/sign-in", headers={"Accept-Language": header}).get_data(as_text=True)
    assert f'<html lang="{lang}"' in page


@pytest.mark.parametrize("cookie", ["xx", "../../etc/passwd", "ar\x00", "", "fa", "AR", "x" * 3000])
def test_a_bad_language_cookie_is_passed_over(client, cookie: str) -> None:
    client.set_cookie("orbit_lang", cookie, domain="orbit.test")
    response = client.get("/sign-in", headers={"Accept-Language": "sq"})
    assert response.status_code == 200
    assert '<html lang="sq"' in response.get_data(as_text=True)


@pytest.mark.parametrize("code", ["xx", "", "ar; DROP", "<script>", "fa"])
def test_a_bad_code_in_the_chooser_is_ignored(app, client, code: str) -> None:
    person = factories.young_person(factories.CouncilFactory())
    db.session.commit()
    sign_in_as(client, person.user)
    response = post_form(client, "/language", {"lang": code, "next": "/me/"})
    assert response.status_code == 303
    db.session.refresh(person.user)
    assert person.user.locale is None
    assert client.get("/me/").status_code == 200


def test_the_account_keeps_the_choice_over_the_cookie_and_the_browser(app, client) -> None:
    person = factories.young_person(factories.CouncilFactory())
    db.session.commit()
    sign_in_as(client, person.user)
    post_form(client, "/language", {"lang": "ps", "next": "/me/"})
    fresh = app.test_client()
    fresh.set_cookie("orbit_lang", "vi", domain="orbit.test")
    sign_in_as(fresh, person.user)
    page = fresh.get("/me/", headers={"Accept-Language": "sq"}).get_data(as_text=True)
    assert '<html lang="ps" dir="rtl"' in page


def test_an_account_language_no_longer_offered_falls_back(app, client) -> None:
    person = factories.young_person(factories.CouncilFactory())
    person.user.locale = "de"
    db.session.commit()
    sign_in_as(client, person.user)
    page = client.get("/me/", headers={"Accept-Language": "cy"}).get_data(as_text=True)
    assert '<html lang="cy"' in page


def test_accept_language_matching() -> None:
    assert from_accept_language([("fa-IR", 1), ("en", 0.5)], NINE) == "fa_AF"
    assert from_accept_language([("de", 1)], NINE) is None
    assert from_accept_language([("pbu", 1)], NINE) == "ps"
    assert from_accept_language([("fa", 1)], ["en"]) is None  # an alias only to a language that is offered
    assert set(LANGUAGES) == set(NINE)


def test_typed_words_are_isolated_and_escaped() -> None:
    assert str(typed("<script>x</script>")) == "<bdi>&lt;script&gt;x&lt;/script&gt;</bdi>"
    assert str(typed("")) == "" and str(typed(None)) == ""
    assert str(typed("سارة 2")) == "<bdi>سارة 2</bdi>"

    class Person:
        first_name, last_name = "مریم", "Smith"

    assert str(typed_name(Person())) == "<bdi>مریم Smith</bdi>"
