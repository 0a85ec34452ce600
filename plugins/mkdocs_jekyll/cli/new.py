"""``mkdocs-jekyll new DEST``: write a small site that builds with ``mkdocs build --strict``.

A first run should not start from the README's fragments: this writes a whole project (the
configuration, a home, an about page and a post per locale, ``_data/navigation.yml``, an
avatar and an ``overrides/`` folder with a commented ``main.html``) from the templates in
``skeleton/``, so every file a build needs is there and each one says what it is for.
"""

from __future__ import annotations

import datetime as dt
import re
import shlex
import string
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import click
import yaml

from mkdocs_jekyll.jekyll.documents import normalise_locale

SKELETON = Path(__file__).parent / "skeleton"

_LOCALE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")


@dataclass(frozen=True)
class NewSite:
    """What ``new`` writes: the folder, its locales (the first is the default) and shape."""

    dest: Path
    locales: tuple[str, ...]
    single: bool
    today: dt.date


def parse_locales(value: str, *, single: bool) -> tuple[str, ...]:
    """Read ``--locales``: comma-separated BCP 47 tags, no duplicates.

    Args:
        value: The option's text, e.g. ``en,es-419``.
        single: ``--single``: exactly one locale is allowed.

    Returns:
        The locales, in the order given, lower-cased with '-' (``pt-br``): Jekyll lower-cases
        the category a post's folder gives its URL (``/pt-br/2025/...``), so a ``pt-BR/``
        folder would put the posts and the pages under two different prefixes.

    Raises:
        click.BadParameter: A malformed, repeated or extra locale.
    """
    locales = tuple(item.strip() for item in value.split(",") if item.strip())
    if not locales:
        raise _bad("Expected at least one locale, e.g. 'en,es-419'")
    for code in locales:
        if not _LOCALE.match(code):
            raise _bad(f"Expected a locale such as 'en' or 'es-419', received '{code}'")
    seen: set[str] = set()
    for code in locales:
        if normalise_locale(code) in seen:
            raise _bad(f"'{code}' is given twice")
        seen.add(normalise_locale(code))
    locales = tuple(normalise_locale(code) for code in locales)
    if single and len(locales) > 1:
        raise _bad(f"--single builds one locale, received {len(locales)}: '{value}'")
    return locales


def _bad(message: str) -> click.BadParameter:
    """A ``--locales`` error, named as click names options."""
    return click.BadParameter(message, param_hint="'--locales'")


def write_site(site: NewSite) -> list[Path]:
    """Write the new project below ``site.dest`` (which must be missing or empty).

    Args:
        site: The folder, locales and shape.

    Returns:
        The files written, in order.
    """
    texts = yaml.safe_load((SKELETON / "text.yml").read_text(encoding="utf-8"))
    files: dict[str, str | bytes] = {}
    default = site.locales[0]
    for locale in site.locales:
        folder = "" if site.single else f"{locale}/"
        text = _text_for(texts, locale, folder)
        base = "/" if site.single else f"/{locale}/"
        values = {**text, "about_url": f"{base}about/"}
        for name in ("index", "about"):
            files[f"docs/{folder}{name}.md"] = _fill(f"pages/{name}.md", values)
        post = f"docs/{folder}_posts/{site.today.isoformat()}-welcome.md"
        files[post] = _fill("pages/post.md", values)
    files["docs/images/profile.svg"] = (SKELETON / "images" / "profile.svg").read_bytes()
    files["_data/navigation.yml"] = _navigation(texts, site)
    files["overrides/main.html"] = (SKELETON / "overrides" / "main.html").read_text("utf-8")
    files[".gitignore"] = (SKELETON / "gitignore").read_text(encoding="utf-8")
    files["mkdocs.yml"] = _config(texts, site, default)
    written: list[Path] = []
    for rel, content in files.items():
        path = site.dest / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        written.append(path)
    return written


# -----------------------------------------------------------------------------
# The command


