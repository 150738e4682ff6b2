#!/usr/bin/env bash
# Make sure Debian's chromium is installed: kaleido (PNG export) and the browser tests use it.
# Nothing is downloaded from a browser vendor; the package comes from Debian's archive.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    echo "chromium is missing and this user cannot install it: run 'apt-get install chromium' as root" >&2
    exit 1
fi
echo "installing Debian's chromium (needed for PNG export and browser tests)..."
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
command -v chromium >/dev/null
