#!/usr/bin/env python3
"""Bytes (and iterations, oracle calls) each run of a metrics.csv needs to reach a target (docs/compression.md).

  python3 notebooks/bytes_to_target.py RESULT/metrics.csv --measure estimation_error --below 1e-6
  python3 notebooks/bytes_to_target.py RESULT/metrics.csv --measure test_accuracy --reach-baseline
  python3 notebooks/bytes_to_target.py RESULT/metrics.csv --measure test_accuracy --above 0.75

--below T: the first logged row with measure <= T; --above T: >= T. --reach-baseline: the first logged row with measure >=
the final value of the same method uncompressed (the label before "+"), e.g. the accuracy SLDBO has at the
budget. Over seeds (a grid's seed column) the median is printed. Standard library only.
"""
import argparse
import collections
import csv
import statistics


def main():
    p = argparse.ArgumentParser()
    p.add_argument("metrics")
    p.add_argument("--measure", default="estimation_error")
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--below", type=float)
    g.add_argument("--above", type=float)
    g.add_argument("--reach-baseline", action="store_true")
    a = p.parse_args()
    rows = list(csv.DictReader(open(a.metrics)))
    header = list(rows[0].keys())
    cell = [c for c in header[: header.index("algorithm")] if c != "seed"]
    runs = collections.OrderedDict()
    for r in rows:
        key = (tuple(r[c] for c in cell), r["algorithm"], r.get("seed", ""))
        runs.setdefault(key, []).append(r)

    def value(r):
        v = r[a.measure]
        return float(v) if v != "" else float("nan")

    final = {k: value(rs[-1]) for k, rs in runs.items()}
    table = collections.OrderedDict()
    for (c, label, seed), rs in runs.items():
        if a.below is not None:
            hit = next((r for r in rs if value(r) <= a.below), None)
            target = a.below
        elif a.above is not None:
            hit = next((r for r in rs if value(r) >= a.above), None)
            target = a.above
        else:
            target = final[(c, label.split("+")[0], seed)]
            hit = next((r for r in rs if value(r) >= target), None)
        oracles = lambda r: int(r["grad_f"]) + int(r["grad_g"]) + int(r["hvp"]) + int(r["jvp"])
        table.setdefault((c, label), []).append(
            (int(hit["iteration"]), int(hit["bytes_sent"]), oracles(hit)) if hit else None)
        table[(c, label)][-1:] = [(table[(c, label)][-1], target, value(rs[-1]))]
    print("| cell | algorithm | target | runs reaching | iterations | oracle calls | bytes sent | bytes vs uncompressed | final " + a.measure + " |")
    print("|---|---|---|---|---|---|---|---|---|")
    base = {}
    for (c, label), entries in table.items():
        hits = [e[0] for e in entries if e[0] is not None]
        med = [statistics.median(h[i] for h in hits) for i in range(3)] if hits else None
        if "+" not in label and med:
            base[(c, label)] = med[1]
        ref = base.get((c, label.split("+")[0]))
        ratio = f"{med[1] / ref:.3f}" if med and ref else ""
        fin = statistics.median(e[2] for e in entries)
        print(f"| {' '.join(c)} | {label} | {entries[0][1]:.4g} | {len(hits)}/{len(entries)} | "
              + (f"{med[0]:.0f} | {med[2]:.0f} | {med[1]:.4g} | {ratio}" if med else "- | - | - | -")
              + f" | {fin:.4g} |")


if __name__ == "__main__":
    main()
