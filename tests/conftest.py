"""Fixtures shared by the whole suite."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitebuild import BuildSite, make_site_builder


@pytest.fixture
def build_site(tmp_path: Path) -> BuildSite:
    """Build a site from files in ``tmp_path`` (see ``sitebuild.make_site_builder``)."""
    return make_site_builder(tmp_path)
