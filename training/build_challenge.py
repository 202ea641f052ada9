"""Assemble the challenge set from its blind labels and report inter-annotator agreement.

    python training/build_challenge.py [--dir data/challenge]

Inputs in ``--dir`` (all committed, see data/DATASHEET.md "Challenge set"):
``passages_c*.jsonl`` (the texts, by two writers who never saw the training corpus), ``labels_A.jsonl`` and
``labels_B.jsonl`` (two annotators applying docs/CODEBOOK.md blind), ``adjudicated.jsonl`` (the final
decision wherever A and B differ), ``intent_c*.jsonl`` (the writers' own labels, kept for reference only).
Writes ``challenge.jsonl`` (text + adjudicated labels, the file models are scored on) and
``agreement.json`` (Cohen's kappa per task; for frames, per label and averaged). Stdlib only.
"""
from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

FRAMES = [
    "Economic", "Capacity_and_resources", "Morality", "Fairness_and_equality",
    "Legality_Constitutionality_and_jurisprudence", "Policy_prescription_and_evaluation",
    "Crime_and_punishment", "Security_and_defense", "Health_and_safety", "Quality_of_life",
    "Cultural_identity", "Public_opinion", "Political", "External_regulation_and_reputation",
]


def read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def kappa(a: list, b: list) -> float:
    """Cohen's kappa of two label sequences."""
    n = len(a)
    observed = sum(x == y for x, y in zip(a, b)) / n
    ca, cb = Counter(a), Counter(b)
    expected = sum(ca[k] * cb[k] for k in set(ca) | set(cb)) / (n * n)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def agreement(x: dict[str, dict], y: dict[str, dict], ids: list[str]) -> dict:
    persp = [x[i]["perspective"] for i in ids], [y[i]["perspective"] for i in ids]
    per_frame = {
        f: round(kappa([f in x[i]["frames"] for i in ids], [f in y[i]["frames"] for i in ids]), 3) for f in FRAMES
    }
    return {
        "perspective_kappa": round(kappa(*persp), 3),
        "perspective_agreement": round(sum(a == b for a, b in zip(*persp)) / len(ids), 3),
        "frames_mean_kappa": round(sum(per_frame.values()) / len(per_frame), 3),
        "frame_set_exact_agreement": round(sum(set(x[i]["frames"]) == set(y[i]["frames"]) for i in ids) / len(ids), 3),
        "frames_kappa": per_frame,
    }


def build(directory: Path) -> dict:
    passages = [r for p in sorted(directory.glob("passages_c*.jsonl")) for r in read(p)]
    ids = [r["id"] for r in passages]
    a = {r["id"]: r for r in read(directory / "labels_A.jsonl")}
    b = {r["id"]: r for r in read(directory / "labels_B.jsonl")}
    writer = {r["id"]: r for p in sorted(directory.glob("intent_c*.jsonl")) for r in read(p)}
    adjudicated = {r["id"]: r for r in read(directory / "adjudicated.jsonl")}
    for name, labels in (("labels_A", a), ("labels_B", b), ("intent", writer)):
        if set(labels) != set(ids):
            raise SystemExit(f"{name}: ids differ from the passages ({len(set(ids) ^ set(labels))} mismatched)")
    disputed = [i for i in ids if a[i]["perspective"] != b[i]["perspective"] or set(a[i]["frames"]) != set(b[i]["frames"])]
    missing = [i for i in disputed if i not in adjudicated]
    if missing:
        raise SystemExit(f"adjudicated.jsonl lacks {len(missing)} disputed passages, e.g. {missing[:3]}")
    rows = []
    for r in passages:
        final = adjudicated.get(r["id"], a[r["id"]])
        rows.append({"id": r["id"], "doc_id": r["doc_id"], "genre": r["genre"], "position": r["position"],
                     "text": r["text"], "perspective": final["perspective"], "frames": sorted(final["frames"])})
    with open(directory / "challenge.jsonl", "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    final = {r["id"]: r for r in rows}
    persp_disputes = [i for i in ids if a[i]["perspective"] != b[i]["perspective"]]
    report = {
        "passages": len(rows),
        "documents": len({r["doc_id"] for r in rows}),
        "multi_passage_documents": sum(1 for _, n in Counter(r["doc_id"] for r in rows).items() if n > 1),
        "annotator_A_vs_B": agreement(a, b, ids),
        "writer_vs_adjudicated": agreement(writer, final, ids),
        "perspective_disputes": len(persp_disputes),
        "perspective_disputes_resolved_to": dict(Counter(
            "A" if final[i]["perspective"] == a[i]["perspective"] else "B" if final[i]["perspective"] == b[i]["perspective"]
            else "other" for i in persp_disputes)),
        "frame_set_disputes": sum(set(a[i]["frames"]) != set(b[i]["frames"]) for i in ids),
        "perspective_counts": dict(Counter(r["perspective"] for r in rows)),
        "frame_counts": dict(Counter(f for r in rows for f in r["frames"])),
        "genres": dict(Counter(r["genre"] for r in rows)),
    }
    (directory / "agreement.json").write_text(json.dumps(report, indent=2) + "\n")
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dir", default="data/challenge")
    args = parser.parse_args(argv)
    report = build(Path(args.dir))
    ab = report["annotator_A_vs_B"]
    print(f"{report['passages']} passages in {report['documents']} documents; "
          f"kappa A-B: perspective {ab['perspective_kappa']}, frames (mean per label) {ab['frames_mean_kappa']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
