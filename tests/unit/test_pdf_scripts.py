"""The review pack PDF draws a sentence in each of Orbit's nine languages: every character has a glyph in the font
fpdf2 chose for it (no [?] and no missing glyph), and Arabic-script text is shaped by HarfBuzz (joined forms,
not the letters' isolated glyphs), including Pashto ښ ځ and Sorani ێ ڵ and AE (U+06D5) (no presentation forms)."""

from __future__ import annotations

import unicodedata
from typing import Any

import pytest
from fontTools.ttLib import TTFont
from fpdf.enums import TextDirection

from app.views.shared import review_pdf
from app.views.shared.review_pdf import FONT_FILES, FONTS, MISSING, PLAIN_TEXT, PackPdf, script_of

SENTENCES = {
    "en": "Maya wants to see her brother more often (every week).",
    "cy": "Mae Maya eisiau gweld ei brawd yn amlach yn y tŷ ger y dŵr.",
    "ar": "تريد مايا أن ترى أخاها أكثر، كل أسبوع ١٢ مرة.",
    "fa_AF": "مایا می‌خواهد برادرش را بیشتر ببیند؛ هر هفته.",
    "ps": "زه غواړم چې خپل ورور ډېر ځله وګورم، دا به ښه وي.",
    "ckb": "مایا دەیەوێت زیاتر براکەی ببینێت، ئەوە باشە و گوڵەکان جوانن.",
    "ti": "ማያ ንሓዋ ብዙሕ ግዜ ክትርኢ ትደሊ።",
    "vi": "Maya muốn gặp anh trai của mình thường xuyên hơn, mỗi tuần.",
    "sq": "Maja dëshiron ta shohë vëllain e saj më shpesh, çdo javë.",
}
ARABIC_SCRIPT = ("ar", "fa_AF", "ps", "ckb")
# Letters that must be drawn joined (not in their isolated form) in the sentences above.
JOINED = {"ps": "ښځ", "ckb": "ێڵە", "ar": "ت", "fa_AF": "ی"}


def _cmap(family: str) -> dict[int, str]:
    return TTFont(FONTS / FONT_FILES[family][0]).getBestCmap()


def _pdf(text: str, rtl: bool) -> PackPdf:
    pdf = PackPdf("test", rtl=rtl)
    pdf.add_page()
    pdf.paragraph(text)
    pdf.output()
    return pdf


@pytest.mark.parametrize("locale", SENTENCES)
def test_every_character_has_a_glyph(locale: str) -> None:
    text = SENTENCES[locale]
    pdf = _pdf(text, rtl=locale in ARABIC_SCRIPT)
    assert not pdf.missing and MISSING not in pdf.clean(text)
    for font in pdf.fonts.values():
        assert not font.missing_glyphs, f"{locale}: {font.name} has no glyph for {font.missing_glyphs}"
    for ch in unicodedata.normalize("NFC", text):
        if ch.isspace() or unicodedata.category(ch) == "Cf":
            continue
        family = script_of(ch)
        if ord(ch) not in _cmap(family):
            assert ord(ch) in _cmap("latin"), f"{locale}: {ch!r} is in no font"  # punctuation, digits


@pytest.mark.parametrize("locale", ARABIC_SCRIPT)
def test_arabic_script_is_shaped(locale: str) -> None:
    pdf = _pdf(SENTENCES[locale], rtl=True)
    font = next(font for key, font in pdf.fonts.items() if key == "arabic")
    cmap = _cmap("arabic")
    glyph_ids = {name: gid for gid, name in enumerate(TTFont(FONTS / FONT_FILES["arabic"][0]).getGlyphOrder())}
    used = [glyph for glyph, _id in font.subset.items() if glyph is not None]
    nominal = {glyph_ids[cmap[ord(ch)]] for ch in SENTENCES[locale] if ord(ch) in cmap}
    shaped = [glyph for glyph in used if glyph.glyph_id not in nominal]
    assert len(shaped) >= 5, f"{locale}: the text was drawn with the letters' own glyphs, not joined forms"
    for letter in JOINED[locale]:
        forms = {glyph.glyph_id for glyph in used if ord(letter) in (glyph.unicode or ())}
        assert forms, f"{locale}: {letter} was not drawn"
        assert forms - {glyph_ids[cmap[ord(letter)]]}, f"{locale}: {letter} was drawn unjoined"


