#!/usr/bin/env bash
# Install the Debian packages csrating needs outside Python, only if any are missing.
#
# Run by `make install` (the packages the program needs) and `make install-test` (with
# `--test`: also those the test suite needs) before pip. Every package is checked with
# `dpkg -s`; when all are present nothing else happens (no network, no root needed).
# When some are missing and we are root (as on CI), they are installed with apt-get;
# otherwise the script names them and exits 1.
set -euo pipefail

# ---------------------------------------------------------------------------
# SYSTEM PACKAGES: the single list. Add new packages here, one per line, with
# the reason in a comment.
# ---------------------------------------------------------------------------
PACKAGES=(
    fonts-dejavu-core   # fonts for PDF letters (DejaVu Sans; typst loads them by path)
    fonts-liberation2   # fonts for PDF letters (Liberation Sans; typst loads them by path)
)
TEST_PACKAGES=(
    chromium            # browser tests: Playwright drives Debian's headless Chromium
    postgresql          # store tests: a throwaway PostgreSQL server (initdb, pg_ctl)
)
if [ "${1:-}" = "--test" ]; then
    PACKAGES+=("${TEST_PACKAGES[@]}")
fi

missing=()
for package in "${PACKAGES[@]}"; do
    if ! dpkg -s "$package" >/dev/null 2>&1; then
        missing+=("$package")
    fi
done

if [ "${#missing[@]}" -eq 0 ]; then
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "csrating needs these Debian packages, which are not installed: ${missing[*]}" >&2
    echo "Install them as root, e.g.:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
fi

echo "Installing missing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends "${missing[@]}"
