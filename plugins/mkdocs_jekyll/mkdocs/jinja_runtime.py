"""The theme's Jinja environment doing its two most frequent runtime steps with less work.

Why: rendering Material's templates spends about a quarter of its time in two of Jinja's
helpers, not in the templates. ``Environment.getattr`` runs for every ``a.b`` (some 220 a
page): Jinja tries the attribute, catches the ``AttributeError`` and tries the item, so every
``config.theme.icon`` or ``page.meta.hide`` raises an exception first. And every
``{% include %}`` and ``{% import %}`` (some 35 a page) builds a context that lists the
template's globals, a ``ChainMap`` of the template's own (always empty here) and the
environment's: ``ChainMap`` copies every map into a new dict to iterate, and looks each key
up in the empty map first (a ``KeyError`` per key) to read it.

``FastEnvironment`` is Jinja's ``Environment`` with the same steps doing the same with less
work: ``getattr`` asks for the attribute without raising (``getattr`` with a default: the
same ``AttributeError``s count as missing) and reads a plain dict or ``None`` without
raising either, and an option of MkDocs' config (``config.theme``, some 40 reads a page)
straight from its dict, where the attribute goes through the option's descriptor, an ABC's
``isinstance`` and ``UserDict.__getitem__`` (``compat.config_option_items`` checks MkDocs
reads it so); ``make_globals`` returns ``TemplateGlobals``, a ``ChainMap`` that reads the
environment's globals directly while the template's own map is empty; its contexts
(``FastContext``) list those names straight from the environment's dict. Results, order and
errors are Jinja's.

Only for a plain ``jinja2.Environment`` (MkDocs') whose methods are the ones mirrored
(``compat.jinja_runtime_mirrored``); any other environment is left as it is. The class is
swapped on the instance (``compat.use_environment_class``), so an ``overlay`` of it is one too.
"""

from __future__ import annotations

from collections import ChainMap, UserDict
from collections.abc import Iterator, MutableMapping
from typing import Any

from jinja2 import Environment
from jinja2.nodes import EvalContext
from jinja2.runtime import Context
from mkdocs.config.defaults import MkDocsConfig

from mkdocs_jekyll.compat import (
    config_option_items,
    jinja_runtime_mirrored,
    theme_getitem,
    use_environment_class,
)

_MISSING: Any = object()

_USERDICT_GETITEM = UserDict.__getitem__
_THEME_GETITEM = theme_getitem()
"""MkDocs' ``Theme.__getitem__``, when it is the one read here (None otherwise)."""
_CONFIG_ITEMS = config_option_items(MkDocsConfig) or {}
"""Each option attribute of MkDocs' config and the item it reads (empty when MkDocs reads
them otherwise than ``compat.config_option_items`` checks)."""


class TemplateGlobals(ChainMap[str, Any]):
    """A template's globals: its own map, then the environment's (Jinja's ``ChainMap``).

    While the template's own map is empty (every template MkDocs loads), a key's value,
    presence and the order of the keys are the environment's globals', read directly.
    """

    def __getitem__(self, key: str) -> Any:
        maps = self.maps
        if len(maps) == 2 and not maps[0]:
            try:
                return maps[1][key]
            except KeyError:
                return self.__missing__(key)
        return super().__getitem__(key)

    def __iter__(self) -> Iterator[str]:
        maps = self.maps
        if len(maps) == 2 and not maps[0]:
            return iter(tuple(maps[1]))  # A copy, as ChainMap iterates a copy.
        return super().__iter__()

    def __contains__(self, key: object) -> bool:
        maps = self.maps
        if len(maps) == 2 and not maps[0]:
            return key in maps[1]
        return super().__contains__(key)

    def __len__(self) -> int:
        maps = self.maps
        if len(maps) == 2 and not maps[0]:
            return len(maps[1])
        return super().__len__()


