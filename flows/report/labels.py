"""Labels and bands the report shows: ours, in Vietnamese with English beside, never text from scans."""

from __future__ import annotations

CRITERION_LABELS = {
    "correct": ("Đúng", "Correct"),
    "complete": ("Đủ", "Complete"),
    "clean": ("Sạch", "Clean"),
    "live": ("Sống", "Live"),
}
STATUS_LABELS = {
    "accepted": ("Đạt", "Accepted"),
    "needs_review": ("Cần kiểm tra", "Needs review"),
    "rejected": ("Không đạt", "Rejected"),
}
TRIGGER_LABELS = {
    "event": "tệp mới thả vào / files dropped (event)",
    "schedule": "quét định kỳ / scheduled sweep",
    "cli": "dòng lệnh / command line",
    "demo": "demo",
}
GREEN, YELLOW = 90.0, 75.0  # DQI bands (domain-vn §1.1, reported; to be confirmed)
REUSE_TARGET = 0.80  # the province's "một lần khai báo" target
TREND_DAYS = 30
