"""`--config FILE` on the commands: the file's values are used, and a bad one stops the command."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from annota.cli import main


def test_user_add_uses_the_data_directory_of_the_config_file(tmp_path: Path) -> None:
    config = tmp_path / "annota.toml"
    config.write_text('data_dir = "from-file"\n')

    result = CliRunner().invoke(main, ["user", "add", "carol", "--config", str(config)], env={})

    assert result.exit_code == 0, result.output
    assert (tmp_path / "from-file" / "annota.db").is_file()


def test_the_data_flag_wins_over_the_config_file(tmp_path: Path) -> None:
    config = tmp_path / "annota.toml"
    config.write_text('data_dir = "from-file"\n')

    result = CliRunner().invoke(
        main, ["user", "add", "carol", "--config", str(config), "--data", str(tmp_path / "flag")]
    )

    assert result.exit_code == 0, result.output
    assert (tmp_path / "flag" / "annota.db").is_file()
    assert not (tmp_path / "from-file").exists()


def test_a_bad_value_in_the_config_file_stops_the_command_naming_key_and_file(tmp_path: Path) -> None:
    config = tmp_path / "annota.toml"
    config.write_text(f'data_dir = "{tmp_path / "data"}"\nworker_processes = -1\n')

    result = CliRunner().invoke(main, ["user", "add", "carol", "--config", str(config)])

    assert result.exit_code == 2
    assert f"{config}:worker_processes: worker_processes = -1: must be from 0 to 256" in result.output
    assert not (tmp_path / "data").exists()


def test_a_bad_environment_value_stops_the_command_naming_the_variable(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        ["user", "add", "carol", "--data", str(tmp_path / "data")],
        env={"ANNOTA_QUEUE_URL": "amqp://broker"},
    )

    assert result.exit_code == 2
    assert "env ANNOTA_QUEUE_URL: queue_url = 'amqp://broker'" in result.output
