"""newsreader: a terminal reader for journalists that shows who said what."""

__version__ = "0.1.0"
