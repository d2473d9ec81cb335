#!/usr/bin/env python3
"""Prints a markdown table of an x,series,y CSV (as sweepcsv.py writes): one row per x, one column per series.

pivot.py DATA.csv [X_HEADER] [FORMAT]
"""
import csv
import sys


def main():
    path = sys.argv[1]
    head = sys.argv[2] if len(sys.argv) > 2 else "offered kpps"
    fmt = sys.argv[3] if len(sys.argv) > 3 else "%.1f"
    with open(path) as f:
        rows = list(csv.DictReader(f))
    series, xs, cell = [], [], {}
    for r in rows:
        x, s = float(r["x"]), r["series"]
        if s not in series:
            series.append(s)
        if x not in xs:
            xs.append(x)
        cell[(x, s)] = float(r["y"])
    print("| " + head + " | " + " | ".join(series) + " |")
    print("|---" * (len(series) + 1) + "|")
    for x in xs:
        vals = [fmt % cell[(x, s)] if (x, s) in cell else "-" for s in series]
        print("| %g | " % x + " | ".join(vals) + " |")


if __name__ == "__main__":
    main()
