#!/usr/bin/env bash
# Tools only the benchmarks compare against (not project dependencies): OCRmyPDF.
set -euo pipefail
if command -v ocrmypdf >/dev/null 2>&1; then
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends ocrmypdf
ocrmypdf --version
