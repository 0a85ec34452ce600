"""Option classes for the shapes of Jekyll's ``_config.yml`` that MkDocs' own classes lack.

MkDocs' ``ListOfItems`` and ``SubConfig`` report an error inside an item as an error of the
whole option ("option 'defaults': Sub-option 'scope': ..."). The classes here raise a
``KeyedError`` that carries the path below the option instead, and ``JekyllConfig.validate``
turns it into the key MkDocs prints, so the author reads
``Plugin 'jekyll' option 'defaults[1].scope': ...`` and finds the line in ``mkdocs.yml``.

Jekyll's themes add keys of their own to ``author`` and to collections (``site.author.x``,
``site.collections[i].x``), so a ``Shape`` types the keys it knows and keeps the others as
they are, where MkDocs' ``SubConfig`` would warn "Unrecognised configuration name".
"""

from __future__ import annotations

import difflib
import zoneinfo
from functools import lru_cache
from typing import Any, TypeVar

from mkdocs.config import base
from mkdocs.config import config_options as c

from mkdocs_jekyll.features.skins import SKINS, unknown_skin
from mkdocs_jekyll.kramdown.pipeline import check_features
from mkdocs_jekyll.kramdown.settings import KramdownSettings

T = TypeVar("T")


class KeyedError(base.ValidationError):
    """A validation error below an option; ``path`` (``[1].scope``) says where."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.message = message


class KeyedWarning(str):
    """A warning below an option, with its ``path`` as ``KeyedError`` has."""

    path: str

    def __new__(cls, path: str, message: str) -> KeyedWarning:
        """Keep ``message`` as the text and ``path`` beside it."""
        warning = super().__new__(cls, message)
        warning.path = path
        return warning


def locate_error(key: str, error: Exception) -> tuple[str, Exception]:
    """Turn a ``KeyedError`` of option ``key`` into the full key MkDocs prints."""
    if isinstance(error, KeyedError):
        return f"{key}{error.path}", base.ValidationError(error.message)
    return key, error


def locate_warning(key: str, warning: str) -> tuple[str, str]:
    """Turn a ``KeyedWarning`` of option ``key`` into the full key MkDocs prints."""
    if isinstance(warning, KeyedWarning):
        return f"{key}{warning.path}", str(warning)
    return key, warning


def describe(value: object) -> str:
    """Render a received value for a message: ``'text' (str)``, ``[1, 2] (list)``."""
    shown = repr(value)
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return f"{shown} ({type(value).__name__})"


def _below(prefix: str, error: base.ValidationError) -> KeyedError:
    """The error of an item, with the item's place (``[2]``, ``.scope``) prepended."""
    if isinstance(error, KeyedError):
        return KeyedError(prefix + error.path, error.message)
    return KeyedError(prefix, str(error))


def _warning_below(prefix: str, warning: str) -> KeyedWarning:
    """A warning of an item, with the item's place prepended."""
    path = warning.path if isinstance(warning, KeyedWarning) else ""
    return KeyedWarning(prefix + path, str(warning))


class Text(base.BaseConfigOption[str | int | float]):
    """A YAML scalar read as text (``stackoverflow: 123456`` parses as an int)."""

    def run_validation(self, value: object) -> str | int | float:
        """Refuse lists and mappings."""
        if not isinstance(value, str | int | float):
            raise base.ValidationError(f"Expected text, received {describe(value)}.")
        return value


class LocalizedText(base.BaseConfigOption[Any]):
    """Text, or a mapping of locales to text (``bio: {en: Engineer, es-419: Ingeniera}``)."""

    def run_validation(self, value: object) -> Any:
        """Refuse lists, and mappings whose values are not text."""
        if isinstance(value, dict) and all(
            item is None or isinstance(item, str | int | float) for item in value.values()
        ):
            return value
        if not isinstance(value, str | int | float):
            raise base.ValidationError(
                "Expected text or a mapping of locales to text ({en: ..., es-419: ...}), "
                f"received {describe(value)}."
            )
        return value


class Shape(base.BaseConfigOption[dict[Any, Any]]):
    """A mapping whose known keys are typed by a ``Config`` class.

    Only the keys written are returned (no defaults are filled in), so the code reading the
    mapping sees what the author wrote, with the types checked.
    """

    def __init__(
        self, schema: type[base.Config], *, expected: str, extra_keys: bool = True
    ) -> None:
        """Type the keys ``schema`` declares.

        Args:
            schema: The ``Config`` class whose options check the known keys.
            expected: What a valid value is, for the message ("a mapping with ...").
            extra_keys: Keep other keys as written (True) or warn about them.
        """
        super().__init__()
        self._schema = schema
        self._expected = expected
        self._extra_keys = extra_keys

    def run_validation(self, value: object) -> dict[Any, Any]:
        """Check the known keys with the schema's options; keep or warn about the others."""
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise base.ValidationError(f"Expected {self._expected}, received {describe(value)}.")
        known = {key for key, _ in self._schema._schema}
        config = self._schema()
        config.load_dict({key: item for key, item in value.items() if key in known})
        failed, warnings = config.validate()
        self.warnings.extend(_warning_below(f".{key}", warning) for key, warning in warnings)
        if failed:
            key, error = failed[0]
            if not isinstance(error, base.ValidationError):  # Config.validate catches only these
                error = base.ValidationError(str(error))
            raise _below(f".{key}", error) from None
        for key in value:
            if key not in known and not self._extra_keys:
                self.warnings.append(KeyedWarning("", f"Unrecognised configuration name: {key}"))
        return {key: config[key] if key in known else item for key, item in value.items()}


