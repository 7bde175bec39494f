#!/usr/bin/env bash
# Install Debian's chromium for the browser test when it is missing.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "chromium is missing and this is not root: run 'sudo apt-get install chromium'" >&2
  exit 1
fi
echo "installing Debian's chromium for the browser test..." >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
