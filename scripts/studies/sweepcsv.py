#!/usr/bin/env python3
"""Turns a nicsim sweep.csv into x,series,y rows for chart.sh.

sweepcsv.py SWEEP.csv OUT.csv Y [SERIES_COLUMNS]
Y: delivered_kpps (offered rate x delivered / generated), drop_pct, irq_kps, cpu_us, p50_us, p99_us or p999_us.
x is traffic.ratePerSecond in kpps. SERIES_COLUMNS (comma-separated, default firmware.policy,consumer) name a line.
"""
import csv
import sys


def kpps(text):
    text = text.strip()
    for suffix, scale in (("Mpps", 1000.0), ("kpps", 1.0), ("pps", 0.001)):
        if text.endswith(suffix):
            return float(text[: -len(suffix)]) * scale
    return float(text) / 1000.0


def value(row, y):
    gen, dlv = float(row["generated"]), float(row["delivered"])
    if y == "delivered_kpps":
        return kpps(row["traffic.ratePerSecond"]) * dlv / gen if gen else 0.0
    if y == "drop_pct":
        return 100.0 * float(row["drops"]) / gen if gen else 0.0
    if y == "irq_kps":
        return float(row["interrupts_per_s"]) / 1000.0
    if y == "cpu_us":
        return float(row["consumer_cpu_ns_per_packet"]) / 1000.0
    if dlv == 0:
        return None
    return float(row[{"p50_us": "p50_ns", "p99_us": "p99_ns", "p999_us": "p999_ns"}[y]]) / 1000.0


def main():
    src, out, y = sys.argv[1:4]
    cols = (sys.argv[4] if len(sys.argv) > 4 else "firmware.policy,consumer").split(",")
    with open(src) as f:
        rows = list(csv.DictReader(f))
    with open(out, "w") as f:
        f.write("x,series,y\n")
        for r in rows:
            v = value(r, y)
            if v is not None:
                label = " ".join(r[c] for c in cols if c in r)
                f.write("%g,%s,%g\n" % (kpps(r["traffic.ratePerSecond"]), label, v))


if __name__ == "__main__":
    main()
