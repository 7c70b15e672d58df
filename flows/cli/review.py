"""``sohoa review list|show|set``: documents that need a person's look."""

from __future__ import annotations

from typing import Annotated

import typer

from flows.cli.app import review_app
from flows.errors import UsageError
from flows.masking import mask_text
from flows.settings import Settings

# ---- review -------------------------------------------------------------------------------


@review_app.command("list")
def review_list(limit: Annotated[int, typer.Option(help="At most this many.")] = 50) -> None:
    """Documents needing review (current versions only)."""
    from flows.review import open_warehouse
    from storage.warehouse import review as review_store

    sf = open_warehouse(Settings().resolved_warehouse_url)
    for document_id in review_store.review_queue(sf, limit):
        item = review_store.review_item(sf, document_id)
        typer.echo(
            f"{document_id}\t{item.doc_type}\t{mask_text(item.source_key)}\t"
            f"{len(item.failing)} failing rule(s)"
        )


@review_app.command("show")
def review_show(document_id: int) -> None:
    """One document's fields, confidences and failing rules."""
    from flows.review import describe, open_warehouse
    from storage.warehouse import review as review_store

    try:
        item = review_store.review_item(open_warehouse(Settings().resolved_warehouse_url), document_id)
    except KeyError:
        raise UsageError(f"no document {document_id}") from None
    typer.echo(describe(item))


@review_app.command("set")
def review_set(
    document_id: int,
    assignments: Annotated[list[str], typer.Argument(help="field=value, e.g. issue_date=2026-03-05")],
    reviewer: Annotated[str, typer.Option(help="Who corrects (stored with each value).")] = "",
) -> None:
    """Correct fields; the rules run again and the document gets the new verdict."""
    from flows.review import ReviewInputError, apply_review

    if not reviewer.strip():
        raise UsageError("--reviewer is required: every correction says who made it")
    pairs = [a.partition("=") for a in assignments]
    if any(not sep or not key for key, sep, _ in pairs):
        raise UsageError("each correction is field=value (a value given as it is confirms it)")
    try:
        verdict = apply_review(Settings(), document_id, {k: v for k, _, v in pairs}, reviewer)
    except KeyError:
        raise UsageError(f"no document {document_id}") from None
    except ReviewInputError as exc:
        raise UsageError(f"nothing stored: {exc}") from exc
    typer.echo(
        f"document {document_id}: {verdict.status} (score {verdict.score:.2f}), "
        f"{len(verdict.violations)} violation(s)"
    )
