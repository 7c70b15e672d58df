#!/usr/bin/env bash
# System packages sohoa needs: Tesseract 5 with the Vietnamese models (vie, and the larger
# Vietnamese script model that rereads poorly read pages), serif fonts for the sample
# generator, poppler-utils for looking at PDFs. Installs only what is missing.
set -euo pipefail
need=()
command -v tesseract >/dev/null 2>&1 || need+=(tesseract-ocr)
{ command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx vie; } || need+=(tesseract-ocr-vie)
{ command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx Vietnamese; } || need+=(tesseract-ocr-script-viet)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf ] || need+=(fonts-dejavu-core)
[ -f /usr/share/fonts/truetype/fifthhorseman/dkg.ttf ] || need+=(fonts-dkg-handwriting)  # hand-written digits in tests/ocr
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
command -v chromium >/dev/null 2>&1 || need+=(chromium)  # headless check of the auditors' report (tests)
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
echo "installing system packages: ${need[*]}"
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
