"""The YAML loader of front matter, ``_data`` files and the package's UI text.

Jekyll reads all three with ``SafeYAML.load`` (``lib/jekyll/utils.rb`` and
``readers/data_reader.rb``: Psych's safe loading, no arbitrary objects). PyYAML's
``SafeLoader`` is the equivalent; its C version, when PyYAML was built with libyaml, parses
the same documents several times faster, and a site with hundreds of posts reads every front
matter block on each build. The one place that chooses: every reader of YAML in the package
loads through ``load_yaml``, so no reader falls back differently.
"""

from __future__ import annotations

from typing import Any

import yaml

try:  # pragma: no cover - depends on how PyYAML was built
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader  # type: ignore[assignment]

__all__ = ["SafeLoader", "load_yaml"]


def load_yaml(source: str) -> Any:
    """Load one YAML document safely, as Jekyll's ``SafeYAML.load`` does.

    Args:
        source: The YAML text.

    Returns:
        The document (``None`` for an empty one).

    Raises:
        yaml.YAMLError: The text is not YAML; callers word the message with its mark.
        ValueError: A timestamp PyYAML recognised but could not build (``2024-13-45``).
    """
    return yaml.load(source, Loader=SafeLoader)
