"""``mkdocs-jekyll import``: a Jekyll source folder turned into an MkDocs project.

One module per concern: ``source`` reads ``_config.yml`` and sorts the source's files as
Jekyll's reader does, ``locales`` finds the site's languages, ``placement`` decides where
each document goes under ``docs/`` (and which permalinks keep its URL), ``scopes`` rewrites
``defaults`` for the new paths, ``config_map`` writes ``mkdocs.yml``, ``theme`` lists the
theme machinery and keeps the site's own layout additions as ``overrides/``, ``summary``
says what happened (``IMPORT.md``), and ``run`` ties them together without ever writing
into the source.
"""
