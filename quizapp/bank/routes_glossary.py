"""Routes of the bank: glossary (being built)."""
