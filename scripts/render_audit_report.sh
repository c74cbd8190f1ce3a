#!/usr/bin/env bash
# Renders an HTML audit report (reglint check --format html=...) to a PNG with headless Chromium,
# so CI can keep a picture of it. Installs Debian's chromium with apt-get when it is missing.
# Fails when chromium fails, or the PNG is missing or smaller than 10 KB.
#
# Usage: scripts/render_audit_report.sh REPORT.html [OUT.png] [WIDTH,HEIGHT]
set -euo pipefail

html=${1:?usage: $0 REPORT.html [OUT.png] [WIDTH,HEIGHT]}
png=${2:-${html%.html}.png}
size=${3:-1280,2400}

[ -f "$html" ] || { echo "render_audit_report: no such file: $html" >&2; exit 1; }

browser=""
for candidate in chromium chromium-browser google-chrome; do
  if command -v "$candidate" >/dev/null 2>&1; then browser=$candidate; break; fi
done
if [ -z "$browser" ]; then
  echo "render_audit_report: installing chromium with apt-get" >&2
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium >/dev/null
  browser=chromium
fi

abs_html=$(cd "$(dirname "$html")" && pwd)/$(basename "$html")
mkdir -p "$(dirname "$png")"
abs_png=$(cd "$(dirname "$png")" && pwd)/$(basename "$png")
rm -f "$abs_png"

# --no-sandbox: CI containers run as root; the report has no script and loads nothing.
if ! "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars \
     --screenshot="$abs_png" --window-size="$size" "file://$abs_html" >/dev/null 2>&1; then
  echo "render_audit_report: $browser failed to render $html" >&2
  exit 1
fi

[ -f "$abs_png" ] || { echo "render_audit_report: $browser wrote no PNG" >&2; exit 1; }
bytes=$(wc -c < "$abs_png")
if [ "$bytes" -lt 10240 ]; then
  echo "render_audit_report: $abs_png is only $bytes bytes; the render is probably blank" >&2
  exit 1
fi
echo "render_audit_report: wrote $abs_png ($bytes bytes)"
