"""Given python-liquid imported through the package's Liquid room, when nothing else imported
``asyncio``, then ``asyncio`` is not imported until python-liquid's async loading first
reads it, which then works as with the real module; any other ``import asyncio`` gets the
real module; python-liquid's modules keep their own loader. Each case runs in a fresh
process (the test process has imported ``asyncio`` already).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fresh_python import run_report

_DEFERRED = r"""
if {asyncio_first}:
    import asyncio as _
import importlib.machinery, json, sys, tempfile, pathlib
from mkdocs_jekyll.liquid import deferred_asyncio
import mkdocs_jekyll.liquid.environment
import liquid
from liquid.builtin.loaders import file_system_loader

seen = {{
    "imported_after_liquid": "asyncio" in sys.modules,
    "bound": type(file_system_loader.asyncio).__name__,
    "own_loader": type(liquid.__loader__) is importlib.machinery.SourceFileLoader
    and liquid.__spec__.loader is liquid.__loader__,
    "finder_left": any(
        isinstance(finder, deferred_asyncio._Finder) for finder in sys.meta_path
    ),
}}
folder = tempfile.mkdtemp()
pathlib.Path(folder, "page.html").write_text("Hi {{{{ n }}}}!", encoding="utf-8")
env = liquid.Environment(loader=liquid.FileSystemLoader(folder))


async def render():
    template = await env.get_template_async("page.html")
    return await template.render_async(n=3)


import asyncio

seen["real"] = type(asyncio).__name__ == "module" and hasattr(asyncio, "run")
seen["async"] = asyncio.run(render())
seen["sync"] = env.get_template("page.html").render(n=3)
seen["same_loop_function"] = file_system_loader.asyncio.get_running_loop is (
    asyncio.get_running_loop
)
print(json.dumps(seen))
"""


def _run(tmp_path: Path, *, asyncio_first: bool) -> dict[str, Any]:
    return run_report(_DEFERRED.format(asyncio_first=asyncio_first), tmp_path)


_WORKS = {
    "own_loader": True,
    "finder_left": False,
    "real": True,
    "async": "Hi 3!",
    "sync": "Hi 3!",
    "same_loop_function": True,
}
"""What holds either way: python-liquid's loader, no finder left, the real ``asyncio`` for
everyone else, async loading rendering as the synchronous one."""


def test_asyncio_waits_for_python_liquids_first_async_read(tmp_path: Path) -> None:
    assert _run(tmp_path, asyncio_first=False) == {
        "imported_after_liquid": False,
        "bound": "_Deferred",
        **_WORKS,
    }


def test_an_asyncio_imported_before_is_the_one_python_liquid_binds(tmp_path: Path) -> None:
    assert _run(tmp_path, asyncio_first=True) == {
        "imported_after_liquid": True,
        "bound": "module",
        **_WORKS,
    }
