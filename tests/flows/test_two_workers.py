"""Two workers sweeping the same inbox at the same time: every document processed exactly once.

Two real ``sohoa sweep`` processes against one object store and one PostgreSQL warehouse; the
ledger's conditional claim decides who takes each file.
"""

from __future__ import annotations

import subprocess
from collections import Counter

import pytest
from sqlalchemy import func, select

from bench.bench_sweep import tiny_page
from flows.warehouse import open_warehouse
from storage.warehouse.models import Document, IngestLedger
from tests.flows.helpers import SOHOA, settings_env

DOCUMENTS = 40


@pytest.mark.slow
@pytest.mark.parametrize("warehouse_url", ["postgresql"], indirect=True)
def test_two_workers_forty_documents_each_processed_once(settings):
    store, inbox = settings.object_store(), settings.location("inbox")
    # One line of real text a page: the test is about claims, not reading (the sample pages
    # took ~40 full-page reads; a line is read in a fraction of a second, still by Tesseract).
    for i in range(DOCUMENTS):
        data = tiny_page(i)
        store.put(inbox.bucket, inbox.key(f"D-{i % 4}/page-{i:02d}.png"), data, content_type="image/png")

    env = settings_env(settings)
    workers = [
        subprocess.Popen(
            [SOHOA, "sweep"],
            env={**env, "SOHOA_WORKER_ID": f"worker-{n}"},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in (1, 2)
    ]
    outputs = [w.communicate(timeout=900) for w in workers]
    assert [w.returncode for w in workers] == [0, 0], [o[1][-2000:] for o in outputs]

    sf = open_warehouse(settings.resolved_warehouse_url)
    with sf() as s:
        keys = s.scalars(select(Document.source_key)).all()
        by_worker = Counter(s.scalars(select(IngestLedger.claimed_by)).all())
        statuses = set(s.scalars(select(IngestLedger.status)).all())
        ledger_rows = s.scalar(select(func.count()).select_from(IngestLedger))
    assert len(keys) == DOCUMENTS and len(set(keys)) == DOCUMENTS, "lost or duplicated documents"
    assert ledger_rows == DOCUMENTS and statuses == {"done"}
    assert list(store.list(inbox.bucket, inbox.prefix)) == []
    assert set(by_worker) <= {"worker-1", "worker-2"}, by_worker
