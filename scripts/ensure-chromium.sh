#!/usr/bin/env bash
# Makes sure Debian's Chromium is at /usr/bin/chromium (Playwright cannot download its own
# browser here). Installs it with apt when running as root; otherwise says what to run.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
else
  echo "Chromium is missing: run 'sudo apt-get install -y chromium' (Debian/Ubuntu), then try again." >&2
  exit 1
fi
