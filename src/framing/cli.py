"""The ``framing`` command: predict, export, report, train, evaluate. Thin over the Python API.

Every sub-command is ``main(argv)`` callable from tests; this module is the only place that parses
arguments or reads YAML.
"""
from __future__ import annotations

import argparse
import json
import logging
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
def cmd_predict(args: argparse.Namespace) -> int:
    """Assemble the pipeline (framing.pipeline) from the arguments and run it."""
    if args.backend == "onnx" and args.quantize == "bf16":
        raise FramingError("--quantize bf16 is a torch path; with --backend onnx use --quantize int8, int8-fast or none.")
    if args.backend == "torch" and args.quantize == "int8-fast":
        raise FramingError("--quantize int8-fast is the ONNX int8 graph without the fp32 re-check; add --backend onnx.")
    if args.engine == "ray":  # a Ray cluster: shards + manifest (framing.distributed)
        if args.backend != "torch":
            raise FramingError("--engine ray runs the torch backend; drop --backend onnx.")
        from framing.distributed import cmd_predict_ray

        return cmd_predict_ray(args)
    from framing import pipeline as pl
    from framing.io import iter_records, output_format

    output = args.output if args.output not in (None, "-") else None
    if args.pretty and (output or args.resume):
        raise FramingError("--pretty prints a readable summary to stdout; drop --output/--resume to use it.")
    fmt = output_format(output)  # fail early on a bad extension, before the model loads
    if args.evidence and fmt != "jsonl" and not args.html:
        raise FramingError("--evidence is nested per label: write JSONL (or add --html); CSV/Parquet rows leave it out.")
    if args.resume and output is None:
        raise FramingError("--resume needs --output FILE (stdout cannot be resumed).")
    if not args.documents and (args.level != "passage" or args.keep_boilerplate or args.no_context):
        raise FramingError("--level, --keep-boilerplate and --no-context apply to documents; add --documents.")
    if args.html and (not args.documents or args.pretty or args.resume):
        raise FramingError("--html reports document predictions: add --documents (and drop --pretty); after a "
                           "--resume run, write the report with framing report OUTPUT.jsonl -o REPORT.html.")
    rejects_path = args.rejects or (output + ".rejects.jsonl" if output else None)
    checkpoint = pl.Checkpoint(output, rejects_path, args.resume)
    if checkpoint.done:
        print(f"{output} is already complete ({checkpoint.state['records']} records); nothing to resume.", file=sys.stderr)
        return 0

    classify = pl.Classify(model=args.model, device=args.device, threads=args.threads, quantize=args.quantize,
                           batch_size=args.batch_size, backend=args.backend)
    clf = classify.classifier  # load now: a bad model fails before any output is written
    counts = pl.Counts()
    if args.documents:
        weight = 0.0 if args.no_context else pl.context_weight_of(clf)
        stages: list[Any] = [pl.Extract(), classify, pl.Aggregate(clf.tasks, args.aggregate, args.keep_boilerplate, weight),
                             counts.documents, pl.pretty_documents if args.pretty else pl.ToRows(args.level, not args.no_text)]
        if args.evidence:
            from framing.evidence import Explain

            stages.insert(2, Explain(classify, args.keep_boilerplate))
        if args.html:  # the report gets every level, whatever --level writes
            html_rows: list[dict[str, Any]] = []
            every_level = pl.ToRows("all", not args.no_text)

            def keep_for_report(results: list[Any]) -> list[Any]:
                html_rows.extend(every_level(results))
                return results

            stages.insert(-1, keep_for_report)
        writer = pl.open_writer(output, clf.tasks, not args.no_text, checkpoint.append)
    else:
        stages = [pl.Predict(classify, args.evidence), counts.plain, pl.pretty_plain if args.pretty else pl.plain_rows]
        writer = pl.open_writer(output, append=checkpoint.append)
    emit = (lambda lines: [print(x) for x in lines]) if args.pretty else (lambda rows: [writer.write(r) for r in rows])
    if args.html and output is None:  # the report is the output
        emit = lambda rows: None  # noqa: E731
    rejects_fh = None
    if rejects_path and args.on_error == "skip":
        rejects_fh = open(rejects_path, "a" if checkpoint.append else "w", encoding="utf-8")
    source = iter_records(args.input, args.text_column, args.id_column, args.on_error)
    pl.run(source, stages, emit, writer, checkpoint, counts, args.chunk_size, rejects_fh, not args.no_progress)
    where = f"; rejects in {rejects_path}" if counts.rejected and rejects_fh is not None else ""
    print(f"framing predict: {counts.summary(args.documents)}{where}", file=sys.stderr)
    if args.html:
        from framing.report import write_report

        print(f"framing predict: report in {write_report(html_rows, args.html)}", file=sys.stderr)
    return 0


