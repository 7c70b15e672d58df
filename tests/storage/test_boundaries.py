"""The storage package's place in the layering: plain values in and out, no upward imports."""

from __future__ import annotations

import json
import subprocess
import sys

from storage.objectstore import ObjectInfo

FORBIDDEN = ("flows", "ocr", "extractors", "quality", "prefect")


def test_storage_imports_nothing_above_it() -> None:
    code = (
        "import json, sys\n"
        "import storage, storage.errors, storage.keys, storage.objectstore, storage.localserver\n"
        "import storage.warehouse, storage.warehouse.ledger, storage.warehouse.documents\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    loaded = set(json.loads(out.stdout))
    assert "storage" in loaded and "sqlalchemy" in loaded and "minio" in loaded
    assert not loaded & set(FORBIDDEN), loaded & set(FORBIDDEN)


def test_object_info_is_a_hashable_plain_value() -> None:
    a = ObjectInfo("b", "k", "e", 1, None, metadata={"x": "1"})
    b = ObjectInfo("b", "k", "e", 1, None, metadata={"x": "1"})
    assert a == b and len({a, b}) == 1
    assert a != ObjectInfo("b", "k", "e", 1, None, metadata={"x": "2"})
