"""The template warm-up compiles the templates a render with the site's settings can load.

Each case renders the root template with the case's settings, once for each value of the
page-level value it reads, and records every template the renders load: the warm-up's
compiled set must be exactly that union (nothing a render loads left out, nothing only a
branch the settings rule out reaches compiled).
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import jinja2
import pytest

from mkdocs_jekyll.mkdocs.jinja_cache import SharedBytecodeCache
from mkdocs_jekyll.mkdocs.template_refs import site_settings
from mkdocs_jekyll.mkdocs.template_warmup import compile_templates

ROOT = (
    # Material's own form: `features` from the theme, then tests on it and on `config`.
    "{% set features = config.theme.features or [] %}"
    '{% if "navigation.tabs" in features %}{% include "tabs.html" %}{% endif %}'
    '{% if "navigation.tabs.sticky" not in features %}{% include "unsticky.html" %}{% endif %}'
    '{% if config.extra.social %}{% include "social.html" %}{% endif %}'
    "{% if config.theme.palette %}"
    '{% if not config.theme.palette is mapping %}{% include "palette-list.html" %}'
    '{% else %}{% include "palette-one.html" %}{% endif %}'
    "{% endif %}"
    # A page's value keeps both branches; `elif` and `else` are decided when it is false.
    '{% if page.flag %}{% include "page-part.html" %}'
    '{% elif config.repo_url %}{% include "source.html" %}'
    '{% else %}{% include "plain.html" %}{% endif %}'
    # A global the plugins install, and `and`/`or` as Jinja runs them.
    '{% if look is defined and look.wide %}{% include "wide.html" %}{% endif %}'
    '{% if look is undefined or config.repo_url == "x" %}{% include "bare.html" %}{% endif %}'
    # Always there; and under a constant.
    '{% include "footer.html" %}{% if 0 %}{% include "never.html" %}{% endif %}'
)
NAMES = (
    "tabs unsticky social palette-list palette-one page-part source plain wide bare footer never"
)
TEMPLATES = {"root.html": ROOT, **{f"{name}.html": name for name in NAMES.split()}}


class _Recording(jinja2.DictLoader):
    def __init__(self, mapping: dict[str, str]) -> None:
        super().__init__(mapping)
        self.loaded: set[str] = set()

    def get_source(self, environment: jinja2.Environment, template: str) -> Any:
        self.loaded.add(template)
        return super().get_source(environment, template)


def _config(features: list[str], extra: dict[str, Any], palette: Any, repo: str | None) -> Any:
    return SimpleNamespace(
        theme={"features": features, "palette": palette}, extra=extra, repo_url=repo
    )


NO_LOOK = {"look": None}  # Defined; `look.wide` is undefined, so false.
CASES = [
    pytest.param(_config([], {}, None, None), NO_LOOK, id="nothing-set"),
    pytest.param(_config(["navigation.tabs"], {}, None, None), NO_LOOK, id="tabs"),
    pytest.param(
        _config(["navigation.tabs", "navigation.tabs.sticky"], {"social": [1]}, [{}], "x"),
        NO_LOOK,
        id="sticky-social-palettes-repo",
    ),
    pytest.param(_config([], {"social": []}, {"scheme": "slate"}, None), NO_LOOK, id="one-palette"),
    pytest.param(_config([], {}, None, None), {"look": {"wide": True}}, id="wide-look"),
    pytest.param(_config([], {}, None, "x"), {"look": {"wide": False}}, id="narrow-look-repo"),
]


@pytest.mark.parametrize(("config", "globals_"), CASES)
def test_the_warm_up_compiles_what_the_renders_with_the_sites_settings_load(
    config: Any, globals_: dict[str, Any]
) -> None:
    rendering = _Recording(TEMPLATES)
    renderer = jinja2.Environment(loader=rendering, cache_size=0)
    renderer.globals.update(globals_)
    for flag in (True, False):
        renderer.get_template("root.html").render(config=config, page={"flag": flag})
    env = jinja2.Environment(loader=jinja2.DictLoader(TEMPLATES))
    env.globals.update(globals_)
    cache = SharedBytecodeCache()
    cache.install(env)
    buckets = compile_templates(env, cache, ["root.html"], site_settings(env, config))
    names = {cache.get_cache_key(name): name for name in TEMPLATES}
    compiled = {names[bucket.key] for bucket in buckets}
    assert compiled == rendering.loaded


def test_a_name_the_settings_lack_keeps_both_branches() -> None:
    # `look` is no global: a page's context may still set it, so `wide.html` and
    # `bare.html` stay (a render without it loads `bare.html` only).
    config = _config([], {}, None, None)
    env = jinja2.Environment(loader=jinja2.DictLoader(TEMPLATES))
    cache = SharedBytecodeCache()
    cache.install(env)
    names = {cache.get_cache_key(name): name for name in TEMPLATES}
    buckets = compile_templates(env, cache, ["root.html"], site_settings(env, config))
    compiled = {names[bucket.key] for bucket in buckets}
    assert {"wide.html", "bare.html"} <= compiled
    assert not {"tabs.html", "social.html", "source.html", "never.html"} & compiled


def test_without_settings_every_named_template_is_compiled() -> None:
    env = jinja2.Environment(loader=jinja2.DictLoader(TEMPLATES))
    cache = SharedBytecodeCache()
    cache.install(env)
    assert len(compile_templates(env, cache, ["root.html"])) == len(TEMPLATES) - 1  # never.html


def test_a_theme_without_features_reads_as_none_even_in_a_strict_environment() -> None:
    # Material's `config.theme.features or []`; a strict Undefined raises when its truth is
    # asked, which would have stopped the whole warm-up.
    env = jinja2.Environment(undefined=jinja2.StrictUndefined)
    assert site_settings(env, SimpleNamespace(theme=SimpleNamespace()))["features"] == []
