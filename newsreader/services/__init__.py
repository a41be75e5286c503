"""What the reader and the command line both use, headless.

One cache-or-annotate function (:mod:`.annotate`), the annotation child
process (:mod:`.child`), batch annotation (:mod:`.batch`) and the reader's
collaborators (:mod:`.container`). Never imports Textual, Rich, the UI or the
command line.
"""
