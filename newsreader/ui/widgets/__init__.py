"""Widgets of the reader screen."""
