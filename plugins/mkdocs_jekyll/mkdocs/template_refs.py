"""The templates a template names, less those only a test the site's settings fail reaches.

Why: the template warm-up (``template_warmup``) compiled every template its roots name,
however deep, and a third of them no page of the bench loads: Material's optional parts
(``partials/tabs.html`` under ``{% if "navigation.tabs" in features %}``, the palette, the
cookie consent, the social links) and the package's Minimal Mistakes pieces under
``{% if jekyll_look is defined and jekyll_look.minimal_mistakes %}``. Compiling them took
some 0.1 s of the warm-up's CPU (of 0.44 s), while the site's read and both lanes wanted
that CPU.

So an ``{% if %}`` whose test reads only the site's settings is decided as a render would
decide it: ``config`` (its attributes and keys, read as Jinja reads them), ``features``
(what Material's ``base.html`` sets it to: ``config.theme.features or []``) and the
environment's globals, with constants, ``in``, ``==``, ``not``, ``and``, ``or`` and the
tests ``defined``, ``undefined`` and ``mapping``. The branches it cannot take are left out;
a test reading anything else (the page, a variable a template sets) keeps every branch.

On the bench this leaves out Material's optional parts (68 compiles down to 55, 0.44 to
0.39 s of the warm-up's CPU); the Minimal Mistakes pieces stay, as the warm-up forks before
the plugin installs ``jekyll_look`` (it needs the site's read), so their test is unknown.

A wrong guess costs time only: a template left out is compiled by the build when a page
first loads it, as any template the warm-up did not compile.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from jinja2 import meta, nodes
from jinja2.runtime import Undefined
from jinja2.tests import TESTS as JINJA_TESTS

if TYPE_CHECKING:
    from jinja2 import Environment

_UNKNOWN = object()
"""A value the settings alone do not give."""

_REFERENCES = (nodes.Extends, nodes.FromImport, nodes.Import, nodes.Include)


def referenced_templates(
    env: Environment, tree: nodes.Template, settings: Mapping[str, Any]
) -> Iterator[str | None]:
    """The template names ``tree`` refers to (None for a name made at render time), as
    ``jinja2.meta.find_referenced_templates`` gives them, less those only reachable through
    a branch ``settings`` (the names a test may read) rule out."""
    for node in _reachable(env, tree, settings):
        yield from meta.find_referenced_templates(nodes.Template([node]))


def site_settings(env: Environment, config: Any) -> dict[str, Any]:
    """What a test may read: ``config``, Material's ``features`` and the globals."""
    theme = getattr(config, "theme", None)
    features = env.getattr(theme, "features") if theme is not None else None
    if isinstance(features, Undefined):
        features = None  # (Before its truth is asked: a strict Undefined raises.)
    return {**env.globals, "config": config, "features": features or []}


def _reachable(
    env: Environment, node: nodes.Node, settings: Mapping[str, Any]
) -> Iterator[nodes.Node]:
    """The reference nodes under ``node`` on branches the settings do not rule out."""
    if isinstance(node, _REFERENCES):
        yield node
        return
    if isinstance(node, nodes.If):
        yield from _if_branches(env, node, settings)
        return
    for child in node.iter_child_nodes():
        yield from _reachable(env, child, settings)


def _if_branches(
    env: Environment, node: nodes.If, settings: Mapping[str, Any]
) -> Iterator[nodes.Node]:
    """``{% if %}``'s branches that a render with these settings may take: its ``elif``s in
    order (Jinja keeps them as ``If`` nodes of their own), then its ``else`` unless a test
    before it is surely true."""
    for branch in (node, *node.elif_):
        value = _truth(env, branch.test, settings)
        if value is not False:
            for child in branch.body:
                yield from _reachable(env, child, settings)
        if value is True:
            return
    for child in node.else_:
        yield from _reachable(env, child, settings)


def _truth(env: Environment, test: nodes.Node, settings: Mapping[str, Any]) -> bool | None:
    """Whether ``test`` holds as a render with these settings reads it (None: unknown)."""
    try:
        value = _evaluate(env, test, settings)
        return None if value is _UNKNOWN else bool(value)
    except Exception:  # A strict Undefined, a setting's own __bool__...
        return None


def _evaluate(env: Environment, node: nodes.Node, settings: Mapping[str, Any]) -> Any:
    """``node``'s value from the settings alone, or ``_UNKNOWN``."""
    if isinstance(node, nodes.Const):
        return node.value
    if isinstance(node, nodes.Name):
        if node.ctx != "load" or node.name not in settings:
            return _UNKNOWN
        return settings[node.name]
    if isinstance(node, nodes.Getattr):
        owner = _evaluate(env, node.node, settings)
        return _UNKNOWN if owner is _UNKNOWN else env.getattr(owner, node.attr)
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
        owner = _evaluate(env, node.node, settings)
        return _UNKNOWN if owner is _UNKNOWN else env.getitem(owner, node.arg.value)
    if isinstance(node, nodes.Not):
        value = _evaluate(env, node.node, settings)
        return _UNKNOWN if value is _UNKNOWN else not value
    if isinstance(node, nodes.And | nodes.Or):
        return _boolean(env, node, settings)
    if isinstance(node, nodes.Compare):
        return _compare(env, node, settings)
    if isinstance(node, nodes.Test):
        return _test(env, node, settings)
    return _UNKNOWN


def _boolean(env: Environment, node: nodes.And | nodes.Or, settings: Mapping[str, Any]) -> Any:
    """``and`` and ``or`` as Jinja runs them: the left value decides first."""
    left = _evaluate(env, node.left, settings)
    if left is _UNKNOWN:
        return _UNKNOWN
    if isinstance(node, nodes.And) and not left:
        return left
    if isinstance(node, nodes.Or) and left:
        return left
    return _evaluate(env, node.right, settings)


def _compare(env: Environment, node: nodes.Compare, settings: Mapping[str, Any]) -> Any:
    """``in``, ``not in``, ``==`` and ``!=``, one after another as Jinja chains them."""
    left = _evaluate(env, node.expr, settings)
    for operand in node.ops:
        right = _evaluate(env, operand.expr, settings)
        if left is _UNKNOWN or right is _UNKNOWN:
            return _UNKNOWN
        try:
            if operand.op == "in":
                result = left in right
            elif operand.op == "notin":
                result = left not in right
            elif operand.op == "eq":
                result = left == right
            elif operand.op == "ne":
                result = left != right
            else:
                return _UNKNOWN
        except TypeError:
            return _UNKNOWN
        if not result:
            return False
        left = right
    return True


def _test(env: Environment, node: nodes.Test, settings: Mapping[str, Any]) -> Any:
    """``is defined``, ``is undefined`` and ``is mapping``, without arguments."""
    if node.args or node.kwargs or node.dyn_args or node.dyn_kwargs:
        return _UNKNOWN
    if node.name not in ("defined", "undefined", "mapping"):
        return _UNKNOWN
    if env.tests.get(node.name) is not JINJA_TESTS[node.name]:
        return _UNKNOWN  # (a site's own test of that name)
    value = _evaluate(env, node.node, settings)
    if value is _UNKNOWN:
        return _UNKNOWN
    if node.name == "mapping":
        return isinstance(value, Mapping)
    defined = not isinstance(value, Undefined)
    return defined if node.name == "defined" else not defined
