"""Benchmark mkdocs-jekyll against plain mkdocs-material + static-i18n, and against Jekyll.

Why: our plugins run Liquid on every page, rewrite every URL and drive one MkDocs build per
locale. This script measures what that costs on a generated multi-locale site of realistic
pages, against two references:

- **plain**: the same content with the Liquid already resolved, built by mkdocs-material and
  upstream mkdocs-static-i18n with the Markdown extensions our plugin enables. It is the floor
  our plugins add to: anything above it is our cost.
- **ours-par**: ours with worker processes (``parallel_workers`` unset: one process per
  CPU, the parent included); ``ours`` itself builds one locale after another in one process.
- **single**: the same pages and posts, all in one locale, with workers: a site whose
  locales cannot be spread over the workers.
- **warm**: ``ours-par`` built again with the build cache the previous build left
  (``.cache/mkdocs-jekyll/``); every other run deletes the cache first (cold).
- **jekyll**: the Jekyll variant of the same site built by ``jekyll build`` (when installed),
  the tool our users come from.

Every build runs in a fresh process (imports included, as a user's ``mkdocs build``), several
times, alternating between variants so that a slow moment of the machine hits all of them.
Memory is the peak of the whole process tree (workers included), sampled in runs of its own:
the timed runs are not sampled (``MEMORY_RUNS``). The script also
times ``mkdocs serve``: how long until the first page is served, starting with no build
cache as on a fresh clone (the median of ``SERVE_STARTS`` starts), then how long after saving
a page its new text is served, then a second server's first page with the first one's cache.
It prints the load average: on a shared machine, compare ratios within one run. And the
Python that builds ours, behind the venv's: how it was built moves our figures (README,
nineteenth round: Debian's ``python3.11`` builds the site 7% faster than pyenv's).

It is not part of the test suite (timings are machine-dependent); run it by hand::

    .venv/bin/python bench/run.py                 # 200 pages x 3 locales, 3 runs each
    .venv/bin/python bench/run.py --pages 20 --repeat 1
    .venv/bin/python bench/run.py --posts 100     # a blog: 100 posts per locale too
    .venv/bin/python bench/run.py --growth        # cost per page at 100 and 1000 pages

The last line printed is machine-readable::

    bench: PAGES pages, ours OURS_MS ms/page, plain PLAIN_MS ms/page, ratio RATIO, jekyll J
    ms/page, par P ms/page, par/jekyll Q, single/jekyll S, warm/cold W, serve-first F s

(``--growth`` ends with a ``growth:`` line instead.)
"""

from __future__ import annotations

import argparse
import copy
import dataclasses
import datetime as dt
import importlib.util
import os
import platform
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

DEFAULT_LOCALES = ("en", "es-419", "pt-br")
# Locales used when `--locales` is a count: the defaults first, then common site languages.
LOCALE_POOL = (*DEFAULT_LOCALES, "fr", "de", "it", "nl", "pl", "ja", "ko")
LOCALE_NAMES = {
    "en": "English",
    "es-419": "Español",
    "pt-br": "Português",
    "fr": "Français",
    "de": "Deutsch",
    "it": "Italiano",
    "nl": "Nederlands",
    "pl": "Polski",
    "ja": "日本語",
    "ko": "한국어",
}
SITE_HOST = "https://example.github.io"
# A project site: every link carries the base path, as `relative_url` gives it in Jekyll.
BASE_PATH = "/bench"
SITE_URL = f"{SITE_HOST}{BASE_PATH}/"
# The Markdown extensions `jekyll` adds by itself (README, `markdown_kramdown`); the plain
# variant lists them explicitly so that both parse the same Markdown the same way.
KRAMDOWN_EXTENSIONS = (
    "attr_list",
    "md_in_html",
    "tables",
    "footnotes",
    "def_list",
    "pymdownx.superfences",
)
# mkdocs-static-i18n's locale rule (mkdocs_static_i18n.config.RE_LOCALE): it rejects
# `es-419` and `pt-br`, so the plain variant uses folders such as `es` and `pt`.
UPSTREAM_LOCALE = re.compile(r"(^[a-z]{2}(-[A-Za-z]{4})?(-[A-Z]{2})?$)|(^[a-z]{2}_[A-Z]{2}$)")
NAV_ENTRIES = 6
PARALLEL_CONFIG = "mkdocs-parallel.yml"
"""The ours-par variant's config, next to ours' ``mkdocs.yml``."""
PAGE_BYTES = 5000
LINKS_PER_PAGE = 5
POLL_SECONDS = 0.05
STDERR_TAIL_LINES = 40
VARIANTS = ("ours", "plain", "jekyll")

NOTE_INCLUDE = """\
<div class="notice--info">
  <h4>{{ include.title }}</h4>
  <p>{{ include.body }}</p>
</div>
"""

FACTS_DATA = {
    "motto": "Measure twice, ship once",
    "team": {"size": 12, "city": "Lisbon"},
}

JEKYLL_LAYOUT = """\
<!doctype html>
<html lang="{{ page.lang | default: site.lang }}">
<head>
  <meta charset="utf-8">
  <title>{{ page.title }} | {{ site.title }}</title>
</head>
<body>
  <nav>
    <ul>
      {% for item in site.data.navigation.main %}
      <li><a href="{{ item.url | relative_url }}">{{ item.title }}</a></li>
      {% endfor %}
    </ul>
  </nav>
  <main>
{{ content }}
  </main>
</body>
</html>
"""

WORDS = (
    "model platform rollout latency pipeline feature store shadow traffic golden suite "
    "regression budget incident runbook canary metric dashboard owner review release "
    "experiment cohort baseline variance signal quality search ranking retrieval cache "
    "throughput batch stream schema contract migration index vector prompt evaluation"
).split()


class BenchError(Exception):
    """A build or the server failed; the message says which, with the child's output tail."""


# ---------------------------------------------------------------------------------------------
# Site generator
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GeneratedSite:
    """Where the generator wrote each variant of one site."""

    root: Path
    pages: int
    locales: tuple[str, ...]
    ours: Path
    plain: Path
    jekyll: Path
    posts: int = 0
    """Posts per locale, besides the pages."""
    single: Path | None = None
    """The ``single`` variant: ours with every page of every locale in one locale."""

    @property
    def total_pages(self) -> int:
        """Pages built by each variant: pages and posts per locale times locales."""
        return (self.pages + self.posts) * len(self.locales)


def parse_locales(value: str) -> tuple[str, ...]:
    """``--locales``: a count (the first N of the pool, default locale first) or a list.

    Args:
        value: ``"2"`` or ``"en,es-419,pt-br"``.

    Returns:
        The locale codes, the default one first.

    Raises:
        argparse.ArgumentTypeError: for a count out of range or an empty or duplicated list.
    """
    text = value.strip()
    if text.isdigit():
        count = int(text)
        if not 1 <= count <= len(LOCALE_POOL):
            raise argparse.ArgumentTypeError(
                f"Expected a locale count between 1 and {len(LOCALE_POOL)}, received '{text}'."
            )
        return LOCALE_POOL[:count]
    locales = tuple(part.strip() for part in text.split(",") if part.strip())
    if not locales or len(set(locales)) != len(locales):
        raise argparse.ArgumentTypeError(
            f"Expected a count or a comma-separated list of distinct locales, received '{text}'."
        )
    return locales