class Items(base.BaseConfigOption[list[T]]):
    """A list whose items are checked by one option; an error names its item (``[2]``)."""

    def __init__(self, item: base.BaseConfigOption[T], *, expected: str) -> None:
        """Check each item with ``item``.

        Args:
            item: The option that checks one item.
            expected: What a valid list is, for the message ("a list of ...").
        """
        super().__init__()
        self._item = item
        self._expected = expected

    def run_validation(self, value: object) -> list[T]:
        """Check every item in order; the first error stops, naming its index."""
        if value is None:
            return []
        if not isinstance(value, list):
            raise base.ValidationError(f"Expected {self._expected}, received {describe(value)}.")
        result: list[T] = []
        for index, entry in enumerate(value):
            try:
                result.append(self._item.run_validation(entry))
            except base.ValidationError as error:
                raise _below(f"[{index}]", error) from None
            finally:
                self.warnings.extend(_warning_below(f"[{index}]", w) for w in self._item.warnings)
                self._item.reset_warnings()
        return result


class DefaultsSet(Shape):
    """One set of ``defaults``: ``{scope: {path, type}, values: {...}}``.

    Jekyll's ``valid?`` skips, with a warning, a set that is no mapping or whose ``values``
    are no mapping (frontmatter_defaults.rb ``valid_sets``), and matches every document
    with a ``scope.path`` that is no string: such sets pass through unchanged, and the build
    warns about them and skips them (``FrontMatterDefaults.problems``) as Jekyll does. A
    ``scope`` that is no mapping, or a ``scope.type`` that is no string, crashes Jekyll
    (NoMethodError): those are configuration errors here.
    """

    def run_validation(self, value: object) -> Any:
        """Leave Jekyll's tolerated shapes to the build's warning; type the rest."""
        if not isinstance(value, dict) or not isinstance(value.get("values"), dict):
            return value
        scope = value.get("scope")
        if isinstance(scope, dict) and not isinstance(scope.get("path"), str | None):
            return value
        return super().run_validation(value)


class Collections(base.BaseConfigOption[dict[str, dict[str, Any]] | list[str]]):
    """Jekyll's ``collections``: a list of labels, or a mapping of labels to metadata.

    Anything else stops Jekyll ("Your `collections` key must be a hash or an array.").
    """

    def __init__(self, metadata: Shape) -> None:
        """Check each collection's metadata with ``metadata``.

        Args:
            metadata: The option that checks one collection's metadata.
        """
        super().__init__()
        self._metadata = metadata

    def run_validation(self, value: object) -> dict[str, dict[str, Any]] | list[str]:
        """Check the labels, and each collection's metadata (null means none)."""
        if value is None:
            return {}
        if isinstance(value, list):
            for index, label in enumerate(value):
                _check_label(label, f"[{index}]")
            return value
        if not isinstance(value, dict):
            raise base.ValidationError(
                "Expected a mapping of labels to {output, permalink} or a list of labels, "
                f"received {describe(value)}."
            )
        result: dict[str, dict[str, Any]] = {}
        for label, metadata in value.items():
            _check_label(label, "")
            try:
                result[label] = self._metadata.run_validation(metadata)
            except base.ValidationError as error:
                raise _below(f".{label}", error) from None
            finally:
                self.warnings.extend(
                    _warning_below(f".{label}", w) for w in self._metadata.warnings
                )
                self._metadata.reset_warnings()
        return result


def _check_label(label: object, where: str) -> None:
    """A collection label is a name (Jekyll's ``sanitize_label`` calls ``gsub`` on it)."""
    if not isinstance(label, str) or not label:
        raise KeyedError(
            where, f"Expected a collection label such as 'talks', received {describe(label)}."
        )


class TimeZone(c.Type[str]):
    """Jekyll's ``timezone``: an IANA zone name, checked against the zone database."""

    def __init__(self) -> None:
        super().__init__(str)

    def run_validation(self, value: object) -> str:
        """Refuse unknown zones, suggesting the closest one."""
        name = super().run_validation(value)
        try:
            zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            pass
        else:
            return name
        message = f"Expected an IANA time zone such as 'Europe/Paris' or 'UTC', received '{name}'"
        zones = _zone_names()
        close = difflib.get_close_matches(name.lower(), list(zones), n=1)
        raise base.ValidationError(
            f"{message}; did you mean '{zones[close[0]]}'?" if close else f"{message}."
        )


@lru_cache(maxsize=1)
def _zone_names() -> dict[str, str]:
    """Every zone the database has, by lower-case name (reading them takes a while)."""
    return {name.lower(): name for name in sorted(zoneinfo.available_timezones())}


class Skin(c.Choice[str]):
    """Minimal Mistakes' ``minimal_mistakes_skin``: one of its skins (case and spaces aside)."""

    def __init__(self) -> None:
        super().__init__(tuple(SKINS))

    def run_validation(self, value: object) -> str:
        """Return the skin's name; an unknown one suggests the closest skin."""
        name = value.strip().lower() if isinstance(value, str) else value
        if name not in self.choices:
            raise base.ValidationError(unknown_skin(str(value)))
        return str(name)


class Kramdown(base.BaseConfigOption[KramdownSettings | None]):
    """``markdown_kramdown``: ``true`` (Jekyll's kramdown defaults), ``false`` (plain
    Python-Markdown), or a ``kramdown:`` block as in Jekyll's ``_config.yml``."""

    def __init__(self) -> None:
        super().__init__()
        self.default = True

    def run_validation(self, value: object) -> KramdownSettings | None:
        if value is False or value is None:
            return None
        if value is True:
            return KramdownSettings()
        if not isinstance(value, dict):
            raise base.ValidationError(
                f"expected true, false or a kramdown: block (a mapping), got {value!r}"
            )
        try:
            settings = KramdownSettings.from_block(value, source="markdown_kramdown")
            check_features(settings)
            return settings
        except ValueError as err:
            raise base.ValidationError(str(err)) from None
