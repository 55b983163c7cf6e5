"""The job kinds: one module each, one line here. A kind is a function that runs a claimed job."""

from __future__ import annotations

from collections.abc import Mapping

from annota.jobs import exports, imports, tracking, video_proxy
from annota.jobs.runner import Kind

KINDS: Mapping[str, Kind] = {
    "import": imports.run,
    "export": exports.run,
    "tracking": tracking.run,
    "video_proxy": video_proxy.run,
}
