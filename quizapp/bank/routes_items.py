"""Routes of the bank: items (being built)."""
