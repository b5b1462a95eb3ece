"""Routes of the bank: upload (being built)."""
