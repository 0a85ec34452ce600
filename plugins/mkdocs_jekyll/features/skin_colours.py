"""The colours of Minimal Mistakes' skins, as its Sass computes them.

``features/skins.py`` maps each skin to Material's named palette colours, which only come
close. The Minimal Mistakes look (``features/look.py``) paints the page with the skin's own
colours: the variables of ``_sass/minimal-mistakes/skins/_<name>.scss`` (Minimal Mistakes
4.26), then the ``!default`` values of ``_sass/minimal-mistakes/_variables.scss`` for what
the skin leaves unset, evaluated here with Sass' ``mix()``. The tables keep the Sass
expressions as written, so a reader can check them line by line against the theme. No
MkDocs import.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

# (variable, Sass expression) in source order: a skin may only use variables it set above.
_Vars = Sequence[tuple[str, str]]

# _variables.scss: the `!default` colour variables the skins and the layout read.
_DEFAULTS: _Vars = (
    ("gray", "#7a8288"),
    ("dark-gray", "mix(#000, $gray, 40%)"),
    ("darker-gray", "mix(#000, $gray, 60%)"),
    ("light-gray", "mix(#fff, $gray, 50%)"),
    ("lighter-gray", "mix(#fff, $gray, 90%)"),
    ("background-color", "#fff"),
    ("code-background-color", "#fafafa"),
    ("text-color", "$dark-gray"),
    ("muted-text-color", "mix(#fff, $text-color, 20%)"),
    ("border-color", "$lighter-gray"),
    ("footer-background-color", "$lighter-gray"),
    ("primary-color", "#6f777d"),
    ("info-color", "#3b9cba"),
    ("link-color", "mix(#000, $info-color, 20%)"),
    ("link-color-hover", "mix(#000, $link-color, 25%)"),
    ("link-color-visited", "mix(#fff, $link-color, 15%)"),
    ("masthead-link-color", "$primary-color"),
    ("masthead-link-color-hover", "mix(#000, $primary-color, 25%)"),
    ("navicon-link-color-hover", "mix(#fff, $primary-color, 75%)"),
    # The footer's text: `.page__footer { color: $muted-text-color }`; the skins that put
    # it on a coloured background override it with `color: #fff !important`.
    ("footer-text-color", "$muted-text-color"),
)

_DARK_SHADES: _Vars = (
    ("border-color", "mix(#fff, $background-color, 20%)"),
    ("code-background-color", "mix(#000, $background-color, 15%)"),
)

_SKINS: Mapping[str, _Vars] = {
    "default": (),
    "air": (
        ("background-color", "#eeeeee"),
        ("text-color", "#222831"),
        ("muted-text-color", "#393e46"),
        ("primary-color", "#0092ca"),
        ("border-color", "mix(#fff, #393e46, 75%)"),
        ("footer-background-color", "$primary-color"),
        ("link-color", "#393e46"),
        ("masthead-link-color", "$text-color"),
        ("masthead-link-color-hover", "$text-color"),
        ("navicon-link-color-hover", "mix(#fff, $text-color, 80%)"),
        ("footer-text-color", "#fff"),
    ),
    "aqua": (
        ("gray", "#1976d2"),
        ("dark-gray", "mix(#000, $gray, 40%)"),
        ("darker-gray", "mix(#000, $gray, 60%)"),
        ("light-gray", "mix(#fff, $gray, 50%)"),
        ("lighter-gray", "mix(#fff, $gray, 90%)"),
        ("background-color", "#f3f6f6"),
        ("code-background-color", "#fff"),
        ("text-color", "$dark-gray"),
        ("border-color", "$lighter-gray"),
        ("primary-color", "$gray"),
        ("link-color", "mix(#000, $primary-color, 10%)"),
        ("link-color-hover", "mix(#000, $link-color, 25%)"),
        ("link-color-visited", "mix(#fff, $link-color, 25%)"),
        ("masthead-link-color", "$text-color"),
        ("masthead-link-color-hover", "mix(#000, $text-color, 20%)"),
        ("footer-background-color", "$primary-color"),
        ("footer-text-color", "#fff"),
    ),
    "contrast": (
        ("text-color", "#000"),
        ("muted-text-color", "$text-color"),
        ("primary-color", "#ff0000"),
        ("border-color", "mix(#fff, $text-color, 75%)"),
        ("footer-background-color", "#000"),
        ("link-color", "#0000ff"),
        ("masthead-link-color", "$text-color"),
        ("masthead-link-color-hover", "$text-color"),
        ("navicon-link-color-hover", "mix(#fff, $text-color, 80%)"),
        ("footer-text-color", "#fff"),
    ),
    "dark": (
        ("background-color", "#252a34"),
        ("text-color", "#eaeaea"),
        ("primary-color", "#00adb5"),
        *_DARK_SHADES,
        ("footer-background-color", "mix(#000, $background-color, 30%)"),
        ("link-color", "mix($primary-color, $text-color, 40%)"),
        ("link-color-hover", "mix(#fff, $link-color, 25%)"),
        ("link-color-visited", "mix(#000, $link-color, 25%)"),
        ("masthead-link-color", "$text-color"),
        ("masthead-link-color-hover", "mix(#000, $text-color, 20%)"),
        ("navicon-link-color-hover", "mix(#000, $background-color, 30%)"),
    ),
    "dirt": (
        ("background-color", "#f3f3f3"),
        ("text-color", "#343434"),
        ("muted-text-color", "#8e8b82"),
        ("primary-color", "#343434"),
        ("border-color", "#e9dcbe"),
        ("footer-background-color", "#e9dcbe"),
        ("link-color", "#343434"),
        ("masthead-link-color", "$text-color"),
        ("masthead-link-color-hover", "$text-color"),
        ("navicon-link-color-hover", "mix(#fff, $text-color, 80%)"),
    ),
    "mint": (
        ("background-color", "#f3f6f6"),
        ("text-color", "#40514e"),
        ("muted-text-color", "#40514e"),
        ("primary-color", "#11999e"),
        ("border-color", "mix(#fff, #40514e, 75%)"),
        ("footer-background-color", "#30e3ca"),
        ("link-color", "#11999e"),
        ("masthead-link-color", "$text-color"),
        ("masthead-link-color-hover", "$text-color"),
        ("navicon-link-color-hover", "mix(#fff, $text-color, 80%)"),
        ("footer-text-color", "#fff"),
    ),
    "neon": (
        ("background-color", "#141010"),
        ("text-color", "#fff6fb"),
        ("primary-color", "#f21368"),
        *_DARK_SHADES,
        ("footer-background-color", "mix($primary-color, #000, 10%)"),
        ("link-color", "$primary-color"),
        ("link-color-hover", "mix(#fff, $link-color, 25%)"),
        ("link-color-visited", "mix(#000, $link-color, 25%)"),
        ("masthead-link-color", "$text-color"),
        ("masthead-link-color-hover", "mix(#000, $text-color, 20%)"),
        ("navicon-link-color-hover", "mix(#000, $background-color, 30%)"),
    ),
    "plum": (
        ("background-color", "#3f0f40"),
        ("text-color", "#fffd86"),
        ("primary-color", "#c327ab"),
        *_DARK_SHADES,
        ("footer-background-color", "mix(#000, $background-color, 30%)"),
        ("link-color", "$primary-color"),
        ("link-color-hover", "mix(#fff, $link-color, 25%)"),
        ("link-color-visited", "mix(#000, $link-color, 25%)"),
        ("masthead-link-color", "$text-color"),
        ("masthead-link-color-hover", "mix(#000, $text-color, 20%)"),
        ("navicon-link-color-hover", "mix(#000, $background-color, 30%)"),
    ),
    "sunrise": (
        ("dark-gray", "#0e2431"),
        ("background-color", "#e8d5b7"),
        ("text-color", "#000"),
        ("muted-text-color", "$dark-gray"),
        ("primary-color", "#fc3a52"),
        ("border-color", "mix(#000, $background-color, 20%)"),
        ("footer-background-color", "#f9b248"),
        ("link-color", "#0e2431"),
        ("masthead-link-color", "$text-color"),
        ("masthead-link-color-hover", "$text-color"),
        ("navicon-link-color-hover", "mix(#fff, $text-color, 80%)"),
    ),
}

_HEX = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}")
_MIX = re.compile(r"mix\(\s*([^,]+?)\s*,\s*([^,]+?)\s*,\s*(\d+(?:\.\d+)?)%\s*\)")


@dataclass(frozen=True)
class SkinColours:
    """The colours the look paints with, as ``#rrggbb``.

    Attributes:
        background: ``$background-color`` (the page).
        text: ``$text-color`` (body text and titles).
        muted: ``$muted-text-color`` (page meta, footer).
        primary: ``$primary-color`` (the masthead links' underline, buttons).
        link: ``$link-color``; ``link_hover`` and ``link_visited`` likewise.
        border: ``$border-color`` (the masthead's bottom border, rules).
        masthead_link: ``$masthead-link-color``; ``masthead_link_hover`` likewise.
        navicon_hover: ``$navicon-link-color-hover`` (the "more" menu's hovered item).
        footer_background: ``$footer-background-color``; ``footer_text`` its text colour.
        code_background: ``$code-background-color``.
        dark: Whether the background is dark (Material's ``slate`` scheme).
    """

    background: str
    text: str
    muted: str
    primary: str
    link: str
    link_hover: str
    link_visited: str
    border: str
    masthead_link: str
    masthead_link_hover: str
    navicon_hover: str
    footer_background: str
    footer_text: str
    code_background: str
    dark: bool


def _hex(colour: str) -> tuple[int, int, int]:
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(digit * 2 for digit in digits)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def mix(first: str, second: str, weight: float) -> str:
    """Sass' ``mix($first, $second, $weight)`` of two opaque colours.

    Args:
        first: ``#rgb`` or ``#rrggbb``.
        second: Likewise.
        weight: The share of ``first``, in percent.

    Returns:
        ``#rrggbb``, each channel rounded half up as Sass does:
        ``mix("#000", "#3b9cba", 20) == "#2f7d95"``.
    """
    share = weight / 100
    channels = (
        int(a * share + b * (1 - share) + 0.5)
        for a, b in zip(_hex(first), _hex(second), strict=True)
    )
    return "#" + "".join(f"{channel:02x}" for channel in channels)


def _evaluate(expression: str, scope: Mapping[str, str]) -> str:
    expression = expression.strip()
    match = _MIX.fullmatch(expression)
    if match:
        first, second, weight = match.groups()
        return mix(_evaluate(first, scope), _evaluate(second, scope), float(weight))
    if expression.startswith("$"):
        return scope[expression[1:]]
    if _HEX.fullmatch(expression):
        return "#" + "".join(f"{channel:02x}" for channel in _hex(expression))
    raise ValueError(f"unsupported Sass expression '{expression}'")


def _luminance(colour: str) -> float:
    red, green, blue = _hex(colour)
    return (0.2126 * red + 0.7152 * green + 0.0722 * blue) / 255


@cache  # Every locale pass asks (``build_look``): one evaluation per skin and process.
def skin_colours(name: str) -> SkinColours:
    """The colours of a skin, its own variables first, then Minimal Mistakes' defaults.

    Args:
        name: One of the ten skins (``'air'``), as ``features.skins.SKINS`` names them.

    Returns:
        The skin's colours: ``skin_colours("default").text == "#494e52"``.

    Raises:
        KeyError: ``name`` is not a skin (the option check refused it before).
    """
    scope: dict[str, str] = {}
    for variable, expression in _SKINS[name]:
        scope[variable] = _evaluate(expression, scope)
    for variable, expression in _DEFAULTS:
        if variable not in scope:  # Sass' `!default`: a value the skin set wins.
            scope[variable] = _evaluate(expression, scope)
    return SkinColours(
        background=scope["background-color"],
        text=scope["text-color"],
        muted=scope["muted-text-color"],
        primary=scope["primary-color"],
        link=scope["link-color"],
        link_hover=scope["link-color-hover"],
        link_visited=scope["link-color-visited"],
        border=scope["border-color"],
        masthead_link=scope["masthead-link-color"],
        masthead_link_hover=scope["masthead-link-color-hover"],
        navicon_hover=scope["navicon-link-color-hover"],
        footer_background=scope["footer-background-color"],
        footer_text=scope["footer-text-color"],
        code_background=scope["code-background-color"],
        dark=_luminance(scope["background-color"]) < 0.5,
    )


SKIN_NAMES: tuple[str, ...] = tuple(_SKINS)
"""The skins whose colours are known (the same ten as ``features.skins.SKINS``)."""

SKIN_VARIABLES: MappingProxyType[str, _Vars] = MappingProxyType(dict(_SKINS))
"""Each skin's own Sass variables, as written in its ``_<name>.scss``."""
