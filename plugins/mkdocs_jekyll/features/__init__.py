"""Theme features: author sidebar, furniture, SEO tags, layouts, skins, redirects, sitemap,
the language landing page and the per-locale search index.

They read the site model of ``jekyll/`` and the locales of ``i18n/`` and return data or
HTML; the MkDocs adapters call them.
"""
