"""Unit tests of dbo_results (run by .ci/run: python3 -m unittest discover -s notebooks -p 'test_*.py')."""
import json
import os
import tempfile
import unittest

import pandas as pd

import dbo_results as dr

COLUMNS = ["algorithm", "iteration", "wall_s", "grad_f", "grad_g", "hvp", "jvp", "comm_rounds",
           "estimation_error", "test_accuracy"]


def write(path, header, rows, manifest=True):
    os.makedirs(path, exist_ok=True)
    with open(os.path.join(path, "metrics.csv"), "w") as f:
        f.write(",".join(header) + "\n")
        for r in rows:
            f.write(",".join("" if v is None else str(v) for v in r) + "\n")
    if manifest:
        with open(os.path.join(path, "manifest.json"), "w") as f:
            json.dump({"grid": {"cells": 2}}, f)


class LoadTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp()

    def test_missing_directory_names_the_fix(self):
        os.environ["DBO_RESULT"] = os.path.join(self.tmp, "nowhere")
        try:
            with self.assertRaisesRegex(FileNotFoundError, "set DBO_RESULT=DIR"):
                dr.result_dir("unused")
        finally:
            del os.environ["DBO_RESULT"]

    def test_empty_table_and_missing_table_fail(self):
        empty = os.path.join(self.tmp, "empty")
        write(empty, COLUMNS, [])
        with self.assertRaisesRegex(ValueError, "has no rows"):
            dr.load(empty)
        os.makedirs(os.path.join(self.tmp, "bare"))
        with self.assertRaisesRegex(FileNotFoundError, "neither metrics.parquet nor metrics.csv"):
            dr.load(os.path.join(self.tmp, "bare"))

    def test_grid_bands_are_median_min_max_over_seeds(self):
        grid = os.path.join(self.tmp, "grid")
        header = ["seed", "topology_type"] + COLUMNS
        rows = []
        # Three seeds, one cell value, one algorithm; errors 1, 4, 9 at iteration 10, oracle counts 2, 4, 9 each.
        for seed, err, calls in [(1, 1.0, 2), (2, 4.0, 4), (3, 9.0, 9)]:
            rows.append([seed, "ring", "A", 0, 0.0, 0, 0, 0, 0, 0, 100.0, None])
            rows.append([seed, "ring", "A", 10, 0.1, calls, calls, calls, calls, 10, err, None])
        write(grid, header, rows)
        metrics, _, source = dr.load(grid)
        self.assertEqual(source, "metrics.csv")
        self.assertEqual(dr.cell_columns(metrics), ["seed", "topology_type"])
        self.assertEqual([t for t, _ in dr.panels(metrics)], ["topology_type=ring"])
        self.assertEqual(list(metrics["gradient_evaluations"].iloc[[1, 3, 5]]), [8, 16, 36])
        summary = dr.summary(metrics, ["estimation_error"])
        self.assertEqual(summary["seeds"].iloc[0], 3)
        self.assertEqual(summary["estimation_error"].iloc[0], 4.0)
        self.assertEqual(summary["gradient_evaluations"].iloc[0], 16)

        class Axes:
            """Records what draw() plots."""
            def __init__(self):
                self.lines, self.bands = [], []

            def plot(self, x, y, label):
                self.lines.append((list(x), list(y), label))

                class Line:
                    def get_color(self):
                        return "k"
                return [Line()]

            def fill_between(self, x, lo, hi, **kw):
                self.bands.append((list(lo), list(hi)))

            def set_yscale(self, s): pass
            def set_xlabel(self, s): pass
            def set_ylabel(self, s): pass

        ax = Axes()
        dr.draw(ax, metrics, "gradient_evaluations", "estimation_error")
        self.assertEqual(ax.lines, [([0, 16], [100.0, 4.0], "A (median of 3 seeds)")])
        self.assertEqual(ax.bands, [([100.0, 1.0], [100.0, 9.0])])

    def test_columns_are_read_by_name(self):
        single = os.path.join(self.tmp, "single")
        header = COLUMNS + ["flag_precision"]
        write(single, header, [["B", 0, 0.0, 1, 1, 1, 1, 0, 2.0, 0.5, 0.1]], manifest=True)
        metrics, _, _ = dr.load(single)
        self.assertEqual(dr.cell_columns(metrics), [])
        self.assertEqual(len(dr.panels(metrics)), 1)
        self.assertEqual(pd.isna(metrics["test_accuracy"]).sum(), 0)


if __name__ == "__main__":
    unittest.main()
