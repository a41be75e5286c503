"""Headless tests: sources, nlp, store, export, base modules and services."""
