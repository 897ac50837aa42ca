#!/usr/bin/env python3
"""Compare Arabic light stemmers on a hand-written list of conflation groups.

Systems
-------
* ``isri``      -- NLTK ``ISRIStemmer`` (root-oriented, aggressive).
* ``snowball``  -- NLTK ``snowball.ArabicStemmer`` (light stemmer).
* ``marsad``    -- our stemmer, run as a subprocess (``--marsad CMD``).  All
  words are written to its stdin, one per line; it must print exactly one
  stem per line, in the same order.  If the command cannot be run, fails, or
  prints the wrong number of lines, marsad is skipped with a message.
  The command is run from the repository root.  ``--marsad ''`` disables it.

Word list
---------
``words.tsv`` (UTF-8, header ``group<TAB>word<TAB>note``).  Every group is one
lexical word in forms a light stemmer *should* conflate.  ``note`` is a
comma-separated list of tags describing the form (``base``, ``clitic``,
``enclitic``, ``plural``, ``dual``, ``fem``, ``acc``, ``present``, ``suffix``,
``broken``) and the group (``verb``, ``nisba``, ``name``, ``hard``, ``short``).
Words tagged ``broken`` (broken plurals) are conflatable only by a root
stemmer, so every metric is reported twice: on all words and without them.

Normalisation
-------------
Every system's output goes through the same normalisation before comparing,
so orthographic choices are not counted as stemming differences: diacritics
and tatweel are removed, أ/إ/آ/ٱ -> ا, ى -> ي, ة -> ه.

Metrics (N words, groups g with n_g words)
------------------------------
* conflation recall -- within-group word pairs whose stems are equal, divided
  by all within-group pairs (sum of n_g(n_g-1)/2).  This is 1 - UI, Paice's
  under-stemming index.  Higher is better.
* wrong merges -- cross-group pairs whose stems are equal: as a count, and as
  a rate over all cross-group pairs (Paice's over-stemming index OI).  Lower
  is better.  The 15 group pairs with most merged word pairs are listed with
  an example.
* exact-group purity -- fraction of groups whose forms all get one stem that
  no word of any other group gets.  A per-group "perfect" score.
* mean stem length -- in characters, after normalisation.
* per-note recall -- conflation recall restricted to within-group pairs in
  which at least one word carries the tag; alongside, the number of wrong
  (cross-group) merges involving a word with that tag (useful for ``hard``,
  ``name`` and ``short``).
* must-not-overstem checks -- e.g. stem(وزارة) must differ from stem(زيارة)
  and stem(زار); stems of a few tricky words are printed for inspection.

Usage
-----
    python3 eval/stemmer/compare.py [--marsad "target/release/marsad text stem"]
                                    [--words eval/stemmer/words.tsv] [--json]
                                    [--dump]

Dependencies: Python 3.11 standard library and nltk.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import shlex
import subprocess
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parent.parent
DEFAULT_WORDS = HERE / "words.tsv"
DEFAULT_MARSAD = "target/release/marsad text stem"

# Pairs (a, b): stem(a) must differ from stem(b).
MUST_DIFFER = [
    ("وزارة", "زيارة"),
    ("وزارة", "زار"),
    ("وزارات", "زيارات"),
    ("وزارة", "وزير"),
    ("مدينة", "مدين"),
    ("إسلام", "سلام"),
    ("أنصار", "نار"),
    ("اتفاقية", "اتفاق"),
    ("دولي", "دولة"),
]
# Words whose stems are printed for eyeballing.
WATCH = ["وزارة", "وزارات", "زيارة", "والي", "بيان", "لبنان", "مدينة"]

SUBSETS = {"all": lambda tags: True, "no_broken": lambda tags: "broken" not in tags}

# ------------------------------
# Normalisation

_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ORTHO = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})


def normalise(s: str) -> str:
    """Strip diacritics/tatweel, unify alef forms, ى->ي, ة->ه."""
    return _DIACRITICS.sub("", s.strip()).translate(_ORTHO)


# ------------------------------
# Word list


@dataclass(frozen=True)
class Entry:
    group: str
    word: str
    tags: frozenset[str]


def load_words(path: Path) -> list[Entry]:
    entries: list[Entry] = []
    seen: dict[str, str] = {}
    with path.open(encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        if header != ["group", "word", "note"]:
            sys.exit(f"{path}: bad header {header!r}")
        for lineno, line in enumerate(f, start=2):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) != 3:
                sys.exit(f"{path}:{lineno}: expected 3 columns, got {len(parts)}")
            group, word, note = (p.strip() for p in parts)
            if word in seen:
                sys.exit(f"{path}:{lineno}: {word} already listed in group {seen[word]}")
            seen[word] = group
            tags = frozenset(t.strip() for t in note.split(",") if t.strip())
            entries.append(Entry(group, word, tags))
    return entries


# ------------------------------
# Stemmers: each takes a list of words and returns a list of stems.

StemFn = Callable[[list[str]], list[str]]


def nltk_stemmers() -> dict[str, StemFn]:
    from nltk.stem.isri import ISRIStemmer
    from nltk.stem.snowball import ArabicStemmer

    isri = ISRIStemmer()
    # NLTK's ArabicStemmer.stem() does not reset its `suffixes_verb_step1_success`
    # flag between calls (nltk 3.10.x), so with a shared instance a word's stem
    # depends on the words stemmed before it (e.g. قالوا -> قالو instead of قال).
    # A fresh instance per word gives the intended, order-independent output.
    return {
        "isri": lambda ws: [isri.stem(w) for w in ws],
        "snowball": lambda ws: [ArabicStemmer().stem(w) for w in ws],
    }


def marsad_stemmer(command: str) -> StemFn:
    argv = shlex.split(command)

    def run(words: list[str]) -> list[str]:
        proc = subprocess.run(
            argv,
            input="".join(w + "\n" for w in words),
            capture_output=True,
            text=True,
            encoding="utf-8",
            cwd=REPO_ROOT,
            timeout=120,
        )
        if proc.returncode != 0:
            raise RuntimeError(f"exit status {proc.returncode}: {proc.stderr.strip()[:300]}")
        lines = proc.stdout.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        if len(lines) != len(words):
            raise RuntimeError(f"expected {len(words)} output lines, got {len(lines)}")
        return [l.rstrip("\r") for l in lines]

    return run


# ------------------------------
# Metrics


def pairs(n: int) -> int:
    return n * (n - 1) // 2


def evaluate(entries: list[Entry], stem_of: dict[str, str]) -> dict:
    """Compute all metrics for one system on one subset of entries."""
    by_group: dict[str, list[Entry]] = defaultdict(list)
    for e in entries:
        by_group[e.group].append(e)
    stems = {e.word: stem_of[e.word] for e in entries}

    # Within-group pairs (conflation recall), overall and per tag.
    within_total = within_merged = 0
    tag_total: Counter[str] = Counter()
    tag_merged: Counter[str] = Counter()
    for members in by_group.values():
        for a, b in itertools.combinations(members, 2):
            same = stems[a.word] == stems[b.word]
            within_total += 1
            within_merged += same
            for tag in a.tags | b.tags:
                tag_total[tag] += 1
                tag_merged[tag] += same

    # Cross-group pairs (wrong merges), via the words sharing each stem.
    by_stem: dict[str, list[Entry]] = defaultdict(list)
    for e in entries:
        by_stem[stems[e.word]].append(e)
    cross_total = pairs(len(entries)) - within_total
    wrong = 0
    wrong_by_tag: Counter[str] = Counter()
    group_pairs: dict[tuple[str, str], dict] = {}
    for stem, members in by_stem.items():
        for a, b in itertools.combinations(members, 2):
            if a.group == b.group:
                continue
            wrong += 1
            for tag in a.tags | b.tags:
                wrong_by_tag[tag] += 1
            key = tuple(sorted((a.group, b.group)))
            gp = group_pairs.setdefault(key, {"pairs": 0, "stem": stem, "example": (a.word, b.word)})
            gp["pairs"] += 1
    worst = sorted(group_pairs.items(), key=lambda kv: (-kv[1]["pairs"], kv[0]))[:15]

    # Exact-group purity.
    stem_groups: dict[str, set[str]] = defaultdict(set)
    for e in entries:
        stem_groups[stems[e.word]].add(e.group)
    pure = 0
    for group, members in by_group.items():
        group_stems = {stems[e.word] for e in members}
        if len(group_stems) == 1 and stem_groups[next(iter(group_stems))] == {group}:
            pure += 1

    return {
        "words": len(entries),
        "groups": len(by_group),
        "within_pairs": within_total,
        "recall": within_merged / within_total if within_total else float("nan"),
        "cross_pairs": cross_total,
        "wrong_merges": wrong,
        "wrong_rate": wrong / cross_total if cross_total else float("nan"),
        "purity": pure / len(by_group) if by_group else float("nan"),
        "mean_stem_len": sum(len(s) for s in stems.values()) / len(stems),
        "per_note": {
            tag: {
                "within_pairs": tag_total[tag],
                "recall": tag_merged[tag] / tag_total[tag],
                "wrong_merges": wrong_by_tag[tag],
            }
            for tag in sorted(tag_total)
        },
        "worst_merges": [
            {"groups": list(k), "pairs": v["pairs"], "stem": v["stem"], "example": list(v["example"])}
            for k, v in worst
        ],
    }


def checks(stem_of: dict[str, str]) -> dict:
    return {
        "must_differ": [
            {"a": a, "b": b, "stem_a": stem_of[a], "stem_b": stem_of[b], "ok": stem_of[a] != stem_of[b]}
            for a, b in MUST_DIFFER
        ],
        "watch": {w: stem_of[w] for w in WATCH},
    }


# ------------------------------
# Reporting


def print_report(results: dict, notes_counts: Counter) -> None:
    systems = list(results)
    col = 12

    def row(label: str, values: list[str]) -> None:
        print(f"  {label:<26}" + "".join(f"{v:>{col}}" for v in values))

    for subset in SUBSETS:
        any_sys = results[systems[0]]["subsets"][subset]
        print(f"\n== subset: {subset}  ({any_sys['words']} words, {any_sys['groups']} groups, "
              f"{any_sys['within_pairs']} within-group pairs, {any_sys['cross_pairs']} cross-group pairs)")
        row("", systems)
        m = {s: results[s]["subsets"][subset] for s in systems}
        row("conflation recall (1-UI)", [f"{m[s]['recall']:.3f}" for s in systems])
        row("wrong merges (pairs)", [str(m[s]["wrong_merges"]) for s in systems])
        row("wrong-merge rate (OI)", [f"{m[s]['wrong_rate'] * 1e3:.3f}e-3" for s in systems])
        row("exact-group purity", [f"{m[s]['purity']:.3f}" for s in systems])
        row("mean stem length", [f"{m[s]['mean_stem_len']:.2f}" for s in systems])
        print("  per-note recall / wrong merges:")
        tags = sorted({t for s in systems for t in m[s]["per_note"]})
        for tag in tags:
            cells = []
            for s in systems:
                pn = m[s]["per_note"].get(tag)
                cells.append(f"{pn['recall']:.2f}/{pn['wrong_merges']}" if pn else "-")
            row(f"  {tag} ({notes_counts[tag]}w)", cells)

    for s in systems:
        print(f"\n== {s}: 15 worst wrong merges (all words)")
        for wm in results[s]["subsets"]["all"]["worst_merges"]:
            a, b = wm["example"]
            print(f"  {wm['pairs']:>3}  {wm['groups'][0]} ~ {wm['groups'][1]}: {a} / {b} -> {wm['stem']}")

    print("\n== must-not-overstem checks: stem(a) must differ from stem(b)")
    for i, (a, b) in enumerate(MUST_DIFFER):
        print(f"  {a} / {b}")
        for s in systems:
            c = results[s]["checks"]["must_differ"][i]
            verdict = "ok " if c["ok"] else "BAD"
            print(f"      {s:<10} {verdict}  {c['stem_a']} / {c['stem_b']}")
    for s in systems:
        bad = sum(not c["ok"] for c in results[s]["checks"]["must_differ"])
        print(f"  {s}: {len(MUST_DIFFER) - bad}/{len(MUST_DIFFER)} checks passed")
    print("\n== stems of watched words")
    row("", systems)
    for w in WATCH:
        row(w, [results[s]["checks"]["watch"][w] for s in systems])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--marsad", default=DEFAULT_MARSAD,
                    help=f"command that stems stdin lines (default: {DEFAULT_MARSAD!r}; '' to skip)")
    ap.add_argument("--words", type=Path, default=DEFAULT_WORDS)
    ap.add_argument("--json", action="store_true", help="print results as JSON instead of a table")
    ap.add_argument("--dump", action="store_true", help="print every word's stems as TSV and exit")
    args = ap.parse_args()

    entries = load_words(args.words)
    check_words = [w for pair in MUST_DIFFER for w in pair] + WATCH
    inputs = list(dict.fromkeys([e.word for e in entries] + check_words))

    systems: dict[str, StemFn] = nltk_stemmers()
    if args.marsad.strip():
        systems = {"marsad": marsad_stemmer(args.marsad), **systems}

    stems: dict[str, dict[str, str]] = {}
    skipped: dict[str, str] = {}
    for name, fn in systems.items():
        try:
            raw = fn(inputs)
        except (OSError, RuntimeError, subprocess.SubprocessError) as exc:
            skipped[name] = str(exc)
            print(f"note: skipping {name} ({args.marsad!r}): {exc}", file=sys.stderr)
            continue
        stems[name] = {w: normalise(s) for w, s in zip(inputs, raw)}

    if args.dump:
        names = list(stems)
        print("group\tword\tnote\t" + "\t".join(names))
        for e in entries:
            print(f"{e.group}\t{e.word}\t{','.join(sorted(e.tags))}\t"
                  + "\t".join(stems[n][e.word] for n in names))
        return 0

    results = {}
    for name, stem_of in stems.items():
        results[name] = {
            "subsets": {sub: evaluate([e for e in entries if keep(e.tags)], stem_of)
                        for sub, keep in SUBSETS.items()},
            "checks": checks(stem_of),
        }

    if args.json:
        json.dump({"words_file": str(args.words), "skipped": skipped, "results": results},
                  sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        notes_counts = Counter(t for e in entries for t in e.tags)
        print(f"{len(entries)} words in {len({e.group for e in entries})} groups from {args.words}")
        print_report(results, notes_counts)
    return 0


if __name__ == "__main__":
    sys.exit(main())
