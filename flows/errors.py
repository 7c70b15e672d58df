"""Errors of sohoa's own that carry their exit code (``flows/exitcodes.py``).

The command line has one handler (``flows/cli/errors.py``): it prints the message on one
line and exits with the error's code, so no command maps errors to codes by hand. Errors of
the storage package (object store, warehouse) cannot import this module (storage does not
import flows): the same handler maps them by type.
"""

from __future__ import annotations

from flows.exitcodes import ExitCode


class SohoaError(Exception):
    """An error the user is told about in one line, with the exit code it carries."""

    exit_code: ExitCode = ExitCode.internal_error
    #: What failed, put before the message ("Prefect: …"); empty when the message says it.
    service: str = ""

    def message(self) -> str:
        return f"{self.service}: {self}" if self.service else str(self)


class UsageError(SohoaError):
    """Bad arguments or a request that cannot be met as asked (a document that does not exist)."""

    exit_code = ExitCode.usage


class ServiceUnavailable(SohoaError):
    """A service sohoa needs (Prefect, a process of the stack, the report server's port) is not there."""

    exit_code = ExitCode.service_unavailable
