"""`python -m annota.api.openapi`: prints the API's OpenAPI schema (the web client is generated from it)."""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from annota.api.app import create_app
from annota.settings import Settings


def schema() -> dict[str, object]:
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(Settings(data_dir=Path(folder)))
        try:
            return app.openapi()
        finally:
            app.state.database.dispose()


def main() -> None:
    json.dump(schema(), sys.stdout, indent=2, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