def plain_folders(locales: Sequence[str]) -> dict[str, str]:
    """Folder name of each locale in the plain variant, one that static-i18n accepts.

    Upstream rejects ``es-419`` and ``pt-br``; their language subtag (``es``, ``pt``) keeps
    the page count and the content the same.

    Raises:
        BenchError: when two locales would share one folder.
    """
    folders: dict[str, str] = {}
    for locale in locales:
        folder = locale if UPSTREAM_LOCALE.match(locale) else re.split(r"[-_]", locale)[0]
        folder = folder.lower() if not UPSTREAM_LOCALE.match(folder) else folder
        if folder in folders.values() or not UPSTREAM_LOCALE.match(folder):
            raise BenchError(
                f"Locale '{locale}' has no distinct static-i18n folder for the plain variant "
                f"(tried '{folder}'); pick other locales."
            )
        folders[locale] = folder
    return folders


def _slug(number: int) -> str:
    """The file stem of page ``number``: page 1 is the locale's home (``index``)."""
    return "index" if number == 1 else f"page-{number}"


def _path_url(locale: str, number: int) -> str:
    """Site-relative URL of a page in ours and Jekyll (``/en/``, ``/en/page-7/``)."""
    return f"/{locale}/" if number == 1 else f"/{locale}/page-{number}/"


def _plain_url(folder: str, number: int, *, default: bool) -> str:
    """URL of the same page in the plain build, base path included.

    static-i18n serves its default locale at the site root (no ``/en/``), so the resolved
    links of the plain variant point where that build really puts the pages.
    """
    prefix = BASE_PATH + ("/" if default else f"/{folder}/")
    return prefix if number == 1 else f"{prefix}page-{number}/"


def _title(locale: str, number: int) -> str:
    return "Home" if number == 1 else f"Page {number} ({locale})"


def _link_targets(number: int, pages: int) -> list[int]:
    """Five pages this page links to, spread over the site, never itself when avoidable."""
    others = [target for target in range(1, pages + 1) if target != number] or [number]
    return [others[(number + 7 * step) % len(others)] for step in range(1, LINKS_PER_PAGE + 1)]


def _render_note(title: str, body: str) -> str:
    """``_includes/note.html`` with its parameters, as Liquid renders it (plain variant)."""
    return NOTE_INCLUDE.replace("{{ include.title }}", title).replace("{{ include.body }}", body)


@dataclass(frozen=True)
class _PageText:
    """One page's front matter and body, in its Liquid and its resolved form."""

    front_matter: str
    liquid: str
    resolved: str


def _page_text(
    locale: str,
    number: int,
    pages: int,
    *,
    plain_folder: str,
    default: bool,
) -> _PageText:
    """A ~5 KB page: headings, lists, a table, code, five links, an include, a data lookup.

    The Liquid form is what ours and Jekyll build; the resolved form (links, include and data
    value already substituted) is what the plain variant builds.
    """
    rng = random.Random(f"{locale}/{number}")
    title = _title(locale, number)
    front = (
        f'---\ntitle: "{title}"\npermalink: {_path_url(locale, number)}\n'
        f"lang: {locale}\ni18n_key: page-{number}\n---\n"
    )
    liquid_links = [
        f'{{{{ "{_path_url(locale, target)}" | relative_url }}}}'
        for target in _link_targets(number, pages)
    ]
    plain_links = [
        _plain_url(plain_folder, target, default=default) for target in _link_targets(number, pages)
    ]

    def sentence() -> str:
        words = rng.choices(WORDS, k=rng.randint(9, 16))
        return " ".join(words).capitalize() + "."

    def paragraph(sentences: int = 4) -> str:
        return " ".join(sentence() for _ in range(sentences))

    def body(links: Sequence[str], note: str, motto: str) -> str:
        rows = "\n".join(
            f"| {rng.choice(WORDS)} {row} | {rng.randint(1, 99)} | {rng.randint(1, 99)} "
            f"| {rng.randint(1, 99)}% |"
            for row in range(1, 7)
        )
        parts = [
            f"## Overview of {title}",
            paragraph() + f" See [the related page]({links[0]}) for context.",
            note.rstrip("\n"),
            "### Key points",
            "\n".join(
                [
                    f"- {sentence()} Details in [this page]({links[1]}).",
                    f"- {sentence()}",
                    f"- {sentence()} Compare with [another one]({links[2]}).",
                    f"- {sentence()}",
                ]
            ),
            "\n".join(f"{step}. {sentence()}" for step in range(1, 5)),
            "## Figures",
            "| Metric | Q1 | Q2 | Growth |\n| --- | ---: | ---: | ---: |\n" + rows,
            f"Team motto: *{motto}*.[^source]",
            "## Example",
            "```python\n"
            f"def page_{number}(values: list[int]) -> int:\n"
            '    """Sum the positive values."""\n'
            "    total = 0\n"
            "    for value in values:\n"
            "        if value > 0:\n"
            "            total += value\n"
            "    return total\n"
            "```",
            "## Notes",
            paragraph() + f" Read [the follow-up]({links[3]}) and [the summary]({links[4]}).",
        ]
        text = "\n\n".join(parts) + "\n"
        filler: list[str] = []
        while len(text) + sum(len(p) + 2 for p in filler) < PAGE_BYTES:
            filler.append(paragraph(3))
        footnote = f"[^source]: {sentence()}\n"
        return text + ("\n" + "\n\n".join(filler) + "\n" if filler else "") + "\n" + footnote

    state = rng.getstate()
    liquid = body(
        liquid_links,
        '{% include note.html title="Heads up" body=page.title %}\n',
        "{{ site.data.facts.motto }}",
    )
    rng.setstate(state)  # the same words for the resolved variant
    resolved = body(plain_links, _render_note("Heads up", title), str(FACTS_DATA["motto"]))
    return _PageText(front_matter=front, liquid=liquid, resolved=resolved)


POST_CATEGORIES = ("news", "research", "ops", "talks", "notes")
POST_TAGS = ("ml", "infra", "search", "data", "eval", "release", "guide", "paper")


def _post_name(number: int) -> str:
    """File stem of post ``number``: one post a day, counting back from 2024-12-31."""
    day = dt.date(2024, 12, 31) - dt.timedelta(days=number - 1)
    return f"{day.isoformat()}-post-{number}"


