"""Typed domain errors.

A :class:`UserError` carries a message meant for the person at the keyboard (Chinese by
default); anything else that escapes is a bug and is reported as such.
"""

from __future__ import annotations


class UserError(Exception):
    """A refusal the user can understand and act on."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ValidationError(UserError):
    """One or more fields are invalid; ``errors`` maps field key → message."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__("；".join(self.errors.values()))


class NotFound(UserError):
    """The record asked for does not exist (or is in the trash when that matters)."""


class TransitionRefused(UserError):
    """A status change that the case workflow does not allow."""


class StaleRecord(UserError):
    """The record was changed by someone else since it was loaded."""


class SetupRequired(UserError):
    """The data directory has no studio or county set up yet."""


class DatabaseBusy(UserError):
    """Another program holds the database lock for too long."""
