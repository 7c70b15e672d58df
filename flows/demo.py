"""``sohoa demo``: the whole path on the embedded defaults, end to end.

Starts the local S3 server, generates fictional sample scans of every document type (plus three unreadable files, to
show quarantine), drops them into the inbox as two dossiers, runs the sweep flow and writes a
batch report. Prints where everything is.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

from samples import generate
from storage import localserver

from .report import publish_report
from .settings import Settings

CONTENT_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".pdf": "application/pdf",
    ".tif": "image/tiff",
    ".tiff": "image/tiff",
}

# Dossier codes in the one-stop format {agency}-{yymmdd}-{seq} (domain-vn §2.8); fictional.
DOSSIERS = ("H12.01-261128-0001", "H12.01-261128-0002")
# One of each document type of fields.md, so the report shows every extractor and the
# master tables (citizens, enterprises, land parcels) that reuse is counted against.
DEMO_TYPES = (
    "administrative_decision",
    "citizen_id",
    "official_letter",
    "birth_certificate",
    "business_registration",
    "land_use_certificate",
    "marriage_certificate",
    "application_form",
)


def _bad_files() -> dict[str, bytes]:
    """What archivists really drop now and then: each must end in quarantine with a reason."""
    return {
        "empty-scan.pdf": b"",
        "ghi chu.pdf": "Đây là ghi chú, không phải tài liệu.\n".encode(),
        "truncated.jpg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00",
    }


def seed_inbox(settings: Settings, count: int, seed: int, workdir: Path) -> list[str]:
    store, inbox = settings.object_store(), settings.location("inbox")
    samples = generate(workdir, count=count, seed=seed, types=DEMO_TYPES)
    keys = []
    for i, sample in enumerate(samples):
        path = workdir / sample.file
        key = inbox.key(f"{DOSSIERS[i % len(DOSSIERS)]}/{path.name}")
        store.put(
            inbox.bucket,
            key,
            path.read_bytes(),
            content_type=CONTENT_TYPES.get(path.suffix.lower(), "application/octet-stream"),
        )
        keys.append(key)
    for name, data in _bad_files().items():
        key = inbox.key(f"{DOSSIERS[-1]}/{name}")
        store.put(inbox.bucket, key, data, content_type="application/octet-stream")
        keys.append(key)
    return keys


def run_demo(settings: Settings, *, count: int, seed: int, echo: Callable[[str], None] = print) -> str | Path:
    from .sweep import run_sweep  # Prefect is imported only when a flow runs

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    # Flow runs go to this project's own Prefect home unless the operator points elsewhere.
    os.environ.setdefault("PREFECT_HOME", str((settings.data_dir / "prefect").resolve()))
    # The temporary server would try to send usage telemetry: nothing leaves the machine.
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")

    status = localserver.start(settings.local_server())
    echo(f"object store: http://{status.endpoint} (data in {status.data_dir})")
    store = settings.object_store()
    for loc in settings.locations.values():
        store.ensure_bucket(loc.bucket)

    with tempfile.TemporaryDirectory() as tmp:
        keys = seed_inbox(settings, count, seed, Path(tmp))
    echo(f"dropped {len(keys)} files into s3://{settings.inbox}")

    from .quality_context import load_reference_data
    from .warehouse import open_warehouse

    loaded = load_reference_data(open_warehouse(settings.resolved_warehouse_url))
    echo("reference data: " + ", ".join(f"{r.dataset} {r.version}" for r in loaded))

    summary = run_sweep(settings, trigger="demo", today=date.today())

    # Full results come back from the derived JSON the flow wrote; errors from the outcome rows.
    documents = []
    for row in summary.documents:
        if row.get("outcome") == "processed":
            bucket, _, key = row["derived_json"].partition("/")
            documents.append(json.loads(store.get(bucket, key)))
        else:
            documents.append(row)

    report_path = summary.report or publish_report(
        settings, batch_id=summary.batch_id, out_dir=settings.data_dir / "reports"
    )
    reports = settings.location("reports")
    report_key = reports.key(f"batch-{summary.batch_id}/report.html")

    echo("")
    echo(f"batch {summary.batch_id}: " + ", ".join(f"{k} {v}" for k, v in sorted(summary.outcomes.items())))
    for doc in documents:
        q = doc.get("quality", {})
        echo(
            f"  {doc.get('source') or doc.get('key')}: {doc.get('doc_type', '-')} "
            f"{q.get('status') or doc.get('outcome')} {doc.get('error', '')}"
        )
    echo("")
    echo(f"warehouse:   {settings.resolved_warehouse_url}")
    echo(f"archive:     s3://{settings.archive}   quarantine: s3://{settings.quarantine}")
    echo(f"derivatives: s3://{settings.derived}")
    echo(f"report:      {report_path}  (also s3://{reports.bucket}/{report_key})")
    echo("stop the local store with: uv run sohoa storage stop")
    return report_path
