"""The reference context is kept in memory per loaded version, and reloaded on a new one."""

from __future__ import annotations

from flows.quality_context import load_reference_context, load_reference_data
from storage.warehouse import reference as ref


def test_reference_context_is_cached_until_a_new_version_is_loaded(warehouse) -> None:
    assert load_reference_context(warehouse) is None  # nothing loaded yet
    load_reference_data(warehouse)
    first = load_reference_context(warehouse)
    assert first is not None and load_reference_context(warehouse) is first  # no reload

    ref.load_dataset(
        warehouse, ref.Dataset(ref.ID_CODES, "test-v2", "test", [{"code": "080", "name": "Long An"}])
    )
    second = load_reference_context(warehouse)
    assert second is not None and second is not first
    assert "test-v2" in second.version and "test-v2" not in first.version
