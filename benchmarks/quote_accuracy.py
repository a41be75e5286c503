"""Quote-attribution accuracy: the batch mode scored against gold annotations.

Runs ``newsreader annotate --jsonl`` on the project's own gold
(``sample_articles/gold.jsonl``) and, when it exists, on the PolNeAR development
set in ``../shared/eval/gold/`` (internal measurement only; skipped cleanly when
absent), then scores with ``../shared/eval/score.py`` when present, else with
the tests' own implementation of the metric. The "direct only" row scores the
engine as a direct-quote extractor: gold direct quotes against the predictions
the engine itself marked direct; the "direct (all)" row, printed for
information, scores gold direct quotes against every prediction. Also prints a
calibration table: name precision (the resolved speaker name is right) of
overlap-matched quotes per confidence band; quotes whose name was withheld are
not counted.

    python benchmarks/quote_accuracy.py [--jobs 2]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = next(
    (
        base / "shared" / "eval"
        for base in (ROOT.parent, ROOT.parent.parent)
        if (base / "shared" / "eval").exists()
    ),
    ROOT.parent / "shared" / "eval",
)
"""The shared evaluation data, beside the checkout or beside its worktree folder."""
sys.path.insert(0, str(ROOT))

from tests.support.quote_score import _jaccard, _speaker_ok, _trim  # noqa: E402

BANDS = [(0.0, 0.3), (0.3, 0.5), (0.5, 0.7), (0.7, 0.85), (0.85, 1.01)]


def annotate(gold: Path, out: Path, jobs: int) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "newsreader",
            "annotate",
            "--jsonl",
            str(gold),
            "-o",
            str(out),
            "--jobs",
            str(jobs),
        ],
        check=True,
    )


def official(gold: Path, pred: Path, *extra: str) -> dict[str, dict[str, float]]:
    scorer = SHARED / "score.py"
    with tempfile.NamedTemporaryFile(suffix=".json") as handle:
        subprocess.run(
            [
                sys.executable,
                str(scorer),
                str(gold),
                str(pred),
                "--out",
                handle.name,
                *extra,
            ],
            check=True,
            capture_output=True,
        )
        data: dict[str, dict[str, float]] = json.loads(Path(handle.name).read_text())
    return data


def keep_kind(pred: Path, out: Path, kind: str) -> None:
    """Copy the predictions, keeping only the quotes the engine gave ``kind``."""
    rows = []
    for line in pred.read_text().splitlines():
        if not line:
            continue
        record = json.loads(line)
        record["quotes"] = [q for q in record["quotes"] if q.get("kind") == kind]
        rows.append(json.dumps(record))
    out.write_text("".join(row + "\n" for row in rows))


def calibration(gold: Path, pred: Path) -> list[tuple[str, int, float]]:
    golds = {
        json.loads(row)["id"]: json.loads(row)
        for row in gold.read_text().splitlines()
        if row
    }
    rows: dict[int, list[bool]] = {i: [] for i in range(len(BANDS))}
    for line in pred.read_text().splitlines():
        record = json.loads(line)
        article = golds[record["id"]]
        text = article["text"]
        for quote in record["quotes"]:
            if not quote.get("speaker_name"):
                continue
            mine = _trim(text, quote["start"], quote["end"])
            best = max(
                article["quotes"],
                key=lambda g: _jaccard(mine, _trim(text, g["start"], g["end"])),
                default=None,
            )
            if (
                best is None
                or _jaccard(mine, _trim(text, best["start"], best["end"])) < 0.5
            ):
                continue
            band = next(
                i for i, (lo, hi) in enumerate(BANDS) if lo <= quote["confidence"] < hi
            )
            rows[band].append(_speaker_ok(quote["speaker"], best))
    return [
        (
            f"{BANDS[i][0]:.2f}–{min(BANDS[i][1], 1.0):.2f}",
            len(v),
            100 * sum(v) / len(v) if v else 0.0,
        )
        for i, v in rows.items()
    ]


TARGETS = {
    "project gold": {("all kinds", "e2e_resolved"): 90.0},
    "PolNeAR development set": {
        ("all kinds", "e2e_resolved"): 68.0,
        ("all kinds", "span_overlap"): 82.0,
        ("direct only", "e2e_resolved"): 80.0,
    },
}
"""Issue 12's binding figures (F1, percent)."""
TOP_BAND_PRECISION = 95.0
"""Issue 12: name precision required in the top confidence band."""


def report(name: str, gold: Path, jobs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(tmp) / "pred.jsonl"
        annotate(gold, pred, jobs)
        print(f"\n## {name} ({gold})")
        if (SHARED / "score.py").exists():
            direct = Path(tmp) / "pred_direct.jsonl"
            keep_kind(pred, direct, "direct")
            for label, scored, extra in (
                ("all kinds", pred, ()),
                ("direct only", direct, ("--kinds", "direct")),
                ("direct (all)", pred, ("--kinds", "direct")),
            ):
                data = official(gold, scored, *extra)
                print(
                    f"{label:>12}: "
                    + "  ".join(
                        f"{key} F1 {100 * data[key]['f1']:.1f}"
                        for key in ("span_overlap", "e2e", "e2e_resolved")
                    )
                )
                for (target_label, key), goal in TARGETS.get(name, {}).items():
                    if target_label == label:
                        value = 100 * data[key]["f1"]
                        verdict = "met" if value >= goal else "NOT met"
                        print(f"{'':>14}target {key} ≥ {goal:.0f}: {verdict}")
            print(
                "  direct only = gold direct quotes against the engine's direct"
                " quotes;\n  direct (all) = gold direct quotes against every"
                " prediction (informational)"
            )
        else:
            from tests.support.quote_score import score

            golds = [json.loads(row) for row in gold.read_text().splitlines() if row]
            preds = [json.loads(row) for row in pred.read_text().splitlines() if row]
            print(score(golds, preds))
        print("calibration (name precision on span-matched quotes with a name):")
        print(f"  {'confidence':<12} {'n':>5} {'precision':>9}")
        table = calibration(gold, pred)
        for band, count, precision in table:
            print(f"  {band:<12} {count:>5} {precision:>8.1f}%")
        top = table[-1][2]
        verdict = "met" if top >= TOP_BAND_PRECISION else "NOT met"
        print(f"  top band ≥ {TOP_BAND_PRECISION:.0f}%: {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    report("project gold", ROOT / "sample_articles" / "gold.jsonl", args.jobs)
    polnear = SHARED / "gold" / "polnear_dev.jsonl"
    if polnear.exists():
        report("PolNeAR development set", polnear, args.jobs)
    else:
        print("\nPolNeAR development set not found: skipped")


if __name__ == "__main__":
    main()
