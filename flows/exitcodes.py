"""A stable set of exit codes (scripts and operators rely on them)."""

from enum import IntEnum


class ExitCode(IntEnum):
    ok = 0
    internal_error = 1
    usage = 2  # click/typer's own code for bad arguments
    input_unreadable = 3  # some files could not be read (each has an error line); the rest ran
    service_unavailable = 4  # object store or warehouse not reachable
    processing_incomplete = 5  # a sweep ended with documents that failed and will be retried
