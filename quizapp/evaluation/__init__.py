"""Measurements of the corpus and the bank against gold files."""
