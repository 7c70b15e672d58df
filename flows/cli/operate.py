"""Operating the local stack: ``sohoa stack``, ``storage``, ``db``, ``watch``, ``serve-reports``."""

from __future__ import annotations

from typing import Annotated

import typer

from flows.cli.app import app, db_app, refuse_default_credentials, stack_app, storage_app
from flows.errors import ServiceUnavailable
from flows.exitcodes import ExitCode
from flows.settings import Settings

# ---- stack and watch: operating it ------------------------------------------------------


@stack_app.command("up")
def stack_up(workers: Annotated[int, typer.Option(help="Process workers to start.")] = 1) -> None:
    """Start store, Prefect server, work pool, deployments, workers and the bucket watcher."""
    from flows.stack import Stack

    Stack(Settings()).up(echo=typer.echo, workers=workers)


@stack_app.command("down")
def stack_down() -> None:
    """Stop the watcher, the workers, the Prefect server and the local store."""
    from flows.stack import Stack

    Stack(Settings()).down(echo=typer.echo)


@stack_app.command("status")
def stack_status() -> None:
    """Say what runs (exit 4 if anything is down)."""
    from flows.stack import Stack

    parts = Stack(Settings()).parts()
    for name, (up, detail) in parts.items():
        typer.echo(f"{name:16}{'ok  ' if up else 'DOWN'}  {detail}")
    if not all(up for up, _ in parts.values()):
        raise typer.Exit(int(ExitCode.service_unavailable))


@stack_app.command("add-worker")
def stack_add_worker(number: Annotated[int, typer.Argument(help="Worker number (2, 3, …).")]) -> None:
    """Start one more process worker on this machine, pulling from the same work pool."""
    from flows.stack import Stack

    pid = Stack(Settings()).add_worker(number)
    typer.echo(f"worker-{number} pid={pid}")


@app.command("serve-reports")
def serve_reports() -> None:
    """Serve reports and archived originals read-only at lasting URLs (started by `stack up`)."""
    import logging

    from flows.report.server import serve

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    settings = Settings()
    try:
        serve(settings)
    except OSError as exc:  # the port is taken, or the address is not this host's
        raise ServiceUnavailable(
            f"report server on {settings.report_host}:{settings.report_port}: {exc}"
        ) from exc


@app.command()
def watch(
    limit: Annotated[int, typer.Option(help="Stop after this many events (0: run forever).")] = 0,
) -> None:
    """Turn inbox bucket notifications into Prefect events that trigger processing."""
    import logging

    from flows.watch import watch as watch_once
    from flows.watch import watch_forever

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    settings = Settings()
    if limit:
        typer.echo(f"emitted {watch_once(settings, limit=limit)} events")
    else:
        watch_forever(settings)


# ---- storage: the local S3 server -------------------------------------------------------


@storage_app.command("start")
def storage_start() -> None:
    """Start the local S3 server (JuiceFS gateway) and create the buckets."""
    from storage import localserver

    settings = Settings()
    refuse_default_credentials(settings)
    status = localserver.start(settings.local_server())
    store = settings.object_store()
    for loc in settings.locations.values():
        store.ensure_bucket(loc.bucket)
    typer.echo(f"running pid={status.pid} endpoint=http://{status.endpoint} data={status.data_dir}")


@storage_app.command("stop")
def storage_stop() -> None:
    """Stop the local S3 server."""
    from storage import localserver

    stopped = localserver.stop(Settings().local_server())
    typer.echo("stopped" if stopped else "not running")


@storage_app.command("status")
def storage_status() -> None:
    """Say whether the local S3 server runs (exit 4 if not)."""
    from storage import localserver

    status = localserver.status(Settings().local_server())
    typer.echo(
        f"{'running' if status.running else 'stopped'} endpoint=http://{status.endpoint} "
        f"data={status.data_dir}" + (f" pid={status.pid}" if status.pid else "")
    )
    if not status.running:
        raise typer.Exit(int(ExitCode.service_unavailable))


# ---- db ---------------------------------------------------------------------------------


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Create or migrate the warehouse schema to the newest version."""
    from storage.errors import StoreError, WarehouseError
    from storage.warehouse import db

    settings = Settings()
    try:
        db.migrate(db.make_engine(settings.resolved_warehouse_url))
    except StoreError:
        raise
    except Exception as exc:  # a bad URL, a failed migration: still the warehouse's error (exit 4)
        raise WarehouseError(str(exc)) from exc
    typer.echo("warehouse at head")
