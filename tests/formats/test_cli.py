"""`annota formats`, `annota import`, `annota export` through click, on a temporary data directory;
hostile archives refused; the registry checks what plugins provide."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from annota.cli.datasets import export, formats, import_
from annota.formats.registry import GROUP, FormatRegistry, InvalidFormatPlugin, load_registry
from annota.settings import Settings
from annota.storage.db import Database
from tests.formats.corpus import MODULES, REGISTRY, corpus_or_skip
from tests.formats.roundtrip import stored


def invoke(command: object, args: list[str], settings: Settings) -> object:
    result = CliRunner().invoke(command, [*args, "--data", str(settings.data_dir)], obj={"formats": REGISTRY})  # type: ignore[arg-type]
    return result


def test_formats_lists_every_format_with_what_it_carries(settings: Settings) -> None:
    result = CliRunner().invoke(formats, [], obj={"formats": REGISTRY})
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split() == ["NAME", "IMPORT", "EXPORT", "CARRIES"]
    assert {line.split()[0] for line in lines[1:]} == set(REGISTRY.names())
    assert any(line.startswith("cvat_video") and "tracks" in line for line in lines)


def test_import_then_export_through_the_cli(database: Database, settings: Settings, tmp_path: Path) -> None:
    sample = corpus_or_skip("coco/dm_coco_instances")
    result = invoke(import_, [str(sample), "--project", "Shop"], settings)
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    assert "imported coco (detected, confidence 1.00) into project 'Shop'" in result.output  # type: ignore[attr-defined]
    out = tmp_path / "shop.zip"
    result = invoke(export, [str(out), "--project", "Shop", "--format", "yolo", "--annotated-only"], settings)
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    assert "left out (the format cannot hold them): 1 mask, 1 polygon" in result.output  # type: ignore[attr-defined]
    assert "obj.data" in zipfile.ZipFile(out).namelist()


def test_import_prints_every_problem_and_imports_nothing(
    database: Database, settings: Settings, tmp_path: Path
) -> None:
    (tmp_path / "instances_val.json").write_text(
        '{"images": [{"id": 1, "file_name": "a.jpg", "width": 4, "height": 4}], "categories": [{"id": 1, "name": "a"}],'  # noqa: E501
        ' "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "bbox": [0, 0, 1, 1]}]}'
    )
    result = invoke(import_, [str(tmp_path / "instances_val.json"), "--project", "P"], settings)
    assert result.exit_code == 1
    assert "a.jpg: no image file in the dataset and no media with this name in task 'P val'" in result.output  # type: ignore[attr-defined]
    assert stored(database, "P")["labels"] == set()


def test_zip_slip_archive_is_refused(database: Database, settings: Settings, tmp_path: Path) -> None:
    archive = tmp_path / "evil.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("../../outside.txt", "x")
    result = invoke(import_, [str(archive), "--project", "P", "--format", "coco"], settings)
    assert result.exit_code == 1
    assert "evil.zip: ../../outside.txt: unsafe path in archive" in result.output  # type: ignore[attr-defined]
    assert not (tmp_path.parent / "outside.txt").exists()


def test_unknown_format_is_a_usage_error(settings: Settings, tmp_path: Path) -> None:
    result = invoke(export, [str(tmp_path / "x"), "--project", "P", "--format", "nope"], settings)
    assert result.exit_code == 2
    assert "unknown format 'nope'" in result.output  # type: ignore[attr-defined]


def test_registry_refuses_a_plugin_whose_name_differs_from_its_entry_point() -> None:
    with pytest.raises(InvalidFormatPlugin):
        FormatRegistry({"other": MODULES[0].FORMAT})


def test_installed_entry_points_register_every_built_in_format() -> None:
    """Fails until pyproject.toml lists the part-1 formats under [project.entry-points."annota.formats"]."""
    names = set(load_registry().names())
    assert set(REGISTRY.names()) <= names, (
        f"missing from the {GROUP!r} entry points: {set(REGISTRY.names()) - names}"
    )


def test_import_by_project_id_goes_into_that_project_when_another_has_its_name(
    database: Database, settings: Settings, admin_id: int
) -> None:
    from annota.services.datasets import import_dataset
    from annota.storage import projects

    with database.write() as session:
        first = projects.create_project(session, owner_id=admin_id, name="Cars").id
        projects.create_project(session, owner_id=admin_id, name="Cars")
    with database.write() as session:
        result = import_dataset(session, settings, REGISTRY, corpus_or_skip("coco/dm_coco_instances"),
                                project_name="Cars", project_id=first, owner_id=admin_id)  # fmt: skip
    assert (result.project_id, result.project_created) == (first, False)
