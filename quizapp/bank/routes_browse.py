"""Routes of the bank: browse (being built)."""
