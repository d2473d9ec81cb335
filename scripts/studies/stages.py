#!/usr/bin/env python3
"""Prints a markdown table of one figure per sweep point from the points' summary.json files.

stages.py SWEEP_DIR [STAGE ...]: per point (rate, policy, consumer) the mean of each stage (hold, wake, ...),
in microseconds, and the consumer's CPU and blocked context switches per packet.
"""
import csv
import json
import os
import sys


def main():
    sweep = sys.argv[1]
    stages = sys.argv[2:] or ["hold", "deliver", "wake", "handle"]
    with open(os.path.join(sweep, "sweep.csv")) as f:
        rows = list(csv.DictReader(f))
    head = ["rate", "policy", "consumer"] + ["mean %s us" % s for s in stages] + ["CPU us/pkt", "sleeps/pkt"]
    print("| " + " | ".join(head) + " |")
    print("|---" * len(head) + "|")
    for r in rows:
        with open(os.path.join(sweep, r["folder"], "summary.json")) as f:
            runs = json.load(f)["runs"]
        run = next(x for x in runs if x["consumer"] == r["consumer"])
        st = run["latencyNanos"]["stages"]
        cells = ["%.2f" % (st[s]["mean"] / 1000.0) if s in st else "-" for s in stages]
        c = run["costs"]
        cells += ["%.2f" % (c["consumerCpuNanosPerPacket"] / 1000.0), "%.3f" % c["voluntarySwitchesPerPacket"]]
        print("| " + " | ".join([r["traffic.ratePerSecond"], r["firmware.policy"], r["consumer"]] + cells) + " |")


if __name__ == "__main__":
    main()
