"""Located problems (`loc`, `msg`, `type`): the domain's type, used by storage for its own refusals too."""

from annota.domain.problems import Loc, Problem

__all__ = ["Loc", "Problem"]
