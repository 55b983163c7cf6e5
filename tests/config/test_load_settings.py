"""Settings from a file, the environment and flags: precedence, parsing, located errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from annota.config import ConfigError, load_settings, parse_size
from annota.settings import Settings


def write_config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "annota.toml"
    path.write_text(text)
    return path


def problems_of(error: pytest.ExceptionInfo[ConfigError]) -> list[str]:
    return [str(problem) for problem in error.value.problems]


def test_no_source_gives_the_dataclass_defaults() -> None:
    assert load_settings(environ={}) == Settings()


def test_flags_win_over_the_environment_which_wins_over_the_file(tmp_path: Path) -> None:
    config = write_config(tmp_path, 'port = 9000\nhost = "0.0.0.0"\napi_processes = 3\n')
    environ = {"ANNOTA_PORT": "9001", "ANNOTA_HOST": "10.0.0.1"}

    settings = load_settings(config_file=config, environ=environ, flags={"port": 9002})

    assert (settings.port, settings.host, settings.api_processes) == (9002, "10.0.0.1", 3)


def test_the_file_can_be_named_by_annota_config(tmp_path: Path) -> None:
    config = write_config(tmp_path, 'queue_url = "redis://127.0.0.1:6390/0"\n')

    settings = load_settings(environ={"ANNOTA_CONFIG": str(config)})

    assert settings.queue_url == "redis://127.0.0.1:6390/0"


def test_relative_paths_in_the_file_are_relative_to_its_folder(tmp_path: Path) -> None:
    config = write_config(tmp_path, 'data_dir = "data"\n')

    assert load_settings(config_file=config, environ={}).data_dir == tmp_path / "data"


def test_environment_values_are_parsed_to_the_field_types() -> None:
    environ = {
        "ANNOTA_SECURE_COOKIES": "yes",
        "ANNOTA_MAX_ZIP_RATIO": "50.5",
        "ANNOTA_MAX_UPLOAD_BYTES": "4GiB",
        "ANNOTA_SHARE_ROOT": "/srv/share",
        "ANNOTA_WEB_DIST": "",
    }

    settings = load_settings(environ=environ)

    assert settings.secure_cookies is True
    assert settings.max_zip_ratio == 50.5
    assert settings.max_upload_bytes == 4 * 1024**3
    assert settings.share_root == Path("/srv/share")
    assert settings.web_dist is None


def test_annota_db_still_names_the_database_but_the_canonical_variable_wins() -> None:
    assert load_settings(environ={"ANNOTA_DB": "sqlite:///a.db"}).database_url == "sqlite:///a.db"
    both = {"ANNOTA_DB": "sqlite:///a.db", "ANNOTA_DATABASE_URL": "sqlite:///b.db"}
    assert load_settings(environ=both).database_url == "sqlite:///b.db"


def test_an_s3_media_store_is_configured_from_the_file(tmp_path: Path) -> None:
    config = write_config(
        tmp_path,
        'media_url = "s3://annota-media/prod"\ns3_endpoint_url = "http://127.0.0.1:5055"\n'
        's3_region = "us-east-1"\nmedia_cache_bytes = "2GiB"\n[extra]\nqueue_name = "q"\n',
    )

    settings = load_settings(config_file=config, environ={})

    assert settings.media_url == "s3://annota-media/prod"
    assert settings.s3_endpoint_url == "http://127.0.0.1:5055"
    assert settings.media_cache_bytes == 2 * 1024**3
    assert settings.extra == {"queue_name": "q"}


def test_a_file_media_url_moves_the_local_media_directory() -> None:
    settings = load_settings(environ={"ANNOTA_MEDIA_URL": "file:///srv/media"})

    assert settings.media_dir == Path("/srv/media")


def test_a_bad_file_value_names_the_file_the_key_and_the_value(tmp_path: Path) -> None:
    config = write_config(tmp_path, "api_processes = 0\n")

    with pytest.raises(ConfigError) as error:
        load_settings(config_file=config, environ={})

    assert problems_of(error) == [f"{config}:api_processes: api_processes = 0: must be from 1 to 256"]


def test_a_bad_environment_value_names_the_variable() -> None:
    with pytest.raises(ConfigError) as error:
        load_settings(environ={"ANNOTA_MEDIA_URL": "ftp://media"})

    assert problems_of(error) == [
        "env ANNOTA_MEDIA_URL: media_url = 'ftp://media': expected file:///PATH or s3://BUCKET/PREFIX"
    ]


def test_a_bad_flag_value_names_the_flag() -> None:
    with pytest.raises(ConfigError) as error:
        load_settings(environ={}, flags={"database_url": "mysql://x"})

    assert problems_of(error)[0].startswith("flag --db: database_url = 'mysql://x': expected sqlite")


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    config = write_config(tmp_path, 'port = "eighty"\nbogus = 1\nqueue_url = "amqp://x"\n')

    with pytest.raises(ConfigError) as error:
        load_settings(config_file=config, environ={"ANNOTA_MAX_UPLOAD_BYTES": "lots"})

    assert [(p.key, p.source) for p in error.value.problems] == [
        ("bogus", f"{config}:bogus"),
        ("port", f"{config}:port"),
        ("queue_url", f"{config}:queue_url"),
        ("max_upload_bytes", "env ANNOTA_MAX_UPLOAD_BYTES"),
    ]


def test_an_invalid_bucket_name_is_refused() -> None:
    with pytest.raises(ConfigError, match="bucket name 'ci' is not valid"):
        load_settings(environ={"ANNOTA_MEDIA_URL": "s3://ci/media"})


def test_a_secret_key_is_never_echoed_in_an_error() -> None:
    with pytest.raises(ConfigError) as error:
        load_settings(environ={}, flags={"s3_secret_access_key": 12345})

    assert "12345" not in str(error.value)


def test_a_missing_config_file_is_an_error_naming_it(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"missing\.toml"):
        load_settings(config_file=tmp_path / "missing.toml", environ={})


def test_a_file_that_is_not_toml_is_an_error_with_its_position(tmp_path: Path) -> None:
    config = write_config(tmp_path, "port = \n")

    with pytest.raises(ConfigError, match=r"not valid TOML: .*line 1"):
        load_settings(config_file=config, environ={})


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1048576", 2**20), ("2GiB", 2 * 2**30), ("500 MB", 500 * 10**6), ("1.5KiB", 1536), (7, 7)],
)
def test_sizes_take_bytes_or_units(text: str | int, expected: int) -> None:
    assert parse_size(text) == expected


def test_settings_from_env_goes_through_the_same_validation() -> None:
    with pytest.raises(ConfigError, match="env ANNOTA_PORT"):
        Settings.from_env({"ANNOTA_PORT": "0"})
