"""Options shared by every command."""

HELP_OPTIONS = ["-h", "--help"]
