"""The ``sohoa`` command line: the Typer apps, the options of every command, the one error
handler. The commands live beside it, one module per group (``flows/cli/__init__.py`` lists
them in the order ``sohoa --help`` shows). Errors go to stderr; exit codes are in
``flows/exitcodes.py``."""

from __future__ import annotations

import logging
import os
import sys
from typing import Annotated, Any

import typer
from rich.console import Console
from typer.core import TyperGroup

from flows.cli.errors import explain, is_service_error
from flows.errors import UsageError
from flows.exitcodes import ExitCode
from flows.masking import install_masking, mask_text
from flows.settings import Settings

err = Console(stderr=True, soft_wrap=True)  # one line per error, however narrow the terminal
_debug = False


def say_error(message: str) -> None:
    """One line on stderr, personal IDs masked."""
    err.print(f"[red]error:[/red] {mask_text(message)}", markup=True, highlight=False)


class _Commands(TyperGroup):
    """Every command runs inside this group: the one handler of known errors (see
    ``flows/cli/errors.py``) turns them into one line and their exit code."""

    def invoke(self, ctx: Any) -> Any:  # typer's own (vendored) click Context
        try:
            return super().invoke(ctx)
        except Exception as exc:
            known = explain(exc)
            if known is None:
                raise  # unexpected: main() says it in one line, --debug shows the traceback
            if _debug:
                err.print_exception()
            code, message = known
            say_error(message)
            raise typer.Exit(int(code)) from None


app = typer.Typer(
    cls=_Commands,
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
    # Patching logging on purpose (see above); mypy rejects assigning to a method.
    logging.Logger.addHandler = _add_quiet_handler  # type: ignore[method-assign,assignment]
    for logger in [logging.getLogger(), *logging.Logger.manager.loggerDict.values()]:
        for handler in getattr(logger, "handlers", []):
            _quiet(handler)


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
        raise UsageError(str(exc)) from exc


def main() -> None:
    """The ``sohoa`` entry point. Known errors are handled inside the commands' group
    (``_Commands``); an unexpected error is one line on stderr and an exit code (4 for a
    network error, 1 otherwise); ``--debug`` shows the traceback."""
    try:
        app()
    except (SystemExit, KeyboardInterrupt):
        raise
    except Exception as exc:
        if _debug:
            raise
        code = ExitCode.service_unavailable if is_service_error(exc) else ExitCode.internal_error
        first = (str(exc).strip().splitlines() or [""])[0]
        say_error(f"{type(exc).__name__}: {first} (--debug shows the traceback)")
        sys.exit(int(code))
