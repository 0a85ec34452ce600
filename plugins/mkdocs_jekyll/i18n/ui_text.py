"""Localized UI text in Minimal Mistakes' ``_data/ui-text.yml`` format.

Minimal Mistakes keys its labels by locale (``en``, ``en-US``, ``es``, ``pt-BR``) and looks
them up with ``site.data.ui-text[site.locale]``. Multi-locale sites need two more things:
the package's own labels for sites that ship no ``ui-text.yml`` (so a Spanish page never
says "Follow"), and a fallback chain, because a site's locale is ``es-419`` while the file
has ``es``, and a partial translation should fall back label by label, not all at once.
No MkDocs import: the plugin hands in the loaded data.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from mkdocs_jekyll.i18n.translations import base_language, locale_chain
from mkdocs_jekyll.jekyll.documents import normalise_locale
from mkdocs_jekyll.jekyll.errors import ContentError
from mkdocs_jekyll.jekyll.yaml import load_yaml

DEFAULTS_FILE = Path(__file__).parent.parent / "data" / "ui-text.yml"
"""The package's labels (``en``, ``es``, ``pt``), under the site's own file."""

SOURCE = "_data/ui-text.yml"
"""How messages name the site's file."""

LAST_RESORT = "en"
"""The locale every chain ends with: the package always ships it."""


class UiText(dict[str, Any]):
    """``site.data.ui-text``: locale to labels, looked up like the plugin compares locales.

    Liquid's ``site.data.ui-text[site.locale]`` finds ``pt-BR`` under ``pt-br`` or
    ``pt_BR``, and a region without its own entry (``en-US``) finds its base language
    (``en``): Minimal Mistakes repeats ``en`` as ``en-US``, ``en-GB`` ... for that reason.
    """

    def __missing__(self, key: object) -> Any:
        if not isinstance(key, str):
            raise KeyError(key)
        index = {normalise_locale(code): code for code in self}
        for candidate in (normalise_locale(key), base_language(key)):
            if candidate in index:
                return self[index[candidate]]
        raise KeyError(key)

    def get(self, key: str, default: Any = None) -> Any:
        """``dict.get`` that uses the same lookup as ``ui[key]``."""
        try:
            return self[key]
        except KeyError:
            return default


def load_ui_text(user: Any, *, source: str = SOURCE) -> UiText:
    """The site's ui-text merged over the package's defaults, keyed by locale.

    Locales are matched case- and separator-insensitively (``pt-BR``, ``pt_br`` and
    ``pt-br`` are one); the site's spelling of a locale is kept, so its own Liquid keeps
    working. Labels are merged one by one, the site's winning; a label set to nothing
    (``menu_label:``) keeps the default, as a missing one does.

    Args:
        user: The parsed ``_data/ui-text.yml`` (YAML anchors and ``<<`` merges already
            resolved by the loader), or None when the site has none.
        source: How errors name the site's file.

    Returns:
        Locale to labels: the package's locales plus the site's.

    Raises:
        ContentError: The file is not a mapping of locales to mappings of labels; the
            build stops rather than printing English labels on a Spanish site.
    """
    merged = UiText(_package_defaults())
    if user is None:
        return merged
    if not isinstance(user, Mapping):
        raise ContentError(
            source,
            "Expected a mapping of locales to labels (en: {toc_label: 'On this page'}), "
            f"received {_kind(user)}",
        )
    index = {normalise_locale(code): code for code in merged}
    for raw_code, labels in user.items():
        code = str(raw_code)
        if labels is None:
            labels = {}
        if not isinstance(labels, Mapping):
            raise ContentError(
                source,
                f"'{code}': Expected a mapping of labels (toc_label: 'On this page'), "
                f"received {_kind(labels)}",
            )
        known = index.pop(normalise_locale(code), None)
        base = merged.pop(known, {}) if known is not None else {}
        merged[code] = _merge_labels(base, labels)
        index[normalise_locale(code)] = code
    return merged


def ui_text_for(
    ui_text: Mapping[str, Any], locale: str | None, default_locale: str | None
) -> dict[str, Any]:
    """The labels of one locale, each found through the fallback chain.

    The chain is the locale (``es-419``), its base language (``es``), the default locale,
    its base language, then ``en``; each label comes from the first entry that has it, so
    a partly translated locale shows English only for what it lacks. Junk never raises:
    a non-mapping ``ui_text`` or locale entry counts as absent.

    Args:
        ui_text: ``site.data.ui-text`` as ``load_ui_text`` returns it.
        locale: The page's configured locale (``es-419``, ``pt-br``), or None.
        default_locale: The site's default locale (``en``), or None.

    Returns:
        Label name to text, for the templates' ``jekyll_ui_text``.
    """
    if not isinstance(ui_text, Mapping):
        return {}
    index: dict[str, Mapping[Any, Any]] = {}
    for code, labels in ui_text.items():
        if isinstance(labels, Mapping):
            index.setdefault(normalise_locale(str(code)), labels)
    result: dict[str, Any] = {}
    for candidate in fallback_chain(locale, default_locale):
        for name, value in index.get(candidate, {}).items():
            if value is not None:
                result.setdefault(str(name), value)
    return result


def fallback_chain(locale: str | None, default_locale: str | None) -> list[str]:
    """Normalised locales to look labels up in, most specific first, without repeats.

    ``fallback_chain("es-419", "en-US")`` is ``["es-419", "es", "en-us", "en"]``.
    """
    return list(dict.fromkeys([*locale_chain(locale, default_locale), LAST_RESORT]))


# -- helpers -------------------------------------------------------------------------------


@functools.cache
def _read_package_defaults() -> dict[str, dict[str, Any]]:
    """Parse the shipped file once per process (``mkdocs serve`` rebuilds often)."""
    loaded = load_yaml(DEFAULTS_FILE.read_text(encoding="utf-8"))
    return {str(code): dict(labels) for code, labels in loaded.items()}


def _package_defaults() -> dict[str, dict[str, Any]]:
    """A fresh copy of the shipped labels: the merge must not change the cached ones."""
    return {code: dict(labels) for code, labels in _read_package_defaults().items()}


def _merge_labels(base: Mapping[str, Any], labels: Mapping[Any, Any]) -> dict[str, Any]:
    """``labels`` over ``base``, nested mappings merged too, None keeping the default."""
    result = dict(base)
    for raw_name, value in labels.items():
        name = str(raw_name)
        if value is None:
            result.setdefault(name, None)
        elif isinstance(value, Mapping) and isinstance(result.get(name), Mapping):
            result[name] = _merge_labels(result[name], value)
        else:
            result[name] = value
    return result


def _kind(value: Any) -> str:
    """A value's YAML kind for messages: 'a list', 'a string' ..."""
    names: Iterable[tuple[type, str]] = (
        (str, "a string"),
        (bool, "a boolean"),
        (int, "a number"),
        (float, "a number"),
        (list, "a list"),
    )
    for kind, name in names:
        if isinstance(value, kind):
            return name
    return f"'{type(value).__name__}'"
