"""Bucket notifications → Prefect events → the event-triggered processing deployment.

``sohoa watch`` listens to the inbox bucket (MinIO's listen API; the local JuiceFS gateway
speaks it) and emits one Prefect event per created object, with the dossier as its resource.
The ``process-dossier`` deployment in prefect.yaml is triggered by those events and sweeps
just that dossier's folder. Events are lossy (nothing is delivered while the watcher is down)
and may repeat: the every-minute sweep stays on as the reconciliation path, and the ledger
makes a repeated event a no-op.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from flows.masking import dossier_ref, mask_text
from flows.placement import dossier_code_of
from flows.settings import Settings
from storage.errors import StoreError

EVENT_NAME = "sohoa.inbox.object-created"
log = logging.getLogger("sohoa.watch")


def event_for(settings: Settings, key: str) -> dict | None:
    """The Prefect event (as keyword arguments of ``emit_event``) for one created object."""
    inbox = settings.location("inbox")
    if not key.startswith(inbox.prefix) or key.endswith("/"):
        return None
    relative = inbox.relative(key)
    dossier = dossier_code_of(relative)
    # Prefect stores events and the runs they trigger: a dossier named after a personal ID
    # goes there by its masked reference, which the sweep resolves (flows.sweep).
    ref = dossier_ref(dossier)
    return {
        "event": EVENT_NAME,
        "resource": {
            "prefect.resource.id": f"sohoa.dossier.{ref}",
            "prefect.resource.name": ref,
            "sohoa.dossier": ref,
            "sohoa.bucket": inbox.bucket,
        },
        "payload": {"key": mask_text(key), "prefix": f"{ref}/" if dossier != "unfiled" else ""},
    }


def watch(
    settings: Settings,
    *,
    emit: Callable[..., object] | None = None,
    notifications: Iterable[tuple[str, str]] | None = None,
    limit: int | None = None,
) -> int:
    """Emit an event per created inbox object; return how many were emitted.

    ``notifications`` defaults to the live stream of the inbox bucket; ``limit`` stops after
    that many events (tests and one-shot use); otherwise it runs until interrupted.
    """
    if emit is None:
        from prefect.events import emit_event

        emit = emit_event
    inbox = settings.location("inbox")
    stream = (
        notifications
        if notifications is not None
        else settings.object_store().listen(inbox.bucket, inbox.prefix)
    )
    emitted = 0
    for name, key in stream:
        event = event_for(settings, key)
        if event is None:
            continue
        emit(**event)
        emitted += 1
        log.info("%s %s → %s", name, mask_text(key), event["resource"]["prefect.resource.id"])
        if limit is not None and emitted >= limit:
            break
    return emitted


def watch_forever(settings: Settings) -> None:
    """Reconnect when the server closes the stream or restarts; the sweep covers the gap."""
    import time

    delay = 1.0
    while True:
        try:
            watch(settings)
            delay = 1.0
        except StoreError as exc:
            log.warning("notification stream lost (%s); reconnecting in %.0f s", exc, delay)
            time.sleep(delay)  # back-off between reconnects, not a synchronization
            delay = min(delay * 2, 60.0)
