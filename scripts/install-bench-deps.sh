#!/usr/bin/env bash
# Tools only the benchmarks use (not project dependencies): OCRmyPDF (the peer of bench ocr)
# and the handwriting fonts bench real writes numbers and days with.
set -euo pipefail
# fonts-liberation2, fonts-freefont-ttf and fonts-noto-core: the blind generator (bench/blind) draws with them.
# fonts-kristi … fonts-kiloji: bench real's second development group of pens (hand_dev2).
PACKAGES=(ocrmypdf fonts-dkg-handwriting fonts-breip fonts-bwht fonts-dancingscript fonts-humor-sans fonts-klee
          fonts-kristi fonts-kaushanscript fonts-ecolier-court fonts-comic-neue fonts-kiloji
          fonts-liberation2 fonts-freefont-ttf fonts-noto-core)
missing=()
for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
ocrmypdf --version
