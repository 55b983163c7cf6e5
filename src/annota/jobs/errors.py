"""How a job kind ends early: cancelled, failed with located problems, or to be retried later."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

ErrorItem = dict[str, Any]


def error_item(loc: Sequence[str | int], msg: str, type: str) -> ErrorItem:
    """A problem in the API's error item shape."""
    return {"loc": list(loc), "msg": msg, "type": type}


class JobCancelled(Exception):
    """Someone asked the job to stop; raised at the next check between chunks of work."""


class JobFailed(Exception):
    """The job cannot succeed as asked (bad file, missing object): retrying would not help."""

    def __init__(self, message: str, problems: Iterable[ErrorItem] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.problems = list(problems) or [error_item((), message, "job_failed")]


class RetryLater(Exception):
    """Not possible yet (a video still being indexed): the job goes back to the queue for a while."""

    def __init__(self, message: str, delay_s: float = 30.0) -> None:
        super().__init__(message)
        self.message = message
        self.delay_s = delay_s


def gone(entity: str, field: str) -> JobFailed:
    """The job's subject was deleted after the job was queued."""
    msg = f"the {entity} no longer exists"
    return JobFailed(msg, [error_item((field,), msg, "missing")])


def located(message: str, problems: Iterable[Any]) -> JobFailed:
    """A failure with problems that have ``loc``, ``msg`` and ``type`` (domain, media, storage)."""
    return JobFailed(message, [error_item(p.loc, p.msg, str(p.type)) for p in problems])


def refused_options(problems: Iterable[Any]) -> JobFailed:
    """Format options refused (`annota.formats.options.OptionProblem`s), each at ``("options", key)``."""
    items = [error_item(("options", p.key) if p.key else ("options",), p.msg, "bad_option") for p in problems]
    return JobFailed("the format options were refused", items)
