"""The review pack as a PDF (A4), made on the server with fpdf2 and fonts shipped with Orbit: nothing is fetched.

Text is shaped by HarfBuzz (fpdf2's text shaping, through `uharfbuzz`), which joins every Arabic-script language
the way the font means it to be joined: Arabic, Dari, Pashto (ښ ځ) and Sorani (ێ ڵ and AE), letters that have no
Unicode "presentation forms" and so cannot be joined by swapping characters. HarfBuzz also places Vietnamese
stacked accents and Ethiopic syllables. fpdf2 applies the Unicode bidi algorithm to each line it draws; Orbit
breaks lines itself, in reading order, before that, so a long right-to-left answer wraps the right way.
Latin (with Vietnamese and Welsh letters), Arabic-script and Ethiopic (Tigrinya) text is shown; anything else
(emoji, other alphabets) is shown as [?], and the PDF says so plainly.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from functools import lru_cache
from io import BytesIO
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import fpdf.output
from flask_babel import gettext as _
from fontTools import subset as font_subset
from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.bidi import auto_detect_base_direction
from fpdf.enums import TextDirection, TextEmphasis
from fpdf.fonts import SubsetMap, TTFFont

from app.forms.people import ANSWER_LABELS, CIRCLE_LABELS, QUESTION_SHORT, WAY_LABELS, WISH_LABELS
from app.languages import language
from app.services import young_people
from app.views.shared.messages import officer_title
from app.views.shared.people_words import relationship_text
from app.views.shared.review_words import point_title, said_text
from app.web.locales import text_direction
from app.web.templates import format_clock_time, format_day

FONTS = Path(__file__).parent / "pdf_fonts"
FONT_FILES = {
    "latin": ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),
    "arabic": ("NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf"),
    "ethiopic": ("NotoSansEthiopic-Regular.ttf", "NotoSansEthiopic-Regular.ttf"),
}
MISSING = "[?]"  # in place of a character the fonts cannot draw
SCRIPT_RANGES = {
    "arabic": ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF)),
    "ethiopic": ((0x1200, 0x139F), (0x2D80, 0x2DDF), (0xAB00, 0xAB2F)),
}
MARGIN = 18
BODY = 10.5
# Characters that are never drawn but must not count as "cannot be shown".
INVISIBLE = frozenset("\u200c\u200d\u200e\u200f\ufeff\n\t")
# Text made only of these (after NFC) is left to right, one glyph a character and joins nothing: Latin with its
# accented letters (Welsh, Vietnamese, Albanian), Greek, Cyrillic, punctuation and currency; no combining marks and
# no direction marks. It is drawn without HarfBuzz and the bidi algorithm, which gave it nothing but kerning and
# cost most of a PDF's time.
PLAIN_TEXT = re.compile(
    r"[\u0000-\u02ff\u0370-\u0482\u048a-\u058f\u1e00-\u1eff\u2010-\u2027\u2030-\u205e\u20a0-\u20cf]*"
)


@lru_cache(maxsize=1)
def covered() -> frozenset[int]:
    """Every character one of the shipped fonts can draw."""
    found: set[int] = set()
    for regular, _bold in FONT_FILES.values():
        found.update(TTFont(FONTS / regular).getBestCmap().keys())
    return frozenset(found)


@lru_cache(maxsize=len(FONT_FILES) * 2)
def _loaded_font(file_name: str) -> tuple[TTFFont, bytes]:
    """A shipped font read and measured once per process (its character widths, glyph ids and HarfBuzz face),
    with the file's bytes. Reading and measuring a font took about a fifth of each PDF."""
    path = FONTS / file_name
    font = TTFFont(FPDF(), path, file_name, "")
    font.hbfont  # noqa: B018 - load the HarfBuzz face now, once, so every copy shares it
    return font, path.read_bytes()


def _font_for(pdf: FPDF, file_name: str, fontkey: str, style: str) -> TTFFont:
    """A font for one document: the measurements are shared with every other document (nothing writes to them),
    while what a document changes is its own: the subset of characters it used, and the fontTools font that is cut
    down to that subset when the PDF is written (from the bytes, lazily: only the tables it needs are read)."""
    loaded, _data = _loaded_font(file_name)
    font = copy.copy(loaded)
    font.i = len(pdf.fonts) + 1
    font.fontkey = fontkey
    font.emphasis = TextEmphasis.coerce(style)
    font.desc = copy.copy(loaded.desc)  # a PDF object: numbered when the document is written
    font.missing_glyphs = []
    font.biggest_size_pt = 0
    font.subset = SubsetMap(font)
    return font


