#!/usr/bin/env bash
# Checks that a nicsim report.html renders its charts offline, as a person would see it:
#   1. every <img> is an embedded PNG (data: URI) that decodes, with non-zero width and height;
#   2. no src= or href= points at http(s):// (the page loads nothing from the network);
#   3. headless Chromium, with its own network off, renders the page to a screenshot that is a real,
#      non-trivial image (look at it: the path is printed).
# Usage: scripts/check-report.sh RUN_OR_SWEEP_DIR/report.html [SCREENSHOT.png]
# Needs Debian's chromium (apt-get install -y chromium); mvn verify and CI do not.
set -euo pipefail

die() { echo "check-report: $*" >&2; exit 2; }

report="${1:-}"
[[ -n "$report" ]] || die "usage: $0 REPORT.html [SCREENSHOT.png]"
[[ -f "$report" ]] || die "$report: no such file"
report="$(cd "$(dirname "$report")" && pwd)/$(basename "$report")"
shot="${2:-${report%.html}.png}"
chromium="$(command -v chromium || command -v chromium-browser || true)"
[[ -n "$chromium" ]] || die "needs headless Chromium: apt-get update && apt-get install -y chromium"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# Chromium keeps caches and settings under the home folder: give it the scratch folder instead.
export HOME="$work/home" XDG_CACHE_HOME="$work/cache" XDG_CONFIG_HOME="$work/config"
mkdir -p "$HOME" "$XDG_CACHE_HOME" "$XDG_CONFIG_HOME"

# 1. embedded images
grep -o '<img [^>]*>' "$report" > "$work/imgs" || true
images=$(wc -l < "$work/imgs")
(( images > 0 )) || die "$report: no <img> in the page"
n=0
while IFS= read -r tag; do
  n=$((n + 1))
  src="$(sed -n 's/.* src="\([^"]*\)".*/\1/p' <<<"$tag")"
  [[ "$src" == data:image/png\;base64,* ]] || die "image $n is not an embedded PNG: ${src:0:60}"
  printf '%s' "${src#data:image/png;base64,}" | base64 -d > "$work/img$n.png" 2>/dev/null \
    || die "image $n: its base64 does not decode"
  [[ "$(head -c 8 "$work/img$n.png" | od -An -tx1 | tr -d ' \n')" == 89504e470d0a1a0a ]] \
    || die "image $n: not a PNG"
  width=$(od -An -tu4 --endian=big -j 16 -N 4 "$work/img$n.png" | tr -d ' ')
  height=$(od -An -tu4 --endian=big -j 20 -N 4 "$work/img$n.png" | tr -d ' ')
  bytes=$(stat -c %s "$work/img$n.png")
  (( width > 0 && height > 0 && bytes > 2000 )) || die "image $n is empty (${width}x${height}, $bytes bytes)"
  echo "image $n: ${width}x${height} PNG, $bytes bytes"
done < "$work/imgs"

# 2. nothing from the network
if grep -Eio '(src|href)[[:space:]]*=[[:space:]]*["'"'"']?[[:space:]]*(https?:)?//' "$report" > "$work/remote"; then
  die "the page refers to the network: $(head -n 3 "$work/remote" | tr '\n' ' ')"
fi
echo "no http(s):// src or href in the page"

# 3. the page as Chromium draws it. Chromium's own background services (update checks, account probes) are
#    sent to a dead proxy and a resolver that knows no host, so nothing leaves the machine; its net log must then
#    show no http(s) request made by the page (browser-initiated requests have no page origin).
height=$(( 1200 + images * 560 ))
"$chromium" --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
  --disable-sync --no-first-run --disable-extensions --hide-scrollbars --window-size=1280,"$height" \
  --proxy-server=127.0.0.1:9 --host-resolver-rules="MAP * ~NOTFOUND" \
  --log-net-log="$work/netlog.json" --screenshot="$shot" "file://$report" > "$work/chromium.log" 2>&1 \
  || die "chromium failed: $(tail -n 3 "$work/chromium.log")"
[[ -s "$shot" ]] || die "chromium wrote no screenshot"
[[ "$(head -c 8 "$shot" | od -An -tx1 | tr -d ' \n')" == 89504e470d0a1a0a ]] || die "$shot: not a PNG"
shot_bytes=$(stat -c %s "$shot")
(( shot_bytes > 50000 )) || die "$shot: only $shot_bytes bytes, the page looks blank"
if command -v python3 > /dev/null && [[ -s "$work/netlog.json" ]]; then
  page_requests="$(python3 - "$work/netlog.json" <<'PY'
import json, sys
log = json.load(open(sys.argv[1]))
names = {v: k for k, v in log["constants"]["logEventTypes"].items()}
for event in log["events"]:
    params = event.get("params") or {}
    url = params.get("url", "")
    if names.get(event["type"]) == "URL_REQUEST_START_JOB" and url.startswith(("http://", "https://")) \
            and params.get("initiator", "not an origin") != "not an origin":
        print(url[:100])
PY
)"
  [[ -z "$page_requests" ]] || die "the page made network requests: $page_requests"
  echo "Chromium's net log: no request from the page"
else
  echo "(python3 missing: Chromium's net log not checked)"
fi
echo "screenshot: $shot (1280x$height, $shot_bytes bytes)"
echo "ok: $images charts"
