"""What the parent of several API processes hands each of them: the very settings it resolved."""

from __future__ import annotations

from pathlib import Path

from annota.api.processes import settings_from_json, settings_to_json
from annota.settings import Settings


def test_settings_survive_the_trip_to_another_process(tmp_path: Path) -> None:
    resolved = Settings(
        data_dir=tmp_path / "data",
        share_root=tmp_path / "share",
        database_url="postgresql+psycopg://annota@db/annota",
        queue_url="redis://queue:6379/0",
        api_processes=4,
        secure_cookies=True,
        max_zip_ratio=50.5,
        extra={"queue_name": "blue"},
    )

    assert settings_from_json(settings_to_json(resolved)) == resolved
    assert settings_from_json(settings_to_json(Settings())) == Settings()