# The letters most packs are written in (English, Welsh, Albanian and other Latin text, with its punctuation).
COMMON_LETTERS = "".join(chr(code) for code in [*range(0x20, 0x7F), *range(0xA0, 0x180), *range(0x2010, 0x2027)])


@lru_cache(maxsize=16)
def _common_glyphs(file_name: str) -> frozenset[str]:
    font, _data = _loaded_font(file_name)
    return frozenset(font.cmap[ord(ch)] for ch in COMMON_LETTERS if ord(ch) in font.cmap)


@lru_cache(maxsize=32)
def _cut_font(file_name: str, glyphs: frozenset[str]) -> bytes:
    """The shipped font cut down to `glyphs`, keeping their names, made once per process for each set."""
    _font, data = _loaded_font(file_name)
    font = TTFont(BytesIO(data), recalcTimestamp=False, recalcBBoxes=False, lazy=True)
    options = font_subset.Options(notdef_outline=True, recommended_glyphs=True, glyph_names=True)
    options.drop_tables += ["GDEF", "GPOS", "GSUB"]
    cutter = font_subset.Subsetter(options)
    cutter.populate(glyphs=sorted(glyphs))
    cutter.subset(font)
    post = font["post"]  # the shipped fonts keep no names: store them, or glyphs without a letter get new ones
    post.formatType, post.extraNames, post.mapping = 2.0, [], {}
    out = BytesIO()
    font.save(out)
    return out.getvalue()


class _CutAlready(TTFont):
    """A font already cut down (by _cut_font) to the glyphs a PDF may use: fpdf2 embeds it as it is, from its
    bytes, rather than cutting it again for each document. Shared by every PDF in the process; nothing writes to
    it once its glyph order is read."""

    def __init__(self, data: bytes) -> None:
        super().__init__(BytesIO(data), recalcTimestamp=False, recalcBBoxes=False)
        self.data = data
        self.getGlyphOrder()

    def save(self, file: Any, reorderTables: bool = True) -> None:
        file.write(self.data)

    def close(self) -> None:
        """fpdf2 closes each font once a PDF is written; this one is kept open for the next."""


class _Cutter(font_subset.Subsetter):
    def subset(self, font: TTFont) -> None:
        if not isinstance(font, _CutAlready):
            super().subset(font)


# fpdf2 cuts every font it embeds; ours come to it cut already.
fpdf.output.ftsubset = SimpleNamespace(Options=font_subset.Options, Subsetter=_Cutter)


@lru_cache(maxsize=32)
def _font_to_write(file_name: str, glyphs: frozenset[str]) -> _CutAlready:
    return _CutAlready(_cut_font(file_name, glyphs))


def font_to_write(file_name: str, used: frozenset[str]) -> TTFont:
    """The font fpdf2 writes into a PDF. It used to cut the whole font down to the glyphs each document used:
    more than half of a PDF's time. It now embeds a font cut once per process to the common letters (or, for other
    text, to those and that document's own glyphs): a few more glyphs in the file, drawn the same."""
    common = _common_glyphs(file_name)
    return _font_to_write(file_name, common if used <= common else used | common)


def script_of(ch: str) -> str:
    """Which shipped font family draws this character: "arabic", "ethiopic" or "latin"."""
    code = ord(ch)
    return next((name for name, ranges in SCRIPT_RANGES.items() if any(a <= code <= b for a, b in ranges)), "latin")


