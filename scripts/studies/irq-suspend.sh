#!/usr/bin/env bash
# Regenerates docs/studies/irq-suspend.md's figures: a virtual-time sweep of the rate for napi, napi-defer,
# irq-suspend and poll-mode (scenarios/study-irq-suspend.yaml), then the latency and CPU charts.
# Run from the repository root.
set -euo pipefail
out=${1:-runs/study-irq-suspend}
s=scripts/studies
./nicsim sweep scenarios/study-irq-suspend.yaml --quiet --out "$out" \
    --param traffic.ratePerSecond=10kpps,50kpps,200kpps,400kpps,550kpps \
    --param firmware.policy=napi,napi-defer,irq-suspend,poll-mode
# the same with the deferral timer on time (kernel hrtimer, no user-thread timer slack)
./nicsim sweep scenarios/study-irq-suspend.yaml --quiet --out "$out/no-timer-slack" \
    --set run.hostModel=scenarios/hosts/no-timer-slack.yaml \
    --param traffic.ratePerSecond=10kpps,50kpps,200kpps,400kpps,550kpps \
    --param firmware.policy=napi-defer,irq-suspend
python3 $s/sweepcsv.py "$out/no-timer-slack/sweep.csv" "$out/no-timer-slack/p50_us.csv" p50_us firmware.policy
python3 $s/pivot.py "$out/no-timer-slack/p50_us.csv" > "$out/no-timer-slack/p50_us.md"
for y in p50_us p99_us cpu_us irq_kps drop_pct; do
    python3 $s/sweepcsv.py "$out/sweep.csv" "$out/$y.csv" $y firmware.policy
    python3 $s/pivot.py "$out/$y.csv" > "$out/$y.md"
done
python3 $s/stages.py "$out" hold wake > "$out/stages.md"
$s/chart.sh "$out/p50_us.csv" docs/studies/irq-suspend-p50.png \
    "IRQ suspension vs deferral vs busy poll vs NAPI: median latency (virtual time)" \
    "offered rate (kpps)" "p50 notification latency (us)" logy
$s/chart.sh "$out/cpu_us.csv" docs/studies/irq-suspend-cpu.png \
    "IRQ suspension vs deferral vs busy poll vs NAPI: consumer CPU per packet (virtual time)" \
    "offered rate (kpps)" "consumer CPU per packet (us)" logy
