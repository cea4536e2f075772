#!/usr/bin/env python3
"""Turns JMH JSON results (-rf json) into the ratio tables of BENCHMARKS.md.

Usage: python3 benchmarks/report.py RESULT.json [RESULT.json ...]

Each benchmark is divided by the baseline of its own class, measured in the same run
(same JVM flags, same threads): Mono.just for the hot path, the constant-header filter
for the filter, the plain WebClient for end to end.
"""
import json
import sys

BASELINES = {
    "TokenHotPathBenchmark": "monoJustConstant",
    "FilterBenchmark": "constantHeaderFilter",
    "EndToEndBenchmark": "plainWebClient",
    "ClockReadBenchmark": "monoJustConstant",
}


def load(paths):
    rows = []
    for path in paths:
        with open(path) as f:
            rows.extend(json.load(f))
    return rows


def split(name):
    cls, method = name.rsplit(".", 2)[-2:]
    return cls, method


def fmt(score, error):
    return f"{score:,.1f} ± {error:,.1f}" if score < 1000 else f"{score:,.0f} ± {error:,.0f}"


def main(paths):
    rows = load(paths)
    groups = {}
    for row in rows:
        cls, method = split(row["benchmark"])
        if cls not in BASELINES:
            continue
        groups.setdefault((cls, row["threads"]), {})[method] = row
    for (cls, threads), methods in sorted(groups.items()):
        base = methods.get(BASELINES[cls])
        if base is None:
            continue
        unit = base["primaryMetric"]["scoreUnit"]
        has_gc = "gc.alloc.rate.norm" in base.get("secondaryMetrics", {})
        print(f"\n{cls}, {threads} thread(s), {base['forks']} forks × {base['measurementIterations']} iterations")
        header = f"| benchmark | {unit} | ratio |" + (" B/op | ratio |" if has_gc else "")
        print(header)
        print("|---" * (header.count("|") - 1) + "|")
        for method, row in sorted(methods.items(), key=lambda item: item[1]["primaryMetric"]["score"]):
            primary = row["primaryMetric"]
            line = (f"| `{method}` | {fmt(primary['score'], primary['scoreError'])} "
                    f"| {primary['score'] / base['primaryMetric']['score']:.2f}× |")
            if has_gc:
                alloc = row["secondaryMetrics"]["gc.alloc.rate.norm"]["score"]
                base_alloc = base["secondaryMetrics"]["gc.alloc.rate.norm"]["score"]
                line += f" {alloc:,.0f} | {alloc / base_alloc:.2f}× |"
            print(line)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
