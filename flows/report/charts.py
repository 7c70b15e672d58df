"""Charts of the report: matplotlib → inline SVG (the page loads nothing). The labels are ours,
never text from scans, so the SVG goes into the page as markup."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta

from markupsafe import Markup

from flows.report.labels import CRITERION_LABELS, GREEN, STATUS_LABELS, YELLOW
from quality import CRITERIA


def _svg(fig) -> Markup:
    import matplotlib.pyplot as plt

    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight")
    plt.close(fig)
    svg = buf.getvalue()
    svg = svg[svg.index("<svg") :]
    return Markup(re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.S))


def _plt():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update({"svg.fonttype": "none", "font.size": 9, "svg.hashsalt": "sohoa"})
    return plt


def chart_criteria(scores: dict[str, float | None]) -> Markup:
    plt = _plt()
    fig, ax = plt.subplots(figsize=(5.5, 2.6))
    labels = [f"{CRITERION_LABELS[c][0]} / {CRITERION_LABELS[c][1]}" for c in CRITERIA]
    values = [scores[c] or 0.0 for c in CRITERIA]
    colors = ["#2e7d32" if v >= GREEN else "#f9a825" if v >= YELLOW else "#c62828" for v in values]
    ax.barh(labels, values, color=colors)
    ax.set_xlim(0, 100)
    ax.axvline(GREEN, color="#555", lw=0.8, ls="--")
    ax.axvline(YELLOW, color="#999", lw=0.8, ls=":")
    for i, (c, v) in enumerate(zip(CRITERIA, values, strict=True)):
        label = "—" if scores[c] is None else f"{v:.1f}%"
        if v > 20:
            ax.text(v - 1, i, label, va="center", ha="right", color="white", fontweight="bold")
        else:
            ax.text(v + 1, i, label, va="center")
    ax.invert_yaxis()
    ax.set_xlabel("Chỉ số chất lượng / quality index (%)")
    return _svg(fig)


def chart_status(counts: dict[str, int]) -> Markup:
    plt = _plt()
    fig, ax = plt.subplots(figsize=(5.5, 1.6))
    left = 0
    palette = {"accepted": "#2e7d32", "needs_review": "#f9a825", "rejected": "#c62828"}
    for s in ("accepted", "needs_review", "rejected"):
        n = counts.get(s, 0)
        ax.barh(
            [0], [n], left=left, color=palette[s], label=f"{STATUS_LABELS[s][0]} / {STATUS_LABELS[s][1]}: {n}"
        )
        left += n
    ax.set_yticks([])
    ax.set_xlabel("Số giấy tờ / documents")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.6), ncol=3, frameon=False)
    return _svg(fig)


def chart_trend(trend: list[tuple[date, dict[str, float | None], int]]) -> Markup:
    plt = _plt()
    fig, ax = plt.subplots(figsize=(6.5, 2.6))
    days = [d for d, _, _ in trend]
    for c in CRITERIA:
        ys = [m[c] for _, m, _ in trend]
        ax.plot(
            days,
            [y if y is not None else float("nan") for y in ys],
            marker="o",
            label=f"{CRITERION_LABELS[c][0]} / {CRITERION_LABELS[c][1]}",
        )
    ax.set_ylim(0, 105)
    if days:
        ax.set_xlim(min(days) - timedelta(days=1), max(days) + timedelta(days=1))
    from matplotlib.dates import DateFormatter, DayLocator

    ax.xaxis.set_major_locator(DayLocator(interval=max(1, (len(days) + 9) // 10)))
    ax.xaxis.set_major_formatter(DateFormatter("%d/%m"))
    ax.set_ylabel("Điểm TB / mean score (%)")
    ax.legend(loc="lower left", ncol=4, frameon=False)
    fig.autofmt_xdate()
    return _svg(fig)


def chart_top_rules(top: list[dict]) -> Markup:
    plt = _plt()
    fig, ax = plt.subplots(figsize=(6.5, 0.35 * max(len(top), 1) + 0.8))
    ax.barh([t["rule"] for t in top] or ["—"], [t["documents"] for t in top] or [0], color="#c62828")
    ax.invert_yaxis()
    ax.set_xlabel("Số giấy tờ vi phạm / documents failing")
    return _svg(fig)
