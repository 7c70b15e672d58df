#!/usr/bin/env bash
# The Python environment, exactly as locked in uv.lock (hashes included).
set -euo pipefail
UV_VERSION=0.13.8
if ! command -v uv >/dev/null 2>&1; then
  python3 -m pip install --quiet "uv==${UV_VERSION}" 2>/dev/null \
    || python3 -m pip install --quiet --user --break-system-packages "uv==${UV_VERSION}"
  export PATH="$HOME/.local/bin:$PATH"
fi
uv sync --frozen --quiet