class PackPdf(FPDF):
    def __init__(self, footer_text: str, rtl: bool) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.footer_text = footer_text
        self.rtl = rtl
        self.missing = False
        self.fallbacks: list[str] = []
        self.widths: dict[tuple[str, str, float, bool, str], float] = {}
        self.font_files: dict[str, str] = {}
        self._add_family("latin")
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(auto=True, margin=MARGIN)
        self.set_title(footer_text)
        self.set_creator("Orbit")
        self.set_text_shaping(use_shaping_engine=True)

    def output(self, *args: Any, **kwargs: Any) -> Any:
        for fontkey, font in self.fonts.items():
            font.ttfont = font_to_write(self.font_files[fontkey], frozenset(font.subset.get_all_glyph_names()))
        return super().output(*args, **kwargs)

    def _add_family(self, family: str) -> None:
        regular, bold = FONT_FILES[family]
        for style, file_name in (("", regular), ("B", bold)):
            fontkey = f"{family}{style}"
            self.fonts[fontkey] = _font_for(self, file_name, fontkey, style)
            self.font_files[fontkey] = file_name

    def _needs(self, ch: str) -> None:
        """Load the Arabic or Ethiopic font the first time the text needs it (each one costs time to embed)."""
        family = script_of(ch)
        if family != "latin" and family not in self.fallbacks:
            self._add_family(family)
            self.fallbacks.append(family)
            self.set_fallback_fonts(self.fallbacks, exact_match=False)

    def _direction(self, text: str) -> TextDirection:
        """Like dir="auto": the first letter with a direction decides; the page's direction if none does."""
        found = auto_detect_base_direction(text) if text.strip() else None
        return found or (TextDirection.RTL if self.rtl else TextDirection.LTR)

    def _shape(self, text: str, direction: TextDirection) -> None:
        """Shape and lay out `text` from `direction` with HarfBuzz and the bidi algorithm, unless it is plain."""
        self.set_text_shaping(use_shaping_engine=not PLAIN_TEXT.fullmatch(text), direction=direction)

    def _line(self, width: float, height: float, text: str, direction: TextDirection, **where: Any) -> None:
        """One line in the shaping chosen for its paragraph, aligned to its start."""
        self.cell(width, height, text, align="R" if direction is TextDirection.RTL else "L", **where)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("latin", "", 8)
        self.set_text_color(80, 80, 80)
        line = self.clean(f"{self.footer_text} · {self.page_no()}/{{nb}}")
        direction = TextDirection.RTL if self.rtl else TextDirection.LTR
        paragraphs_shaping = self.text_shaping  # a page can end inside a paragraph, which then goes on as it was
        self._shape(line, direction)
        self._line(0, 5, line, direction)
        self.text_shaping = paragraphs_shaping
        self.set_text_color(0, 0, 0)

    # Text --------------------------------------------------------------------------------------------

    def clean(self, text: str) -> str:
        """Characters the fonts can draw, with [?] for any other (and a note at the end of the PDF)."""
        text = unicodedata.normalize("NFC", text)
        kept = []
        for ch in text:
            if ord(ch) in covered() or ch in INVISIBLE or ch == " ":
                if ord(ch) > 0x5FF:
                    self._needs(ch)
                kept.append(ch)
            elif unicodedata.category(ch) in ("Mn", "Me", "Cf"):
                continue  # a combining mark or format character the fonts lack: leave it out, quietly
            else:
                kept.append(MISSING)
                self.missing = True
        return "".join(kept)

    def paragraph(self, text: str, *, size: float = BODY, bold: bool = False, gap: float = 1.5) -> None:
        """Wrap `text` to the page width, each paragraph in its own direction (the first strong letter decides),
        aligned to its start. Lines are broken in reading order, then each is shaped and laid out."""
        self.set_font("latin", "B" if bold else "", size)
        width = self.w - self.l_margin - self.r_margin
        for block in (text or "").split("\n"):
            cleaned = self.clean(block)
            direction = self._direction(cleaned)
            self._shape(cleaned, direction)
            for line in self._wrap(cleaned, width):
                self.set_x(self.l_margin)
                self._line(width, size * 0.5, line, direction, new_x="LMARGIN", new_y="NEXT")
        self.ln(gap)

    def _wrap(self, text: str, width: float) -> list[str]:
        """Greedy line breaking on spaces, each word measured once (shaped); a word wider than the line is cut.
        Most paragraphs are one line (a label and its value): measured whole first, they need no breaking."""
        if self._plainly_fits(text, width) or self._width(text) <= width:
            return [text]
        space = self._width(" ")
        lines: list[str] = []
        current: list[str] = []
        used = 0.0
        for word in text.split(" "):
            size = self._width(word)
            if current and used + space + size <= width:
                current.append(word)
                used += space + size
                continue
            if current:
                lines.append(" ".join(current))
            if size > width:
                *whole, word = self._cut(word, width)
                lines.extend(whole)
                size = self._width(word)
            current, used = [word], size
        lines.append(" ".join(current))
        return lines

    def _plainly_fits(self, text: str, width: float) -> bool:
        """Whether Latin text fits with room to spare, from the font's own letter widths (no shaping, no bidi):
        kerning changes a line's width by far less than the tenth kept spare. Other scripts are measured shaped."""
        if any(ord(ch) >= 0x0590 for ch in text):
            return False
        widths = self.current_font.cw
        plain = sum(widths[ord(ch)] for ch in text) * self.font_size_pt * 0.001 / self.k
        return plain <= width * 0.9

    def _width(self, text: str) -> float:
        """The shaped width of `text` in the current font, each text measured once per font and size in this
        document (measuring goes through the bidi algorithm and HarfBuzz every time: most of the time of a PDF)."""
        key = (self.font_family, self.font_style, self.font_size_pt, self.text_shaping is None, text)
        found = self.widths.get(key)
        if found is None:
            found = self.widths[key] = self.get_string_width(text)
        return found

    def _cut(self, word: str, width: float) -> list[str]:
        """A word wider than the line (10,000 letters with no space, say) in pieces that fit. Each letter is
        measured once and the pieces are cut with room to spare, as joining can change a letter's width a little."""
        widths: dict[str, float] = {}
        pieces: list[str] = []
        start, used = 0, 0.0
        for index, ch in enumerate(word):
            if ch not in widths:
                widths[ch] = self.get_string_width(ch)
            if used + widths[ch] > width * 0.95 and index > start:
                pieces.append(word[start:index])
                start, used = index, 0.0
            used += widths[ch]
        pieces.append(word[start:])
        return pieces

    def heading(self, text: str, size: float = 14) -> None:
        if self.get_y() > self.h - MARGIN - 30:
            self.add_page()
        self.ln(2)
        self.paragraph(text, size=size, bold=True, gap=1)

    def label_value(self, label: str, value: str) -> None:
        self.paragraph(f"{label}: {value}")


