"""Whole-package tests: import contracts and the reader end to end."""
