"""The kramdown pipeline's registry: features on by default, turned off one by one.

``markdown_kramdown: {features: {<name>: false}}`` leaves a feature to plain Python-Markdown;
an unknown name is a configuration error naming the closest feature.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import markdown
import pytest
from mkdocs.exceptions import Abort

from mkdocs_jekyll.kramdown.pipeline import FEATURES, configure_markdown
from mkdocs_jekyll.kramdown.settings import KramdownSettings
from sitebuild import CONFIG_ERROR, BuildSite, error_lines, html

MKDOCS_BUILTINS = ["toc", "tables", "fenced_code"]


@dataclass(frozen=True)
class Case:
    description: str
    block: dict[str, Any]
    extensions: list[str]
    configs: dict[str, Any]
    present: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()


CASES = (
    Case(
        "every feature is on by default, superfences replacing fenced_code",
        {},
        MKDOCS_BUILTINS,
        {},
        present=("pymdownx.superfences", "attr_list", "mkdocs_jekyll.markdown_compat"),
        absent=("fenced_code",),
    ),
    Case(
        "a feature turned off adds nothing and replaces nothing",
        {"features": {"code": False}},
        MKDOCS_BUILTINS,
        {},
        present=("fenced_code",),
        absent=("pymdownx.superfences",),
    ),
    Case(
        "a replaced extension the site configured keeps the feature off",
        {},
        MKDOCS_BUILTINS,
        {"fenced_code": {"lang_prefix": "lang-"}},
        present=("fenced_code",),
        absent=("pymdownx.superfences",),
    ),
)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.description)
def test_the_pipeline_adds_the_enabled_features(case: Case) -> None:
    settings = KramdownSettings.from_block(case.block)
    extensions, _configs = configure_markdown(settings, list(case.extensions), case.configs)
    assert [name for name in case.present if name not in extensions] == []
    assert [name for name in case.absent if name in extensions] == []


def test_the_site_keeps_its_own_extension_configuration() -> None:
    settings = KramdownSettings()
    _extensions, configs = configure_markdown(
        settings, ["toc", "pymdownx.superfences"], {"pymdownx.superfences": {"x": 1}}
    )
    assert configs["pymdownx.superfences"]["x"] == 1


def test_every_feature_names_itself_in_the_registry() -> None:
    assert all(name == feature.name for name, feature in FEATURES.items())


def test_an_unknown_feature_is_a_configuration_error(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    with pytest.raises(Abort, match=CONFIG_ERROR):
        build_site(
            files={"docs/index.md": "# Hi\n"},
            plugins=[{"jekyll": {"markdown_kramdown": {"features": {"table": False}}}}],
        )
    known = ", ".join(sorted(FEATURES))
    assert error_lines(caplog) == [
        "Config value 'plugins': Plugin 'jekyll' option 'markdown_kramdown': "
        "markdown_kramdown.features: unknown feature 'table'; did you mean 'tables'? "
        f"(known: {known})"
    ]


def test_a_feature_turned_off_renders_as_python_markdown(build_site: BuildSite) -> None:
    page = "```python\nx = 1\n```\n"
    rouge = "article div.language-python.highlighter-rouge > div.highlight > pre > code"
    on = build_site(files={"docs/index.md": page})
    assert html(on / "index.html").select_one(rouge) is not None
    off = build_site(
        files={"docs/index.md": page},
        plugins=[{"jekyll": {"markdown_kramdown": {"features": {"code": False}}}}],
    )
    assert html(off / "index.html").select_one(rouge) is None
    assert html(off / "index.html").select_one("article pre code") is not None


SAMPLE = """\
* TOC
{:toc}

# Título

| a | b |
|---|---|
| 1 | 2 |

- uno
  - dos

```python
x = 1
```

Line\\
break, `code` and <div markdown="1">*html*</div>
"""


@pytest.mark.parametrize("name", sorted(FEATURES))
def test_each_feature_turns_off_alone(name: str) -> None:
    """Every other feature still works with one turned off: the pipeline has no hidden order."""
    settings = KramdownSettings.from_block({"features": {name: False}})
    extensions, configs = configure_markdown(settings, list(MKDOCS_BUILTINS), {})
    assert [ext for ext in FEATURES[name].extensions(settings) if ext in extensions] == []
    html_text = markdown.Markdown(extensions=extensions, extension_configs=configs).convert(SAMPLE)
    assert "Título" in html_text
