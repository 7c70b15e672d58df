"""The one place where errors become an exit code and a one-line message.

Errors of sohoa carry their code (:class:`flows.errors.SohoaError`); errors of the storage
package are told apart by type: a warehouse error names the warehouse, any other storage
error the object store, whatever their message says.
"""

from __future__ import annotations

from flows.errors import SohoaError
from flows.exitcodes import ExitCode
from flows.settings import Settings, safe_url


def _settings() -> Settings | None:
    try:
        return Settings()
    except Exception:  # settings that do not validate: say the error without the address
        return None


def _warehouse(detail: object) -> str:
    settings = _settings()
    where = f" {safe_url(settings.resolved_warehouse_url)}" if settings else ""
    return f"warehouse{where}: {detail}"


def _object_store(detail: object) -> str:
    settings = _settings()
    where = f" {settings.s3_endpoint}" if settings else ""
    return f"object store{where}: {detail}"


def explain(exc: BaseException) -> tuple[ExitCode, str] | None:
    """The exit code and the one-line message (unmasked) of a known error; None for an
    unexpected one, which ``main`` reports with its type (exit 1, or 4 for a network error)."""
    from sqlalchemy.exc import OperationalError

    from storage.errors import StoreError, WarehouseError, WarehouseUnavailable
    from storage.localserver import InsecureCredentials, LocalServerError

    if isinstance(exc, SohoaError):
        return exc.exit_code, exc.message()
    if isinstance(exc, InsecureCredentials):  # the default credentials on a reachable address
        return ExitCode.usage, str(exc)
    if isinstance(exc, WarehouseUnavailable):  # its message names the database already
        return ExitCode.service_unavailable, str(exc)
    if isinstance(exc, (WarehouseError, OperationalError)):
        return ExitCode.service_unavailable, _warehouse(exc)
    if isinstance(exc, LocalServerError):  # the local gateway: its message names it
        return ExitCode.service_unavailable, str(exc)
    if isinstance(exc, StoreError):
        return ExitCode.service_unavailable, _object_store(exc)
    return None


def is_service_error(exc: BaseException) -> bool:
    """An unexpected error of the network (exit 4), not of sohoa (exit 1)."""
    import httpx

    return isinstance(exc, (httpx.HTTPError, ConnectionError, TimeoutError))
