"""Minimal Mistakes' ``minimal_mistakes_skin`` names as Material palettes (``skins.py``)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from mkdocs_jekyll.features.skins import SKINS, palette_for_skin
from mkdocs_jekyll.jekyll.errors import ContentError

# Material for MkDocs' named colours (docs/setup/changing-the-colors.md).
MATERIAL_PRIMARY = {
    "red", "pink", "purple", "deep purple", "indigo", "blue", "light blue", "cyan", "teal",
    "green", "light green", "lime", "yellow", "amber", "orange", "deep orange", "brown",
    "grey", "blue grey", "black", "white",
}  # fmt: skip
MATERIAL_ACCENT = MATERIAL_PRIMARY - {"brown", "grey", "blue grey", "black", "white"}

ALL_SKINS = (
    "'default', 'air', 'aqua', 'contrast', 'dark', 'dirt', 'mint', 'neon', 'plum', 'sunrise'"
)


@dataclass(frozen=True)
class Case:
    description: str
    name: str
    expected: dict[str, str] | None = None
    error: str | None = None


CASES = [
    Case("default is Minimal Mistakes' grey", "default",
         {"scheme": "default", "primary": "blue grey", "accent": "light blue"}),
    Case("air is light blue", "air",
         {"scheme": "default", "primary": "light blue", "accent": "light blue"}),
    Case("aqua is blue", "aqua", {"scheme": "default", "primary": "blue", "accent": "blue"}),
    Case("contrast is black with red", "contrast",
         {"scheme": "default", "primary": "black", "accent": "red"}),
    Case("dark is slate with cyan", "dark",
         {"scheme": "slate", "primary": "cyan", "accent": "cyan"}),
    Case("dirt is brown", "dirt", {"scheme": "default", "primary": "brown", "accent": "amber"}),
    Case("mint is teal", "mint", {"scheme": "default", "primary": "teal", "accent": "teal"}),
    Case("neon is slate with pink", "neon",
         {"scheme": "slate", "primary": "pink", "accent": "pink"}),
    Case("plum is slate with purple", "plum",
         {"scheme": "slate", "primary": "purple", "accent": "pink"}),
    Case("sunrise is red", "sunrise",
         {"scheme": "default", "primary": "red", "accent": "deep orange"}),
    Case("case and spaces are ignored", " Dark ",
         {"scheme": "slate", "primary": "cyan", "accent": "cyan"}),
    Case("a typo suggests the closest skin", "darkk",
         error=f"mkdocs.yml: plugins.jekyll.minimal_mistakes_skin: Expected one of "
               f"{ALL_SKINS}, received 'darkk'; did you mean 'dark'?"),
    Case("a far-off name has no suggestion", "solarized",
         error=f"mkdocs.yml: plugins.jekyll.minimal_mistakes_skin: Expected one of "
               f"{ALL_SKINS}, received 'solarized'"),
    Case("an empty name is refused", "",
         error=f"mkdocs.yml: plugins.jekyll.minimal_mistakes_skin: Expected one of "
               f"{ALL_SKINS}, received ''"),
]  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.description)
def test_palette_for_skin(case: Case) -> None:
    if case.error is not None:
        with pytest.raises(ContentError) as info:
            palette_for_skin(case.name)
        assert str(info.value) == case.error
        assert info.value.path == "mkdocs.yml"
    else:
        assert palette_for_skin(case.name) == case.expected


@pytest.mark.parametrize("name", list(SKINS))
def test_every_palette_uses_material_names(name: str) -> None:
    palette = palette_for_skin(name)
    assert palette["scheme"] in {"default", "slate"}
    assert palette["primary"] in MATERIAL_PRIMARY
    assert palette["accent"] in MATERIAL_ACCENT


def test_the_palette_is_a_new_dict_each_time() -> None:
    palette = palette_for_skin("air")
    palette["primary"] = "red"
    assert palette_for_skin("air")["primary"] == "light blue"


def test_the_skin_option_sets_materials_palette(build_site: object) -> None:
    from sitebuild import html

    site = build_site(  # type: ignore[operator]
        files={"docs/index.md": "# Home\n"}, plugins=[{"jekyll": {"minimal_mistakes_skin": "dark"}}]
    )
    body = html(site / "index.html").body
    assert body is not None and body["data-md-color-scheme"] == "slate"


def test_an_unknown_skin_stops_the_build(
    build_site: object, caplog: pytest.LogCaptureFixture
) -> None:
    import logging

    from mkdocs.exceptions import Abort

    from sitebuild import CONFIG_ERROR, error_lines

    with caplog.at_level(logging.ERROR), pytest.raises(Abort, match=CONFIG_ERROR):
        build_site(  # type: ignore[operator]
            files={"docs/index.md": "# Home\n"},
            plugins=[{"jekyll": {"minimal_mistakes_skin": "darkk"}}],
        )
    assert error_lines(caplog) == [
        "Config value 'plugins': Plugin 'jekyll' option 'minimal_mistakes_skin': Expected one "
        "of 'default', 'air', "
        "'aqua', 'contrast', 'dark', 'dirt', 'mint', 'neon', 'plum', 'sunrise', received "
        "'darkk'; did you mean 'dark'?"
    ]
