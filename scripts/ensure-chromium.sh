#!/usr/bin/env bash
# Makes sure Debian's Chromium is at /usr/bin/chromium (Playwright cannot download its own
# browser here), that a CJK font is there for the Chinese UI, and unzip for the store checks. Installs them with apt when
# running as root; otherwise says what to run.
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
dpkg -s fonts-wqy-zenhei >/dev/null 2>&1 || need+=(fonts-wqy-zenhei)
# e2e/store-checks.spec.ts unpacks the store zips.
command -v unzip >/dev/null || need+=(unzip)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y "${need[@]}"
else
  echo "Missing: ${need[*]}. Run 'sudo apt-get install -y ${need[*]}' (Debian/Ubuntu), then try again." >&2
  exit 1
fi