def _post_files(
    locale: str, pages: int, posts: int, *, plain_folder: str, default: bool
) -> dict[str, tuple[str, str]]:
    """Posts of one locale: ``_posts/YYYY-MM-DD-post-N.md`` -> (Liquid text, resolved text).

    Each post is a page's text (links to the locale's pages, an include, a data lookup) with
    a date, a category and two tags, so ``site.posts``, the archives, the category and tag
    links and the feeds cost what they cost on a blog. ``ours`` and ``jekyll`` build the
    Liquid text from ``_posts/``; ``plain`` gets the resolved text under ``posts/`` (upstream
    has no posts).
    """
    files: dict[str, tuple[str, str]] = {}
    for number in range(1, posts + 1):
        text = _page_text(locale, pages + number, pages, plain_folder=plain_folder, default=default)
        category = POST_CATEGORIES[number % len(POST_CATEGORIES)]
        tags = [POST_TAGS[number % len(POST_TAGS)], POST_TAGS[(number * 3 + 1) % len(POST_TAGS)]]
        front = (
            f'---\ntitle: "Post {number} ({locale})"\nlang: {locale}\ni18n_key: post-{number}\n'
            f"categories: [{category}]\ntags: [{', '.join(dict.fromkeys(tags))}]\n---\n"
        )
        files[f"_posts/{_post_name(number)}.md"] = (front + text.liquid, front + text.resolved)
    return files


def _navigation(locales: Sequence[str], pages: int) -> dict[str, Any]:
    """``_data/navigation.yml`` in Minimal Mistakes' shape (``main:`` title/url entries)."""
    default = locales[0]
    count = min(NAV_ENTRIES, pages)
    return {
        "main": [
            {"title": _title(default, number), "url": _path_url(default, number)}
            for number in range(1, count + 1)
        ]
    }


def _nav_for(folder: str, locale: str, pages: int) -> list[dict[str, str]]:
    """The small explicit per-locale nav given to both MkDocs variants.

    Material's automatic nav of all pages makes build time grow with the square of the page
    count, so both MkDocs variants get the same six entries instead; in ours, a locale's
    ``nav:`` wins over ``_data/navigation.yml``'s menu (which Jekyll's masthead shows).
    """
    count = min(NAV_ENTRIES, pages)
    return [
        {_title(locale, number): f"{folder}/{_slug(number)}.md"} for number in range(1, count + 1)
    ]


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def generate_site(
    root: Path,
    *,
    pages: int,
    locales: Sequence[str],
    workers: int | None = None,
    posts: int = 0,
) -> GeneratedSite:
    """Write the three variants of one site below ``root``.

    Args:
        root: an empty folder; ``ours/``, ``plain/`` and ``jekyll/`` are created in it.
        pages: pages per locale (page 1 is the locale's home).
        locales: locale codes, the default first.

    Returns:
        The variants' folders.

    Raises:
        BenchError: for a page count below 1 or locales the plain variant cannot represent.
    """
    if pages < 1:
        raise BenchError(f"Expected at least 1 page per locale, received '{pages}'.")
    locales = tuple(locales)
    folders = plain_folders(locales)
    ours, plain, jekyll = root / "ours", root / "plain", root / "jekyll"
    navigation = _dump(_navigation(locales, pages))
    facts = _dump(FACTS_DATA)
    for variant in (ours, plain, jekyll):
        _write(variant / "_data/navigation.yml", navigation)
        _write(variant / "_data/facts.yml", facts)
    for variant in (ours, jekyll):
        _write(variant / "_includes/note.html", NOTE_INCLUDE)

    for position, locale in enumerate(locales):
        default = position == 0
        for number in range(1, pages + 1):
            text = _page_text(
                locale,
                number,
                pages,
                plain_folder=folders[locale],
                default=default,
            )
            name = f"{_slug(number)}.md"
            _write(ours / "docs" / locale / name, text.front_matter + text.liquid)
            _write(jekyll / locale / name, text.front_matter + text.liquid)
            _write(plain / "docs" / folders[locale] / name, text.front_matter + text.resolved)
        posted = _post_files(
            locale, pages, posts, plain_folder=folders[locale], default=default
        ).items()
        for rel, (post, resolved_post) in posted:
            _write(ours / "docs" / locale / rel, post)
            _write(jekyll / locale / rel, post)
            _write(
                plain / "docs" / folders[locale] / rel.replace("_posts/", "posts/"), resolved_post
            )

    def language(locale: str, folder: str, default: bool) -> dict[str, Any]:
        entry: dict[str, Any] = {"locale": folder, "name": LOCALE_NAMES.get(locale, locale)}
        if default:
            entry["default"] = True
        entry["nav"] = _nav_for(folder, locale, pages)
        return entry

    ours_config = {
        "site_name": "Bench",
        "site_url": SITE_URL,
        "theme": {"name": "material"},
        "plugins": [
            "search",
            {
                "jekyll/i18n": {
                    "languages": [
                        language(locale, locale, index == 0) for index, locale in enumerate(locales)
                    ],
                    "parallel_workers": 1,
                }
            },
            {"jekyll": {"permalink": "pretty"}},
        ],
    }
    plain_config = {
        "site_name": "Bench",
        "site_url": SITE_URL,
        "theme": {"name": "material"},
        "plugins": [
            "search",
            {
                "i18n": {
                    "docs_structure": "folder",
                    "languages": [
                        language(locale, folders[locale], index == 0)
                        for index, locale in enumerate(locales)
                    ],
                }
            },
        ],
        "markdown_extensions": list(KRAMDOWN_EXTENSIONS),
    }
    _write(ours / "mkdocs.yml", _dump(ours_config))
    # The ours-par variant: the same site with parallel locale passes (unset: one per CPU).
    parallel_config = copy.deepcopy(ours_config)
    for plugin in parallel_config["plugins"]:
        if isinstance(plugin, dict) and "jekyll/i18n" in plugin:
            if workers is None:
                del plugin["jekyll/i18n"]["parallel_workers"]
            else:
                plugin["jekyll/i18n"]["parallel_workers"] = workers
    _write(ours / PARALLEL_CONFIG, _dump(parallel_config))
    _write(plain / "mkdocs.yml", _dump(plain_config))

    jekyll_config = {
        "title": "Bench",
        "lang": locales[0],
        "url": SITE_HOST,
        "baseurl": BASE_PATH,
        "permalink": "pretty",
        "markdown": "kramdown",
        # Every run starts cold, as every MkDocs run does.
        "disable_disk_cache": True,
        "defaults": [{"scope": {"path": ""}, "values": {"layout": "default"}}],
    }
    _write(jekyll / "_config.yml", _dump(jekyll_config))
    _write(jekyll / "_layouts/default.html", JEKYLL_LAYOUT)
    return GeneratedSite(
        root=root,
        pages=pages,
        locales=locales,
        ours=ours,
        plain=plain,
        jekyll=jekyll,
        posts=posts,
    )


# ---------------------------------------------------------------------------------------------
# Running builds
# ---------------------------------------------------------------------------------------------

