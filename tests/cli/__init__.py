"""Command-line tests: subcommands, their options, limits and hostile input."""
