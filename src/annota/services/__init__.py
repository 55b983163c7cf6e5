"""Use cases shared by the HTTP API and the CLI (they call these, never each other)."""
