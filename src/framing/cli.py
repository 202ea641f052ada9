"""The ``framing`` command: predict, train, evaluate. Thin over the Python API.

Every sub-command is ``main(argv)`` callable from tests; this module is the only place that parses
arguments or reads YAML.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path
from typing import Any

from framing.errors import FramingError

logger = logging.getLogger("framing")


def _setup_logging(verbose: bool) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )


# ---------------------------------------------------------------------------- predict
def _progress_path(output: str) -> Path:
    return Path(output + ".progress")


def _write_progress(path: Path, state: dict[str, Any]) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w") as fh:
        json.dump(state, fh)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def cmd_predict(args: argparse.Namespace) -> int:
    from framing.io import Record, Rejected, RowWriter, iter_records, output_format

    output = args.output if args.output not in (None, "-") else None
    if args.pretty and (output or args.resume):
        raise FramingError("--pretty prints a readable summary to stdout; drop --output/--resume to use it.")
    output_format(output)  # fail early on a bad extension, before the model loads
    if args.resume and output is None:
        raise FramingError("--resume needs --output FILE (stdout cannot be resumed).")
    rejects_path = args.rejects or (output + ".rejects.jsonl" if output else None)

    skip_records = 0
    state: dict[str, Any] = {"records": 0, "output_bytes": 0, "rejects_bytes": 0, "complete": False}
    progress = _progress_path(output) if output else None
    if args.resume and progress is not None and progress.is_file():
        state = json.loads(progress.read_text())
        if state.get("complete"):
            print(f"{output} is already complete ({state['records']} records); nothing to resume.", file=sys.stderr)
            return 0
        skip_records = int(state["records"])
        for path, key in ((output, "output_bytes"), (rejects_path, "rejects_bytes")):
            if path and Path(path).exists():
                with open(path, "r+b") as fh:  # drop anything written after the last durable checkpoint
                    fh.truncate(int(state[key]))
        logger.info("resuming after %d records", skip_records)
    elif args.resume:
        logger.info("no progress file next to %s; starting from the beginning", output)
    append = bool(skip_records) or (args.resume and state["output_bytes"] > 0)

    from framing.classifier import Classifier

    clf = Classifier.from_pretrained(args.model, device=args.device, num_threads=args.threads)
    if args.quantize != "none":
        from framing.fast import quantize

        quantize(clf, args.quantize)

    counts = {"records": 0, "passages": 0, "empty": 0, "rejected": 0}
    writer = RowWriter(output, append=append)
    rejects_fh = None
    if rejects_path and args.on_error == "skip":
        rejects_fh = open(rejects_path, "a" if append else "w", encoding="utf-8")

    def flush_chunk(chunk: list[Record]) -> None:
        if args.documents:
            docs = clf.predict_documents([r.text for r in chunk], aggregate=args.aggregate, batch_size=args.batch_size)
            for r, d in zip(chunk, docs):
                if args.pretty:
                    print(_pretty_document(r, d))
                    counts["passages"] += len(d.passages)
                    continue
                for k, p in enumerate(d.passages):
                    writer.write({"id": f"{r.id}#p{k}", "doc_id": r.id, "start": p.start, "end": p.end, **p.prediction.to_dict()})
                counts["passages"] += len(d.passages)
                counts["empty"] += int(not d.passages)
        else:
            preds = clf.predict([r.text for r in chunk], batch_size=args.batch_size)
            for r, p in zip(chunk, preds):
                if args.pretty:
                    print(f"{r.id}: {_pretty_prediction(p)}  | {_snippet(r.text)}")
                else:
                    writer.write({"id": r.id, **p.to_dict()})
                counts["empty"] += int(p.empty)
        counts["records"] += len(chunk)
        writer.flush()
        if rejects_fh is not None:
            rejects_fh.flush()
            os.fsync(rejects_fh.fileno())
        if progress is not None:
            state["records"] = skip_records + counts["records"] + counts["rejected"]
            state["output_bytes"] = Path(output).stat().st_size if writer.format != "parquet" else 0  # type: ignore[arg-type]
            state["rejects_bytes"] = rejects_fh.tell() if rejects_fh is not None else 0
            _write_progress(progress, state)

    from tqdm.auto import tqdm

    bar = tqdm(desc="records", unit="rec", file=sys.stderr, disable=args.no_progress)
    chunk: list[Record] = []
    seen = 0
    try:
        for item in iter_records(args.input, args.text_column, args.id_column, args.on_error):
            seen += 1
            if seen <= skip_records:
                continue
            if isinstance(item, Rejected):
                counts["rejected"] += 1
                if rejects_fh is not None:
                    rejects_fh.write(json.dumps({"line": item.line, "reason": item.reason, "raw": item.raw}, ensure_ascii=False) + "\n")
                else:
                    print(f"rejected: {item.reason}", file=sys.stderr)
                continue
            chunk.append(item)
            if len(chunk) >= args.chunk_size:
                flush_chunk(chunk)
                bar.update(len(chunk))
                chunk = []
        if chunk:
            flush_chunk(chunk)
            bar.update(len(chunk))
    finally:
        bar.close()
        writer.close()
        if rejects_fh is not None:
            rejects_fh.close()
    if progress is not None:
        state["complete"] = True
        state["records"] = seen
        if writer.format != "parquet":
            state["output_bytes"] = Path(output).stat().st_size  # type: ignore[arg-type]
        _write_progress(progress, state)
    summary = ", ".join(f"{v} {k}" for k, v in counts.items() if k != "passages" or args.documents)
    where = f"; rejects in {rejects_path}" if counts["rejected"] and rejects_fh is not None else ""
    print(f"framing predict: {summary}{where}", file=sys.stderr)
    return 0


def _snippet(text: str, n: int = 70) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= n else flat[: n - 1] + "…"


def _pretty_prediction(pred: Any) -> str:
    if pred.empty:
        return "(empty text)"
    parts = []
    for name, tp in pred.tasks.items():
        if tp.kind == "single_label":
            parts.append(f"{name}={tp.label} ({tp.scores[tp.label]:.2f})")
        else:
            labs = ", ".join(f"{lab} {tp.scores[lab]:.2f}" for lab in sorted(tp.labels, key=lambda x: -tp.scores[x]))
            parts.append(f"{name}=[{labs or '-'}]")
    return "  ".join(parts)


def _pretty_document(record: Any, doc: Any) -> str:
    lines = [f"=== {record.id}: {len(doc.passages)} passages", f"document: {_pretty_prediction(doc.prediction)}"]
    for p in doc.passages:
        lines.append(f"  [{p.start}:{p.end}] {_pretty_prediction(p.prediction)}")
        lines.append(f"      {_snippet(p.text, 100)}")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------- train
def _parse_overrides(pairs: list[str]) -> dict[str, Any]:
    import yaml

    out = {}
    for pair in pairs:
        if "=" not in pair:
            raise FramingError(f"--set {pair!r}: expected key=value, e.g. --set training.epochs=3.")
        key, value = pair.split("=", 1)
        out[key.strip()] = yaml.safe_load(value)
    return out


def load_config_file(path: str, overrides: list[str] | None = None) -> Any:
    """Read a YAML config, apply ``key=value`` overrides, and validate it into an ExperimentConfig."""
    import yaml

    from framing.config import ExperimentConfig, apply_overrides
    from framing.errors import ConfigError

    try:
        raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"config file {path} does not exist; check the path.") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML ({exc}).") from None
    if raw is None:
        raise ConfigError(f"{path} is empty; expected sections data, tasks, training (and model).")
    apply_overrides(raw, _parse_overrides(overrides or []))
    return ExperimentConfig.from_dict(raw)


def cmd_train(args: argparse.Namespace) -> int:
    from framing.training import train

    config = load_config_file(args.config, args.set)
    result = train(config, progress=not args.no_progress)
    print(json.dumps({"output_dir": str(result.output_dir), "train_seconds": round(result.train_seconds, 1)}))
    return 0


# ---------------------------------------------------------------------------- evaluate
def cmd_evaluate(args: argparse.Namespace) -> int:
    from framing.classifier import Classifier
    from framing.evaluation import evaluate_model, load_labelled_set

    clf = Classifier.from_pretrained(args.model, device=args.device, num_threads=args.threads)
    data = load_labelled_set(clf, args.data, args.text_column, args.id_column)
    metrics = evaluate_model(clf, data, args.report_dir, split=Path(args.data).stem,
                             bootstrap=args.bootstrap, batch_size=args.batch_size, progress=not args.no_progress)
    brief = {t: {k: round(v, 4) for k, v in m.items() if k in ("accuracy", "macro_f1", "micro_f1", "ece", "n")}
             for t, m in metrics.items()}
    print(json.dumps(brief, indent=2))
    return 0


# ---------------------------------------------------------------------------- entry point
def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="framing", description="Perspective and frame classification for news and political text.")
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = parser.add_subparsers(dest="command", required=True)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--device", default="auto", help="auto (default), cpu or cuda")
        p.add_argument("--threads", type=int, default=None, help="torch CPU threads (default: torch's choice)")
        p.add_argument("--batch-size", type=int, default=64)
        p.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")

    p = sub.add_parser("predict", help="label passages or documents from a file")
    p.add_argument("input", help="JSONL (id, text), CSV, Parquet, a .txt file, or a directory of .txt files")
    p.add_argument("--model", default=None, help="model directory (default: the bundled default model)")
    p.add_argument("--output", "-o", default=None, help="output .jsonl, .csv or .parquet (default: JSONL on stdout)")
    p.add_argument("--documents", action="store_true", help="segment each record into passages; one output line per passage")
    p.add_argument("--aggregate", choices=["mean", "max"], default="mean",
                   help="document-level aggregation of passage scores (--documents --pretty): mean (length-weighted) or max")
    p.add_argument("--text-column", default="text")
    p.add_argument("--id-column", default="id")
    p.add_argument("--on-error", choices=["fail", "skip"], default="fail",
                   help="fail (default) stops at the first bad record; skip writes it to the rejects file and goes on")
    p.add_argument("--rejects", default=None, help="rejects file (default: OUTPUT.rejects.jsonl)")
    p.add_argument("--resume", action="store_true", help="continue an interrupted run from its last checkpoint")
    p.add_argument("--chunk-size", type=int, default=1024, help="records per durable checkpoint (flush + fsync)")
    p.add_argument("--pretty", action="store_true", help="print a human-readable summary instead of JSONL")
    p.add_argument(
        "--quantize", choices=["none", "int8", "bf16"], default="none",
        help="faster CPU path at a small measured accuracy cost (BENCHMARKS.md): int8 dynamic quantization, "
        "or bf16 matrix products (only on CPUs with native bfloat16, AVX512-BF16/AMX)",
    )
    common(p)
    p.set_defaults(func=cmd_predict)

    p = sub.add_parser("train", help="train a model from a YAML config")
    p.add_argument("config")
    p.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="override a config key, e.g. training.epochs=3")
    p.add_argument("--no-progress", action="store_true")
    p.set_defaults(func=cmd_train)

    p = sub.add_parser("evaluate", help="evaluate a model on labelled data; write metrics, report and plots")
    p.add_argument("data", help="labelled JSONL, CSV or Parquet with the model's task columns")
    p.add_argument("--model", default=None, help="model directory (default: the bundled default model)")
    p.add_argument("--report-dir", default=None)
    p.add_argument("--text-column", default=None)
    p.add_argument("--id-column", default="id")
    p.add_argument("--bootstrap", type=int, default=1000, help="bootstrap resamples for 95%% CIs (0 disables)")
    common(p)
    p.set_defaults(func=cmd_evaluate)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit code (2 for a user error, with its message on stderr)."""
    args = build_parser().parse_args(argv)
    _setup_logging(args.verbose)
    try:
        return int(args.func(args))
    except FramingError as exc:
        print(f"framing: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
