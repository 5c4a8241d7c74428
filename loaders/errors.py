"""The errors vn-cascade raises for its callers to show: each message is written for people, and each surface (the
CLI, the HTTP service) turns them into its own answer in one place."""

from __future__ import annotations


class VnCascadeError(Exception):
    """Base of every error the library means its callers to show as it is."""


class NotFound(VnCascadeError, LookupError):
    """A named thing is not there: a catalogue query, a document, an agency, an obligation."""


class InvalidRequest(VnCascadeError, ValueError):
    """A request the library cannot carry out as asked: an unknown finding type, a missing or malformed parameter,
    an unknown format."""


class UnknownFindingType(InvalidRequest):
    """A finding type or family the detectors do not report."""


class Unavailable(VnCascadeError):
    """A server the request needs does not answer, or refuses the service's credentials."""