# Runs the command and, given a poll interval above zero, samples the memory of its whole
# process tree (parallel workers included) at that interval: the sum of each process's
# proportional set size (PSS, /proc/PID/smaps_rollup: pages shared by forked workers counted
# once overall), RSS where PSS is unreadable. Writes "peak_tree_kib cpu_seconds
# peak_single_rss_kib wall_seconds"; the CPU time is RUSAGE_CHILDREN, which counts every
# descendant the command waited for, and the single peak its largest process's (the kernel's
# count: free, unlike the tree's samples).
_TREE_WRAPPER = """\
import os, resource, subprocess, sys, threading, time
PAGE_KIB = os.sysconf("SC_PAGE_SIZE") // 1024

def tree(root):
    children = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat") as handle:
                    ppid = int(handle.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(ppid, []).append(int(name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, ()))
    return found

def kib(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    try:
        with open(f"/proc/{pid}/statm") as handle:
            return int(handle.read().split()[1]) * PAGE_KIB
    except (OSError, ValueError, IndexError):
        return 0

start = time.perf_counter()
child = subprocess.Popen(sys.argv[3:])
peak = 0
over = threading.Event()

def sample():
    global peak
    while not over.is_set():
        peak = max(peak, sum(kib(pid) for pid in tree(child.pid)))
        over.wait(float(sys.argv[2]))

sampler = threading.Thread(target=sample)
if float(sys.argv[2]) > 0:
    sampler.start()
child.wait()
wall = time.perf_counter() - start
over.set()
if sampler.is_alive():
    sampler.join()
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(sys.argv[1], "w") as out:
    out.write(f"{peak} {usage.ru_utime + usage.ru_stime} {usage.ru_maxrss} {wall}")
sys.exit(child.returncode)
"""
TREE_POLL_SECONDS = 0.1
"""How often a memory run samples its process tree (timed runs are not sampled)."""

MEMORY_RUNS = 1
"""Builds of each variant whose process tree is sampled for its peak memory, after the timed
rounds, their times left out of the medians.

Why apart: a sample reads every process's page tables (``smaps_rollup``) and lists every
process of the machine: about 9 ms of CPU for the three processes of ``ours-par`` (2.5 ms
for the list, 6.6 ms for the three walks, measured during a build), ten times a second. A
variant that keeps both CPUs busy gave that time up to the sampler (``ours-par`` of the
bench's site with the sampler against without, two sets of alternated pairs, 12 and 16: the
pairs' ratios had medians 1.08 and 1.03, means 1.055 and 1.045), while Jekyll's one process
left the sampler a CPU of its own: the sampling weighed on the comparison it measured. Peak
memory varies little from run to run (five sampled runs before this: Jekyll 81 MiB each time,
``ours`` 90, ``ours-par`` 113 to 118), so one sampled run of each variant gives it.
"""


@dataclass
class Run:
    """One build of one variant."""

    variant: str
    seconds: float
    peak_rss_kib: int | None
    warnings: int
    cpu_seconds: float | None = None
    """User + system CPU time of the build: less sensitive than wall time to other
    processes competing for the machine's cores (still not immune: caches, frequency)."""
    peak_tree_kib: int | None = None
    """Peak memory of the whole process tree (workers included), sampled: PSS summed."""


@dataclass
class VariantResult:
    """All runs of one variant and the size of its output."""

    variant: str
    runs: list[Run] = field(default_factory=list)
    """The timed runs (their memory not sampled)."""
    output_bytes: int = 0
    memory_runs: list[Run] = field(default_factory=list)
    """The runs whose process tree was sampled (``MEMORY_RUNS``), not timed."""

    @property
    def median_seconds(self) -> float:
        """Median wall time of the runs."""
        return statistics.median(run.seconds for run in self.runs)

    @property
    def median_cpu_seconds(self) -> float | None:
        """Median CPU time (user + system) of the runs, when it was measured."""
        values = [run.cpu_seconds for run in self.runs if run.cpu_seconds is not None]
        return statistics.median(values) if values else None

    @property
    def peak_rss_mib(self) -> float | None:
        """Largest peak resident memory of one process over all runs, in MiB."""
        values = [
            run.peak_rss_kib
            for run in [*self.runs, *self.memory_runs]
            if run.peak_rss_kib is not None
        ]
        return max(values) / 1024 if values else None

    @property
    def peak_tree_mib(self) -> float | None:
        """Largest peak memory of the whole process tree over the memory runs, in MiB."""
        values = [run.peak_tree_kib for run in self.memory_runs if run.peak_tree_kib]
        return max(values) / 1024 if values else None


def child_env() -> dict[str, str]:
    """The environment of every child: MkDocs' 2.0 banner off, UTF-8 for Jekyll.

    ``PYTHONDONTWRITEBYTECODE`` is dropped: a user's installed packages have their bytecode,
    and with it set (as some development shells do) every build compiled this package's
    modules from source again, a third of a second that no user pays (see ``compile_package``).
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["NO_MKDOCS_2_WARNING"] = "1"
    env.setdefault("LC_ALL", "C.UTF-8")
    env.setdefault("LANG", "C.UTF-8")
    return env


def compile_package() -> None:
    """Write the bytecode of every module the builds import, before any build is timed.

    Otherwise the first timed build of each variant would compile them, and an editable
    install (this repository) has no bytecode until something writes it.
    """
    spec = importlib.util.find_spec("mkdocs_jekyll")
    folders = list(spec.submodule_search_locations or []) if spec is not None else []
    if folders:
        subprocess.run(
            [sys.executable, "-m", "compileall", "-q", *folders],
            env=child_env(),
            capture_output=True,
            check=False,
        )


def mkdocs_command() -> list[str]:
    """``mkdocs`` of the running interpreter's environment (the project's venv)."""
    script = Path(sys.executable).parent / "mkdocs"
    return [str(script)] if script.exists() else [sys.executable, "-m", "mkdocs"]


CACHE_DIR = ".cache/mkdocs-jekyll"
"""The build cache's default folder, below the folder of ``mkdocs.yml``."""
PARALLEL_VARIANTS = ("ours-par", "single", "warm")
"""Variants built with ``mkdocs-parallel.yml`` (``parallel_workers`` unset)."""


def build_command(variant: str) -> list[str]:
    """The command that builds ``variant`` from its own folder."""
    if variant == "jekyll":
        jekyll = shutil.which("jekyll")
        if jekyll is None:
            raise BenchError("'jekyll' is not on PATH.")
        return [jekyll, "build"]
    if variant in PARALLEL_VARIANTS:
        return [*mkdocs_command(), "build", "-f", PARALLEL_CONFIG]
    return [*mkdocs_command(), "build"]


def variant_dir(site: GeneratedSite, variant: str) -> Path:
    """The folder ``variant`` is built from (ours-par and warm share ours' folder)."""
    if variant in ("ours-par", "warm"):
        return site.ours
    if variant == "single":
        if site.single is None:
            raise BenchError("The single-locale site was not generated.")
        return site.single
    return Path(getattr(site, variant))


def output_dir(site: GeneratedSite, variant: str) -> Path:
    """Where ``variant`` writes its site."""
    return site.jekyll / "_site" if variant == "jekyll" else variant_dir(site, variant) / "site"


def _tail(text: str, lines: int = STDERR_TAIL_LINES) -> str:
    return "\n".join(text.rstrip().splitlines()[-lines:])


TRASH_DIR = "trash"
"""Below the bench's folder: where previous outputs and caches go instead of being deleted."""


