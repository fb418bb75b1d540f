"""Everything that draws on a terminal: consoles, views, prompters, formatters."""
