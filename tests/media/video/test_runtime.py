from pathlib import Path

import pytest

from annota.media.video.runtime import DEFAULT_CHUNK_SIZE, VideoConfig, runtime_for
from annota.settings import Settings


def test_defaults_apply_without_settings() -> None:
    config = VideoConfig.from_settings(Settings())

    assert config == VideoConfig() and config.chunk_size == DEFAULT_CHUNK_SIZE


def test_settings_extra_sets_the_cache_cap_chunk_size_and_index_wait() -> None:
    extra = {"video_cache_max_bytes": "1000", "video_chunk_size": "12", "video_index_wait_s": "0.5"}

    assert VideoConfig.from_settings(Settings(extra=extra)) == VideoConfig(1000, 12, 0.5)


def test_settings_extra_sets_the_proxy_cap_and_niceness() -> None:
    extra = {"video_proxy_max_bytes": "5000", "video_proxy_niceness": "0"}

    config = VideoConfig.from_settings(Settings(extra=extra))

    assert (config.proxy_max_bytes, config.proxy_niceness) == (5000, 0)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"video_chunk_size": "0"}, r"video_chunk_size'\]: must be 1..300"),
        ({"video_chunk_size": "many"}, "expected a number, got 'many'"),
        ({"video_index_wait_s": "nan"}, "expected a finite number"),
        ({"video_cache_max_bytes": "-1"}, "must be >= 0"),
        ({"video_proxy_max_bytes": "-1"}, r"video_proxy_max_bytes'\]: must be >= 0"),
        ({"video_proxy_niceness": "20"}, r"video_proxy_niceness'\]: must be 0..19"),
    ],
)
def test_a_bad_setting_is_refused_naming_it(extra: dict[str, str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        VideoConfig.from_settings(Settings(extra=extra))


def test_one_runtime_serves_every_request_on_a_cache_folder(tmp_path: Path) -> None:
    first = runtime_for(Settings(data_dir=tmp_path / "a"))

    assert runtime_for(Settings(data_dir=tmp_path / "a")) is first
    assert runtime_for(Settings(data_dir=tmp_path / "b")) is not first
    assert first.cache.root == (tmp_path / "a" / "cache" / "video").resolve()
