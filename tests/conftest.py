"""Fixtures shared by the whole suite."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from sitebuild import BuildSite, make_site_builder

# Hypothesis: few examples by default; `HYPOTHESIS_PROFILE=long` runs 10,000 per property
# (tests/test_properties.py, tests/test_fuzz.py). No deadline: builds and the first Liquid
# parse of a run vary with the machine's load.
settings.register_profile("fast", max_examples=50, deadline=None)
settings.register_profile("long", max_examples=10_000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "fast"))


@pytest.fixture
def build_site(tmp_path: Path) -> BuildSite:
    """Build a site from files in ``tmp_path`` (see ``sitebuild.make_site_builder``)."""
    return make_site_builder(tmp_path)
