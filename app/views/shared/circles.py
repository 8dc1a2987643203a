"""The circles picture, laid out on the server: three rings around "you", each person a dot with their initials
or picture, and their name under it while there is room. The page shows the list right after it as its text
alternative, so the picture never has to carry everything.

Sizes are in SVG units; the picture is drawn 320 units wide, so at a 320 px phone one unit is about one pixel.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from app.forms.people import COLOURS, EMOJI

WIDTH = 320
HEIGHT = 352
CENTRE = 160  # across
MIDDLE = 176  # down: room above and below the outer circle for names
YOU_RADIUS = 27
RING_RADII = (72, 115, 157)  # outer edge of closest, close, further
MARKER_RADIUS = 15
LABEL_SLOT = 66  # arc length each named person needs
MARKER_SLOT = 34  # arc length each dot needs without a name
LABEL_CHARS = 9
EDGE = 60  # dots closer than this to a side have their name lined up with the dot, not centred on it
CIRCLES = ("closest", "close", "further")
START_DEGREES = (-90.0, -65.0, -112.0)  # rings start at different angles so names do not stack up
DEFAULT_COLOUR = "#1b5e63"
RING_FILLS = ("#ffd9a0", "#ffe8c4", "#fff3e0")
_ZWJ = "\u200d"


class PersonLike(Protocol):
    name: str
    circle: Any
    emoji: Any
    colour: Any


@dataclass(frozen=True)
class Marker:
    x: float
    y: float
    initials: str
    emoji: str | None
    fill: str
    label: str | None
    label_x: float
    label_y: float
    anchor: str = "middle"
    rtl: bool = False
    more: int = 0  # a "+N" dot standing for people not drawn


@dataclass(frozen=True)
class Ring:
    radius: int
    fill: str


@dataclass(frozen=True)
class Picture:
    width: int
    height: int
    centre: int
    middle: int
    you_radius: int
    rings: list[Ring]
    markers: list[Marker]
    counts: dict[str, int]
    marker_radius: int = MARKER_RADIUS


def first_grapheme(text: str) -> str:
    """The first user-perceived character: a letter with its accents, or a whole emoji (joined, flagged or
    skin-toned), so an emoji name is never cut in half."""
    if not text:
        return ""
    out = [text[0]]
    i = 1
    regional = 0x1F1E6 <= ord(text[0]) <= 0x1F1FF
    while i < len(text):
        ch = text[i]
        code = ord(ch)
        if (
            unicodedata.category(ch) in ("Mn", "Me", "Mc")
            or 0xFE00 <= code <= 0xFE0F
            or 0x1F3FB <= code <= 0x1F3FF
            or 0xE0020 <= code <= 0xE007F
        ):
            out.append(ch)
            i += 1
        elif ch == _ZWJ and i + 1 < len(text):
            out.extend(text[i : i + 2])
            i += 2
        elif regional and 0x1F1E6 <= code <= 0x1F1FF and len(out) == 1:
            out.append(ch)
            i += 1
        else:
            break
    return "".join(out)


def initials(name: str) -> str:
    """One or two initials: two for scripts with capital letters ("Uncle Joe" -> "UJ"), one otherwise (Arabic,
    emoji), because joining letters from two words can make a different word."""
    words = name.split()
    if not words:
        return "?"
    first = first_grapheme(words[0])
    if len(words) > 1 and first.upper() != first.lower():
        second = first_grapheme(words[1])
        if second.upper() != second.lower():
            return (first + second).upper()
    return first.upper() if first.upper() != first.lower() else first


def short_label(name: str, limit: int = LABEL_CHARS) -> str:
    """The name as drawn under a dot: cut at a whole character, with an ellipsis when it was longer."""
    clusters: list[str] = []
    rest = name
    while rest and len(clusters) <= limit:
        cluster = first_grapheme(rest)
        clusters.append(cluster)
        rest = rest[len(cluster) :]
    if len(clusters) <= limit and not rest:
        return "".join(clusters)
    return "".join(clusters[: limit - 1]).rstrip() + "\u2026"


def is_rtl(text: str) -> bool:
    """Like dir="auto": the first letter with a direction decides it."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def _label_place(x: float, rtl: bool) -> tuple[float, str]:
    """Names near the sides are lined up with the dot's outer edge so they stay inside the picture."""
    if x > WIDTH - EDGE:
        return x + MARKER_RADIUS, "start" if rtl else "end"
    if x < EDGE:
        return x - MARKER_RADIUS, "end" if rtl else "start"
    return x, "middle"


def _band_middle(index: int) -> float:
    inner = YOU_RADIUS if index == 0 else RING_RADII[index - 1]
    return (inner + RING_RADII[index]) / 2


def capacity(index: int, *, named: bool) -> int:
    circumference = 2 * math.pi * _band_middle(index)
    return max(1, int(circumference // (LABEL_SLOT if named else MARKER_SLOT)))


def layout(people: Iterable[PersonLike]) -> Picture:
    by_circle: dict[str, list[PersonLike]] = {circle: [] for circle in CIRCLES}
    for person in people:
        by_circle.setdefault(str(person.circle), []).append(person)
    markers: list[Marker] = []
    for index, circle in enumerate(CIRCLES):
        group = by_circle.get(circle, [])
        if not group:
            continue
        named = len(group) <= capacity(index, named=True)
        room = capacity(index, named=False)
        shown = group if len(group) <= room else group[: room - 1]
        slots = len(shown) + (1 if len(shown) < len(group) else 0)
        radius = _band_middle(index)
        step = 360.0 / slots
        for slot in range(slots):
            angle = math.radians(START_DEGREES[index] + slot * step)
            x = round(CENTRE + radius * math.cos(angle), 1)
            y = round(MIDDLE + radius * math.sin(angle), 1)
            # Names sit on the outside of their dot (above it in the top half), away from "you" and the
            # circles inside.
            label_y = round(y - MARKER_RADIUS - 5 if y < MIDDLE - 1 else y + MARKER_RADIUS + 13, 1)
            if slot < len(shown):
                person = shown[slot]
                emoji = EMOJI.get(str(person.emoji)) if person.emoji else None
                fill = COLOURS.get(str(person.colour), DEFAULT_COLOUR) if person.colour else DEFAULT_COLOUR
                rtl = is_rtl(person.name)
                label_x, anchor = _label_place(x, rtl)
                markers.append(
                    Marker(
                        x=x,
                        y=y,
                        initials=initials(person.name),
                        emoji=emoji,
                        fill=fill,
                        label=short_label(person.name) if named else None,
                        label_x=label_x,
                        label_y=label_y,
                        anchor=anchor,
                        rtl=rtl,
                    )
                )
            else:
                markers.append(
                    Marker(
                        x=x,
                        y=y,
                        initials="",
                        emoji=None,
                        fill="#505a5f",
                        label=None,
                        label_x=x,
                        label_y=label_y,
                        more=len(group) - len(shown),
                    )
                )
    return Picture(
        width=WIDTH,
        height=HEIGHT,
        centre=CENTRE,
        middle=MIDDLE,
        you_radius=YOU_RADIUS,
        rings=[Ring(radius, fill) for radius, fill in reversed(list(zip(RING_RADII, RING_FILLS, strict=True)))],
        markers=markers,
        counts={circle: len(by_circle.get(circle, [])) for circle in CIRCLES},
    )
