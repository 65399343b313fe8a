#!/usr/bin/python3
"""Writes the golden vectors for mlforge's drift statistics.

Run with Debian bookworm's SciPy 1.10.1 / NumPy 1.24 (apt-get install python3-scipy python3-numpy):

    /usr/bin/python3 server/src/test/golden/generate_drift_goldens.py

Evidently is not installable here, so its formulas are re-implemented below with numpy/scipy exactly as its source
does (evidentlyai/evidently, src/evidently/legacy/calculations/stattests/: ks_stattest.py, chisquare_stattest.py,
z_stattest.py, psi.py, kl_div.py, jensenshannon.py, hellinger_distance.py, wasserstein_distance_norm.py,
anderson_darling_stattest.py, cramer_von_mises_stattest.py and utils.py get_binned_data). pandas' value_counts and
nunique are replaced by their numpy equivalents on NaN-free data.

Large samples are not stored: they come from a 32-bit linear congruential generator whose values are dyadic
rationals, so the Java test regenerates exactly the same doubles (see "lcg" below and GoldenSamples.java).
"""
import json
import math
import os
from math import sqrt

import numpy as np
import scipy
from scipy import stats
from scipy.spatial import distance

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "golden", "drift")


# ---------- Evidently formulas ----------

def binned(ref, cur, numerical, feel_zeroes):
    """utils.py get_binned_data"""
    if numerical and len(np.unique(ref)) > 20:
        bins = np.histogram_bin_edges(np.concatenate([ref, cur]), bins="sturges")
        rp = np.histogram(ref, bins)[0] / len(ref)
        cp = np.histogram(cur, bins)[0] / len(cur)
    else:
        keys = list(set(np.unique(ref).tolist()) | set(np.unique(cur).tolist()))
        rv, rc = np.unique(ref, return_counts=True)
        cv, cc = np.unique(cur, return_counts=True)
        rd = {**dict.fromkeys(keys, 0), **dict(zip(rv.tolist(), rc.tolist()))}
        cd = {**dict.fromkeys(keys, 0), **dict(zip(cv.tolist(), cc.tolist()))}
        rp = np.array([rd[k] / len(ref) for k in keys])
        cp = np.array([cd[k] / len(cur) for k in keys])
    if feel_zeroes:
        np.place(rp, rp == 0, min(rp[rp != 0]) / 10 ** 6 if min(rp[rp != 0]) <= 0.0001 else 0.0001)
        np.place(cp, cp == 0, min(cp[cp != 0]) / 10 ** 6 if min(cp[cp != 0]) <= 0.0001 else 0.0001)
    return rp, cp


def psi(ref, cur, numerical):
    rp, cp = binned(ref, cur, numerical, True)
    return float(np.sum((rp - cp) * np.log(rp / cp)))


def kl_div(ref, cur, numerical):
    rp, cp = binned(ref, cur, numerical, True)
    return float(stats.entropy(rp, cp))


def jensenshannon(ref, cur, numerical):
    rp, cp = binned(ref, cur, numerical, False)
    return float(distance.jensenshannon(rp, cp))


def hellinger(ref, cur, numerical):
    keys = list(set(np.unique(ref).tolist()) | set(np.unique(cur).tolist()))
    if not numerical:
        rv, rc = np.unique(ref, return_counts=True)
        cv, cc = np.unique(cur, return_counts=True)
        rd = dict(zip(rv.tolist(), (rc / len(ref)).tolist()))
        cd = dict(zip(cv.tolist(), (cc / len(cur)).tolist()))
        h = 0.0
        for k in keys:
            h += sqrt(rd.get(k, 0) * cd.get(k, 0))
        return sqrt(1 - np.clip(h, 0, 1))
    bins = np.histogram_bin_edges(keys, bins="sturges")
    h1 = np.histogram(ref, bins=bins, density=True)[0]
    h2 = np.histogram(cur, bins=bins, density=True)[0]
    bin_width = (max(bins) - min(bins)) / (len(bins) - 1)
    h = 0.0
    for i in range(len(h1)):
        h += sqrt(h1[i] * h2[i]) * bin_width
    return sqrt(1 - np.clip(h, 0, 1))


