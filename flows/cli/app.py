"""The ``sohoa`` command line: the Typer apps, the options of every command, the one error
handler. The commands live beside it, one module per group (``flows/cli/__init__.py`` lists
them in the order ``sohoa --help`` shows). Errors go to stderr; exit codes are in
``flows/exitcodes.py``."""

from __future__ import annotations

import logging
import os
import sys
from typing import Annotated

import typer
from rich.console import Console

from flows.exitcodes import ExitCode
from flows.masking import install_masking, mask_text
from flows.settings import Settings

app = typer.Typer(
    help="sohoa — số hóa hồ sơ: OCR, fields and quality verdicts for dossiers.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
storage_app = typer.Typer(
    help="The local S3 server for development, tests and the demo.", no_args_is_help=True
)
db_app = typer.Typer(help="The warehouse (SQLite file by default, PostgreSQL by URL).", no_args_is_help=True)
stack_app = typer.Typer(
    help="The local orchestration stack: Prefect server, worker, watcher, store.", no_args_is_help=True
)
app.add_typer(stack_app, name="stack")
review_app = typer.Typer(help="Review documents that need a person's look.", no_args_is_help=True)
app.add_typer(review_app, name="review")
app.add_typer(storage_app, name="storage")
app.add_typer(db_app, name="db")
reference_app = typer.Typer(
    help="Reference data in the warehouse (versioned code lists).", no_args_is_help=True
)
app.add_typer(reference_app, name="reference")

err = Console(stderr=True, soft_wrap=True)  # one line per error, however narrow the terminal
_debug = False


def fail(message: str, code: ExitCode) -> None:
    err.print(f"[red]error:[/red] {mask_text(message)}", markup=True, highlight=False)
    raise typer.Exit(int(code))


@app.callback()
def _main(
    debug: Annotated[
        bool,
        typer.Option(
            "--debug", help="Show tracebacks (also of the Prefect runs); errors are one line without."
        ),
    ] = False,
) -> None:
    global _debug
    _debug = debug or os.environ.get("SOHOA_DEBUG", "") not in ("", "0", "false")
    install_masking()
    if not _debug:
        _quiet_tracebacks()


class _NoTraceback(logging.Formatter):
    """A console formatter that prints the message line of a record, not its traceback."""

    def __init__(self, inner: logging.Formatter | None):
        super().__init__()
        self.inner = inner or logging.Formatter()

    def format(self, record: logging.LogRecord) -> str:
        exc_info, exc_text, stack = record.exc_info, record.exc_text, record.stack_info
        record.exc_info = record.exc_text = record.stack_info = None
        try:
            return self.inner.format(record)
        finally:
            record.exc_info, record.exc_text, record.stack_info = exc_info, exc_text, stack


def _quiet(handler: logging.Handler) -> None:
    if isinstance(handler, logging.StreamHandler) and not isinstance(handler.formatter, _NoTraceback):
        handler.setFormatter(_NoTraceback(handler.formatter))


_add_handler = logging.Logger.addHandler


def _add_quiet_handler(self: logging.Logger, handler: logging.Handler) -> None:
    _quiet(handler)
    _add_handler(self, handler)


def _quiet_tracebacks() -> None:
    """Prefect's console handler prints each failed run's traceback (270 lines when the
    store was down): without --debug, its console shows the message line only. The runs'
    logs in the Prefect API keep their tracebacks. Idempotent: commands run many times in
    one process (tests) wrap each handler once (regression: nested wrappers recursed)."""
    logging.Logger.addHandler = _add_quiet_handler  # type: ignore[method-assign]
    for logger in [logging.getLogger(), *logging.Logger.manager.loggerDict.values()]:
        for handler in getattr(logger, "handlers", []):
            _quiet(handler)


def _service_error(exc: BaseException) -> bool:
    """An error of a service (store, database, Prefect), not of sohoa: exit 4."""
    import httpx

    from flows.stack.prefectapi import PrefectUnavailable
    from storage.errors import StoreError

    try:
        from sqlalchemy.exc import OperationalError
    except ImportError:  # pragma: no cover
        OperationalError = ()  # type: ignore[assignment,misc]
    return isinstance(
        exc,
        (StoreError, PrefectUnavailable, OperationalError, httpx.HTTPError, ConnectionError, TimeoutError),
    )


def refuse_default_credentials(settings: Settings) -> None:
    """The store's default credentials are for this machine only (exit 2 elsewhere)."""
    from storage.localserver import InsecureCredentials, check_credentials

    try:
        check_credentials(
            settings.s3_endpoint.rpartition(":")[0] or settings.s3_endpoint,
            settings.s3_access_key,
            settings.s3_secret_key.get_secret_value(),
        )
    except InsecureCredentials as exc:
        fail(str(exc), ExitCode.usage)


def main() -> None:
    """The ``sohoa`` entry point: an unexpected error is one line on stderr and an exit code
    (4 for a service that is down, 1 otherwise); ``--debug`` shows the traceback."""
    try:
        app()
    except (SystemExit, KeyboardInterrupt):
        raise
    except Exception as exc:
        if _debug:
            raise
        code = ExitCode.service_unavailable if _service_error(exc) else ExitCode.internal_error
        first = (str(exc).strip().splitlines() or [""])[0]
        err.print(
            f"[red]error:[/red] {type(exc).__name__}: {mask_text(first)} (--debug shows the traceback)",
            markup=True,
            highlight=False,
        )
        sys.exit(int(code))