def set_aside(site: GeneratedSite, path: Path) -> None:
    """Move ``path`` out of the way, into the bench folder's trash, deleted when the bench ends.

    Why not delete it: on ext4 without a journal (the machines this bench has run on), a
    file created within a minute or more of many deletions costs about 1 ms of kernel time,
    because the inode allocator walks past every recently deleted inode of its group
    (``recently_deleted()``). Deleting a 600-page site before each run put up to 0.7 s of
    that into the next build, growing over the bench as deletions piled up, whatever the
    tool: Jekyll's runs too. A first build in CI follows no deletion, and neither does a
    run here: a rename frees no inode.
    """
    if not os.path.lexists(path):
        return
    trash = site.root / TRASH_DIR
    trash.mkdir(exist_ok=True)
    path.rename(trash / uuid.uuid4().hex)


def run_build(site: GeneratedSite, variant: str, *, sample_memory: bool = False) -> Run:
    """Build ``variant`` once in a fresh process; time it, and with ``sample_memory`` sample
    its process tree's memory (``MEMORY_RUNS`` says why a timed run is not sampled).

    The previous output is set aside first (outside the timing), so every run writes a whole
    site, as a first build in CI does; so is the build cache, except for ``warm``, which
    measures a rebuild of an unchanged site with the cache the previous build left.

    Raises:
        BenchError: when the build exits non-zero, with its stderr (or stdout) tail.
    """
    cwd = variant_dir(site, variant)
    set_aside(site, output_dir(site, variant))
    if variant != "warm":
        set_aside(site, cwd / CACHE_DIR)
    command = build_command(variant)
    with tempfile.NamedTemporaryFile(prefix="bench-rss-", delete=False) as handle:
        rss_file = Path(handle.name)
    poll = TREE_POLL_SECONDS if sample_memory else 0.0
    wrapped = [sys.executable, "-c", _TREE_WRAPPER, str(rss_file), str(poll)]
    try:
        start = time.perf_counter()
        done = subprocess.run(
            [*wrapped, *command],
            cwd=cwd,
            env=child_env(),
            capture_output=True,
            text=True,
            check=False,
        )
        seconds = time.perf_counter() - start
        fields = rss_file.read_text(encoding="utf-8", errors="replace").split()
    finally:
        rss_file.unlink(missing_ok=True)
    if done.returncode != 0:
        output = done.stderr if done.stderr.strip() else done.stdout
        raise BenchError(
            f"The '{variant}' build failed (exit {done.returncode}) in {cwd}:\n"
            f"$ {' '.join(command)}\n{_tail(output)}\n"
            "(rerun with --keep to inspect the generated site)"
        )
    tree, cpu, single, wall = (_number(fields, index) for index in range(4))
    return Run(
        variant=variant,
        # The wrapper's own clock, from starting the build to its exit: without the
        # wrapper's start, and not rounded up to its next memory sample.
        seconds=seconds if wall is None else wall,
        peak_rss_kib=None if single is None else int(single),
        warnings=sum(1 for line in (done.stderr + done.stdout).splitlines() if "WARNING" in line),
        cpu_seconds=cpu,
        peak_tree_kib=None if tree is None else int(tree),
    )


def _number(fields: Sequence[str], index: int) -> float | None:
    """The wrapper's ``index``-th number, None when it is missing or malformed."""
    try:
        return float(fields[index])
    except (IndexError, ValueError):
        return None


def tree_bytes(folder: Path) -> int:
    """Total size of the files below ``folder`` (the built site)."""
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def measure(
    site: GeneratedSite, variants: Sequence[str], *, repeat: int, memory_runs: int = MEMORY_RUNS
) -> dict[str, VariantResult]:
    """Build each variant ``repeat`` times, alternating variants and rotating their order;
    then ``memory_runs`` more of each, their process tree sampled (see ``MEMORY_RUNS``).

    Before each ``warm`` run an untimed build of the same config fills the cache (the other
    variants' runs delete it, and ``ours`` has another config, so another cache key).
    """
    results = {variant: VariantResult(variant) for variant in variants}
    for round_index in range(repeat):
        shift = round_index % len(variants)
        for variant in [*variants[shift:], *variants[:shift]]:
            run = _build_variant(site, variant, sample_memory=False)
            results[variant].runs.append(run)
            results[variant].output_bytes = tree_bytes(output_dir(site, variant))
            _print_run(f"run {round_index + 1}/{repeat}", run)
    for memory_index in range(memory_runs):
        for variant in variants:
            run = _build_variant(site, variant, sample_memory=True)
            results[variant].memory_runs.append(run)
            _print_run(f"memory {memory_index + 1}/{memory_runs}", run)
    return results


def _build_variant(site: GeneratedSite, variant: str, *, sample_memory: bool) -> Run:
    """One run of ``variant``; a ``warm`` one after an untimed build that fills its cache."""
    if variant == "warm":
        set_aside(site, variant_dir(site, variant) / CACHE_DIR)
        run_build(site, variant)
    return run_build(site, variant, sample_memory=sample_memory)


def _print_run(label: str, run: Run) -> None:
    rss = f"{run.peak_rss_kib / 1024:.0f} MiB" if run.peak_rss_kib else "? MiB"
    tree = f", tree {run.peak_tree_kib / 1024:.0f} MiB" if run.peak_tree_kib else ""
    cpu = f"  cpu {run.cpu_seconds:.2f} s" if run.cpu_seconds is not None else ""
    print(
        f"  {label} {run.variant:<8} {run.seconds:7.2f} s  "
        f"{rss}{tree}{cpu}" + (f"  ({run.warnings} warning lines)" if run.warnings else ""),
        flush=True,
    )


# ---------------------------------------------------------------------------------------------
# Serve latency
# ---------------------------------------------------------------------------------------------


SERVE_STARTS = 3
"""Servers started from no build cache, whose first page's time is their median.

Why more than one: a single start is one sample of the machine's speed, where every build
figure is a median of ``--repeat`` runs. On the bench's site one start per run read 2.06 to
3.02 s across runs of one day, against a median of 2.62 s over 16 starts in a row.
"""