def wasserstein(ref, cur):
    norm = max(np.std(ref), 0.001)
    return float(stats.wasserstein_distance(ref, cur) / norm)


def chisquare(ref, cur):
    keys = list(set(np.unique(ref).tolist()) | set(np.unique(cur).tolist()))
    rv, rc = np.unique(ref, return_counts=True)
    cv, cc = np.unique(cur, return_counts=True)
    rd = {**dict.fromkeys(keys, 0), **dict(zip(rv.tolist(), rc.tolist()))}
    cd = {**dict.fromkeys(keys, 0), **dict(zip(cv.tolist(), cc.tolist()))}
    k_norm = len(cur) / len(ref)
    f_exp = [rd[k] * k_norm for k in keys]
    f_obs = [cd[k] for k in keys]
    result = stats.chisquare(f_obs, f_exp)
    return float(result[0]), float(result[1])


def z_test(ref, cur):
    if len(np.unique(ref)) == 1 and len(np.unique(cur)) == 1 and np.unique(ref)[0] == np.unique(cur)[0]:
        return 0.0, 1.0
    keys = sorted(set(np.unique(ref).tolist()) | set(np.unique(cur).tolist()))
    r = np.array([0 if x == keys[0] else 1 for x in ref])
    c = np.array([0 if x == keys[0] else 1 for x in cur])
    n1, n2 = len(r), len(c)
    p1 = float(sum(r)) / n1
    p2 = float(sum(c)) / n2
    P = float(p1 * n1 + p2 * n2) / (n1 + n2)
    z = (p1 - p2) / np.sqrt(P * (1 - P) * (1.0 / n1 + 1.0 / n2))
    return float(z), float(2 * (1 - stats.norm.cdf(np.abs(z))))


def numerical_results(ref, cur):
    out = {}

    def attempt(name, fn):
        try:
            value = fn()
            if isinstance(value, tuple):
                out[name] = {"statistic": value[0], "p_value": value[1]}
            else:
                out[name] = {"statistic": value, "p_value": None}
        except (ValueError, ZeroDivisionError, IndexError, FloatingPointError):
            out[name] = {"error": True}

    attempt("ks", lambda: tuple(float(v) for v in stats.ks_2samp(ref, cur)[:2]))
    attempt("wasserstein", lambda: wasserstein(ref, cur))
    attempt("psi", lambda: psi(ref, cur, True))
    attempt("kl_div", lambda: kl_div(ref, cur, True))
    attempt("jensenshannon", lambda: jensenshannon(ref, cur, True))
    attempt("hellinger", lambda: hellinger(ref, cur, True))
    attempt("chisquare", lambda: chisquare(ref, cur))
    attempt("z", lambda: z_test(ref, cur))

    def anderson():
        with np.errstate(divide="raise", invalid="raise"):
            if len(ref) + len(cur) < 4:
                raise ValueError("too few")
            result = stats.anderson_ksamp([ref, cur])
            return float(result.statistic), float(result.significance_level)

    attempt("anderson", anderson)

    def cvm():
        result = stats.cramervonmises_2samp(ref, cur)
        return float(result.statistic), float(result.pvalue)

    attempt("cramer_von_mises", cvm)
    return out


def categorical_results(ref, cur):
    out = {}
    for name, fn in [("chisquare", lambda: chisquare(ref, cur)), ("z", lambda: z_test(ref, cur))]:
        s, p = fn()
        out[name] = {"statistic": s, "p_value": p}
    for name, fn in [("psi", psi), ("kl_div", kl_div), ("jensenshannon", jensenshannon), ("hellinger", hellinger)]:
        out[name] = {"statistic": float(fn(ref, cur, False)), "p_value": None}
    return out


# ---------- deterministic large samples ----------

def lcg(seed, count, terms):
    """Sum of `terms` uniforms k / 2^24 from x <- (1664525 x + 1013904223) mod 2^32; exact in doubles."""
    state = seed & 0xFFFFFFFF
    values = np.empty(count)
    for i in range(count):
        total = 0.0
        for _ in range(terms):
            state = (1664525 * state + 1013904223) & 0xFFFFFFFF
            total += (state >> 8) / 16777216.0
        values[i] = total
    return values


