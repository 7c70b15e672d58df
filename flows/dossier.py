"""The event-triggered path: one flow run per dossier drop, not one per file.

The watcher emits one ``sohoa.inbox.object-created`` event per file. The deployment's trigger
(prefect.yaml) collects them per dossier (``for_each: prefect.resource.id``) and fires on the
first event of a dossier, then ignores that dossier's events for ``within`` seconds: a drop of
N files into D dossiers costs D runs. The deployment's concurrency limit (``ENQUEUE``) runs
them a few at a time, and the ``ocr`` tag limit keeps one Tesseract per core across all of
them. Files that arrive after a run listed its dossier, inside the quiet window, are taken by
the next event after the window or by the minute sweep (the reconciliation path).
"""

from __future__ import annotations

import os
import time
from typing import Any, cast

from prefect import flow, get_run_logger
from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner

from flows.masking import install_masking, mask_text
from flows.settings import Settings
from flows.sweep import SweepSummary, _list_inbox, sweep

install_masking()  # flow runs started by a worker never pass through the CLI


def wait_until_quiet(
    settings: Settings,
    prefix: str,
    *,
    quiet_s: float,
    at_most_s: float,
    clock=time.monotonic,
    pause=time.sleep,
) -> int:
    """Wait until two listings of the dossier ``quiet_s`` apart are the same (the drop has
    landed), but no longer than ``at_most_s``; return how many objects it holds.

    An S3 object appears whole when its upload ends, so a listing never shows half a file;
    this only keeps a drop that is still arriving from being split over two runs."""
    deadline = clock() + at_most_s
    seen = {(o.key, o.etag) for o in _list_inbox(settings, prefix)}
    while clock() < deadline:
        pause(quiet_s)  # a debounce of the drop, not a synchronization of our own work
        now = {(o.key, o.etag) for o in _list_inbox(settings, prefix)}
        if now == seen:
            break
        seen = now
    return len(seen)


def _run_name() -> str:
    from prefect.runtime import flow_run

    params = flow_run.parameters or {}
    scope = (params.get("prefix") or "").strip("/") or "inbox"
    return mask_text(f"sweep {scope} (event)")


@flow(
    name="sweep-inbox",
    flow_run_name=_run_name,
    log_prints=False,
    # Prefect's generic types do not accept its own thread-pool runner here without a cast.
    task_runner=cast(TaskRunner[Any], ThreadPoolTaskRunner(max_workers=os.cpu_count() or 2)),
)
def process_dossier(
    prefix: str = "", quiet_s: float = 3.0, at_most_s: float = 60.0, settings: Settings | None = None
) -> SweepSummary:
    """Sweep one dossier folder (``"<dossier-code>/"``) once its drop has landed."""
    settings = settings or Settings()
    objects = wait_until_quiet(settings, prefix, quiet_s=quiet_s, at_most_s=at_most_s)
    get_run_logger().info("dossier %s: %d object(s) in the inbox", mask_text(prefix or "(all)"), objects)
    # The sweep's body in this run: one run (and one batch) per dossier drop, not a child run.
    return sweep.fn(settings=settings, trigger="event", prefix=prefix)