@click.command(name="new")
@click.argument("dest", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--locales",
    default=None,
    metavar="LIST",
    help="Comma-separated locales, the default first (default: 'en,es-419'; with --single: 'en').",
)
@click.option("--single", is_flag=True, help="One locale, without locale folders or jekyll/i18n.")
def command(dest: Path, locales: str | None, single: bool) -> None:
    """Write a new site in DEST that builds with `mkdocs build --strict`."""
    codes = parse_locales(locales or ("en" if single else "en,es-419"), single=single)
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise click.ClickException(f"'{dest}' is not empty: choose a new folder")
    # Without a `timezone`, the build's "now" is UTC: a post dated by the local date could be
    # in its future (east of UTC, before midnight UTC) and left out.
    today = dt.datetime.now(dt.UTC).date()
    written = write_site(NewSite(dest=dest, locales=codes, single=single, today=today))
    where = shlex.quote(str(dest))
    home = "/" if single else f"/{codes[0]}/"
    click.echo(f"Created {len(written)} files in {dest} ({', '.join(codes)}). Next:")
    click.echo(f"  cd {where} && mkdocs serve           # preview at http://127.0.0.1:8000{home}")
    click.echo(f"  cd {where} && mkdocs build --strict  # write the site to {dest / 'site'}")


# -----------------------------------------------------------------------------
# Helpers


def _text_for(texts: dict[str, dict[str, str]], locale: str, folder: str) -> dict[str, str]:
    """The skeleton's text in the locale's language (its base language; else English)."""
    language = normalise_locale(locale).split("-")[0]
    chosen = texts.get(language, texts["en"])
    return {
        key: string.Template(value).safe_substitute(locale_folder=folder)
        for key, value in chosen.items()
    }


def _fill(template: str, values: dict[str, str]) -> str:
    """A skeleton file with its ``${...}`` placeholders filled (titles quoted for YAML)."""
    quoted = {**values}
    for key in ("home_title", "about_title", "post_title", "post_tag"):
        quoted[f"{key}_yaml"] = _yaml(values[key])
    source = (SKELETON / template).read_text(encoding="utf-8")
    return string.Template(source).substitute(quoted)


def _navigation(texts: dict[str, dict[str, str]], site: NewSite) -> str:
    """``_data/navigation.yml``: Minimal Mistakes' shape, or one entry per page and locale."""
    header = "# The site's menu: its `main` list is each locale's navigation.\n"
    if site.single:
        text = _text_for(texts, site.locales[0], "")
        menu: list[dict[str, Any]] = [
            {"title": text["home_title"], "url": "/"},
            {"title": text["about_title"], "url": "/about/"},
        ]
    else:
        menu = []
        for key, title, path in (("home", "home_title", ""), ("about", "about_title", "about/")):
            menu.append(
                {
                    "key": key,
                    "titles": {c: _text_for(texts, c, "")[title] for c in site.locales},
                    "urls": {c: f"/{c}/{path}" for c in site.locales},
                }
            )
    body = yaml.safe_dump({"main": menu}, allow_unicode=True, sort_keys=False)
    return header + body


def _config(texts: dict[str, dict[str, str]], site: NewSite, default: str) -> str:
    """``mkdocs.yml`` from the skeleton, with the locales' languages and author text."""
    text = _text_for(texts, default, "")
    if site.single:
        language = normalise_locale(default).split("-")[0]
        # A multi-locale site's UI language is set per pass by jekyll/i18n.
        theme_language = f"  language: {language}" if language in _material() else ""
        i18n_plugin = ""
        bio, location = _yaml(text["bio"]), _yaml(text["location"])
    else:
        theme_language = ""
        lines = ["  - jekyll/i18n:", "      languages:"]
        for code in site.locales:
            own = _text_for(texts, code, "")
            entry: dict[str, object] = {"locale": code, "name": own["name"]}
            if code == default:
                entry["default"] = True
            else:
                entry["site_name"] = own["site_name"]
            lines.append(f"        - {_yaml(entry)}")
        i18n_plugin = "\n".join(lines)
        bio = _yaml({c: _text_for(texts, c, "")["bio"] for c in site.locales})
        location = _yaml({c: _text_for(texts, c, "")["location"] for c in site.locales})
    source = (SKELETON / "mkdocs.yml").read_text(encoding="utf-8")
    filled = string.Template(source).substitute(
        site_name=text["site_name"],
        site_name_yaml=_yaml(text["site_name"]),
        theme_language=theme_language,
        i18n_plugin=i18n_plugin,
        bio=bio,
        location=location,
    )
    return re.sub(r"\n{2,}(?=plugins:|  - jekyll:)", "\n", filled)


def _material() -> set[str]:
    """Material's UI languages (its ``partials/languages/*.html``)."""
    folder = resources.files("material") / "templates" / "partials" / "languages"
    return {item.name.removesuffix(".html") for item in folder.iterdir()}


def _yaml(value: object) -> str:
    """One value as inline YAML (flow style, quoted text)."""
    dumped = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, sort_keys=False)
    return dumped.strip().removesuffix("...").strip()
