"""Paragraph-boundary metrics for document segmentation (used by ``benchmarks/documents.py`` and the tests).

A predicted passage is correct when its whitespace-collapsed text equals a gold paragraph's (each gold
paragraph can be matched once); precision, recall and F1 are over passages.
"""
from __future__ import annotations

from collections import Counter


def _norm(text: str) -> str:
    return " ".join(text.split())


def paragraph_f1(predicted: list[str], gold: list[str]) -> dict:
    """Exact-match paragraph F1: ``{"precision", "recall", "f1", "tp", "predicted", "gold"}``."""
    pred = Counter(_norm(t) for t in predicted if _norm(t))
    ref = Counter(_norm(t) for t in gold if _norm(t))
    tp = sum((pred & ref).values())
    n_pred, n_gold = sum(pred.values()), sum(ref.values())
    precision = tp / n_pred if n_pred else (1.0 if not n_gold else 0.0)
    recall = tp / n_gold if n_gold else (1.0 if not n_pred else 0.0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "predicted": n_pred, "gold": n_gold}


def mismatches(predicted: list[str], gold: list[str]) -> tuple[list[str], list[str]]:
    """(predicted passages matching no gold paragraph, gold paragraphs matched by none), for debugging."""
    pred = Counter(_norm(t) for t in predicted if _norm(t))
    ref = Counter(_norm(t) for t in gold if _norm(t))
    return list((pred - ref).elements()), list((ref - pred).elements())
