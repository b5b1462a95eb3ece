"""Checks of text against the corpus: normalisation for matching, citations, grading."""
