"""Turning text files into clean, segmented, stably keyed documents.

load -> clean -> layout -> segment -> keys; dedupe compares a document with those
already stored. Every step here is pure: services/corpus.py writes the results.
"""
