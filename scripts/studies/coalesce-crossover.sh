#!/usr/bin/env bash
# Regenerates docs/studies/coalesce-crossover.md's figures: a virtual-time sweep of the rate for per-packet and
# coalesce (scenarios/study-coalesce-crossover.yaml), then the p50 and p99 charts. Run from the repository root.
set -euo pipefail
out=${1:-runs/study-coalesce-crossover}
s=scripts/studies
rates=10kpps,25kpps,50kpps,100kpps,150kpps,200kpps,250kpps,300kpps,350kpps,400kpps
rates=$rates,410kpps,420kpps,430kpps,440kpps,450kpps,500kpps,550kpps,600kpps
./nicsim sweep scenarios/study-coalesce-crossover.yaml --quiet --out "$out" \
    --param traffic.ratePerSecond=$rates \
    --param firmware.policy=per-packet,coalesce
for y in p50_us p99_us cpu_us irq_kps drop_pct; do
    python3 $s/sweepcsv.py "$out/sweep.csv" "$out/$y.csv" $y firmware.policy
    python3 $s/pivot.py "$out/$y.csv" > "$out/$y.md"
done
python3 $s/stages.py "$out" hold wake > "$out/stages.md"
$s/chart.sh "$out/p50_us.csv" docs/studies/coalesce-crossover-p50.png \
    "Coalescing (32 us / 16 frames) vs per-packet: median latency (virtual time)" \
    "offered rate (kpps)" "p50 notification latency (us)" logy
$s/chart.sh "$out/p99_us.csv" docs/studies/coalesce-crossover-p99.png \
    "Coalescing (32 us / 16 frames) vs per-packet: p99 latency (virtual time)" \
    "offered rate (kpps)" "p99 notification latency (us)" logy
