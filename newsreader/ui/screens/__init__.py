"""The reader screen and its dialogs."""