def generated(spec):
    values = lcg(spec["seed"], spec["count"], spec["terms"])
    values = values * spec.get("scale", 1.0) + spec.get("shift", 0.0)
    if spec.get("round", False):
        values = np.floor(values)
    return values


def main():
    rng = np.random.default_rng(20261124)
    cases = []

    def add(name, ref, cur):
        ref = np.asarray(ref, dtype=float)
        cur = np.asarray(cur, dtype=float)
        cases.append({"name": name, "type": "numerical", "reference": ref.tolist(), "current": cur.tolist(),
                      "results": numerical_results(ref, cur)})

    add("identical", [1.0, 2.0, 3.0, 4.0, 5.0, 6.0], [1.0, 2.0, 3.0, 4.0, 5.0, 6.0])
    add("disjoint", [1.0, 2.0, 3.0, 4.0, 5.0], [10.0, 11.0, 12.0, 13.0, 14.0, 15.0, 16.0])
    add("constant_same", [3.0] * 8, [3.0] * 5)
    add("constant_different", [3.0] * 8, [4.0] * 5)
    for n in range(1, 6):
        add(f"n{n}", rng.normal(0, 1, n).round(3), rng.normal(0.5, 1, n + 1).round(3))
    add("n1_n1", [0.5], [0.7])
    add("n2_n2", [0.5, 1.5], [0.7, 2.5])
    add("heavy_ties", rng.integers(0, 4, 300).astype(float), rng.integers(0, 5, 250).astype(float))
    add("ties_many_values", rng.integers(0, 40, 500).astype(float), rng.integers(5, 45, 450).astype(float))
    add("unequal_sizes", rng.normal(0, 1, 37).round(4), rng.normal(0.3, 1.2, 211).round(4))
    add("unequal_sizes_big_ratio", rng.normal(0, 1, 15), rng.normal(0, 1, 900))
    add("small_shift", rng.normal(0, 1, 120), rng.normal(0.1, 1, 130))
    add("medium_normal", rng.normal(0, 1, 2000).round(6), rng.normal(0.05, 1, 1800).round(6))
    add("medium_exact_ks_unequal", rng.exponential(1, 3000).round(6), rng.exponential(1.1, 2500).round(6))
    add("cvm_exact_20", rng.normal(0, 1, 20), rng.normal(1, 1, 17))
    add("cvm_exact_ties", rng.integers(0, 5, 12).astype(float), rng.integers(0, 5, 9).astype(float))
    add("with_negative_zero", [-0.0, 0.0, 1.0, 2.0, 2.0, 3.0], [0.0, 1.0, 1.0, 4.0])

    ks_fuzz = []
    for i in range(60):
        n1 = int(rng.integers(1, 60)) if i < 40 else int(rng.integers(100, 3000))
        n2 = int(rng.integers(1, 60)) if i % 3 else int(rng.integers(1, 400))
        ref = rng.normal(0, 1, n1).round(1 if i % 2 else 3)
        cur = rng.normal(rng.uniform(-0.5, 0.5), rng.uniform(0.7, 1.5), n2).round(1 if i % 2 else 3)
        res = stats.ks_2samp(ref, cur)
        ks_fuzz.append({"name": f"ks_fuzz_{i}_{n1}_{n2}", "type": "numerical", "reference": ref.tolist(),
                        "current": cur.tolist(),
                        "results": {"ks": {"statistic": float(res[0]), "p_value": float(res[1])}}})

    big = []
    specs = [
        ("big_same_distribution", {"seed": 1, "count": 100000, "terms": 4}, {"seed": 2, "count": 100000, "terms": 4}),
        ("big_shifted", {"seed": 3, "count": 100000, "terms": 4},
         {"seed": 4, "count": 100000, "terms": 4, "shift": 0.02}),
        ("big_rounded_few_values", {"seed": 5, "count": 100000, "terms": 4, "round": True},
         {"seed": 6, "count": 80000, "terms": 4, "round": True}),
        ("exact_ks_equal", {"seed": 7, "count": 5000, "terms": 2}, {"seed": 8, "count": 5000, "terms": 2}),
        ("exact_ks_unequal_large", {"seed": 9, "count": 10000, "terms": 3},
         {"seed": 10, "count": 9999, "terms": 3, "shift": 0.01}),
        ("asymp_ks_small_en", {"seed": 11, "count": 60, "terms": 4},
         {"seed": 12, "count": 12000, "terms": 4, "shift": 0.2}),
        ("asymp_ks_pomeranz", {"seed": 13, "count": 100, "terms": 4},
         {"seed": 14, "count": 20000, "terms": 4, "shift": 0.35}),
        ("asymp_ks_no_drift", {"seed": 15, "count": 15000, "terms": 4}, {"seed": 16, "count": 11000, "terms": 4}),
        ("asymp_ks_drift", {"seed": 17, "count": 15000, "terms": 4},
         {"seed": 18, "count": 11000, "terms": 4, "shift": 0.03}),
        ("asymp_ks_dmtw_small_n", {"seed": 21, "count": 100, "terms": 4}, {"seed": 22, "count": 20000, "terms": 4}),
        ("asymp_ks_dmtw_large_n", {"seed": 23, "count": 20000, "terms": 4}, {"seed": 23, "count": 20100, "terms": 4}),
        ("asymp_ks_smirnov_small_n", {"seed": 24, "count": 130, "terms": 4},
         {"seed": 25, "count": 10001, "terms": 4, "shift": 0.5}),
        ("asymp_ks_pomeranz_mid", {"seed": 26, "count": 100, "terms": 4},
         {"seed": 27, "count": 20000, "terms": 4, "shift": 0.12}),
        ("asymp_ks_pomeranz_high", {"seed": 28, "count": 100, "terms": 4},
         {"seed": 29, "count": 20000, "terms": 4, "shift": 0.2}),
        ("asymp_ks_tiny_difference", {"seed": 19, "count": 20000, "terms": 1},
         {"seed": 19, "count": 20001, "terms": 1}),
    ]
    for name, ref_spec, cur_spec in specs:
        ref = generated(ref_spec)
        cur = generated(cur_spec)
        big.append({"name": name, "type": "numerical", "reference_generator": ref_spec,
                    "current_generator": cur_spec, "results": numerical_results(ref, cur)})

    categorical = []

    def add_cat(name, ref, cur):
        categorical.append({"name": name, "type": "categorical", "reference": ref, "current": cur,
                            "results": categorical_results(np.array(ref, dtype=object), np.array(cur, dtype=object))})

    add_cat("two_categories", ["a"] * 60 + ["b"] * 40, ["a"] * 45 + ["b"] * 55)
    add_cat("same_single_category", ["x"] * 10, ["x"] * 7)
    add_cat("three_categories", ["red"] * 30 + ["green"] * 50 + ["blue"] * 20,
            ["red"] * 25 + ["green"] * 40 + ["blue"] * 35)
    add_cat("new_category", ["a"] * 50 + ["b"] * 50, ["a"] * 40 + ["b"] * 40 + ["c"] * 20)
    add_cat("vanished_category", ["a"] * 40 + ["b"] * 40 + ["c"] * 20, ["a"] * 50 + ["b"] * 50)
    letters = [chr(ord("a") + i) for i in range(12)]
    add_cat("many_categories", [letters[i] for i in rng.integers(0, 12, 3000)],
            [letters[i] for i in rng.integers(0, 10, 2500)])

    os.makedirs(OUT, exist_ok=True)
    meta = {"scipy": scipy.__version__, "numpy": np.__version__}
    with open(os.path.join(OUT, "numerical.json"), "w") as f:
        json.dump({"generated_with": meta, "cases": cases}, f, indent=0)
    with open(os.path.join(OUT, "ks_fuzz.json"), "w") as f:
        json.dump({"generated_with": meta, "cases": ks_fuzz}, f, indent=0)
    with open(os.path.join(OUT, "generated.json"), "w") as f:
        json.dump({"generated_with": meta, "cases": big}, f, indent=1)
    with open(os.path.join(OUT, "categorical.json"), "w") as f:
        json.dump({"generated_with": meta, "cases": categorical}, f, indent=0)


if __name__ == "__main__":
    main()
