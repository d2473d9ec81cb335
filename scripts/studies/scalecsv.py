#!/usr/bin/env python3
"""Turns nicsim scale.json files into x,series,y rows for chart.sh (x = waiting consumers reached).

scalecsv.py OUT.csv Y SCALE.json... ; Y: memory (max of resident and heap bytes per waiter) or wake_p50_us.
"""
import json
import sys


def main():
    out, y = sys.argv[1:3]
    with open(out, "w") as f:
        f.write("x,series,y\n")
        for path in sys.argv[3:]:
            with open(path) as src:
                for r in json.load(src)["results"]:
                    if y == "memory":
                        v = max(r["residentBytesPerConsumer"], r["heapBytesPerConsumer"])
                    else:
                        v = r["wakeP50Nanos"] / 1000.0
                    f.write("%d,%s,%g\n" % (r["reached"], r["consumer"], v))


if __name__ == "__main__":
    main()
