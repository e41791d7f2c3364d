#!/usr/bin/env bash
# What grading needs besides Node: tesseract reads the text of the report's screenshots. Without it the
# screenshot checks give credit for the files only, so a runner would score differently from the
# instructor's machine and the project's CI (which install the same packages).
set -euo pipefail
if command -v tesseract >/dev/null 2>&1; then
  echo "tesseract: $(tesseract --version 2>&1 | head -n 1)"
  exit 0
fi
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
if command -v apt-get >/dev/null 2>&1; then
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    tesseract-ocr tesseract-ocr-eng fonts-dejavu-core >/dev/null
elif command -v brew >/dev/null 2>&1; then
  brew install tesseract >/dev/null
else
  echo "::error title=dockgrade: tesseract missing::The runner has no tesseract and no apt-get or brew to install it. Expected: tesseract on PATH, so screenshots are read as on the instructor's machine. Fix: use runs-on: ubuntu-latest, or install tesseract-ocr on the self-hosted runner."
  exit 1
fi
echo "tesseract: $(tesseract --version 2>&1 | head -n 1)"
