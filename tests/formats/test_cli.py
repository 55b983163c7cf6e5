"""`annota formats`, `annota import`, `annota export` through click, on a temporary data directory;
hostile archives refused; the registry checks what plugins provide."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

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


EVERY_FORMAT = load_registry()


def invoke_any(command: object, args: list[str], settings: Settings) -> object:
    """`invoke` with every installed format."""
    return CliRunner().invoke(
        command, [*args, "--data", str(settings.data_dir)], obj={"formats": EVERY_FORMAT}
    )  # type: ignore[arg-type]


def test_formats_lists_the_options_of_each_format_with_their_defaults(settings: Settings) -> None:
    result = CliRunner().invoke(formats, [], obj={"formats": EVERY_FORMAT})
    assert result.exit_code == 0
    lines = [line.split(maxsplit=2) for line in result.output.split("OPTIONS")[1].splitlines()[1:]]
    assert lines[lines.index(["voc"]) + 1][:2] == ["export", "layout=full|flat"]
    assert "default full" in lines[lines.index(["voc"]) + 1][2]
    assert ["import", "frame_width=N"] in [line[:2] for line in lines]


def test_an_export_option_changes_what_is_written(
    database: Database, settings: Settings, tmp_path: Path
) -> None:
    invoke_any(import_, [str(corpus_or_skip("coco/dm_coco_instances")), "--project", "Shop"], settings)
    args = ["--project", "Shop", "--format", "voc", "--with-images"]
    full = invoke_any(export, [str(tmp_path / "full"), *args], settings)
    flat = invoke_any(export, [str(tmp_path / "flat"), *args, "--option", "layout=flat"], settings)
    assert full.exit_code == 0 and flat.exit_code == 0, flat.output  # type: ignore[attr-defined]
    assert (tmp_path / "full" / "Annotations").is_dir() and not (tmp_path / "flat" / "Annotations").exists()
    assert {p.suffix for p in (tmp_path / "flat").iterdir()} == {".jpg", ".xml"}


def test_an_import_option_is_passed_to_the_reader(
    database: Database, settings: Settings, tmp_path: Path
) -> None:
    rectangle = {"x": 1, "y": 1, "width": 1, "height": 1}
    video = {
        "id": "v",
        "type": "videorectangle",
        "value": {"sequence": [{"frame": 1, **rectangle}], "labels": ["car"]},
    }
    tasks = [{"id": 1, "data": {"video": "a.mp4"}, "annotations": [{"id": 1, "result": [video]}]}]
    (tmp_path / "tasks.json").write_text(json.dumps(tasks))
    args = [str(tmp_path / "tasks.json"), "--project", "V", "--format", "label_studio"]
    without = invoke_any(import_, args, settings)
    assert without.exit_code == 1 and "give the options frame_width and frame_height" in without.output  # type: ignore[attr-defined]
    sized = invoke_any(
        import_, [*args, "--option", "frame_width=640", "--option", "frame_height=480"], settings
    )
    # sized, the boxes are read: what fails now is the media, which the dataset does not have
    assert sized.output.splitlines()[-2:] == [  # type: ignore[attr-defined]
        "Error: a/frame_000000: no image file in the dataset and no media with this name in task 'V a'",
        "track 1 of subset 'a': keyframes on frames [0] have no item",
    ]


@pytest.mark.parametrize(
    ("command", "args", "message"),
    [
        (export, ["--format", "coco", "--option", "foo=1"],
         '--option foo: the coco format has no option "foo" (it has: none)'),
        (export, ["--format", "masks", "--option", "mode=rainbow"],
         "--option mode: expected one of palette, color, got 'rainbow'"),
        (export, ["--format", "voc", "--option", "layout"], "--option: expected KEY=VALUE, got 'layout'"),
        (import_, ["--format", "voc", "--option", "layout=flat"],
         '--option layout: the voc format has no import option "layout" (its import options: none)'),
        (import_, ["--format", "label_studio", "--option", "frame_width=wide"],
         "--option frame_width: expected a whole number above 0, got 'wide'"),
    ],
)  # fmt: skip
def test_a_bad_option_is_a_usage_error_before_any_work_starts(
    settings: Settings, tmp_path: Path, command: object, args: list[str], message: str
) -> None:
    target = tmp_path if command is import_ else tmp_path / "out"
    result = invoke_any(command, [str(target), "--project", "P", *args], settings)
    assert result.exit_code == 2, result.output  # type: ignore[attr-defined]
    assert message in result.output  # type: ignore[attr-defined]
    assert not settings.data_dir.exists() and not (tmp_path / "out").exists()  # not even a database


def test_an_import_prints_what_the_format_read_but_did_not_keep_with_its_place(
    database: Database, settings: Settings, tmp_path: Path
) -> None:
    rectangle = {"x": 1, "y": 1, "width": 2, "height": 2, "rectanglelabels": ["cat"]}
    results = [
        {"id": "r", "type": "rectanglelabels", "original_width": 8, "original_height": 8, "value": rectangle},
        {"id": "s", "type": "labels", "value": {"start": 0, "end": 4, "labels": ["name"]}},
    ]
    (tmp_path / "tasks.json").write_text(
        json.dumps([{"id": 1, "data": {"image": "a.jpg"}, "annotations": [{"id": 1, "result": results}]}])
    )
    Image.new("RGB", (8, 8)).save(tmp_path / "a.jpg")
    result = invoke_any(import_, [str(tmp_path), "--project", "P"], settings)
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    assert "1 warning(s): read but not kept" in result.output  # type: ignore[attr-defined]
    assert "  tasks.json: [0].annotations[0].result[1].type: 'labels' results are not kept" in result.output  # type: ignore[attr-defined]
