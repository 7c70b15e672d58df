"""One handler maps errors to exit codes and one-line messages (flows/cli/errors.py).

Regression: storage/warehouse/db.py raised the object store's error types, and the CLI told
a warehouse error from a store error by its message text; `sohoa report` and `reference
load` called any storage error a warehouse error. Now the type says which service failed.
"""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from flows.cli import app
from flows.cli.errors import explain
from flows.errors import UsageError
from flows.exitcodes import ExitCode
from flows.stack.prefectapi import PrefectUnavailable
from storage.errors import ObjectNotFound, StoreUnavailable, WarehouseError, WarehouseUnavailable
from storage.localserver import InsecureCredentials, LocalServerError, free_port


@pytest.fixture()
def env(tmp_path, monkeypatch) -> dict[str, str]:
    values = {
        "SOHOA_DATA_DIR": str(tmp_path / "data"),
        "SOHOA_S3_ENDPOINT": "127.0.0.1:9",
        "SOHOA_WAREHOUSE_URL": "sqlite:///" + str(tmp_path / "w.db"),
    }
    for key, value in values.items():
        monkeypatch.setenv(key, value)
    return values


def test_each_error_type_has_its_exit_code_and_names_its_service(env) -> None:
    url = env["SOHOA_WAREHOUSE_URL"]
    assert explain(WarehouseUnavailable(f"warehouse unavailable: {url}: locked")) == (
        ExitCode.service_unavailable,
        f"warehouse unavailable: {url}: locked",
    )
    assert explain(WarehouseError("ledger row 7 does not exist")) == (
        ExitCode.service_unavailable,
        f"warehouse {url}: ledger row 7 does not exist",
    )
    for store_error in (StoreUnavailable("timed out"), ObjectNotFound("inbox/a.pdf")):
        code, message = explain(store_error) or (None, "")
        assert code == ExitCode.service_unavailable and message.startswith("object store 127.0.0.1:9: ")
    assert explain(LocalServerError("gateway on 127.0.0.1:9 exited")) == (
        ExitCode.service_unavailable,
        "gateway on 127.0.0.1:9 exited",
    )
    assert explain(InsecureCredentials("refusing")) == (ExitCode.usage, "refusing")
    assert explain(PrefectUnavailable("no API")) == (ExitCode.service_unavailable, "Prefect: no API")
    assert explain(UsageError("bad")) == (ExitCode.usage, "bad")
    assert explain(ValueError("unexpected")) is None  # main() says it with its type, exit 1


@pytest.mark.parametrize("command", [["reference", "load"], ["report", "--batch", "1"], ["db", "upgrade"]])
def test_a_warehouse_outage_is_told_as_the_warehouse_not_the_store(env, monkeypatch, command) -> None:
    port = free_port()  # nothing listens there: the database is down
    monkeypatch.setenv("SOHOA_WAREHOUSE_URL", f"postgresql://postgres@127.0.0.1:{port}/sohoa")
    result = CliRunner().invoke(app, command)
    assert result.exit_code == 4, (result.output, result.exception)
    said = " ".join(result.stderr.split())  # the console wraps long lines
    assert said.startswith("error: warehouse unavailable: ") and f"127.0.0.1:{port}" in said, said
    assert "object store" not in said


def test_usage_errors_exit_2_with_their_line(env) -> None:
    result = CliRunner().invoke(app, ["report"])
    assert result.exit_code == 2
    assert result.stderr.strip() == "error: give exactly one of --batch ID, --since DATE or --yesterday"
