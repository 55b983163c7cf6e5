"""Authentication and authorization outcomes, free of HTTP (the API maps them to answers)."""

from __future__ import annotations


class NotAuthenticated(Exception):
    """No valid session or token: 401."""


class Hidden(Exception):
    """The caller may not know the object exists: answered as 404, like a missing object."""

    def __init__(self, entity: str, ident: object) -> None:
        super().__init__(f"{entity} {ident} not found")
        self.entity = entity
        self.ident = ident


class Forbidden(Exception):
    """The caller sees the object but may not do this to it: 403."""

    def __init__(self, action: str, entity: str) -> None:
        super().__init__(f"not allowed to {action} this {entity}")
        self.action = action
        self.entity = entity


class CsrfFailed(Exception):
    """An unsafe request authenticated by cookie lacks the matching CSRF header: 403."""


class Refused(Exception):
    """The caller may do this in general, but not now: the object's state forbids it (409).

    `type` names the reason for clients (`guidelines_not_acknowledged`, `transition_not_allowed`...);
    `loc` points at what to change.
    """

    status = 409

    def __init__(self, type: str, msg: str, loc: tuple[str | int, ...] = ()) -> None:
        super().__init__(msg)
        self.type = type
        self.msg = msg
        self.loc = loc
