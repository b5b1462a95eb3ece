"""Routes of the bank: tags (being built)."""
