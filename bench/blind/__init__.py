"""Blind test-document generator for `bench fields` (written from the docs alone; see README.md)."""

from .generate import CRITERIA, DOCUMENT_TYPES, generate

__all__ = ["CRITERIA", "DOCUMENT_TYPES", "generate"]
