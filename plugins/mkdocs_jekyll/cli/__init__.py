"""The ``mkdocs-jekyll`` console command: working on a project from outside a build."""
