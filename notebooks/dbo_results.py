"""Reading dbo-spark result directories for the notebooks in this folder.

A result directory (written by jobs/run, a grid run or jobs/reproduce) holds manifest.json, metrics.csv and
metrics.parquet (the same table). Columns are read by name, so columns added later do not break the
notebooks. A grid's metrics carry its cell in the columns before ``algorithm`` (``seed`` and one column per
varied key); plots draw, per algorithm, the median over seeds with a min-max band.

Everything here fails loudly: a missing directory, a missing table or an empty one raises an exception
whose message says what to fix, so ``jupyter nbconvert --execute`` exits non-zero.
"""
import json
import os

import pandas as pd

ORACLES = ["grad_f", "grad_g", "hvp", "jvp"]
LABELS = {"gradient_evaluations": "gradient evaluations (all agents)", "comm_rounds": "communication rounds"}


def result_dir(default):
    """The result directory: $DBO_RESULT, or ``default`` (relative to the notebook)."""
    path = os.environ.get("DBO_RESULT", default)
    if not os.path.isdir(path):
        raise FileNotFoundError(
            f"result directory {path!r} does not exist; run jobs/run CONFIG --out DIR and set DBO_RESULT=DIR")
    return path


def _pyarrow_available():
    try:
        import pyarrow  # noqa: F401
        return True
    except ImportError:
        return False


def load(path):
    """(metrics, manifest, source): the metrics table from Parquet when pyarrow is importable, else CSV."""
    parquet = os.path.join(path, "metrics.parquet")
    csv = os.path.join(path, "metrics.csv")
    if os.path.isdir(parquet) and _pyarrow_available():
        # Part files are read in name order, which is the job's row order (cell, algorithm, iteration).
        metrics, source = pd.read_parquet(parquet), "metrics.parquet"
    elif os.path.isfile(csv):
        # round_trip: the exact doubles the job wrote (the default parser may differ in the last bits).
        metrics, source = pd.read_csv(csv, float_precision="round_trip"), "metrics.csv"
    else:
        raise FileNotFoundError(f"{path} has neither metrics.parquet nor metrics.csv; is it a dbo-spark result directory?")
    if metrics.empty:
        raise ValueError(f"{path}/{source} has no rows: the run logged nothing to plot")
    missing = [c for c in ["algorithm", "iteration", "comm_rounds"] + ORACLES if c not in metrics.columns]
    if missing:
        raise ValueError(f"{path}/{source} lacks the columns {missing}; it is not a dbo-spark metrics table")
    manifest_file = os.path.join(path, "manifest.json")
    if not os.path.isfile(manifest_file):
        raise FileNotFoundError(f"{manifest_file} does not exist; the result directory is incomplete")
    with open(manifest_file) as f:
        manifest = json.load(f)
    metrics = metrics.reset_index(drop=True)
    metrics["gradient_evaluations"] = metrics[ORACLES].sum(axis=1)
    return metrics, manifest, source


def cell_columns(metrics):
    """The grid cell's columns (``seed`` and the varied keys), empty for a single run."""
    cols = list(metrics.columns)
    return cols[:cols.index("algorithm")]


def panel_columns(metrics):
    """The varied keys of a grid: one panel per combination of their values."""
    return [c for c in cell_columns(metrics) if c != "seed"]


def panels(metrics):
    """[(title, rows)] per combination of varied values, in the order of the table; one panel for a single run."""
    keys = panel_columns(metrics)
    if not keys:
        return [("", metrics)]
    return [(", ".join(f"{k}={v}" for k, v in zip(keys, values if isinstance(values, tuple) else (values,))), rows)
            for values, rows in metrics.groupby(keys, sort=False)]


def final_rows(metrics):
    """The last logged row of every (cell, algorithm)."""
    return metrics.groupby(cell_columns(metrics) + ["algorithm"], sort=False).tail(1)


def summary(metrics, columns):
    """Per (varied values, algorithm): seeds and the median over seeds of the final ``columns``."""
    final = final_rows(metrics)
    keys = panel_columns(metrics) + ["algorithm"]
    table = final.groupby(keys, sort=False)[["iteration", "gradient_evaluations"] + columns].median()
    table.insert(0, "seeds", final.groupby(keys, sort=False).size())
    return table


def draw(ax, rows, x, y, log=True):
    """One line per algorithm of ``y`` against ``x``: median over seeds with a min-max band when seeds vary."""
    seeds = rows["seed"].nunique() if "seed" in rows.columns else 1
    for label, run in rows.groupby("algorithm", sort=False):
        run = run[run[y].notna()]
        if run.empty:
            continue
        if seeds > 1:
            by = run.groupby("iteration")
            xs, mid, lo, hi = by[x].median(), by[y].median(), by[y].min(), by[y].max()
            line, = ax.plot(xs, mid, label=f"{label} (median of {seeds} seeds)")
            ax.fill_between(xs, lo, hi, color=line.get_color(), alpha=0.2, linewidth=0)
        else:
            ax.plot(run[x], run[y], label=label)
    if log:
        ax.set_yscale("log")
    ax.set_xlabel(LABELS.get(x, x.replace("_", " ")))
    ax.set_ylabel(LABELS.get(y, y.replace("_", " ")))


def save(fig, name):
    """Saves ``fig`` as $DBO_FIGURES/name.png when DBO_FIGURES is set (CI checks the files)."""
    target = os.environ.get("DBO_FIGURES")
    if target:
        os.makedirs(target, exist_ok=True)
        fig.savefig(os.path.join(target, name + ".png"), dpi=100)
