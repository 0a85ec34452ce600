"""Jekyll's Liquid tags, one module per tag."""
