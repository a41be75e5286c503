"""Local persistence: user directories, settings, annotation cache and bookmarks."""
