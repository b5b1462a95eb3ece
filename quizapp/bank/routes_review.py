"""Routes of the bank: review (being built)."""
