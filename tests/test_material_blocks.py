"""Material markup the package's templates copy cannot drift silently.

The templates extend Material and call ``{{ super() }}`` wherever they only add something.
A few blocks must instead be replaced whole, because we remove or change what Material
prints there; each such copy is listed in ``COPIES`` with the hash of Material's original
text, as reviewed. When Material changes one of them, the test below fails: compare
Material's new text with our copy, carry the change over, then record the new hash.

Given Material's templates as installed, when a template of ours overrides a block of
Material's ``base.html`` or shadows one of its files, then it calls ``super()`` or the copy
is listed here with the hash of the Material text it was made from.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import material
import pytest
from jinja2 import Environment, nodes

MATERIAL = Path(material.__file__).resolve().parent / "templates"
OURS = Path(__file__).resolve().parent.parent / "plugins" / "mkdocs_jekyll" / "templates"


@dataclass(frozen=True)
class Copy:
    source: str
    """Material's file, and ``:block`` for one block of it."""
    copies: tuple[str, ...]
    """Our templates holding the copy."""
    why: str
    """What the copy removes or changes, so a reviewer knows what to keep."""
    hashes: frozenset[str]
    """sha256 of Material's text (its version number blanked) in each reviewed release."""


COPIES = [
    Copy(
        "base.html:site_meta",
        ("jekyll-main.html",),
        "jekyll-seo-tag's description, canonical and author replace Material's; the page's "
        "real translations replace the extra.alternate links; every value is escaped",
        frozenset(
            {
                # 9.6.16
                "4f922032a673e598403649c4aa94807b6e0469340c8c1bd85e3b7b216535618c",
                # 9.8.2: adds the extra.alternate links
                "2606eb0daf0931c702b4de23ff8dffa3c814395c1fd349e0f282c879017dd563",
            }
        ),
    ),
    Copy(
        "base.html:htmltitle",
        ("jekyll-main.html",),
        "jekyll-seo-tag's title when it computed one; site_name escaped",
        frozenset({"253e4cbb7cfac383f233c2a15dc39373461d23d1266202d227ded326c681d076"}),
    ),
    Copy(
        "base.html:site_nav",
        ("layouts/single.html",),
        "the author profile and front matter sidebar in the primary sidebar; toc_label, "
        "toc_icon, toc: false, toc_sticky and the layout's hidden parts",
        frozenset({"e0c04507ded051cbe02be3d3887310d5c58518b7656993955d91f7ad109dc4e4"}),
    ),
    Copy(
        "partials/content.html",
        ("layouts/single.html", "layouts/default.html"),
        "Material's partials around the content, in the same order, with Minimal Mistakes' "
        "page header (escaped title and lead) instead of the bare <h1>, and its page parts",
        frozenset(
            {
                # 9.6.16: "\x3ch1"
                "3d97330c7fb0410f382fc4be36822cf58891ffc6e24b6588829af7f20acea9d2",
                # 9.8.2: "\u003ch1"
                "ce33929c85af129f6e2f3b0aed47159e9c4a519482d1938bae15f5ff4a3cfae5",
            }
        ),
    ),
    Copy(
        "partials/consent.html",
        ("partials/consent.html",),
        "the page's own consent wording and cookie names (jekyll_consent: the locale's "
        "ui-text), else extra.consent's; every value escaped",
        frozenset({"2ba7f1d07d58ae11084092771d884230164a0fc538ad63b087776fcff0174c70"}),
    ),
    Copy(
        "partials/alternate.html",
        ("partials/alternate.html",),
        "the current locale marked (aria-current), lang on each link, every value escaped",
        frozenset({"572b1d4dae611aa5fd65107edec95e44331b6141abf86834ea4dc6c1ddd7241b"}),
    ),
    Copy(
        "partials/language.html",
        ("partials/language.html",),
        "the same `t` macro, each label kept once per language and pass (jekyll_label_memo)",
        frozenset({"3a44516f305006ac794f51a45ad7b532cf270916d8e92e8c42784e58b2eff0a3"}),
    ),
    Copy(
        "404.html:content",
        ("404.html",),
        "the Minimal Mistakes look's 404 text and home link; Material's heading otherwise",
        frozenset({"85e27de1c1d529fb82dd17a619752ee4aae55011784da0797535ad5d02b36887"}),
    ),
    Copy(
        "404.html",
        ("404.html",),
        "extends main.html as Material's does; adds the author card in the Minimal Mistakes look",
        frozenset({"80c93494b5432b1bcdf292caeb67a0653c45b37372f49e08ad4a70ca695a7495"}),
    ),
]

# Material's templates our package shadows without copying anything: main.html is Material's
# one-line `{% extends "base.html" %}`, ours extends jekyll-main.html.
SHADOWED_WITHOUT_COPY = {"main.html"}


def _material_text(source: str) -> str:
    """Material's file, or one block of it; its version number blanked (it changes always)."""
    path, _, block = source.partition(":")
    text = (MATERIAL / path).read_text(encoding="utf-8")
    if block:
        found = re.search(r"\{%-?\s*block " + block + r"\b.*?%\}(.*?)\{%-?\s*endblock", text, re.S)
        assert found is not None, f"Material's {path} has no block '{block}' any more"
        text = found.group(1)
    return re.sub(r"mkdocs-material-[0-9][0-9a-z.]*", "mkdocs-material-VERSION", text)


@pytest.mark.parametrize("copy", COPIES, ids=lambda copy: copy.source)
def test_material_text_we_copied_is_unchanged(copy: Copy) -> None:
    digest = hashlib.sha256(_material_text(copy.source).encode("utf-8")).hexdigest()
    assert digest in copy.hashes, (
        f"Material's {copy.source} changed (sha256 {digest}). Compare it with the copy in "
        f"{', '.join(copy.copies)}, which keeps: {copy.why}; carry the change over, then add "
        "the hash to COPIES."
    )
    for name in copy.copies:
        assert (OURS / name).is_file(), name


def _blocks(env: Environment, path: Path) -> list[nodes.Block]:
    return list(env.parse(path.read_text(encoding="utf-8")).find_all(nodes.Block))


def _calls_super(block: nodes.Block) -> bool:
    return any(
        isinstance(call.node, nodes.Name) and call.node.name == "super"
        for call in block.find_all(nodes.Call)
    )


def test_every_material_block_we_replace_is_a_listed_copy() -> None:
    env = Environment()
    material_blocks = {block.name for block in _blocks(env, MATERIAL / "base.html")}
    listed = {(name, copy.source.partition(":")[2]) for copy in COPIES for name in copy.copies}
    unlisted = []
    for path in sorted(OURS.rglob("*.html")):
        name = path.relative_to(OURS).as_posix()
        for block in _blocks(env, path):
            if block.name not in material_blocks or _calls_super(block):
                continue
            if (name, block.name) not in listed and not _content_copy(name, block.name):
                unlisted.append(f"{name}: block {block.name}")
    assert unlisted == []


def _content_copy(name: str, block: str) -> bool:
    """The `content` block holds partials/content.html, listed as a file copy."""
    return block == "content" and any(
        copy.source == "partials/content.html" and name in copy.copies for copy in COPIES
    )


def test_every_material_file_we_shadow_is_a_listed_copy() -> None:
    listed = {copy.source for copy in COPIES if ":" not in copy.source}
    shadowed = {
        path.relative_to(OURS).as_posix()
        for path in OURS.rglob("*.html")
        if (MATERIAL / path.relative_to(OURS)).is_file()
    }
    assert shadowed - SHADOWED_WITHOUT_COPY == listed & shadowed
