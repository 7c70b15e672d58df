"""bench fields' printers (the benchmark itself runs in ``make bench``)."""

from __future__ import annotations

from collections import Counter, defaultdict

import pytest

from bench.bench_fields import Score, _print_generated


def test_the_own_set_prints_without_the_blind_sets_keys(capsys: pytest.CaptureFixture[str]) -> None:
    # Regression: the own set's printer read "valid_held", which only the blind set has,
    # and `python -m bench fields` stopped after the clean figures (KeyError).
    total = Score()
    total.add("01/2024", "01/2024")
    total.add("Nguyễn Văn A", None)
    by_type: defaultdict[str, Score] = defaultdict(Score, {"birth_certificate": total})
    res = {
        "n": 1,
        "total": total,
        "by_type": by_type,
        "by_field": {("birth_certificate", "full_name"): total},
        "type_ok": Counter({"birth_certificate": 1}),
        "type_n": Counter({"birth_certificate": 1}),
        "misses": [("x.png", "full_name", "Nguyễn Văn A", None)],
        "by_damage": {},
        "status": Counter({"needs_review": 1}),
        "results": [{"violations": [("correct.field.unread", "error", "", "full_name")]}],
        "truths": [],
    }
    _print_generated("own set", res)
    out = capsys.readouterr().out
    assert "doc-type accuracy 1.000; field F1 0.667" in out
    assert "correct.field.unread[full_name] 1" in out
