"""The pipeline version stamped on every document and field (invariant 4)."""

from importlib.metadata import PackageNotFoundError, version

try:
    PIPELINE_VERSION = f"sohoa-{version('sohoa')}"
except PackageNotFoundError:  # running from a source tree without install
    PIPELINE_VERSION = "sohoa-dev"
