"""The Textual reader: article pane, side pane, keys, palette and annotation worker.

Importing this package imports nothing; :mod:`newsreader.ui.app` is the entry
point (:func:`newsreader.ui.app.run_reader`). spaCy is never imported by the UI
modules themselves: annotation runs in a worker (a child process by default).
"""