@dataclass
class ServeResult:
    """``mkdocs serve`` timings: first page served, then each edit until it is visible."""

    startup_seconds: float
    """The median of ``startup_samples``."""
    edit_seconds: list[float]
    restart_seconds: float | None = None
    """First page of a second ``mkdocs serve`` on the same address: with the build cache
    the first server left (each of its pages but the edited one unchanged)."""
    startup_samples: list[float] = field(default_factory=list)
    """Each start's first page, from no build cache (``SERVE_STARTS``)."""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8", errors="replace"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _wait_for_text(
    url: str, needle: str, *, timeout: float, server: subprocess.Popen[bytes], log: Path
) -> float:
    """Poll ``url`` every 50 ms until it contains ``needle``; return the seconds waited."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if server.poll() is not None:
            raise BenchError(
                f"'mkdocs serve' exited with {server.returncode}:\n"
                f"{_tail(log.read_text(encoding='utf-8', errors='replace'))}"
            )
        page = _fetch(url)
        if page is not None and needle in page:
            return time.perf_counter() - start
        time.sleep(POLL_SECONDS)
    raise BenchError(
        f"{url} did not show '{needle}' within {timeout:.0f} s; server log tail:\n"
        f"{_tail(log.read_text(encoding='utf-8', errors='replace'))}"
    )


def measure_serve(
    site: GeneratedSite,
    *,
    edits: int,
    timeout: float,
    only_locale: str | None = None,
    starts: int = SERVE_STARTS,
) -> ServeResult:
    """Time ``mkdocs serve`` on the ours site with its default workers: startup, then edits.

    ``starts`` servers start one after another from no build cache, each timed to its first
    page (their median is the startup); the last one then takes the edits. Each edit appends
    a unique marker to one page's Markdown and polls that page until the marker is served:
    what an author waits for between saving and seeing the change.
    With ``only_locale``, the server builds that locale only (``build_only_locale``, the
    authoring mode), and the edited page is that locale's. Then a second server starts on
    the same address, with the build cache the first one left, and its first page is timed.
    The servers are always stopped (terminate, then kill).
    """
    port = _free_port()
    # The user's default configuration: parallel_workers unset (workers for the first build).
    config_args: list[str] = ["-f", PARALLEL_CONFIG]
    if only_locale is not None:
        config = yaml.safe_load((site.ours / PARALLEL_CONFIG).read_text(encoding="utf-8"))
        for plugin in config["plugins"]:
            if isinstance(plugin, dict) and "jekyll/i18n" in plugin:
                plugin["jekyll/i18n"]["build_only_locale"] = only_locale
        _write(site.ours / "mkdocs-serve.yml", _dump(config))
        config_args = ["-f", "mkdocs-serve.yml"]
    locale = only_locale or site.locales[0]
    number = min(2, site.pages)
    url = f"http://127.0.0.1:{port}{BASE_PATH}{_path_url(locale, number)}"
    source = site.ours / "docs" / locale / f"{_slug(number)}.md"
    log = site.root / "serve.log"
    command = [*mkdocs_command(), "serve", *config_args, "-a", f"127.0.0.1:{port}"]
    starts = max(1, starts)
    samples: list[float] = []
    latencies: list[float] = []
    marker = "</html>"
    with log.open("wb") as log_handle:
        for attempt in range(starts):
            # Each first server starts as on a fresh clone: no build cache, compiled templates
            # included (the builds timed before leave theirs); the second one below is timed
            # with the last one's.
            set_aside(site, site.ours / CACHE_DIR)
            start = time.perf_counter()
            server = subprocess.Popen(
                command, cwd=site.ours, env=child_env(), stdout=log_handle, stderr=subprocess.STDOUT
            )
            try:
                _wait_for_text(url, "</html>", timeout=timeout, server=server, log=log)
                samples.append(time.perf_counter() - start)
                if attempt < starts - 1:
                    continue
                for _ in range(edits):
                    marker = f"BENCH-EDIT-{uuid.uuid4().hex}"
                    with source.open("a", encoding="utf-8") as page:
                        page.write(f"\n{marker}\n")
                    latencies.append(
                        _wait_for_text(url, marker, timeout=timeout, server=server, log=log)
                    )
            finally:
                _stop(server)
        # A second server on the same address (its site_url is part of the cache's key).
        start = time.perf_counter()
        server = subprocess.Popen(
            command, cwd=site.ours, env=child_env(), stdout=log_handle, stderr=subprocess.STDOUT
        )
        try:
            _wait_for_text(url, marker, timeout=timeout, server=server, log=log)
            restart = time.perf_counter() - start
        finally:
            _stop(server)
        return ServeResult(
            startup_seconds=statistics.median(samples),
            edit_seconds=latencies,
            restart_seconds=restart,
            startup_samples=samples,
        )


def _stop(server: subprocess.Popen[bytes]) -> None:
    """Stop a server: terminate, then kill."""
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=10)


# ---------------------------------------------------------------------------------------------
# Reports
# ---------------------------------------------------------------------------------------------


def ms_per_page(result: VariantResult | None, pages: int) -> float | None:
    """Median build time per page in milliseconds (None when the variant did not run)."""
    return result.median_seconds * 1000 / pages if result and result.runs else None


def _fmt(value: float | None, spec: str) -> str:
    return "n/a" if value is None else format(value, spec)


def _ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def _cpu_ratio(results: Mapping[str, VariantResult]) -> float | None:
    """Median CPU time of ours over plain's (None when either was not measured)."""
    ours, plain = results.get("ours"), results.get("plain")
    if ours is None or plain is None:
        return None
    return _ratio(ours.median_cpu_seconds, plain.median_cpu_seconds)


def print_table(results: Mapping[str, VariantResult], pages: int) -> None:
    """Medians, per-page cost, peak memory and output size of each variant."""
    print(
        f"{'variant':<9}{'runs':>5}{'median s':>10}{'min s':>8}{'ms/page':>9}{'cpu s':>8}"
        f"{'peak MiB':>10}{'tree MiB':>10}{'site MiB':>10}{'B/page':>9}"
    )
    for variant, result in results.items():
        if not result.runs:
            continue
        print(
            f"{variant:<9}{len(result.runs):>5}{result.median_seconds:>10.2f}"
            f"{min(r.seconds for r in result.runs):>8.2f}"
            f"{_fmt(ms_per_page(result, pages), '.1f'):>9}"
            f"{_fmt(result.median_cpu_seconds, '.2f'):>8}"
            f"{_fmt(result.peak_rss_mib, '.0f'):>10}"
            f"{_fmt(result.peak_tree_mib, '.0f'):>10}"
            f"{result.output_bytes / 2**20:>10.1f}{result.output_bytes / pages:>9.0f}"
        )


def summary_line(
    pages: int, results: Mapping[str, VariantResult], serve_first: float | None = None
) -> str:
    """The machine-readable last line (``n/a`` for a variant that did not run).

    The first five fields are the ones earlier versions printed, in the same order.
    """
    ours = ms_per_page(results.get("ours"), pages)
    plain = ms_per_page(results.get("plain"), pages)
    jekyll = ms_per_page(results.get("jekyll"), pages)
    par = ms_per_page(results.get("ours-par"), pages)
    single = ms_per_page(results.get("single"), pages)
    warm = ms_per_page(results.get("warm"), pages)
    return (
        f"bench: {pages} pages, ours {_fmt(ours, '.1f')} ms/page, plain {_fmt(plain, '.1f')} "
        f"ms/page, ratio {_fmt(_ratio(ours, plain), '.2f')}, jekyll {_fmt(jekyll, '.1f')} ms/page"
        f", par {_fmt(par, '.1f')} ms/page, par/jekyll {_fmt(_ratio(par, jekyll), '.2f')}"
        f", single/jekyll {_fmt(_ratio(single, jekyll), '.2f')}"
        f", warm/cold {_fmt(_ratio(warm, par), '.2f')}, serve-first {_fmt(serve_first, '.2f')} s"
    )


