"""Typed settings, read from ``SOHOA_*`` environment variables or a ``.env`` file.

Configuration is passed into flows and tasks as a value; nothing reads a global.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path
from typing import Any

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from ocr.settings import OcrSettings
from storage.localserver import DEV_ACCESS_KEY, DEV_SECRET_KEY, LocalServerConfig
from storage.objectstore import Location, ObjectStore


def safe_url(url: str) -> str:
    """A database URL fit for logs: the password hidden."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # not a URL at all: show nothing of it
        return "<unparseable url>"


def _default_worker_id() -> str:
    return f"{socket.gethostname()}-{os.getpid()}"


# The default of SOHOA_RETRY_DELAYS, also in the tasks' decorators for a task called alone
# (outside a flow, which applies the settings' own value with ``retrying``).
DEFAULT_RETRY_DELAYS: list[float] = [1.0, 5.0, 15.0]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="SOHOA_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    # Where local state lives: the embedded warehouse, the local S3 server's data, demo output.
    data_dir: Path = Path(".sohoa")
    # Empty means the embedded SQLite file under data_dir. PostgreSQL:
    # postgresql+psycopg://user@host:5432/sohoa
    warehouse_url: SecretStr = SecretStr("")  # secret: a URL may carry a password

    s3_endpoint: str = "127.0.0.1:9000"
    # Development defaults, refused on a non-loopback endpoint (storage.localserver).
    s3_access_key: str = DEV_ACCESS_KEY
    s3_secret_key: SecretStr = SecretStr(DEV_SECRET_KEY)  # 8+ characters (MinIO rule)
    s3_secure: bool = False
    s3_region: str = "us-east-1"
    # Retries inside one store call (connection errors, 502-504); the caller's own back-off
    # (retry_delays) comes on top, so a few quick ones here are enough.
    s3_retries: int = 3
    s3_timeout_s: float = 60.0

    # Each role is "bucket/prefix/"; they may share a bucket (the default) or not.
    inbox: str = "sohoa/inbox/"
    archive: str = "sohoa/archive/"
    quarantine: str = "sohoa/quarantine/"
    derived: str = "sohoa/derived/"
    reports: str = "sohoa/reports/"

    worker_id: str = Field(default_factory=_default_worker_id)
    lease_seconds: int = 900  # a claimed document is taken over after this if its worker died
    max_attempts: int = 3  # a file that fails this often is quarantined, never retried forever
    # Back-off between Prefect's retries of a task after a transient store/database error
    # (SOHOA_RETRY_DELAYS). Each flow applies it to its tasks (``retrying``).
    retry_delays: list[float] = Field(default_factory=lambda: list(DEFAULT_RETRY_DELAYS))
    max_parallel_documents: int = Field(default_factory=lambda: os.cpu_count() or 2)
    # Run the documents of a sweep on a Dask cluster (prefect-dask) instead of this process's
    # threads: a scheduler address (tcp://host:8786), or "local" for a temporary cluster of
    # one single-threaded worker process per document slot. Empty: threads.
    dask_address: str = ""

    # The local orchestration stack (`sohoa stack up`).
    prefect_host: str = "127.0.0.1"
    prefect_port: int = 4200
    # The read-only report server (`sohoa serve-reports`, started by `stack up`): reports and
    # archived originals at plain, lasting URLs. ``report_base_url`` is the address auditors
    # use (e.g. http://baocao.sohoa.internal:4300 behind the organization's proxy); empty:
    # http://<report_host>:<report_port>.
    report_host: str = "127.0.0.1"
    report_port: int = 4300
    report_base_url: str = ""
    # Empty: Prefect's own SQLite under data_dir. Set a PostgreSQL URL when many workers write
    # (postgresql+asyncpg://postgres@127.0.0.1:5432/prefect).
    prefect_database_url: SecretStr = SecretStr("")
    work_pool: str = "sohoa-process"
    # A command with no Prefect server to use starts a temporary one; a fresh PREFECT_HOME
    # creates its database first, which took over Prefect's 20 s on a loaded 2-core machine.
    prefect_start_timeout_s: float = 180.0
    ocr_concurrency: int = Field(default_factory=lambda: os.cpu_count() or 2)

    ocr_language: str = "vie"
    ocr_render_dpi: int = 300
    ocr_page_timeout_s: int = 120
    ocr_max_pixels: int = 120_000_000
    ocr_max_pages: int = 2000  # pages of a PDF, frames of a TIFF
    # Limits of one document, the same for every format (ocr/settings.py): pixels decoded or
    # rendered in all, and MiB one compressed PDF stream may inflate to (deflate bombs).
    ocr_max_document_pixels: int = 10_000_000_000
    ocr_max_stream_mb: int = 256
    # Each document is read in a child process of its own (flows/isolation.py): its crash or
    # its running out of memory ends that child, not the batch. Its address space is capped
    # at this many MiB (RLIMIT_AS); ~650 MiB is mapped reading an ordinary page.
    isolate_documents: bool = True
    max_document_memory_mb: int = 3072
    # Poorly read pages are read again deblurred by the larger model (ocr/settings.py).
    ocr_reread_below_confidence: float = OcrSettings.deblur_below_confidence
    ocr_reread_language: str = OcrSettings.reread_language
    # The other recognizers' models (trueocr's folder, PP-OCR's ONNX file; empty = those in
    # their wheels) and whether one that cannot be loaded stops the document (True) or the
    # others vote without it (ocr/settings.py).
    ocr_second_engine_model_dir: str = OcrSettings.second_engine_model_dir
    ocr_ppocr_model_path: str = OcrSettings.ppocr_model_path
    ocr_ppocr6_model_path: str = OcrSettings.ppocr6_model_path
    ocr_second_engine_required: bool = OcrSettings.second_engine_required
    # Tesseract reads pages of more DPI from a copy reduced to this (0: as they are).
    ocr_tesseract_max_dpi: int = OcrSettings.tesseract_max_dpi
    # Misread tone marks put back from the word list (ocr/tones.py); false reads as Tesseract did.
    ocr_tones: bool = OcrSettings.tones
    # "…" told from "..." by the spacing of the dots (ocr/ellipsis.py); false keeps "...".
    ocr_ellipses: bool = OcrSettings.ellipses
    # Ruled tables read cell by cell, row by row (ocr/tables.py); false reads them as Tesseract did.
    ocr_tables: bool = OcrSettings.tables
    # A signature block a seal's ring broke read again line by line (ocr/signature.py).
    ocr_signature_lines: bool = OcrSettings.signature_lines
    # A number written one digit a printed box (a form's ID) read box by box (ocr/boxes.py).
    ocr_boxed_numbers: bool = OcrSettings.boxed_numbers
    # A long number or a written-in date Tesseract read unsure read again by the line engines (ocr/digits.py).
    ocr_reread_numbers: bool = OcrSettings.reread_numbers
    # A sheet photographed on a table warped flat and upright first (ocr/flatten.py).
    ocr_flatten_photos: bool = OcrSettings.flatten_photos
    # A card photo's motion blur deconvolved, and the cut-out card's contrast evened (ocr/card.py).
    ocr_card_unsmear: bool = OcrSettings.card_unsmear
    ocr_card_even: bool = OcrSettings.card_even

    # ---- derived views -------------------------------------------------------------
    @property
    def resolved_warehouse_url(self) -> str:
        if url := self.warehouse_url.get_secret_value():
            return url
        return f"sqlite:///{(self.data_dir / 'warehouse.db').resolve()}"

    def as_env(self) -> dict[str, str]:
        """These settings as SOHOA_* variables, for child processes (workers, flow runs)."""
        env = {}
        for name in type(self).model_fields:
            value = getattr(self, name)
            if isinstance(value, SecretStr):
                value = value.get_secret_value()
            elif isinstance(value, Path):
                value = value.resolve()
            env[f"SOHOA_{name.upper()}"] = str(value)
        env["SOHOA_WAREHOUSE_URL"] = self.resolved_warehouse_url
        env.pop("SOHOA_WORKER_ID", None)  # each process names itself
        return env

    @property
    def report_links_base(self) -> str:
        return self.report_base_url or f"http://{self.report_host}:{self.report_port}"

    @property
    def prefect_api_url(self) -> str:
        return f"http://{self.prefect_host}:{self.prefect_port}/api"

    def location(self, role: str) -> Location:
        return Location.parse(getattr(self, role))

    @property
    def locations(self) -> dict[str, Location]:
        return {r: self.location(r) for r in ("inbox", "archive", "quarantine", "derived", "reports")}

    def object_store(self) -> ObjectStore:
        return ObjectStore(
            self.s3_endpoint,
            self.s3_access_key,
            self.s3_secret_key.get_secret_value(),
            secure=self.s3_secure,
            region=self.s3_region,
            retries=self.s3_retries,
            timeout=self.s3_timeout_s,
        )

    def local_server(self) -> LocalServerConfig:
        host, _, port = self.s3_endpoint.rpartition(":")
        return LocalServerConfig(
            data_dir=(self.data_dir / "s3").resolve(),
            host=host or "127.0.0.1",
            port=int(port or 9000),
            access_key=self.s3_access_key,
            secret_key=self.s3_secret_key.get_secret_value(),
        )

    def ocr(self) -> OcrSettings:
        return OcrSettings(
            language=self.ocr_language,
            render_dpi=self.ocr_render_dpi,
            page_timeout_s=self.ocr_page_timeout_s,
            max_pixels=self.ocr_max_pixels,
            max_pages=self.ocr_max_pages,
            max_document_pixels=self.ocr_max_document_pixels,
            max_stream_bytes=self.ocr_max_stream_mb << 20,
            deblur_below_confidence=self.ocr_reread_below_confidence,
            reread_language=self.ocr_reread_language,
            second_engine_model_dir=self.ocr_second_engine_model_dir,
            ppocr_model_path=self.ocr_ppocr_model_path,
            ppocr6_model_path=self.ocr_ppocr6_model_path,
            second_engine_required=self.ocr_second_engine_required,
            tesseract_max_dpi=self.ocr_tesseract_max_dpi,
            tones=self.ocr_tones,
            ellipses=self.ocr_ellipses,
            tables=self.ocr_tables,
            signature_lines=self.ocr_signature_lines,
            boxed_numbers=self.ocr_boxed_numbers,
            reread_numbers=self.ocr_reread_numbers,
            flatten_photos=self.ocr_flatten_photos,
            card_unsmear=self.ocr_card_unsmear,
            card_even=self.ocr_card_even,
        )


def retrying(settings: Settings) -> dict[str, Any]:
    """The options of ``task.with_options`` that apply these settings' back-off (SOHOA_RETRY_DELAYS)."""
    return {"retry_delay_seconds": list(settings.retry_delays)}
