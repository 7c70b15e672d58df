"""``sohoa demo`` (the flows on generated samples) and ``sohoa samples`` (the generator)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from flows.cli.app import app
from flows.settings import Settings


@app.command()
def demo(
    count: Annotated[int, typer.Option(help="Sample documents to generate.")] = 8,
    seed: Annotated[int, typer.Option(help="Seed of the sample generator.")] = 2026,
) -> None:
    """Start the local store, drop generated sample scans into the inbox, sweep, report."""
    from flows.demo import run_demo
    from flows.stack.prefectapi import prefect_api

    settings = Settings()
    # The demo's Prefect home (flows/demo.py sets the same), before its server starts.
    os.environ.setdefault("PREFECT_HOME", str((settings.data_dir / "prefect").resolve()))
    with prefect_api(settings):
        run_demo(settings, count=count, seed=seed, echo=typer.echo)


@app.command()
def samples(
    out: Annotated[Path, typer.Option("--out", help="Directory for the pages and truth.jsonl.")],
    per_type: Annotated[int, typer.Option(help="Pages per document type.")] = 2,
    seed: Annotated[int, typer.Option(help="Seed: the same seed gives the same pages and truth.")] = 2026,
    formats: Annotated[str, typer.Option(help="Comma-separated: png, jpg, pdf, tif.")] = "png,jpg,pdf,tif",
    damaged: Annotated[bool, typer.Option(help="Also write scan-damaged pages to OUT/damaged.")] = True,
) -> None:
    """Render fictional pages of every document type with known ground truth (truth.jsonl)."""
    from samples import ALL_TYPES, DAMAGE_KINDS, generate

    fmts = tuple(f.strip() for f in formats.split(",") if f.strip())
    n = per_type * len(ALL_TYPES)
    clean = generate(out, n, seed=seed, formats=fmts, types=ALL_TYPES)
    typer.echo(f"{len(clean)} clean pages and truth.jsonl in {out}")
    if damaged:
        hurt = generate(
            out / "damaged",
            n,
            seed=seed + 1,
            formats=fmts,
            damage=True,
            types=ALL_TYPES,
            damage_kinds=DAMAGE_KINDS,
        )
        typer.echo(
            f"{len(hurt)} damaged pages ({', '.join(DAMAGE_KINDS)}) and truth.jsonl in {out / 'damaged'}"
        )
