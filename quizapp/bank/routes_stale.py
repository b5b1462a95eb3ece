"""Routes of the bank: stale (being built)."""
