"""Given a page written for Jekyll's kramdown, when both Jekyll and MkDocs build it, then the
page content is the same HTML (tests/kramdown/normalise.py's normalisation).

End to end, through the plugin: Liquid first (``{% highlight %}``), then our Markdown
pipeline configured from ``markdown_kramdown``, under ``--strict``; Jekyll builds the same
file with the same ``kramdown:`` block and no layout, so its page is the content alone.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from kramdown.normalise import normalise
from sitebuild import BuildSite, html, jekyll_build

PAGE = """\
---
title: Página de prueba
---
# Página de prueba

* TOC
{:toc}

## Tablas y código
{: .no_toc}

| Name | Nombre |
|:-----|-------:|
| one  | uno    |
|------|--------|
| two  | dos    |
|======|========|
| sum  | suma   |

~~~ python
print("hola")
~~~

    indented code

Inline `code`, y `código`.

{% highlight ruby linenos %}
puts "hi"
{% endhighlight %}

## Listas anidadas

- uno
  - dos
    - tres
- cuatro

1. first

2. second

### Ñandú & café

<div class="notice" markdown="1">
**Nota:** *Markdown* dentro.
</div>

#dowork is text.
"""


@dataclass(frozen=True)
class Case:
    description: str
    kramdown: dict[str, Any] = field(default_factory=dict)


CASES = (
    Case("Jekyll's defaults"),
    Case(
        "a prefix, a header offset and two TOC levels",
        {
            "auto_id_prefix": "s-",
            "header_offset": 1,
            "toc_levels": "2..3",
        },
    ),
    Case("kramdown input without highlighting", {"input": "kramdown", "syntax_highlighter": "nil"}),
)


def _content(site: Path) -> str:
    article = html(site / "index.html").select_one("article")
    assert article is not None
    # Material's own: permalinks, and a title when the content has no level-1 heading.
    for extra in article.select("a.headerlink, h1:not([id])"):
        extra.decompose()
    return normalise(article.decode_contents())


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.description)
def test_the_page_content_is_what_jekyll_writes(
    build_site: BuildSite, tmp_path: Path, case: Case
) -> None:
    plugin: dict[str, Any] = {"markdown_kramdown": case.kramdown or True}
    ours = _content(
        build_site(files={"docs/index.md": PAGE}, strict=True, plugins=[{"jekyll": plugin}])
    )
    config = yaml.safe_dump({"kramdown": case.kramdown}) if case.kramdown else ""
    jekyll_site, _log = jekyll_build(tmp_path / "jekyll", {"index.md": PAGE}, config)
    theirs = normalise((jekyll_site / "index.html").read_text(encoding="utf-8"))
    diff = "\n".join(difflib.unified_diff(theirs.splitlines(), ours.splitlines(), lineterm=""))
    assert ours == theirs, diff
