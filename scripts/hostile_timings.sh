#!/usr/bin/env bash
# Times the hostile inputs of the hardening issue at ten times the sizes that used to hang or
# explode, with the release binary: each must finish in about a second. Figures, not assertions
# (docs/hardening.md quotes them). Usage: scripts/hostile_timings.sh [BIN]
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-$(swift build -c release --show-bin-path)/reglint}
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
python3 - "$W" <<'PY'
import json, sys, os
w = sys.argv[1]
secret = lambda k: "FAKE-bulk-secret-%06d-%s" % (k, "x" * 12)
open(f"{w}/many.env", "w").write("".join(f"APP{k}_CLIENT_SECRET={secret(k)}\n" for k in range(40000)))
creds = [{"keyId": "%08x-0000-1111-2222-bbbbbbbbbbbb" % k, "displayName": f"c{k}", "secretText": secret(k),
          "startDateTime": "2026-10-01T00:00:00Z", "endDateTime": "2027-01-01T00:00:00Z"} for k in range(40000)]
json.dump({"appId": "00001111-aaaa-2222-bbbb-3333cccc4444", "displayName": "Bulk", "passwordCredentials": creds}, open(f"{w}/many-secrets.json", "w"))
# The issue's own shape (4,000 credentials in 375 KB): key id and secret only, so each credential
# also never expires and has no description: four findings each, 160,001 in all.
bare = [{"keyId": "%08x-0000-1111-2222-bbbbbbbbbbbb" % k, "secretText": secret(k)} for k in range(40000)]
json.dump({"appId": "00001111-aaaa-2222-bbbb-3333cccc4444", "displayName": "Bulk", "passwordCredentials": bare}, open(f"{w}/bare-secrets.json", "w"))
raw = open("testdata/formats/cli-xml/utf16le.xml", "rb").read()[2:].decode("utf-16-le")
raw = raw.replace("<Objs", "<!--" + "x" * 3_000_000 + "-->\n<Objs", 1)
open(f"{w}/bomless-utf16.xml", "wb").write(raw.encode("utf-16-le"))
head = '<?xml version="1.0"?>\n<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">'
open(f"{w}/attributes.xml", "w").write(head + '<Obj RefId="0" ' + " ".join(f'a{k}="v"' for k in range(1_000_000)) + "/></Objs>\n")
# Ten times the issue's 50 MB line (SHORT=1: the issue's own size).
open(f"{w}/long-line.env", "w").write("AZURE_CLIENT_SECRET=" + "y" * ((50 if os.environ.get("SHORT") else 500) << 20) + "\n")
open(f"{w}/bomb.yml", "w").write("id: REG991\nname: bomb\n" + "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
    f"{chr(98+k)}: &{chr(98+k)} [*{chr(97+k)},*{chr(97+k)},*{chr(97+k)},*{chr(97+k)},*{chr(97+k)},*{chr(97+k)},*{chr(97+k)},*{chr(97+k)},*{chr(97+k)}]\n" for k in range(9)))
PY
mkdir -p "$W/rules" && mv "$W/bomb.yml" "$W/rules/REG991.yml"
mkdir -p "$W/walk" && cp testdata/rules/REG202/flag.json "$W/walk/app.json" && mkfifo "$W/walk/pipe.json"
run() {
  local label=$1; shift
  local start end
  start=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$W/rss" "$BIN" "$@" --now 2026-11-22 -f sarif -o "$W/out.sarif" -f text -o "$W/out.txt" >/dev/null 2>&1 || true
  end=$(date +%s.%N)
  printf '| %s | %s | %.2f s | %s MiB |\n' "$label" "$(du -h "${LAST:-/dev/null}" 2>/dev/null | cut -f1)" "$(echo "$end - $start" | bc)" "$(( $(tail -n 1 "$W/rss") / 1024 ))"
}
echo "| case | input | wall | peak RSS |"
echo "|---|---|---|---|"
LAST=$W/many.env run ".env with 40,000 secret settings" "$W/many.env"
LAST=$W/many-secrets.json run "one app with 40,000 secretText credentials" "$W/many-secrets.json"
LAST=$W/bare-secrets.json run "one app with 40,000 bare secretText credentials" "$W/bare-secrets.json"
LAST=$W/bomless-utf16.xml run "UTF-16LE CliXml without a BOM" "$W/bomless-utf16.xml"
LAST=$W/attributes.xml run "one element with 1,000,000 attributes" "$W/attributes.xml"
LAST=$W/long-line.env run "one .env line of ${SHORT:+50}${SHORT:-500} MiB" "$W/long-line.env"
LAST=$W/walk/pipe.json run "a FIFO named *.json in a walk (beside one app)" "$W/walk" --no-config
LAST=/dev/zero run "/dev/zero named (bound 512 MiB)" /dev/zero
LAST=$W/rules/REG991.yml run "YAML alias bomb in --rules" testdata/examples/clean-manifest.json --rules "$W/rules"
