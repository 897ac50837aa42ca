#!/usr/bin/env python3
"""Extraction side by side on the article-extraction benchmark: trafilatura (and jusText when installed)
timed on one core over the same 181 pages marsad reads, scored with the benchmark's metric (4-token
shingles of re.findall(r'\\w+'), precision and recall averaged over pages, F1 of the averages), then
marsad's own run of `marsad eval extraction --benchmark` in the same process tree.

Usage: python3 eval/extraction/side_by_side.py ../shared/data/article-extraction-benchmark [--marsad BIN]
Needs: pip install trafilatura justext
"""
import argparse
import gzip
import json
import re
import subprocess
import time
from collections import Counter
from pathlib import Path


def shingles(text):
    tokens = re.findall(r"\w+", text or "")
    if len(tokens) < 4:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i:i + 4]) for i in range(len(tokens) - 3))


def score(pairs):
    precisions, recalls = [], []
    for predicted, gold in pairs:
        p, g = shingles(predicted), shingles(gold)
        tp = sum((p & g).values())
        fp, fn = sum(p.values()) - tp, sum(g.values()) - tp
        if tp + fp:
            precisions.append(tp / (tp + fp))
        if tp + fn:
            recalls.append(tp / (tp + fn))
    P = sum(precisions) / max(len(precisions), 1)
    R = sum(recalls) / max(len(recalls), 1)
    return P, R, (2 * P * R / (P + R) if P + R else 0.0)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("benchmark")
    parser.add_argument("--marsad", default="target/release/marsad")
    args = parser.parse_args()
    root = Path(args.benchmark)
    truth = json.loads((root / "ground-truth.json").read_text())
    ids = sorted(truth)
    pages = [gzip.decompress((root / "html" / f"{i}.html.gz").read_bytes()).decode("utf-8", "replace") for i in ids]

    import trafilatura
    start = time.perf_counter()
    outputs = [trafilatura.extract(html) or "" for html in pages]
    seconds = time.perf_counter() - start
    P, R, F = score(zip(outputs, (truth[i]["articleBody"] for i in ids)))
    print(f"trafilatura {trafilatura.__version__}: F1 {F:.3f}  P {P:.3f}  R {R:.3f}   {len(ids) / seconds:.0f} pages/s")

    try:
        import justext
        stop = justext.get_stoplist("English")
        start = time.perf_counter()
        outputs = ["\n".join(p.text for p in justext.justext(html, stop) if not p.is_boilerplate) for html in pages]
        seconds = time.perf_counter() - start
        P, R, F = score(zip(outputs, (truth[i]["articleBody"] for i in ids)))
        print(f"jusText: F1 {F:.3f}  P {P:.3f}  R {R:.3f}   {len(ids) / seconds:.0f} pages/s")
    except ImportError:
        print("jusText not installed")

    subprocess.run([args.marsad, "eval", "extraction", "--benchmark", str(root)], check=True)


if __name__ == "__main__":
    main()
