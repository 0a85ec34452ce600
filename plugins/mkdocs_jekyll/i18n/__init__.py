"""Locales: pairing translations, the UI text of each locale and the translation report.

Imports ``jekyll/`` only, never MkDocs or static-i18n (``tests/test_architecture.py``).
"""
