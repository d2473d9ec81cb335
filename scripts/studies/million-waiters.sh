#!/usr/bin/env bash
# Regenerates docs/studies/million-waiters.md: nicsim scale (memory per waiter, wake-up) up to 1M waiters, the
# default study's consumers compared in virtual time, and paced runs of scenarios/study-million-waiters.yaml at
# 10,000 and 1,000,000 flows. Run from the repository root.
# Platform threads are scaled to 10,000 only: on a shared machine, parking platform threads until the kernel's
# pid_max (32,768) leaves no process ids for anyone else (a shell cannot even fork).
set -euo pipefail
out=${1:-runs/study-million-waiters}
s=scripts/studies
./nicsim scale --consumers virtual-thread,event-loop --counts 1000,10000,100000,1000000 --out "$out/scale"
./nicsim scale --consumers platform-thread --counts 1000,10000 --out "$out/scale-platform"
./nicsim compare --quiet --consumers platform-thread,virtual-thread,event-loop,busy-poll \
    --set run.clock=virtual --set run.memoryProbeWaiters=0 --out "$out/compare-virtual"
./nicsim run scenarios/study-million-waiters.yaml --quiet --set traffic.flows=10000 --out "$out/flows-10k"
./nicsim run scenarios/study-million-waiters.yaml --quiet --set traffic.flows=1000000 \
    --set host.consumer=virtual-thread-per-flow --out "$out/flows-1m-virtual"
./nicsim run scenarios/study-million-waiters.yaml --quiet --set traffic.flows=1000000 \
    --set host.consumer=event-loops --set host.socketSlots=1024 --out "$out/flows-1m-event-loops"
python3 $s/scalecsv.py "$out/memory.csv" memory "$out/scale-platform/scale.json" "$out/scale/scale.json"
$s/chart.sh "$out/memory.csv" docs/studies/million-waiters-memory.png \
    "Memory per waiting consumer (nicsim scale; max of resident and heap growth per waiter)" \
    "waiting consumers" "bytes per waiter" logx logy
