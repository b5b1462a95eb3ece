"""JSON endpoints (being built)."""
