#!/usr/bin/python3
"""SLDBO on data hyper-cleaning as a NumPy stacked simulation: every agent's state is one row of a stacked
array, mixing is one product with the ring's Metropolis matrix W, and each agent's oracles are batched
matrix products over its shard. The same iteration, shapes and data layout as the in-process runner
(dbo.algorithm.Sldbo on dbo.problem.HyperCleaningShard; docs/ALGORITHMS.md section 4):

    y+ = W y - beta s;   z+ = W z - gamma r;   x+ = W x - alpha h
    v = grad_y g(x+, y+),  p = H(x+, y+) z+ - grad_y f(y+),  u = -J(x+, y+) z+
    s+ = W s + v - v_old;  r+ = W r + p - p_old;  h+ = W h + u - u_old

with A_i the agent's m x 785 block (centered pixels and a bias column), Y the 785 x 10 classifier, P the
row-wise softmax of A Y, sample weights sigmoid(x) at the agent's own coordinates of x (every agent holds
all of x, as in the Java runner). A Y and A z are computed once per iteration and shared by the oracles,
as a NumPy user would write it. Data are generated (uniform bytes, uniform labels), like
jobs/benchmark-kernels does. Prints the BLAS NumPy loaded and "median_ms VALUE", the median time of one
iteration over --iterations after three warm-up iterations.

Run by jobs/benchmark-kernels; alone: /usr/bin/python3 benchmarks/numpy_sldbo.py --train 5000
Needs Debian's python3-numpy.
"""
import argparse
import os
import time

import numpy as np

D = 785
K = 10


def loaded_blas():
    try:
        with open("/proc/self/maps") as f:
            paths = sorted({line.split()[-1] for line in f if "blas" in line.split()[-1] and "/" in line})
        return ", ".join(paths) or "unknown"
    except OSError:
        return "unknown"


def ring_metropolis(n):
    w = np.zeros((n, n))
    if n == 1:
        w[0, 0] = 1.0
        return w
    for i in range(n):
        for j in {(i - 1) % n, (i + 1) % n} - {i}:
            w[i, j] = 1.0 / 3.0
        w[i, i] = 1.0 - w[i].sum()
    return w


def blocks(rng, n, rows, mean=None):
    """n stacked (rows x 785) blocks: byte pixels / 255 minus the training mean, then a column of ones."""
    a = rng.integers(0, 256, size=(n, rows, D - 1), dtype=np.uint8).astype(np.float64) / 255.0
    if mean is None:
        mean = a.reshape(-1, D - 1).mean(axis=0)
    a -= mean
    return np.concatenate([a, np.ones((n, rows, 1))], axis=2), mean


def softmax(z):
    z = z - z.max(axis=2, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=2, keepdims=True)


class Problem:
    def __init__(self, agents, train, validation, reg, seed):
        rng = np.random.default_rng(seed)
        self.n, self.m, self.mv = agents, train // agents, validation // agents
        self.a, mean = blocks(rng, agents, self.m)
        self.av, _ = blocks(rng, agents, self.mv, mean)
        self.t = np.eye(K)[rng.integers(0, K, size=(agents, self.m))]
        self.tv = np.eye(K)[rng.integers(0, K, size=(agents, self.mv))]
        self.reg = reg
        self.p = agents * self.m
        self.own = np.arange(self.p).reshape(agents, self.m)  # agent i weighs x[i, own[i]]

    def directions(self, x, y, z):
        """v, p, u of every agent at the stacked (x, y, z); y and z are (n, 785 * 10) column-major."""
        n, m, a = self.n, self.m, self.a
        yy = y.reshape(n, K, D).transpose(0, 2, 1)  # (n, D, K), column-major Y
        zz = z.reshape(n, K, D).transpose(0, 2, 1)
        xs = np.take_along_axis(x, self.own, axis=1)  # (n, m): own coordinates
        w = 1.0 / (1.0 + np.exp(-xs))
        logits = a @ yy                        # A Y, shared by the three oracles of g
        prob = softmax(logits)
        az = a @ zz                            # A z, shared by the HVP and the JVP
        # v = A' diag(w) (P - T) / m + 2c Y
        grad = a.transpose(0, 2, 1) @ ((w / m)[:, :, None] * (prob - self.t)) + 2 * self.reg * yy
        # H z = A' diag(w) C(A z) / m + 2c z,  C(A z)_s = p_s o az_s - p_s (p_s . az_s)
        dot = (prob * az).sum(axis=2, keepdims=True)
        hz = a.transpose(0, 2, 1) @ ((w / m)[:, :, None] * prob * (az - dot)) + 2 * self.reg * zz
        # grad_y f = A_v' (P_v - T_v) / m_v
        pv = softmax(self.av @ yy)
        gf = self.av.transpose(0, 2, 1) @ ((pv - self.tv) / self.mv)
        # (J z)_c(s) = sigmoid'(x_c(s)) <(A z)_s, P_s - T_s> / m at the agent's own coordinates
        inner = (az * (prob - self.t)).sum(axis=2)
        jz = np.zeros_like(x)
        np.put_along_axis(jz, self.own, w * (1.0 - w) * inner / m, axis=1)
        flat = lambda g: g.transpose(0, 2, 1).reshape(n, D * K)
        return flat(grad), flat(hz) - flat(gf), -jz


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--agents", type=int, default=10)
    ap.add_argument("--train", type=int, default=5000)
    ap.add_argument("--validation", type=int, default=10000)
    ap.add_argument("--iterations", type=int, default=10)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    prob = Problem(args.agents, args.train, args.validation, 1e-3, args.seed)
    print(f"numpy {np.__version__}; blas: {loaded_blas()}; "
          f"OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS', '(unset)')}")
    n = args.agents
    w = ring_metropolis(n)
    alpha, beta, gamma = 1.0, 0.1, 0.1
    x = np.zeros((n, prob.p))
    y = np.zeros((n, D * K))
    z = np.zeros((n, D * K))
    v, p, u = prob.directions(x, y, z)
    s, r, h = v.copy(), p.copy(), u.copy()
    times = []
    for k in range(3 + args.iterations):
        t0 = time.perf_counter()
        y, z, x, ws, wr, wh = w @ y - beta * s, w @ z - gamma * r, w @ x - alpha * h, w @ s, w @ r, w @ h
        v2, p2, u2 = prob.directions(x, y, z)
        s, r, h = ws + v2 - v, wr + p2 - p, wh + u2 - u
        v, p, u = v2, p2, u2
        if k >= 3:
            times.append(time.perf_counter() - t0)
    if not np.isfinite(y).all():
        raise SystemExit("diverged")
    print(f"agents {n}, train {prob.p}, validation {prob.mv * n}, {args.iterations} timed iterations")
    print(f"median_ms {np.median(times) * 1e3:.3f}")


if __name__ == "__main__":
    main()
