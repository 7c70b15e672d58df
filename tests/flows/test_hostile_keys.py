"""Object keys cannot escape their prefix: odd keys are processed or quarantined under a safe
name, with the original key kept in the reason, and the batch goes on."""

from __future__ import annotations

import json
from datetime import date

from flows.sweep import run_sweep


def test_unsafe_keys_are_quarantined_under_safe_names(settings, sample_dir):
    page = next(sample_dir.rglob("*.png")).read_bytes()
    store, inbox, quarantine = (
        settings.object_store(),
        settings.location("inbox"),
        settings.location("quarantine"),
    )
    hostile = {
        inbox.prefix + "D-KEYS/control\x01char.png": page,
        inbox.prefix + "D-KEYS/" + "x" * 1000 + ".png": page,  # too long once re-prefixed
    }
    fine = inbox.key("D-KEYS/back\\slash and ümlaut #1.png")
    for key, data in [*hostile.items(), (fine, page)]:
        # The raw SDK: our own put refuses these keys, an archivist's scanner may not.
        store._client.put_object(
            inbox.bucket, key, __import__("io").BytesIO(data), len(data), content_type="image/png"
        )

    summary = run_sweep(settings, trigger="cli", today=date(2026, 11, 28))

    assert list(store.list(inbox.bucket, inbox.prefix)) == []
    errors = {d["key"]: d.get("error") for d in summary.documents}
    assert errors[fine] is None and summary.count("processed") == 1
    for key in hostile:
        assert errors[key] == "unsafe_key"
    reasons = [
        o.key for o in store.list(quarantine.bucket, quarantine.prefix) if o.key.endswith(".reason.json")
    ]
    assert len(reasons) == 2
    for rkey in reasons:
        assert "/_unsafe-keys/" in rkey and "\x01" not in rkey and len(rkey) < 200
        reason = json.loads(store.get(quarantine.bucket, rkey))
        assert reason["source"]["key"] in hostile and reason["error"]["code"] == "unsafe_key"