def language_text(code: str | None) -> str:
    """The language they use in Orbit, for arranging an interpreter: "Dari (دری)"."""
    if not code:
        return _("Not chosen (English)")
    spoken = language(code)
    return (
        spoken.english_name if spoken.own_name == spoken.english_name else f"{spoken.english_name} ({spoken.own_name})"
    )


def _person_lines(person: Any) -> list[str]:
    lines = [relationship_text(person), str(CIRCLE_LABELS[person.circle.value])]
    if person.wish:
        lines.append(str(WISH_LABELS[person.wish.value]))
    if person.ways:
        lines.append(", ".join(str(WAY_LABELS[way.value]) for way in sorted(person.ways, key=lambda w: w.value)))
    for question in ("trust", "help", "lasting"):
        answer = getattr(person, question)
        if answer is not None:
            lines.append(f"{QUESTION_SHORT[question]}: {ANSWER_LABELS[answer.value]}")
    return lines


def _family_time_lines(found: Any, words: Any) -> list[str]:
    """Family time from the family time feature (see the hooks in app.services.reviews), one line each."""
    if found is None or words is None:
        return []
    lines = []
    for item in found.plans:
        parts = [words.how_often_text(item.plan), words.ways_text(item.plan), words.next_text(item.plan)]
        changed = f" ({_('Changed since the last review')})" if item.changed_since else ""
        lines.append(f"{item.name}: {' · '.join(p for p in parts if p)}{changed}")
    for entry in [*found.feelings, *found.missed]:
        said = f": {entry.words}" if entry.words else ""
        lines.append(f"{found.name_for(entry.plan_id)}: {words.entry_title(entry, for_staff=True)}{said}")
    return lines


