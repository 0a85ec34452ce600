"""The theme's Jinja environment reads attributes and globals with less work: same results.

``mkdocs/jinja_runtime.py`` overrides two of Jinja's methods; each case compares what the
override gives with what Jinja's own gives (values, undefined objects, exceptions), and a
site built with and without it must be equal byte for byte.
"""

from __future__ import annotations

from collections import ChainMap, UserDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from jinja2 import ChainableUndefined, Environment, StrictUndefined, Undefined

from mkdocs_jekyll import compat
from mkdocs_jekyll.mkdocs import jinja_runtime
from mkdocs_jekyll.mkdocs import plugin as plugin_module
from mkdocs_jekyll.mkdocs.jinja_runtime import (
    FastContext,
    FastEnvironment,
    TemplateGlobals,
    install_fast_runtime,
)
from sitebuild import THREE_LOCALES, make_site_builder, site_tree


class _Obj:
    name = "obj"

    @property
    def broken(self) -> Any:
        raise AttributeError("broken")

    def __getitem__(self, key: str) -> Any:
        if key == "item":
            return "from item"
        if key == "broken":
            return "item behind a broken property"
        raise KeyError(key)


class _NoItems:
    name = "plain"


class _Missing(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return f"missing {key}"


class _RaisesOther:
    def __getitem__(self, key: str) -> Any:
        raise ValueError(key)


class _UserMissing(UserDict[str, Any]):
    def __missing__(self, key: str) -> str:
        return f"user missing {key}"


class _UserOwnData(UserDict[str, Any]):
    def __init__(self) -> None:
        super().__init__()
        self.data = _Missing(a=1)


class _Subscriptable(type):
    def __getitem__(cls, key: str) -> str:
        return f"class item {key}"


class _ClassItems(metaclass=_Subscriptable):
    pass


class _Generic:
    def __class_getitem__(cls, key: str) -> str:
        return f"generic {key}"


def _theme() -> Any:
    from mkdocs.theme import Theme

    return Theme(name=None, custom_dir=None, static_templates=[], language="fr")


def _legacy_config() -> Any:
    from mkdocs.config.config_options import SubConfig

    return SubConfig().run_validation({"homepage": "/x/"})


def _mkdocs_config(*missing: str) -> Any:
    """MkDocs' config with its defaults and a site name, without the options ``missing``."""
    from mkdocs.config.defaults import MkDocsConfig

    config = MkDocsConfig()
    config["site_name"] = "Site"
    config.user_configs = ["not an option"]  # type: ignore[attr-defined]
    for name in missing:
        del config.data[name]
    return config


@dataclass(frozen=True)
class Case:
    description: str
    obj: Any
    attribute: Any


CASES = [
    Case("a dict's key", {"lang": "en"}, "lang"),
    Case("a dict's missing key", {"lang": "en"}, "hide"),
    Case("a dict's method wins over its key", {"items": 1}, "items"),
    Case("a dict key named like a dunder", {"__len__": 1}, "__len__"),
    Case("a dict subclass's __missing__", _Missing(a=1), "b"),
    Case("None", None, "search"),
    Case("None's own attribute", None, "__class__"),
    Case("an attribute", _Obj(), "name"),
    Case("an item behind no attribute", _Obj(), "item"),
    Case("a property raising AttributeError, then the item", _Obj(), "broken"),
    Case("neither", _Obj(), "nothing"),
    Case("no __getitem__", _NoItems(), "nothing"),
    Case("a list", [1, 2], "nothing"),
    Case("a string's method", "text", "upper"),
    Case("an undefined's attribute", Undefined(name="x"), "y"),
    Case("a chainable undefined's attribute", ChainableUndefined(name="x"), "y"),
    Case("a non-string attribute", {"a": 1}, 3),
    Case("__getitem__ raising something else", _RaisesOther(), "x"),
    Case("a UserDict's key", UserDict(a=1), "a"),
    Case("a UserDict's missing key", UserDict(a=1), "b"),
    Case("a UserDict's __missing__", _UserMissing(a=1), "b"),
    Case("a UserDict over a dict subclass", _UserOwnData(), "b"),
    Case("MkDocs' config's missing key", _legacy_config(), "version"),
    Case("MkDocs' config's key", _legacy_config(), "homepage"),
    Case("MkDocs' config's option", _mkdocs_config(), "site_name"),
    Case("MkDocs' config's option left unset", _mkdocs_config(), "site_url"),
    Case("MkDocs' config's option missing from its dict", _mkdocs_config("theme"), "theme"),
    Case("MkDocs' config's option named after a keyword", _mkdocs_config(), "extra"),
    Case("MkDocs' config's deprecated option", _mkdocs_config(), "pages"),
    Case("MkDocs' config's instance attribute", _mkdocs_config(), "user_configs"),
    Case("MkDocs' config's method", _mkdocs_config(), "get"),
    Case("MkDocs' config's item that is no option", _mkdocs_config(), "nothing"),
    Case("MkDocs' config and a non-string attribute", _mkdocs_config(), 3),
    Case("a MkDocs theme's key", _theme(), "language"),
    Case("a MkDocs theme's missing key", _theme(), "palette"),
    Case("a class with a subscriptable metaclass", _ClassItems, "x"),
    Case("an instance of that class", _ClassItems(), "x"),
    Case("a class's __class_getitem__", _Generic, "x"),
    Case("a function", len, "x"),
]


def _outcome(call: Callable[[], Any]) -> tuple[str, Any]:
    try:
        value = call()
    except Exception as err:  # the comparison is the point
        return "raises", (type(err), str(err))
    if isinstance(value, Undefined):
        return "undefined", (type(value), value._undefined_name, value._undefined_obj)
    return "value", value


@pytest.mark.parametrize("undefined", [Undefined, StrictUndefined, ChainableUndefined])
@pytest.mark.parametrize("case", CASES, ids=[case.description for case in CASES])
def test_getattr_gives_what_jinjas_gives(case: Case, undefined: type[Undefined]) -> None:
    jinja = Environment(undefined=undefined)
    fast = Environment(undefined=undefined)
    assert install_fast_runtime(fast)
    ours = _outcome(lambda: fast.getattr(case.obj, case.attribute))
    assert ours == _outcome(lambda: jinja.getattr(case.obj, case.attribute))


def test_templates_print_and_fail_as_with_jinjas_environment() -> None:
    source = (
        "{{ d.lang }}|{{ d.hide }}|{{ d.items is callable }}|{{ n.search is defined }}|"
        "{{ o.item }}|{{ o.broken }}|{{ o.nothing | default('dflt') }}|{{ g }}|"
        "{% for k in d %}{{ k }}{% endfor %}"
    )
    variables = {"d": {"lang": "en", "items": 1}, "n": None, "o": _Obj()}
    outputs = []
    for fast in (False, True):
        env = Environment()
        env.globals.update(g="global", h="other")
        if fast:
            assert install_fast_runtime(env)
        outputs.append(env.from_string(source).render(variables))
        strict = Environment(undefined=StrictUndefined)
        if fast:
            install_fast_runtime(strict)
        with pytest.raises(Exception, match="'dict object' has no attribute 'hide'"):
            strict.from_string("{{ d.hide }}").render(variables)
    assert (
        outputs[0]
        == outputs[1]
        == "en||True|False|from item|item behind a broken property|dflt|global|langitems"
    )


def _chain_cases() -> list[tuple[dict[str, Any], dict[str, Any]]]:
    return [
        ({}, {"b": 1, "a": 2, "c": 3}),
        ({"a": 10, "z": 0}, {"b": 1, "a": 2}),
        ({}, {}),
    ]


@pytest.mark.parametrize(("own", "environment"), _chain_cases())
def test_template_globals_read_as_a_chain_map(
    own: dict[str, Any], environment: dict[str, Any]
) -> None:
    ours, theirs = TemplateGlobals(own, environment), ChainMap(own, environment)
    assert list(ours) == list(theirs) and len(ours) == len(theirs)
    assert dict(ours) == dict(theirs) and set(ours) == set(theirs)
    for key in ("a", "b", "z", "nothing"):
        assert (key in ours) == (key in theirs)
        assert ours.get(key, "-") == theirs.get(key, "-")
    with pytest.raises(KeyError):
        ours["nothing"]
    with pytest.raises(TypeError):
        [] in ours  # noqa: B015 (unhashable, as ChainMap)
    # A template given its own globals later reads them first.
    ours["a"] = theirs["a"] = "own"
    assert list(ours) == list(theirs) and ours["a"] == "own" and dict(ours) == dict(theirs)


def _block(context: Any) -> Any:
    yield "block"


@pytest.mark.parametrize(
    "globals_",
    [
        None,
        TemplateGlobals({}, {"b": 1, "a": 2}),
        TemplateGlobals({"own": 0}, {"b": 1}),
        ChainMap({}, {"b": 1}),
        {"plain": 1},
    ],
    ids=["none", "template-globals", "own-globals", "chain-map", "dict"],
)
@pytest.mark.parametrize("blocks", [{}, {"content": _block}], ids=["no-blocks", "blocks"])
def test_a_context_is_made_as_jinjas(globals_: Any, blocks: dict[str, Any]) -> None:
    from jinja2.runtime import Context

    env = Environment(autoescape=lambda name: name == "x.html")
    parent = {"page": 1}
    ours = FastContext(env, parent, "x.html", blocks, globals=globals_)
    theirs = Context(env, parent, "x.html", blocks, globals=globals_)
    assert ours.parent is theirs.parent is parent and ours.vars == theirs.vars == {}
    assert ours.name == theirs.name and ours.environment is theirs.environment
    assert ours.eval_ctx.autoescape is theirs.eval_ctx.autoescape is True
    assert ours.eval_ctx.volatile is theirs.eval_ctx.volatile is False
    assert ours.exported_vars == theirs.exported_vars == set()
    assert ours.globals_keys == theirs.globals_keys and type(ours.globals_keys) is set
    assert ours.blocks == theirs.blocks and ours.blocks is not blocks
    assert list(vars(ours)) == list(vars(theirs))


def test_only_a_plain_jinja_environment_of_the_mirrored_version_is_changed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Other(Environment):
        pass

    other = Other()
    assert not install_fast_runtime(other) and type(other) is Other
    env = Environment()
    monkeypatch.setattr(jinja_runtime, "jinja_runtime_mirrored", lambda: False)
    assert not install_fast_runtime(env) and type(env) is Environment
    monkeypatch.undo()
    assert install_fast_runtime(env) and type(env) is FastEnvironment
    assert type(env.overlay()) is FastEnvironment
    assert install_fast_runtime(env)  # Twice is once.


FILES = {
    "docs/en/index.md": "---\ni18n_key: home\ndescription: Home & more\n---\n# Hi\n\n## Part\n",
    "docs/en/a.md": "---\ntitle: A & B\ni18n_key: a\nhide: [toc]\n---\n## Part\n",
    "docs/en/guide/deep/c.md": "# C\ntext\n",
    "docs/en/_posts/2024-01-02-hello.md": "---\ntitle: Hello\ntags: [x]\n---\nHi\n",
    "docs/es-419/index.md": "---\ni18n_key: home\n---\n# Inicio\n",
    "docs/es-419/a.md": "---\ni18n_key: a\n---\n# A es\n",
    "docs/pt-br/index.md": "# Início\n",
    # An override reading what is there and what is not, through attributes.
    "overrides/main.html": (
        '{% extends "jekyll-main.html" %}{% block extrahead %}{% if page %}'
        '<meta data-x="{{ page.meta.hide }}|{{ page.meta.nothing }}|{{ config.extra.x }}|'
        '{{ config.theme.icon.nothing }}|{{ page.toc.items | length }}|{{ nav.nothing }}">'
        "{% endif %}{% endblock %}"
    ),
}


@pytest.mark.parametrize("workers", [1, 2])
def test_a_site_built_with_the_fast_runtime_is_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    config: dict[str, Any] = {
        "plugins": [
            "search",
            {"jekyll/i18n": {"languages": THREE_LOCALES, "parallel_workers": workers}},
            {"jekyll": {"permalink": "pretty"}},
        ],
        "theme": {
            "name": "material",
            "custom_dir": "overrides",
            "features": ["navigation.footer", "content.code.copy"],
            "icon": {"admonition": {"note": "material/pencil"}},
        },
        "extra": {"x": "extra & more", "analytics": {"provider": "google", "property": "G-1"}},
    }
    classes: list[type[Any]] = []
    real = plugin_module.install_fast_runtime

    def spy(env: Environment) -> bool:
        installed = real(env)
        classes.append(type(env))
        return installed

    monkeypatch.setattr(plugin_module, "install_fast_runtime", spy)
    (tmp_path / "on").mkdir()
    on = site_tree(make_site_builder(tmp_path / "on")(files=FILES, **config))
    if workers == 1:  # (a worker's spies are in its own process)
        assert classes and set(classes) == {FastEnvironment}
    monkeypatch.setattr(plugin_module, "install_fast_runtime", lambda env: False)
    (tmp_path / "off").mkdir()
    off = site_tree(make_site_builder(tmp_path / "off")(files=FILES, **config))
    on = {path: data for path, data in on.items() if not path.endswith("feed.xml")}
    off = {path: data for path, data in off.items() if not path.endswith("feed.xml")}
    assert on == off
    assert b'data-x="[&#39;toc&#39;]||extra &amp; more||' in on["en/a/index.html"] or (
        b"data-x=\"['toc']||extra & more||" in on["en/a/index.html"]
    )


def test_a_theme_is_read_by_its_dict_only_over_mkdocs_own_getitem(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from mkdocs.theme import Theme

    from mkdocs_jekyll.compat import theme_getitem

    assert theme_getitem() is Theme.__getitem__
    assert isinstance(_legacy_config(), UserDict)  # (the config cases read a UserDict)

    def other(self: Any, key: str) -> Any:
        return self._Theme__vars.get(key, f"default {key}")

    monkeypatch.setattr(Theme, "__getitem__", other)
    assert theme_getitem() is None
    # A theme whose `__getitem__` is another is read the item way, as Jinja reads it.
    monkeypatch.setattr(jinja_runtime, "_THEME_GETITEM", None)
    fast = Environment()
    assert install_fast_runtime(fast)
    assert fast.getattr(_theme(), "palette") == "default palette"


def test_mkdocs_config_options_are_read_by_their_item_only_over_mkdocs_own_reads(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from mkdocs.config.base import BaseConfigOption
    from mkdocs.config.defaults import MkDocsConfig

    items = compat.config_option_items(MkDocsConfig)
    assert items is not None
    assert items["site_name"] == "site_name"
    assert items["theme"] == "theme"
    assert "get" not in items and "user_configs" not in items
    assert compat.config_option_items(dict) is None  # not a config

    class OwnItems(MkDocsConfig):
        def __getitem__(self, key: str) -> Any:
            return f"own {key}"

    assert compat.config_option_items(OwnItems) is None

    def other_get(self: Any, obj: Any, type: Any = None) -> Any:
        return self if obj is None else obj.get(self._name, "default")

    monkeypatch.setattr(BaseConfigOption, "__get__", other_get)
    assert compat.config_option_items(MkDocsConfig) is None
