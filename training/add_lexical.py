"""Give a trained model a lexical component (``framing.lexical``) without training its encoder again.

    python -m training.add_lexical MODEL_DIR CONFIG.yaml [--set training.output_dir=DIR]

CONFIG is the YAML the model was trained with, plus a ``lexical:`` section (``lexical: {}`` for the
defaults). Fits TF-IDF + logistic regression on the training split, chooses each task's mixing weight
on dev, re-tunes thresholds, re-evaluates on test and saves to ``training.output_dir``: the same model
``framing train CONFIG.yaml`` would give with the same encoder and heads.
"""
from __future__ import annotations

import argparse
import logging

from framing.cli import load_config_file
from framing.training import add_lexical


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("model", help="trained model directory (or a bundled name)")
    p.add_argument("config", help="the training YAML, with a lexical: section")
    p.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="config override, one per flag")
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    result = add_lexical(args.model, load_config_file(args.config, args.set))
    print(f"saved {result.output_dir}; lexical weights {result.classifier.lexical.weights if result.classifier.lexical else {}}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
