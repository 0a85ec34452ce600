"""Jekyll's Liquid filters, one module per category."""
