"""Documents of a sweep on a Dask cluster (prefect-dask): a real LocalCluster of worker
processes, the same outcome as the thread runner."""

from __future__ import annotations

import json
from datetime import date

import pytest

from flows.sweep import run_sweep, task_runner
from flows.warehouse import open_warehouse
from storage.warehouse import ledger

TODAY = date(2026, 11, 28)


@pytest.mark.slow
@pytest.mark.parametrize("warehouse_url", ["sqlite"], indirect=True)
def test_sweep_on_a_local_dask_cluster_processes_each_document_once(settings, sample_dir):
    settings = settings.model_copy(update={"dask_address": "local", "max_parallel_documents": 2})
    assert type(task_runner(settings)).__name__ == "DaskTaskRunner"
    truths = [json.loads(line) for line in (sample_dir / "truth.jsonl").read_text().splitlines()][:3]
    store, inbox = settings.object_store(), settings.location("inbox")
    for t in truths:
        store.put(inbox.bucket, inbox.key(f"D-DASK/{t['file']}"), (sample_dir / t["file"]).read_bytes())

    summary = run_sweep(settings, trigger="cli", today=TODAY)

    assert summary.outcomes == {"processed": 3}
    assert {d["doc_type"] for d in summary.documents} == {t["doc_type"] for t in truths}
    assert not list(store.list(inbox.bucket, inbox.prefix))
    counts = ledger.counts(open_warehouse(settings.resolved_warehouse_url))
    assert {status: n for status, n in counts.items() if n} == {"done": 3}


def test_threads_unless_a_dask_address_is_set(settings):
    assert type(task_runner(settings)).__name__ == "ThreadPoolTaskRunner"
    remote = task_runner(settings.model_copy(update={"dask_address": "tcp://10.0.0.5:8786"}))
    assert type(remote).__name__ == "DaskTaskRunner" and remote.address == "tcp://10.0.0.5:8786"
