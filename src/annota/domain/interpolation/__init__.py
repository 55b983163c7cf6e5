"""Track interpolation: the rules of docs/interpolation.md, which the TypeScript canvas core implements too.

Both pass the same vectors in ``spec/interpolation/``. The public API is re-exported here.
"""

from annota.domain.interpolation.frame_tags import tags_at
from annota.domain.interpolation.kinds import interpolate_geometry, segment
from annota.domain.interpolation.state import TrackState, expand, shape_at, state_to_dict

__all__ = ["TrackState", "expand", "interpolate_geometry", "segment", "shape_at", "state_to_dict", "tags_at"]
