"""The project's own exceptions: each carries a message a user can act on.

The CLI maps them to exit codes and the API to HTTP statuses, each in one place.
"""

import errno

# A write that failed for want of space: it would fail every article, so batch work stops on it.
OUT_OF_SPACE_ERRNOS = frozenset({errno.ENOSPC, errno.EFBIG, errno.EDQUOT})


class VeracityError(Exception):
    """Base class: something the user can fix or should know about; never a bug."""

    exit_code = 1
    http_status = 400


class ConfigError(VeracityError):
    """A ``VERACITY_*`` setting holds a value it cannot take (not a number, out of range)."""

    exit_code = 11
    http_status = 500


class InputError(VeracityError):
    """The input is empty, binary, undecodable or otherwise not an article.

    ``title``: the headline of a page refused as no article (only site furniture) where the
    page or the caller gave one, kept where the error is reported with it (a batch row).
    """

    exit_code = 2
    http_status = 400

    def __init__(self, message: str = "", *, title: str | None = None) -> None:
        super().__init__(message)
        self.title = title


class InputTooLargeError(InputError):
    """The input is over the configured size limit."""

    exit_code = 3
    http_status = 413


class SourceNotFoundError(InputError):
    """A file that does not exist or cannot be read."""

    exit_code = 4
    http_status = 404


class FetchError(VeracityError):
    """A URL that cannot or must not be fetched (unreachable, private address, bad scheme)."""

    exit_code = 5
    http_status = 400


class ModelError(VeracityError):
    """A shipped model artefact is missing, corrupt or from an incompatible version."""

    exit_code = 6
    http_status = 500


class DataError(VeracityError):
    """The labelled corpora are missing or malformed (training and evaluation only)."""

    exit_code = 7
    http_status = 500


class OutputError(VeracityError):
    """An output file cannot be written: disk full, file size limit, permissions."""

    exit_code = 8
    http_status = 500


def unreadable(exc: Exception) -> str:
    """Why a stored file could not be read, in words a user can act on: NumPy reads a file that
    is no array file as one holding pickled objects, and its own message then suggests loading
    it unsafely (``allow_pickle``)."""
    if isinstance(exc, ValueError) and "allow_pickle" in str(exc):
        return "not a NumPy array file"
    return str(exc)
