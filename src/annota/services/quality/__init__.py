"""Quality control use cases (issue 7), one module each; the report API is re-exported here.

- `reports`: a job against its ground truth, a project's summary (`comparison_for`, `job_report`,
  `project_quality`);
- `wire`: the plain-data form of reports (`job_to_dict`, `project_to_dict`, ...);
- `settings`: a project's quality rules (`rules_of`);
- `ground_truth`: ground-truth jobs over chosen frames, honeypots sampled in each job;
- `breakdown`: per-annotator (the honeypot running score), per-task, the review queue and CSV;
- `consensus`: replicas of a job and their merge;
- `exams`: qualification exams, attempts, certificates and the assignment check.
"""

from annota.services.quality.reports import (
    COMPARED_KINDS,
    REFERENCE_KIND,
    Comparison,
    JobQuality,
    ProjectQuality,
    comparison_for,
    find_reference,
    job_report,
    project_quality,
)
from annota.services.quality.wire import (
    FrameDetail,
    conflict_to_dict,
    counts_to_dict,
    frame_to_dict,
    job_to_dict,
    label_names,
    labels_to_list,
    project_to_dict,
    settings_to_dict,
    tracking_to_dict,
    workspace_link,
)

__all__ = [
    "COMPARED_KINDS",
    "REFERENCE_KIND",
    "Comparison",
    "FrameDetail",
    "JobQuality",
    "ProjectQuality",
    "comparison_for",
    "conflict_to_dict",
    "counts_to_dict",
    "find_reference",
    "frame_to_dict",
    "job_report",
    "job_to_dict",
    "label_names",
    "labels_to_list",
    "project_quality",
    "project_to_dict",
    "settings_to_dict",
    "tracking_to_dict",
    "workspace_link",
]
