#!/usr/bin/env bash
# Regenerates docs/studies/receive-livelock.md's figures: two virtual-time sweeps of the offered rate
# (scenarios/study-receive-livelock.yaml), then the delivered-rate chart. Run from the repository root.
set -euo pipefail
out=${1:-runs/study-receive-livelock}
rates=50kpps,100kpps,200kpps,300kpps,400kpps,500kpps,600kpps,800kpps,1Mpps,1.5Mpps,2Mpps
./nicsim sweep scenarios/study-receive-livelock.yaml --quiet --out "$out/interrupt-level" \
    --param traffic.ratePerSecond=$rates --param firmware.policy=per-packet,napi
./nicsim sweep scenarios/study-receive-livelock.yaml --quiet --out "$out/thread-level" \
    --set host.consumer=platform-thread \
    --param traffic.ratePerSecond=$rates --param firmware.policy=per-packet,napi,poll-mode
s=scripts/studies
python3 $s/sweepcsv.py "$out/interrupt-level/sweep.csv" "$out/a.csv" delivered_kpps
python3 $s/sweepcsv.py "$out/thread-level/sweep.csv" "$out/b.csv" delivered_kpps
{ cat "$out/a.csv"; tail -n +2 "$out/b.csv"; } | sed -e 's/\(,[a-z-]*\) platform-pool,/,interrupt-level\1,/' \
    -e 's/\(,[a-z-]*\) platform-thread,/,thread-level\1,/' -e 's/level,/level /' > "$out/delivered.csv"
python3 $s/pivot.py "$out/delivered.csv" > "$out/delivered.md"
$s/chart.sh "$out/delivered.csv" docs/studies/receive-livelock.png \
    "Receive livelock: delivered vs offered (virtual time, 1 core, 500 ns/interrupt)" \
    "offered rate (kpps)" "delivered to the application (kpps)"
