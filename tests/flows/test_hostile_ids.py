"""Issue 17.3: files and dossiers named after a citizen's ID ("CCCD 079190001234.png",
dossier "HS-079190001234") leave the number nowhere but in the warehouse and the archive.

``sohoa sweep`` runs as a user runs it, on a Prefect home of its own; then the test greps its
stdout and stderr, Prefect's database (flow and task run names, tags, parameters, logs,
events, artifacts), every file under the data directory but the warehouse, and every object
of the store. What the store keeps under the original key is fixed here: the originals (in
the archive and the quarantine) and the document's own derivatives (derived/: its text, hOCR
and searchable PDF hold the document's IDs anyway, as the scan does). Reason files and
reports are masked.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess

import pytest

from storage.localserver import free_port
from tests.flows.helpers import SOHOA

PID = "079190001234"
DOSSIER = f"HS-{PID}"


# One database: the warehouse is the one place the number may stay, and it is not searched;
# each run starts a temporary Prefect server of its own (the costly part). The sweep on
# PostgreSQL is in test_sweep.py, test_review.py and the hostile batch.
@pytest.mark.slow
@pytest.mark.parametrize("warehouse_url", ["sqlite"], indirect=True)
def test_a_sweep_of_files_named_after_ids_leaks_no_id(settings, sample_dir, tmp_path, seed_prefect_home):
    png = sorted(sample_dir.rglob("*.png"))[0]
    store, inbox = settings.object_store(), settings.location("inbox")
    store.put(inbox.bucket, inbox.key(f"{DOSSIER}/CCCD {PID}.png"), png.read_bytes())
    store.put(inbox.bucket, inbox.key(f"{DOSSIER}/CCCD {PID} mặt sau.png"), b"not an image at all")

    prefect_home = tmp_path / "prefect"
    seed_prefect_home(prefect_home)  # already migrated: the server's start-up has less to do
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "SOHOA_"))}
    env |= settings.as_env() | {
        "PREFECT_HOME": str(prefect_home),
        "SOHOA_MAX_PARALLEL_DOCUMENTS": "1",
        "SOHOA_PREFECT_PORT": str(free_port()),  # no stack there: a temporary server
        "SOHOA_PREFECT_START_TIMEOUT_S": "300",
        "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "300",
    }
    out = subprocess.run([SOHOA, "sweep"], env=env, capture_output=True, timeout=900, cwd=tmp_path)
    assert out.returncode == 0, out.stderr.decode(errors="replace")[-3000:]
    assert json.loads(out.stdout.splitlines()[-1])["outcomes"] == {"processed": 1, "quarantined": 1}

    leaks: list[str] = []

    def check(where: str, data: bytes) -> None:
        if PID.encode() in data:
            leaks.append(where)

    check("stdout", out.stdout)
    check("stderr", out.stderr)
    databases = list(prefect_home.rglob("*.db"))
    assert databases, f"no Prefect database under {prefect_home}"
    seen_task_runs = 0
    for db in databases:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            seen_task_runs += con.execute(
                "select count(*) from task_run where name like 'process %'"
            ).fetchone()[0]
            for (table,) in con.execute("select name from sqlite_master where type='table'").fetchall():
                for row in con.execute(f'select * from "{table}"'):
                    check(
                        f"prefect {db.name}:{table}",
                        json.dumps(
                            [c.decode("latin-1") if isinstance(c, bytes) else c for c in row],
                            ensure_ascii=False,
                            default=str,
                        ).encode(),
                    )
        finally:
            con.close()
    assert seen_task_runs == 2  # the runs were recorded, under masked names
    for path in sorted(p for p in settings.data_dir.rglob("*") if p.is_file()):
        if not path.name.startswith("warehouse.db"):
            check(str(path), path.read_bytes())
    for path in prefect_home.rglob("*"):
        if path.is_file() and not path.name.endswith((".db", ".db-wal", ".db-shm")):
            check(str(path), path.read_bytes())

    kept_under_original_key = []
    roles = settings.locations
    for obj in store.list(inbox.bucket):
        role = next(r for r, loc in roles.items() if obj.key.startswith(loc.prefix))
        if PID in obj.key:
            kept_under_original_key.append((role, obj.key.endswith(".reason.json")))
        data = store.get(inbox.bucket, obj.key)
        if role in ("archive", "derived") or (role == "quarantine" and not obj.key.endswith(".reason.json")):
            continue  # the system of record and the document's own derivatives
        check(f"s3://{inbox.bucket}/{obj.key}", data)
    assert {role for role, _ in kept_under_original_key} <= {"archive", "quarantine", "derived"}
    assert ("archive", False) in kept_under_original_key and ("quarantine", False) in kept_under_original_key
    assert not leaks, f"unmasked ID in: {leaks}"