def build(pack: Any, family_time_words: Any = None) -> bytes:
    """The review pack as PDF bytes."""
    yp = pack.young_person
    review = pack.review
    name = f"{yp.first_name} {yp.last_name}".strip()
    made = f"{format_day(pack.made_at)} {format_clock_time(pack.made_at, with_day=False)}"
    pdf = PackPdf(_("Orbit review pack: %(name)s, made %(when)s. Confidential.", name=name, when=made), rtl=False)
    pdf.rtl = text_direction() == "rtl"
    pdf.alias_nb_pages()
    pdf.add_page()

    pdf.paragraph(_("Review pack"), size=11, gap=0)
    pdf.paragraph(name, size=20, bold=True, gap=2)
    if review is not None:
        when = format_day(review.held_on)
        if review.starts_at:
            when = f"{when}, {review.starts_at.strftime('%H:%M')}"
        if review.place:
            when = f"{when} · {review.place}"
        pdf.label_value(_("Review %(number)s", number=review.number), when)
        if review.due_on:
            due = _("Due by %(date)s", date=format_day(review.due_on))
            pdf.label_value(_("Statutory pattern"), f"{due}{' · ' + _('Late') if review.is_late else ''}")
        else:
            pdf.label_value(_("Statutory pattern"), _("Not known: the date they came into care is not recorded"))
    else:
        pdf.label_value(_("Review"), _("No date set yet"))
    pdf.label_value(_("Date of birth"), format_day(yp.date_of_birth))
    pdf.label_value(_("Language"), language_text(young_people.chosen_language(yp)))
    chair = review.chair if review is not None else None
    title = officer_title(pack.officer_title)
    pdf.label_value(_("Chaired by"), f"{chair.full_name}, {title}" if chair is not None else title)

    views = pack.views
    pdf.heading(_("Their views"))
    if views is not None:
        pdf.paragraph(
            _("Sent by %(name)s on %(date)s, in their own words.", name=yp.first_name, date=format_day(views.sent_at))
        )
        said_items = [item for item in pack.items if str(item.point) not in ("note", "general")]
        for item in said_items:
            pdf.paragraph(point_title(str(item.point), for_staff=True), bold=True, gap=0.5)
            for line in said_text(item, views, pack.shared, for_staff=True):
                pdf.paragraph(line)
        if not said_items:
            pdf.paragraph(_("They sent their views with every step left empty."))
    else:
        pdf.paragraph(_("No views have arrived for this review."))

    pdf.heading(_("People who matter shared with “my review”"))
    if pack.shared:
        for person in pack.shared:
            pdf.paragraph(person.name, bold=True, gap=0.5)
            pdf.paragraph("\n".join(_person_lines(person)))
    else:
        pdf.paragraph(_("%(name)s has not shared anyone with their review.", name=yp.first_name))

    family = _family_time_lines(pack.family_time, family_time_words)
    if pack.family_time is not None:
        pdf.heading(_("Family time"))
        if not family:
            pdf.paragraph(_("No family time plans."))
        for line in family:
            pdf.paragraph(line)

    pdf.heading(_("Advocacy"))
    involved = _("yes") if pack.has_advocate else _("no")
    if pack.advocate_attending is None:
        attending = _("not known yet")
    else:
        attending = _("yes") if pack.advocate_attending else _("no")
    pdf.paragraph(_("An advocate is involved: %(answer)s", answer=involved), gap=0)
    pdf.paragraph(_("An advocate will attend the review: %(answer)s", answer=attending))

    pdf.heading(_("Notes for the review"))
    if pack.notes:
        for note in pack.notes:
            pdf.paragraph(_("Sent %(date)s", date=format_day(note.created_at)), bold=True, gap=0.5)
            pdf.paragraph(note.words)
    else:
        pdf.paragraph(_("No notes."))

    answered = [item for item in pack.items if item.response is not None and item.response.decided]
    if answered:
        pdf.heading(_("What was decided"))
        for item in answered:
            pdf.paragraph(point_title(str(item.point), for_staff=True), bold=True, gap=0.5)
            pdf.paragraph(f"{_('We decided')}: {item.response.decided}", gap=0.5)
            if item.response.why:
                pdf.paragraph(f"{_('Because')}: {item.response.why}", gap=0.5)
            if item.response.reaction:
                agrees = str(item.response.reaction) == "agree"
                said = (
                    _("%(name)s agrees", name=yp.first_name)
                    if agrees
                    else _("%(name)s does not agree", name=yp.first_name)
                )
                pdf.paragraph(f"{said}: {item.response.reaction_words}" if item.response.reaction_words else said)

    if pdf.missing:
        pdf.heading(_("Something could not be shown"), size=11)
        pdf.paragraph(
            _(
                "%(mark)s marks a character this PDF cannot show, such as an emoji or an alphabet Orbit has no font "
                "for. The review pack page in Orbit shows everything as it was written.",
                mark=MISSING,
            )
        )
    return bytes(pdf.output())
