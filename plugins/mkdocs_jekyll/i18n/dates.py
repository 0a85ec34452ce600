"""Dates in a locale's words: Ruby's ``strftime`` with translated month and day names.

Minimal Mistakes prints a post's date with ``date: site.date_format`` (default
``"%B %-d, %Y"``), and Jekyll's ``date`` filter always writes English names. A site in
several languages wants "10 de enero de 2025" on its Spanish pages: the names of
``%B %b %A %a`` come from the locale's base language here, everything else is ``strftime``
as Ruby writes it (``%-d``, ``%e``, ``%j`` ...). No MkDocs import.
"""

from __future__ import annotations

import datetime as dt
import re

from mkdocs_jekyll.i18n.translations import base_language

_MONTHS: dict[str, tuple[str, ...]] = {
    "en": (
        "January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December",
    ),
    "es": (
        "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
        "septiembre", "octubre", "noviembre", "diciembre",
    ),
    "pt": (
        "janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto",
        "setembro", "outubro", "novembro", "dezembro",
    ),
    "fr": (
        "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
        "septembre", "octobre", "novembre", "décembre",
    ),
    "de": (
        "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
        "September", "Oktober", "November", "Dezember",
    ),
    "it": (
        "gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
        "settembre", "ottobre", "novembre", "dicembre",
    ),
}  # fmt: skip

_DAYS: dict[str, tuple[str, ...]] = {
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "es": ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"),
    "pt": (
        "segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira",
        "sábado", "domingo",
    ),
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    "de": ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"),
    "it": ("lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"),
}  # fmt: skip

# Ruby's strftime directives: flags (-, _, 0, ^, #), an optional width, the conversion.
_DIRECTIVE = re.compile(r"%([-_0^#]*)(\d*)([a-zA-Z%])")


def localized_strftime(value: dt.date, fmt: str, locale: str | None) -> str:
    """Ruby's ``Time#strftime`` of ``value``, with the locale's month and day names.

    Args:
        value: A date or datetime.
        fmt: A Ruby format (``"%B %-d, %Y"``).
        locale: A locale (``es-419``); names come from its base language, English when the
            language is not known here.

    Returns:
        ``localized_strftime(date(2025, 1, 10), "%B %-d, %Y", "es-419") == "enero 10, 2025"``.
    """
    language = base_language(locale) if locale else "en"
    months = _MONTHS.get(language, _MONTHS["en"])
    days = _DAYS.get(language, _DAYS["en"])

    def directive(match: re.Match[str]) -> str:
        flags, width, code = match.groups()
        if code == "B":
            text = months[value.month - 1]
        elif code == "b" or code == "h":
            text = months[value.month - 1][:3]
        elif code == "A":
            text = days[value.weekday()]
        elif code == "a":
            text = days[value.weekday()][:3]
        else:
            return value.strftime(match.group(0))
        if "^" in flags or "#" in flags:
            text = text.upper()
        return text.rjust(int(width)) if width else text

    return _DIRECTIVE.sub(directive, fmt)
