"""Turning text files into clean, segmented, stably keyed documents.

load -> clean -> layout -> segment -> keys; dedupe compares a document with those
already stored. Every step here is pure: services/corpus.py writes the results.
"""

# Bump when a change to cleaning, segmentation or keys should reach stored documents:
# `quizapp ingest` re-processes a document whose rows an older pipeline made.
PIPELINE_REVISION = 3


def pipeline_version(model: str) -> str:
    """What produced a document's rows: this pipeline's revision and the spaCy model."""
    return f"ingest-{PIPELINE_REVISION}/{model}"
