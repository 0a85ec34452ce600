"""Markdown as Jekyll's kramdown reads it: Python-Markdown extensions and their settings.

``settings.py`` reads a site's ``kramdown:`` block with the defaults Jekyll 4.3 gives it;
``pipeline.py`` turns the settings into the extensions MkDocs runs. Each kramdown feature
Python-Markdown lacks or renders differently is its own extension module here.
"""
