"""Minimal Mistakes' skins as Material for MkDocs palettes.

Minimal Mistakes picks its colours with ``minimal_mistakes_skin`` in ``_config.yml``
(``_sass/minimal-mistakes/skins/_<name>.scss``). Material picks them with ``theme.palette``:
a ``scheme`` (``default`` is light, ``slate`` is dark) and a ``primary`` and ``accent`` from
its named colours. Each skin maps to the named colours closest to its ``$primary-color`` and
link colour, on the scheme matching its background. No MkDocs import: the plugin applies the
result to ``theme.palette``.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from types import MappingProxyType

from mkdocs_jekyll.jekyll.errors import ConfigError

OPTION = "plugins.jekyll.minimal_mistakes_skin"
"""How messages name the option."""


@dataclass(frozen=True)
class Skin:
    """A Material palette standing for one Minimal Mistakes skin.

    Attributes:
        scheme: Material's ``scheme``: ``default`` (light) or ``slate`` (dark).
        primary: Material's named primary colour (header, buttons, links).
        accent: Material's named accent colour (hover and focus).
    """

    scheme: str
    primary: str
    accent: str


# Minimal Mistakes 4.26 _sass/minimal-mistakes/skins/, $background-color, $primary-color
# and $link-color of each, and the closest Material colours.
SKINS: MappingProxyType[str, Skin] = MappingProxyType(
    {
        # #7a8288 grey, links #2f7d95.
        "default": Skin("default", "blue grey", "light blue"),
        # #0092ca on #eeeeee.
        "air": Skin("default", "light blue", "light blue"),
        # #1976d2 on #f3f6f6.
        "aqua": Skin("default", "blue", "blue"),
        # Black text and footer, #ff0000 primary, #0000ff links.
        "contrast": Skin("default", "black", "red"),
        # #00adb5 on #252a34.
        "dark": Skin("slate", "cyan", "cyan"),
        # Earthy #343434 on #f3f3f3 with #e9dcbe borders.
        "dirt": Skin("default", "brown", "amber"),
        # #11999e on #f3f6f6, #30e3ca footer.
        "mint": Skin("default", "teal", "teal"),
        # #f21368 on #141010.
        "neon": Skin("slate", "pink", "pink"),
        # Pink on purple #3f0f40.
        "plum": Skin("slate", "purple", "pink"),
        # #fc3a52 on #e8d5b7.
        "sunrise": Skin("default", "red", "deep orange"),
    }
)


def palette_for_skin(name: str) -> dict[str, str]:
    """Return the Material palette for a Minimal Mistakes skin.

    Args:
        name: The skin, as ``minimal_mistakes_skin`` names it (``'air'``); case and
            surrounding spaces are ignored.

    Returns:
        A new ``{'scheme': ..., 'primary': ..., 'accent': ...}`` for ``theme.palette``:
        ``'dark' -> {'scheme': 'slate', 'primary': 'cyan', 'accent': 'cyan'}``.

    Raises:
        ConfigError: The skin is not one of Minimal Mistakes' (a ``ContentError`` naming
            ``mkdocs.yml``, with the closest skin as a suggestion).
    """
    key = name.strip().lower()
    skin = SKINS.get(key)
    if skin is None:
        raise ConfigError("mkdocs.yml", f"{OPTION}: {unknown_skin(name)}")
    return {"scheme": skin.scheme, "primary": skin.primary, "accent": skin.accent}


def unknown_skin(name: str) -> str:
    """Return "Expected one of ..., received 'x'", with the closest skin if one is close.

    The plugin's option check (``mkdocs/options.py``) and ``palette_for_skin`` say the same.
    """
    choices = ", ".join(f"'{skin}'" for skin in SKINS)
    message = f"Expected one of {choices}, received '{name}'"
    close = difflib.get_close_matches(name.strip().lower(), list(SKINS), n=1)
    if close:
        message += f"; did you mean '{close[0]}'?"
    return message