# ---------------------------------------------------------------------------------------------
# Modes
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Options:
    """Parsed command line."""

    pages: int
    locales: tuple[str, ...]
    repeat: int
    keep: bool
    growth: bool
    jekyll: bool
    serve: bool
    serve_edits: int
    timeout: float
    serve_locale: str | None = None
    workers: int | None = None
    posts: int = 0
    single: bool = True


def _variants(options: Options) -> list[str]:
    """ours, ours-par, single and warm (with parallel workers), plain, jekyll (if found).

    ``single`` and ``warm`` use ``mkdocs-parallel.yml``, as ``ours-par`` does; ``warm``'s
    cold reference is ``ours-par``.
    """
    variants = ["ours", "ours-par", "warm", "plain"]
    if options.single and len(options.locales) > 1:
        variants.insert(2, "single")
    if options.jekyll and shutil.which("jekyll"):
        variants.append("jekyll")
    return variants


def _workspace(keep: bool, label: str) -> Path:
    root = Path(tempfile.mkdtemp(prefix=f"mkdocs-jekyll-bench-{label}-"))
    if keep:
        print(f"generated site kept in {root}", flush=True)
    return root


def generate_sites(root: Path, options: Options, *, single: bool) -> GeneratedSite:
    """The bench's site, and with ``single`` the same pages in one locale below ``single/``.

    The single-locale site has every page and post of every locale (renumbered) in the
    default locale, so that it builds as many pages as the others: a site whose locales
    cannot be spread over workers.
    """
    site = generate_site(
        root,
        pages=options.pages,
        locales=options.locales,
        workers=options.workers,
        posts=options.posts,
    )
    if not single:
        return site
    count = len(options.locales)
    alone = generate_site(
        root / "single",
        pages=options.pages * count,
        locales=options.locales[:1],
        workers=options.workers,
        posts=options.posts * count,
    )
    return dataclasses.replace(site, single=alone.ours)


def run_default(options: Options) -> tuple[str, bool]:
    """Build every variant, time ``serve``; return the summary line and success.

    A failing ``serve`` does not hide the build figures: they are printed, and the second
    value is False so that the exit status reports the failure.
    """
    root = _workspace(options.keep, str(options.pages))
    try:
        variants = _variants(options)
        site = generate_sites(root, options, single="single" in variants)
        print(
            f"site: {options.pages} pages + {options.posts} posts x {len(site.locales)} locales "
            f"({', '.join(site.locales)}) = {site.total_pages} pages; variants: "
            f"{', '.join(variants)}; {options.repeat} runs each; load average "
            f"{_load_average()}",
            flush=True,
        )
        print(f"python: {_interpreter()}", flush=True)
        if "jekyll" not in variants and options.jekyll:
            print("jekyll: not found on PATH, skipped", flush=True)
        compile_package()
        results = measure(site, variants, repeat=options.repeat)
        serve: ServeResult | None = None
        serve_error: str | None = None
        if options.serve:
            print("serve: starting mkdocs serve on the ours site", flush=True)
            try:
                serve = measure_serve(
                    site,
                    edits=options.serve_edits,
                    timeout=options.timeout,
                    only_locale=options.serve_locale,
                )
            except BenchError as err:
                # The build figures are still worth printing; the exit status says it failed.
                serve_error = str(err)
                print(f"serve: FAILED: {serve_error}", flush=True)
        print()
        print_table(results, site.total_pages)
        total = site.total_pages
        ours = ms_per_page(results.get("ours"), total)
        jekyll = ms_per_page(results.get("jekyll"), total)
        plain = ms_per_page(results.get("plain"), total)
        print(
            f"ratio ours/plain {_fmt(_ratio(ours, plain), '.2f')}"
            f", ours/jekyll {_fmt(_ratio(ours, jekyll), '.2f')}"
            f"; cpu time ours/plain {_fmt(_cpu_ratio(results), '.2f')}"
        )
        parallel = ms_per_page(results.get("ours-par"), total)
        if parallel is not None:
            layout = (
                f"{options.workers} workers"
                if options.workers
                else f"{os.cpu_count()} processes, the parent included"
            )
            print(
                f"parallel ({layout}): ours-par "
                f"{parallel:.1f} ms/page, ours-par/jekyll {_fmt(_ratio(parallel, jekyll), '.2f')}"
                f"; single locale {_fmt(ms_per_page(results.get('single'), total), '.1f')} "
                f"ms/page; warm rebuild {_fmt(ms_per_page(results.get('warm'), total), '.1f')} "
                "ms/page"
            )
        memory = {name: result.peak_tree_mib for name, result in results.items()}
        reference = memory.get("jekyll")
        print(
            "peak memory of the process tree (MiB, PSS): "
            + ", ".join(
                f"{name} {_fmt(value, '.0f')} ({_fmt(_ratio(value, reference), '.2f')}x jekyll)"
                for name, value in memory.items()
                if name != "jekyll"
            )
            + f"; jekyll {_fmt(reference, '.0f')}"
        )
        if serve is not None:
            edits = ", ".join(f"{seconds * 1000:.0f}" for seconds in serve.edit_seconds)
            mode = f" (build_only_locale {options.serve_locale})" if options.serve_locale else ""
            starts = ", ".join(f"{seconds:.2f}" for seconds in serve.startup_samples)
            edit_median = (
                f"{statistics.median(serve.edit_seconds) * 1000:.0f}" if serve.edit_seconds else "-"
            )
            print(
                f"serve{mode}: first page after {serve.startup_seconds:.2f} s (median of "
                f"{len(serve.startup_samples)} starts: {starts} s); edit visible after "
                f"{edit_median} ms median ({edits} ms); "
                f"a second serve's first page (build cache of the first) after "
                f"{_fmt(serve.restart_seconds, '.2f')} s"
            )
        elif serve_error is not None:
            print("serve: failed (see above)")
        print(f"load average at the end: {_load_average()}")
        first = serve.startup_seconds if serve is not None else None
        return summary_line(total, results, first), serve_error is None
    finally:
        if not options.keep:
            shutil.rmtree(root, ignore_errors=True)


def _interpreter() -> str:
    """The Python that builds ours: its version and its binary, the venv's links followed."""
    binary = os.path.realpath(sys.executable)
    return f"{platform.python_implementation()} {platform.python_version()} ({binary})"


def _load_average() -> str:
    """The machine's 1, 5 and 15 minute load averages: how busy the figures' machine was."""
    try:
        return " ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "n/a"


GROWTH_SIZES = (100, 1000)
GROWTH_TARGET = 1.3


