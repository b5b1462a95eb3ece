"""Tagging: entities, dates, numbers and terms found in sentences, linked across a document.

Tagging reads the analysis ingest stored (tokens, parse, the statistical model's
entities) and the curated glossary; it runs no statistical model itself, so re-tagging
after a glossary edit is cheap. Everything here is pure: plain data in, plain data out.
"""
