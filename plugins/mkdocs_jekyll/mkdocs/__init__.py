"""The MkDocs side: the two plugins, their config schemas and everything that touches MkDocs.

Build state, page context, navigation, outputs, staging, serve and parallel locale passes
live here, with ``compat.py`` for the private upstream APIs they rely on. This is the only
room that may import MkDocs, static-i18n or Material's plugins.
"""
