"""Superseded by ``flows/report.py`` (the auditors' report: criteria scores, charts, trend,
top failing rules, review table, CSV of every rule result). Kept as a pointer for old imports."""

from __future__ import annotations

from .report import build_report, publish_report, render_csv, render_html

__all__ = ["build_report", "publish_report", "render_csv", "render_html"]
