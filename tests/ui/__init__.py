"""Textual tests: the app under a pilot, widgets, themes and SVG snapshots."""
