"""Local services listen on 127.0.0.1 only, unless told otherwise (read from the kernel's
socket table, so the test sees what is really bound, not what was asked for)."""

from __future__ import annotations

from pathlib import Path

from storage import localserver


def listening_addresses(port: int) -> set[str]:
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, _, hexport = local.partition(":")
            if state == "0A" and int(hexport, 16) == port:  # 0A = LISTEN
                found.add(address)
    return found


def test_local_object_store_binds_loopback_only(tmp_path):
    cfg = localserver.LocalServerConfig(data_dir=tmp_path / "s3", port=localserver.free_port())
    localserver.start(cfg)
    try:
        assert listening_addresses(cfg.port) == {"0100007F"}  # 127.0.0.1, nothing else
    finally:
        localserver.stop(cfg)


def test_stack_defaults_are_loopback():
    from flows.settings import Settings

    s = Settings(_env_file=None)
    assert s.prefect_host == "127.0.0.1" and s.s3_endpoint.startswith("127.0.0.1:")
