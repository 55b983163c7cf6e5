"""Dataset import and export, the use cases behind `annota import`, `annota export` and (later) the API jobs.

- `import_dataset(session, settings, registry, path, project_name=..., owner_id=..., format_name=None,
  task_name=None, progress=False, project_id=None, options=None) -> ImportResult`: all or nothing; raises
  `OptionError` / `FormatError` / `MediaIngestError`. With `project_id`, into that project whatever its name.
  The result's ``warnings`` say what the reader did not keep.
- `export_dataset(session, settings, registry, project_id=..., format_name=..., target=..., with_images=False,
  annotated_only=False, task_name=None, progress=False, options=None) -> ExportResult`: streamed, constant
  memory; `OptionError` before anything is written.
- `audit_export(session, actor_id=..., project_id=..., result=..., **facts)`: the export's audit entry.
- `resolve_format(registry, path, name)`: the named format, or the detected one with its confidence.

Both read and write formats through their record fast paths when they have them (`annota.formats.records`).
The registry is passed in (`annota.formats.registry.load_registry()` in production) so that tests and
callers decide which formats exist.
"""

from __future__ import annotations

from annota.services.dataset_export import ExportResult, audit_export, export_dataset
from annota.services.dataset_import import ImportedTask, ImportResult, import_dataset, resolve_format

__all__ = [
    "ExportResult",
    "ImportResult",
    "ImportedTask",
    "audit_export",
    "export_dataset",
    "import_dataset",
    "resolve_format",
]
