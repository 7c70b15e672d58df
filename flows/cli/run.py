"""``sohoa process`` (local files, no services) and ``sohoa sweep`` (the inbox into the warehouse)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from flows.cli.app import app, err, refuse_default_credentials
from flows.errors import UsageError
from flows.exitcodes import ExitCode
from flows.masking import mask_text
from flows.settings import Settings
from ocr.errors import InputError

# ---- process: local files, no services --------------------------------------------------


def _walk(paths: list[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file())
        else:
            yield path


def _process_one(path: Path, settings: Settings) -> dict:
    from flows.isolation import DocumentCrashedError, process_with_limits

    try:
        data = path.read_bytes()
        return process_with_limits(settings, data, str(path)).export()
    except InputError as exc:
        return {"source": str(path), "error": exc.export()}
    except DocumentCrashedError as exc:  # a crash of this file's reading: the others go on
        return {"source": str(path), "error": {"code": exc.code, "message": str(exc)}}
    except OSError as exc:
        return {"source": str(path), "error": {"code": "not_readable", "message": str(exc)}}


@app.command()
def process(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (searched recursively).")],
    format: Annotated[str, typer.Option("--format", "-f", help="jsonl or table")] = "jsonl",
    jobs: Annotated[int, typer.Option(help="Documents in parallel (default: cores).")] = 0,
) -> None:
    """OCR, extract and judge local files with no services; one result line per document."""
    if format not in ("jsonl", "table"):
        raise UsageError("--format must be jsonl or table")
    settings = Settings()
    files = list(_walk(paths))
    missing = [p for p in paths if not p.exists()]
    for p in missing:
        err.print(f"[red]error:[/red] no such file or folder: {p}")
    workers = jobs or settings.max_parallel_documents
    table = Table("source", "doc_type", "status", "score", "fields", "error")
    errors = len(missing)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for result in pool.map(lambda p: _process_one(p, settings), [f for f in files if f.exists()]):
            if "error" in result:
                errors += 1
            if format == "jsonl":
                sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
                sys.stdout.flush()
            else:
                q = result.get("quality", {})
                table.add_row(
                    result["source"],
                    result.get("doc_type", ""),
                    q.get("status", ""),
                    str(q.get("score", "")),
                    str(len(result.get("fields", {}))),
                    mask_text(result.get("error", {}).get("code", "")),
                )
    if format == "table":
        Console().print(table)
    if errors:
        raise typer.Exit(int(ExitCode.input_unreadable))


# ---- sweep: the inbox bucket into the warehouse -------------------------------------------


@app.command()
def sweep() -> None:
    """Run one sweep of the inbox now (the same flow the every-minute deployment runs)."""
    from flows.stack.prefectapi import prefect_api
    from flows.sweep import run_sweep

    settings = Settings()
    refuse_default_credentials(settings)
    with prefect_api(settings):
        summary = run_sweep(settings, trigger="cli")
    typer.echo(
        json.dumps(
            {
                "batch_id": summary.batch_id,
                "listed": summary.listed,
                "registered": summary.registered,
                "outcomes": summary.outcomes,
            }
        )
    )
    if summary.count("failed"):
        raise typer.Exit(int(ExitCode.processing_incomplete))
