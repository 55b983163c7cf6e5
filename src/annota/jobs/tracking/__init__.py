"""The ``tracking`` job kind (issue 4, "Tracker-assisted annotation").

- ``plan``: the request checked against the job's annotations, frozen into the job's params;
- ``trackers``: OpenCV box trackers (CSRT, KCF, MIL) and optical flow for points;
- ``frames``: the task's frames as the editor shows them;
- ``keyframes``: how a run enters a track (the re-tracking rules), pure;
- ``run``: the job itself.
"""

from annota.jobs.tracking.run import run

__all__ = ["run"]