def test_unknown_characters_are_marked_and_the_fonts_load_when_needed() -> None:
    pdf = PackPdf("test", rtl=False)
    assert pdf.clean("Hi 😊") == f"Hi {MISSING}" and pdf.missing
    assert pdf.fallbacks == []
    pdf.clean("سارة ትግርኛ")
    assert pdf.fallbacks == ["arabic", "ethiopic"]  # each script's font is loaded only once it appears
    pdf.add_page()
    pdf.paragraph("\u0301\u0308\u0301")  # a "name" made only of combining marks: drawn, nothing fails
    pdf.paragraph("سارة 2026 (12)")  # a right-to-left name with Latin digits
    assert pdf.output()


def test_a_long_message_in_tigrinya_with_no_spaces_wraps_inside_the_page() -> None:
    pdf = PackPdf("test", rtl=False)
    pdf.add_page()
    pdf.set_font("latin", "", 10.5)
    width = pdf.w - pdf.l_margin - pdf.r_margin
    lines = pdf._wrap(pdf.clean("ሰላም" * 3334), width)
    assert len(lines) > 10 and all(pdf.get_string_width(line) <= width for line in lines)
    assert "".join(lines) == "ሰላም" * 3334  # nothing lost in the cutting


def test_plain_text_skips_shaping_and_everything_else_is_shaped() -> None:
    for locale in ("en", "cy", "vi", "sq"):
        assert PLAIN_TEXT.fullmatch(unicodedata.normalize("NFC", SENTENCES[locale])), locale
    for locale in (*ARABIC_SCRIPT, "ti"):
        assert not PLAIN_TEXT.fullmatch(SENTENCES[locale]), locale
    for mixed in ("Maya\u200f", "q\u0301", "Maya 🙂", "Maya مايا"):  # a direction mark, a combining mark, emoji
        assert not PLAIN_TEXT.fullmatch(mixed), mixed
    pdf = PackPdf("test", rtl=False)
    pdf.add_page()
    pdf.paragraph(SENTENCES["en"])
    assert pdf.text_shaping is None
    pdf.paragraph(SENTENCES["ar"])
    assert pdf.text_shaping is not None and pdf.text_shaping["direction"] is TextDirection.RTL


def _outline(glyf: Any, name: str) -> tuple:
    """A glyph's points, with any glyphs it is built from drawn in (so the numbering of glyphs does not count)."""
    coordinates, ends, flags = glyf[name].getCoordinates(glyf)
    return (tuple(coordinates), tuple(ends), bytes(flags))


def _glyphs_written(pdf: PackPdf) -> dict[str, dict[str, tuple]]:
    """Each font's glyphs as fpdf2 embedded them: name -> outline."""
    written = {}
    for key, font in pdf.fonts.items():
        glyf = font.ttfont["glyf"]
        written[key] = {name: _outline(glyf, name) for name in font.ttfont.getGlyphOrder()}
    return written


@pytest.mark.parametrize("locale", ["en", "vi", "ps", "ti"])
def test_the_fonts_cut_once_give_the_same_glyphs_as_the_whole_font(
    locale: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    quick = _glyphs_written(_pdf(SENTENCES[locale], rtl=locale in ARABIC_SCRIPT))
    monkeypatch.setattr(
        review_pdf, "font_to_write", lambda name, _used: TTFont(FONTS / name, recalcTimestamp=False, lazy=True)
    )
    whole = _glyphs_written(_pdf(SENTENCES[locale], rtl=locale in ARABIC_SCRIPT))
    assert quick.keys() == whole.keys()
    for key, glyphs in whole.items():
        # Every glyph the document draws is there, drawn the same; the few extra common letters are unused.
        assert {name: quick[key].get(name) for name in glyphs} == glyphs, key
        full = TTFont(FONTS / review_pdf.FONT_FILES[key.removesuffix("B")][key.endswith("B")], lazy=True)
        assert len(quick[key]) < len(full.getGlyphOrder()) / 2, "a cut font, never the whole one"
