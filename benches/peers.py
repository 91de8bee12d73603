#!/usr/bin/env python3
"""Each stage of a rotaplan run against plain HiGHS and CBC on the same stage model.

Usage (see docs/performance.md, "Against plain HiGHS and CBC"):

    rotaplan plan COUNTY --out PLAN --time-limit 60 --export-model MODELS/m.mps
    python3 benches/peers.py MODELS PLAN/summary.json [FACTOR]

For every stage file `m.K-TERM.mps` that `--export-model` wrote (the model rotaplan's
stage solved: its rows, the earlier terms' caps at the values that run reached, the term's
constant as the objective offset), plain HiGHS (highspy, one thread, default options) and
CBC (one thread) each get FACTOR times the seconds rotaplan's stage took (default 5, the
issue's target), at least one second. The table gives each solver's best value and the gap
to its own bound. A peer whose value at FACTOR times the time is still worse than
rotaplan's did not reach rotaplan's plan FACTOR times slower. Needs `pip install highspy`
and Debian's `coinor-cbc`; not run by CI.
"""
import glob
import json
import os
import re
import subprocess
import sys
import time


def highs(path, limit):
    import highspy

    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("threads", 1)
    h.setOptionValue("random_seed", 0)
    h.setOptionValue("time_limit", float(limit))
    h.readModel(path)
    began = time.time()
    h.run()
    info = h.getInfo()
    value = info.objective_function_value if info.primal_solution_status == 2 else None
    return value, info.mip_dual_bound, time.time() - began


def cbc(path, limit):
    began = time.time()
    out = subprocess.run(
        ["cbc", path, "-sec", str(limit), "-threads", "1", "-solve", "-quit"],
        capture_output=True, text=True,
    ).stdout
    seconds = time.time() - began
    value = re.search(r"^Objective value:\s+(\S+)", out, re.M)
    bound = re.search(r"^Lower bound:\s+(\S+)", out, re.M)
    value = float(value.group(1)) if value and "No feasible" not in out else None
    bound = float(bound.group(1)) if bound else value
    return value, bound, seconds


def gap(value, bound):
    if value is None or bound is None:
        return "no plan" if value is None else "-"
    diff = value - bound
    return f"{max(diff, 0.0) / max(abs(value), 1e-9):.2%}"


def main():
    models, summary = sys.argv[1], json.load(open(sys.argv[2]))
    factor = float(sys.argv[3]) if len(sys.argv) > 3 else 5.0
    stages = {s["term"]: s for s in summary["stages"]}
    print(f"| stage | rotaplan: value (gap), seconds | plain HiGHS at {factor:g}x | CBC at {factor:g}x |")
    print("|---|---|---|---|")
    for path in sorted(glob.glob(os.path.join(models, "*.mps"))):
        term = re.search(r"\.\d+-(\w+)\.mps$", path).group(1)
        s = stages[term]
        limit = max(1.0, factor * s["seconds"])
        cells = [f"{s['reached']:.4f} ({gap(s['reached'], s['bound'])}), {s['seconds']:.1f} s"]
        for solve in (highs, cbc):
            value, bound, seconds = solve(path, limit)
            shown = "no plan" if value is None else f"{value:.4f} ({gap(value, bound)})"
            cells.append(f"{shown}, {seconds:.1f} s")
        print(f"| {term} | " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main()