def run_growth(options: Options) -> str:
    """Cost and output size per page at 100 and 1000 pages per locale; return the last line.

    Flat cost per page means no step of the build is quadratic in the page count (the nav of
    all pages embedded in every page was one); flat output bytes per page means no page
    embeds something that grows with the site.
    """
    rows: list[tuple[int, int, dict[str, VariantResult]]] = []
    for pages in GROWTH_SIZES:
        root = _workspace(options.keep, f"growth-{pages}")
        try:
            # Posts grow with the pages (--posts is per --pages pages).
            posts = pages * options.posts // options.pages
            site = generate_site(
                root, pages=pages, locales=options.locales, workers=options.workers, posts=posts
            )
            print(
                f"growth: {pages} pages + {posts} posts x {len(site.locales)} locales", flush=True
            )
            compile_package()
            # (Its table shows the single process's peak, which costs no sampling.)
            results = measure(site, ["ours", "plain"], repeat=options.repeat, memory_runs=0)
            rows.append((pages, site.total_pages, results))
        finally:
            if not options.keep:
                shutil.rmtree(root, ignore_errors=True)
    print()
    print(
        f"{'pages/locale':>12}{'total':>7}{'ours ms/page':>14}{'plain ms/page':>15}"
        f"{'ours B/page':>13}{'plain B/page':>14}{'ours MiB':>10}"
    )
    per_page: dict[str, list[float]] = {"ours": [], "plain": []}
    size: dict[str, list[float]] = {"ours": [], "plain": []}
    cpu: dict[str, list[float]] = {"ours": [], "plain": []}
    for pages, total, results in rows:
        for variant in per_page:
            per_page[variant].append(ms_per_page(results[variant], total) or 0.0)
            size[variant].append(results[variant].output_bytes / total)
            cpu[variant].append((results[variant].median_cpu_seconds or 0.0) * 1000 / total)
        print(
            f"{pages:>12}{total:>7}{per_page['ours'][-1]:>14.1f}{per_page['plain'][-1]:>15.1f}"
            f"{size['ours'][-1]:>13.0f}{size['plain'][-1]:>14.0f}"
            f"{_fmt(results['ours'].peak_rss_mib, '.0f'):>10}"
        )
    ratio = per_page["ours"][1] / per_page["ours"][0]
    cpu_ratio = _ratio(cpu["ours"][1], cpu["ours"][0])
    plain_ratio = per_page["plain"][1] / per_page["plain"][0]
    size_ratio = size["ours"][1] / size["ours"][0]
    verdict = "ok" if ratio <= GROWTH_TARGET else "OVER TARGET"
    print(
        f"plain: {per_page['plain'][0]:.1f} -> {per_page['plain'][1]:.1f} ms/page "
        f"(ratio {plain_ratio:.2f}); bytes/page {size['plain'][0]:.0f} -> {size['plain'][1]:.0f}"
    )
    return (
        f"growth: ours {GROWTH_SIZES[0]} -> {GROWTH_SIZES[1]} pages/locale, "
        f"{per_page['ours'][0]:.1f} -> {per_page['ours'][1]:.1f} ms/page, ratio {ratio:.2f} "
        f"(target <= {GROWTH_TARGET:.1f}: {verdict}), bytes/page {size['ours'][0]:.0f} -> "
        f"{size['ours'][1]:.0f} (ratio {size_ratio:.2f}), cpu {cpu['ours'][0]:.1f} -> "
        f"{cpu['ours'][1]:.1f} ms/page (ratio {_fmt(cpu_ratio, '.2f')}; wall time on a busy "
        f"machine is noisier; load average {_load_average()})"
    )


def parse_args(argv: Iterable[str] | None = None) -> Options:
    """The command line (see ``--help``)."""
    parser = argparse.ArgumentParser(
        prog="bench/run.py",
        description=textwrap.dedent(
            """\
            Benchmark mkdocs-jekyll. Generates a Jekyll-style multi-locale site in a temporary
            folder and builds it several ways, each in a fresh process, alternating:
              ours      mkdocs build with search, jekyll/i18n and jekyll (permalink: pretty)
              ours-par  the same with worker processes (parallel_workers unset)
              single    every page in one locale, with worker processes
              warm      ours-par again, with the build cache the previous build left
              plain     the same content with Liquid resolved, mkdocs-material + upstream i18n
              jekyll    jekyll build of the Jekyll variant (skipped if jekyll is not installed)
            Prints medians, ms per page, peak memory (whole process tree), ratios, and
            mkdocs serve's first page and edit-to-visible latency. The last line is
            'bench: PAGES pages, ours X ms/page, plain Y ms/page, ratio R, jekyll Z ms/page,
            par P ms/page, par/jekyll Q, single/jekyll S, warm/cold W, serve-first F s'.
            """
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--pages", type=int, default=200, help="pages per locale (200)")
    parser.add_argument(
        "--locales",
        type=parse_locales,
        default=DEFAULT_LOCALES,
        help="a count or a comma list, default locale first (en,es-419,pt-br)",
    )
    parser.add_argument(
        "--posts",
        type=int,
        default=0,
        help="posts per locale besides the pages (0), with categories and tags: archives, "
        "feeds and the taxonomy links then cost what they cost on a blog",
    )
    parser.add_argument(
        "--no-single",
        action="store_true",
        help="skip the single variant (every page in one locale, parallel workers)",
    )
    parser.add_argument("--repeat", type=int, default=3, help="builds per variant (3)")
    parser.add_argument(
        "--keep", action="store_true", help="keep the generated site (its path is printed)"
    )
    parser.add_argument(
        "--growth",
        action="store_true",
        help=(
            "instead: build ours and plain at 100 and 1000 pages per locale and report cost "
            "and output bytes per page (target: flat within 1.3x); ends with a 'growth:' line"
        ),
    )
    parser.add_argument("--no-jekyll", action="store_true", help="skip the jekyll variant")
    parser.add_argument("--no-serve", action="store_true", help="skip the serve latency test")
    parser.add_argument(
        "--serve-edits", type=int, default=3, help="page edits timed under serve (3)"
    )
    parser.add_argument(
        "--timeout", type=float, default=600, help="seconds to wait for serve (600)"
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="jekyll/i18n parallel_workers of the ours-par variant (default: unset, which is "
        "one process per CPU, the parent included); ours always builds one locale after another",
    )
    parser.add_argument(
        "--serve-locale",
        default=None,
        help="time serve building this locale only (jekyll/i18n build_only_locale)",
    )
    args = parser.parse_args(None if argv is None else list(argv))
    if args.pages < 1 or args.repeat < 1 or args.serve_edits < 1 or args.posts < 0:
        parser.error("--pages, --repeat and --serve-edits must be at least 1, --posts at least 0")
    return Options(
        pages=args.pages,
        locales=tuple(args.locales),
        repeat=args.repeat,
        keep=args.keep,
        growth=args.growth,
        jekyll=not args.no_jekyll,
        serve=not args.no_serve,
        serve_edits=args.serve_edits,
        timeout=args.timeout,
        serve_locale=args.serve_locale,
        workers=args.workers,
        posts=args.posts,
        single=not args.no_single,
    )


def main(argv: Iterable[str] | None = None) -> int:
    """Run the benchmark; print the summary as the last line. Returns the exit status."""
    options = parse_args(argv)
    try:
        line, ok = (run_growth(options), True) if options.growth else run_default(options)
    except BenchError as err:
        print(f"bench error: {err}", file=sys.stderr)
        return 1
    print(line, flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
