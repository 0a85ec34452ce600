"""Jekyll's semantics without MkDocs: front matter, defaults, permalinks, the site model, data.

Also the one implementation of Jekyll's URL joining, dates and slugs, which the Liquid
filters, the features and the MkDocs adapters all call. Nothing here imports MkDocs,
static-i18n, Material or another room of the package (``tests/test_architecture.py``).
"""
