"""Dataset import and export, the use cases behind `annota import`, `annota export` and (later) the API jobs.

- `import_dataset(session, settings, registry, path, project_name=..., owner_id=..., format_name=None,
  task_name=None, progress=False, project_id=None) -> ImportResult`: all or nothing; raises `FormatError` /
  `MediaIngestError`. With `project_id`, into that project whatever its name.
- `export_dataset(session, settings, registry, project_id=..., format_name=..., target=..., with_images=False,
  annotated_only=False, task_name=None, progress=False) -> ExportResult`: streamed, constant memory.
- `resolve_format(registry, path, name)`: the named format, or the detected one with its confidence.

Both read and write formats through their record fast paths when they have them (`annota.formats.records`).
The registry is passed in (`annota.formats.registry.load_registry()` in production) so that tests and
callers decide which formats exist.
"""

from __future__ import annotations

from annota.services.dataset_export import ExportResult, export_dataset
from annota.services.dataset_import import ImportedTask, ImportResult, import_dataset, resolve_format

__all__ = [
    "ExportResult",
    "ImportResult",
    "ImportedTask",
    "export_dataset",
    "import_dataset",
    "resolve_format",
]
