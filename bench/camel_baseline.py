"""camel_tools baseline for `cargo bench --bench text_throughput`.

Does the job the Rust benchmark does — Unicode + orthographic normalisation, diacritic removal and word
tokenisation — with CAMeL Tools' own functions, and prints one JSON line: {"mb_per_s": ..., "bytes": ...}.
(camel_tools has no light stemmer in its utils; its stemming lives in the morphological analyser, which needs
downloaded databases, so the baseline does normalise + tokenise only. That favours camel_tools.)

Install without its deep-learning dependencies (torch, transformers), which these functions never import:
    pip install --no-deps camel-tools==1.6.0 && pip install regex six future emoji
Usage: python3 bench/camel_baseline.py TEXT_FILE [--repeat N]
"""
import json
import sys
import time

from camel_tools.tokenizers.word import simple_word_tokenize
from camel_tools.utils.dediac import dediac_ar
from camel_tools.utils.normalize import (
    normalize_alef_ar,
    normalize_alef_maksura_ar,
    normalize_teh_marbuta_ar,
    normalize_unicode,
)


def process(line: str) -> int:
    text = normalize_unicode(line)
    text = dediac_ar(text)
    text = normalize_alef_ar(text)
    text = normalize_alef_maksura_ar(text)
    text = normalize_teh_marbuta_ar(text)
    return len(simple_word_tokenize(text))


def main() -> None:
    path = sys.argv[1]
    repeat = int(sys.argv[sys.argv.index("--repeat") + 1]) if "--repeat" in sys.argv else 3
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    size = sum(len(line.encode("utf-8")) + 1 for line in lines)
    best = float("inf")
    tokens = 0
    for _ in range(repeat):
        start = time.perf_counter()
        tokens = sum(process(line) for line in lines)
        best = min(best, time.perf_counter() - start)
    print(json.dumps({"mb_per_s": size / best / 1e6, "bytes": size, "tokens": tokens, "seconds": best}))


if __name__ == "__main__":
    main()