class FastContext(Context):
    """Jinja's context, listing the names of ``TemplateGlobals`` without a copy of them."""

    def __init__(
        self,
        environment: Environment,
        parent: dict[str, Any],
        name: str | None,
        blocks: dict[str, Any],
        globals: MutableMapping[str, Any] | None = None,
    ):
        # Context.__init__'s assignments, in its order.
        self.parent = parent
        self.vars = {}
        self.environment = environment
        self.eval_ctx = EvalContext(environment, name)
        self.exported_vars = set()
        self.name = name
        if globals is None:
            self.globals_keys = set()
        elif type(globals) is TemplateGlobals and len(globals.maps) == 2 and not globals.maps[0]:
            self.globals_keys = set(globals.maps[1])
        else:
            self.globals_keys = set(globals)
        self.blocks = {k: [v] for k, v in blocks.items()} if blocks else {}


class FastEnvironment(Environment):
    """Jinja's environment with ``getattr`` and ``make_globals`` doing less work (above)."""

    context_class = FastContext

    def getattr(self, obj: Any, attribute: str) -> Any:
        """``obj.attribute``, else ``obj[attribute]``, else undefined, as Jinja's."""
        if type(obj) is MkDocsConfig and type(attribute) is str:
            # An option (`config.theme`) is `config.data[name]`, read through a descriptor,
            # an ABC's isinstance and `UserDict.__getitem__` (1 µs); a missing one raises.
            name = _CONFIG_ITEMS.get(attribute)
            if name is not None:
                data = obj.data
                if name in data:
                    return data[name]
        value = getattr(obj, attribute, _MISSING)
        if value is not _MISSING:
            return value
        if type(obj) is dict:
            # A plain dict's item (`get` is `[]` without `__missing__`, which only a
            # subclass has); `attribute` is a str, or `getattr` has raised.
            value = obj.get(attribute, _MISSING)
            if value is not _MISSING:
                return value
            return self.undefined(obj=obj, name=attribute)
        if obj is None:
            return self.undefined(obj=obj, name=attribute)  # None[...] is a TypeError.
        kind = type(obj)
        getitem = getattr(kind, "__getitem__", None)
        if getitem is None and not isinstance(obj, type):
            # No subscription (a class would have `__class_getitem__`): `obj[...]` is a
            # TypeError, raised and caught for nothing (Material asks each TOC entry for
            # `typeset`, which MkDocs' have not).
            return self.undefined(obj=obj, name=attribute)
        items = _items_read_plainly(obj, kind, getitem)
        if items is not None:
            value = items.get(attribute, _MISSING)
            if value is not _MISSING:
                return value
            return self.undefined(obj=obj, name=attribute)
        try:
            return obj[attribute]
        except (TypeError, LookupError, AttributeError):
            return self.undefined(obj=obj, name=attribute)

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        """The globals of a template: ``d`` over the environment's (Jinja's ``ChainMap``)."""
        if d is None:
            d = {}
        return TemplateGlobals(d, self.globals)


def _items_read_plainly(obj: Any, kind: type[Any], getitem: Any) -> dict[str, Any] | None:
    """The plain dict ``obj[key]`` reads, when it reads one without anything else; or None.

    A ``UserDict`` (MkDocs' configs: ``config.extra``) without ``__missing__``, and MkDocs'
    ``Theme`` (whose ``__getitem__`` is ``self.__vars[key]``, as ``compat.theme_items_read``
    checks): for them ``obj[key]`` is ``dict[key]``, and a missing key raises ``KeyError``,
    which ``get`` gives without raising.
    """
    if getitem is _USERDICT_GETITEM:
        if hasattr(kind, "__missing__"):
            return None
        data = obj.data
    elif getitem is _THEME_GETITEM and _THEME_GETITEM is not None:
        data = getattr(obj, "_Theme__vars", None)
    else:
        return None
    return data if type(data) is dict else None


def install_fast_runtime(env: Environment) -> bool:
    """Make ``env`` a ``FastEnvironment`` (before it loads the templates it renders).

    Returns:
        Whether it is one now (a plain Jinja environment of the mirrored version).
    """
    if type(env) is FastEnvironment:
        return True
    if type(env) is not Environment or not jinja_runtime_mirrored():
        return False
    use_environment_class(env, FastEnvironment)
    return True
