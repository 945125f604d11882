"""Questions asked of loaded events: filters, search, counts and statistics."""