# ---------------------------------------------------------------------------- export
def cmd_export(args: argparse.Namespace) -> int:
    """Build the ONNX Runtime graph of a model ahead of time (framing.export) and print where it is."""
    from framing.classifier import Classifier
    from framing.export import export, require_onnxruntime

    require_onnxruntime()
    clf = Classifier.from_pretrained(args.model, device="cpu", num_threads=args.threads)
    folder = export(clf, args.quantize, args.output)
    print(str(folder / "model.onnx"))
    return 0


# ---------------------------------------------------------------------------- report
def cmd_report(args: argparse.Namespace) -> int:
    from framing.report import load_metadata, load_rows, write_report

    if not Path(args.predictions).is_file():
        raise FramingError(f"{args.predictions}: no such file; expected the JSONL of framing predict --documents.")
    metadata = load_metadata(args.metadata, args.id_column) if args.metadata else None
    path = write_report(load_rows(args.predictions), args.output, args.by, args.title, metadata)
    print(f"framing report: {path}", file=sys.stderr)
    return 0


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
    p.add_argument("--documents", action="store_true",
                   help="segment each record into passages, find articles and boilerplate, aggregate per article and document")
    p.add_argument("--level", choices=["passage", "article", "document", "all"], default="passage",
                   help="rows written with --documents: passage (default), article, document, or all of them")
    p.add_argument("--aggregate", choices=["mean", "max"], default="mean",
                   help="article/document aggregation of passage scores: mean (length-weighted) or max")
    p.add_argument("--keep-boilerplate", action="store_true",
                   help="count boilerplate passages (menus, appeals, comments, ...) in article/document aggregates")
    p.add_argument("--no-text", action="store_true", help="leave the passage text out of passage rows")
    p.add_argument("--no-context", action="store_true",
                   help="do not mix passage scores with their document's, even if the model's config sets a context weight")
    p.add_argument("--text-column", default="text")
    p.add_argument("--id-column", default="id")
    p.add_argument("--on-error", choices=["fail", "skip"], default="fail",
                   help="fail (default) stops at the first bad record; skip writes it to the rejects file and goes on")
    p.add_argument("--rejects", default=None, help="rejects file (default: OUTPUT.rejects.jsonl)")
    p.add_argument("--resume", action="store_true", help="continue an interrupted run from its last checkpoint")
    p.add_argument("--chunk-size", type=int, default=1024, help="records per durable checkpoint (flush + fsync)")
    p.add_argument("--pretty", action="store_true", help="print a human-readable summary instead of JSONL")
    p.add_argument("--evidence", action="store_true",
                   help="add, per predicted label, the sentences that carry it (offsets, probability drop when removed)")
    p.add_argument("--html", default=None, metavar="REPORT.html",
                   help="also write an HTML report (with --documents); without --output only the report is written")
    p.add_argument(
        "--quantize", choices=["none", "int8", "int8-fast", "bf16"], default="none",
        help="faster CPU path at a small measured accuracy cost (BENCHMARKS.md): int8 dynamic quantization "
        "(with --backend onnx: the ONNX int8 graph, whose near-decision passages are re-scored in fp32 so labels "
        "agree with fp32 on >= 99%%; int8-fast skips that re-check), or bf16 matrix products (torch only; CPUs "
        "with native bfloat16, AVX512-BF16/AMX)",
    )
    p.add_argument("--backend", choices=["torch", "onnx"], default="torch",
                   help="run the encoder with torch (default) or ONNX Runtime (CPU; pip install \"framing[onnx]\"); "
                   "the graph is exported and cached on first use, or ahead of time by framing export")
    common(p)
    from framing.distributed import add_arguments

    add_arguments(p)  # --engine ray and its options
    p.set_defaults(func=cmd_predict)

    p = sub.add_parser("export", help="build and cache a model's ONNX Runtime graph (for --backend onnx)")
    p.add_argument("model", nargs="?", default=None, help="model directory, or default/accurate (default: default)")
    p.add_argument("--quantize", choices=["none", "int8"], default="none", help="fp32 graph (none) or the int8 graph")
    p.add_argument("--output", "-o", default=None,
                   help="write the graph into this folder (default: the cache beside the model or in ~/.cache/framing/onnx)")
    p.add_argument("--threads", type=int, default=None, help="torch CPU threads for the export")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("report", help="an HTML report of document predictions (framing predict --documents)")
    p.add_argument("predictions", help="JSONL written by framing predict --documents (any --level, with or without --evidence)")
    p.add_argument("--output", "-o", required=True, help="the HTML file to write")
    p.add_argument("--by", action="append", default=[], metavar="COLUMN",
                   help="also chart shares by this document column (e.g. source; date gives months); repeatable")
    p.add_argument("--metadata", default=None,
                   help="a JSONL/CSV/Parquet table of document columns (e.g. source) joined on --id-column")
    p.add_argument("--id-column", default="id")
    p.add_argument("--title", default=None)
    p.set_defaults(func=cmd_report)

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
