"""A self-contained HTML report of document predictions (``framing report``, ``framing predict --html``).

Input: the rows of ``framing predict --documents`` at any ``--level`` (JSONL), with or without
``--evidence``. Output: one HTML file with inline CSS, JS and SVG (nothing is fetched):

* a corpus view: perspective shares and frame frequencies overall and by a grouping (``--by`` columns,
  the month of ``date``, and metadata columns with few distinct values), over non-boilerplate passages
  or over documents, with counts and 95% Wilson intervals;
* a document list (filter by text and perspective, paginated) and, per document, its summary, its
  articles and its passages in reading order, coloured by perspective, with frame chips, evidence
  sentences highlighted and boilerplate greyed. Documents and pages of passages are rendered from
  ``<template>`` elements only when opened, so a report of 10,000 passages opens fast.

Rendering uses the Jinja2 templates in ``framing/templates/``; colours are the Okabe-Ito palette.
"""
from __future__ import annotations

import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from framing.errors import DataError

#: Okabe-Ito colours (colour-blind safe), in the order labels of the single-label task get them.
PALETTE = ("#E69F00", "#0072B2", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
#: Passages per lazily rendered page of a document.
PAGE_PASSAGES = 200
#: Groups shown per grouping (the largest; the rest are pooled as "other").
MAX_GROUPS = 8
_SKIP_COLUMNS = {"id", "level", "doc_id", "article", "title", "start", "end", "kind", "passages", "articles",
                 "boilerplate", "boilerplate_reason", "text", "evidence"}
_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%d.%m.%Y",
                 "%Y-%m", "%B %Y")


# ---------------------------------------------------------------------------- input
def load_rows(path: str | Path) -> list[dict[str, Any]]:
    """Rows of a predictions JSONL file."""
    rows = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise DataError(f"{path}:{n}: not JSON ({exc}); expected the JSONL of framing predict --documents.") from None
    return rows


def load_metadata(path: str | Path, id_column: str = "id") -> dict[str, dict[str, Any]]:
    """Extra document columns (e.g. ``source``, ``date``) by document id, from any input table."""
    from framing.io import iter_rows

    out: dict[str, dict[str, Any]] = {}
    for _, row in iter_rows(Path(path), "fail"):
        if isinstance(row, Exception):
            raise row
        if row.get(id_column) is not None:
            out[str(row[id_column])] = {k: v for k, v in row.items()
                                        if k not in (id_column, "text") and isinstance(v, (str, int, float)) and not isinstance(v, bool)}
    return out


def month_of(value: Any) -> str | None:
    """``YYYY-MM`` of a date string in a common format, or None."""
    if not isinstance(value, str) or not value.strip():
        return None
    s = " ".join(value.replace(",", ", ").split()).replace(" ,", ",")
    m = re.search(r"\b(\d{4})-(\d{2})(?:-\d{2})?", s)
    if m:
        return f"{m.group(1)}-{m.group(2)}"
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(s, fmt).strftime("%Y-%m")
        except ValueError:
            continue
    m = re.search(r"\b(\d{1,2}\s+[A-Za-z]+\s+\d{4}|[A-Za-z]+\s+\d{1,2},?\s+\d{4})\b", s)
    return month_of(m.group(1)) if m and m.group(1) != s else None


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """95% Wilson score interval of the proportion k/n."""
    if n == 0:
        return 0.0, 0.0
    p = k / n
    d = 1 + z * z / n
    c = (p + z * z / (2 * n)) / d
    h = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return max(0.0, c - h), min(1.0, c + h)


def _tasks(rows: Iterable[Mapping[str, Any]]) -> tuple[str | None, list[str], dict[str, list[str]]]:
    """(single-label task shown as colour, multi-label tasks shown as chips, labels per task)."""
    labels: dict[str, list[str]] = {}
    single: list[str] = []
    multi: list[str] = []
    for r in rows:
        for k, v in r.items():
            if isinstance(v, dict) and "scores" in v and k not in labels and v["scores"]:
                labels[k] = list(v["scores"])
                (single if "label" in v else multi).append(k)
    main = "perspective" if "perspective" in single else (single[0] if single else None)
    return main, multi, labels


# ---------------------------------------------------------------------------- passages
def _find(haystack: str, needle: str, start: int = 0) -> tuple[int, int] | None:
    i = haystack.find(needle, start)
    if i < 0:
        i = haystack.find(needle)
    return (i, i + len(needle)) if i >= 0 and needle else None


def _segments(text: str, evidence: Mapping[str, Any], main: str | None) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The passage text cut into runs, each with the evidence keys covering it; and the evidence
    sentences that could not be located in the text (shown as a list)."""
    marks: list[tuple[int, int, str, str]] = []
    missing = []
    for task, by_label in (evidence or {}).items():
        for label, ev in by_label.items():
            for rank, s in enumerate(ev.get("sentences", [])):
                score = s.get("score")
                what = f"{task}: {label}" + (" (whole passage)" if ev.get("whole_passage") else
                                             f", removing it lowers p by {score:.2f}" if score is not None else "")
                span = _find(text, s.get("text") or "") if text else None
                if span is None:
                    missing.append({"key": f"{task}:{label}", "text": s.get("text") or f"[{s['start']}:{s['end']}]", "title": what})
                    continue
                key = f"{task}:{label}"
                marks.append((span[0], span[1], f"!{key}" if rank == 0 else key, what))  # "!": the label's top sentence
    if not marks:
        return [{"text": text, "evkeys": "", "title": ""}], missing
    cuts = sorted({0, len(text), *(m[0] for m in marks), *(m[1] for m in marks)})
    segs = []
    for a, b in zip(cuts, cuts[1:]):
        cover = [m for m in marks if m[0] <= a and b <= m[1]]
        keys = sorted({k for m in cover for k in m[2].split()})
        segs.append({"text": text[a:b], "evkeys": " ".join(keys), "title": "; ".join(m[3] for m in cover)})
    return segs, missing


def _chips(row: Mapping[str, Any], multi: Sequence[str]) -> list[dict[str, Any]]:
    out = []
    for t in multi:
        v = row.get(t) or {}
        for lab in sorted(v.get("labels", []), key=lambda x: -v["scores"].get(x, 0)):
            out.append({"task": t, "label": lab, "score": v["scores"].get(lab, 0.0)})
    return out


def _summary(row: Mapping[str, Any] | None, main: str | None, multi: Sequence[str], colors: Mapping[str, str]) -> dict[str, Any] | None:
    if row is None or main is None:
        return None
    v = row.get(main) or {}
    scores = v.get("scores") or {}
    bars, x = [], 0.0
    for lab, p in scores.items():
        bars.append({"label": lab, "x": x, "w": p, "color": colors.get(lab, "#777"), "p": p})
        x += p
    return {"label": v.get("label"), "score": scores.get(v.get("label"), None) if v.get("label") else None,
            "color": colors.get(v.get("label"), "#777"), "bars": bars, "chips": _chips(row, multi)}


def _passage(row: Mapping[str, Any], main: str | None, multi: Sequence[str], colors: Mapping[str, str]) -> dict[str, Any]:
    v = (row.get(main) or {}) if main else {}
    label = v.get("label")
    text = row.get("text") or ""
    segs, missing = _segments(text, row.get("evidence") or {}, main)
    return {"id": row.get("id"), "start": row.get("start"), "end": row.get("end"), "kind": row.get("kind", "content"),
            "boilerplate": bool(row.get("boilerplate")), "reason": row.get("boilerplate_reason"),
            "article": row.get("article", 0), "label": label, "score": (v.get("scores") or {}).get(label),
            "color": colors.get(label, "#777") if label else "#bbb", "chips": _chips(row, multi),
            "segments": segs, "missing": missing, "has_text": bool(text)}


# ---------------------------------------------------------------------------- corpus charts
def _bars(units: Sequence[Mapping[str, Any]], task: str, kind: str, labels: Sequence[str],
          colors: Mapping[str, str]) -> dict[str, Any]:
    """Shares (single-label) or frequencies (multi-label) of ``labels`` over ``units`` with Wilson 95% CIs."""
    counted = [u for u in units if (u.get(task) or {}).get("scores")]
    n = len(counted)
    counts: Counter[str] = Counter()
    for u in counted:
        v = u[task]
        counts.update([v["label"]] if kind == "single" else v.get("labels", []))
    rows = []
    for lab in labels:
        k = counts[lab]
        lo, hi = wilson(k, n)
        rows.append({"label": lab, "k": k, "p": k / n if n else 0.0, "lo": lo, "hi": hi,
                     "color": colors.get(lab, "#0072B2") if kind == "single" else "#0072B2"})
    return {"n": n, "rows": rows}


def _groupings(docs: Sequence[dict[str, Any]], by: Sequence[str]) -> list[tuple[str, str]]:
    """(key, title) of the groupings offered: overall, ``by`` columns, month of date, low-cardinality columns."""
    out = [("overall", "Overall")]
    values: dict[str, list[Any]] = defaultdict(list)
    for d in docs:
        for k, v in d["meta"].items():
            if k not in _SKIP_COLUMNS and isinstance(v, (str, int)) and not isinstance(v, bool) and v != "":
                values[k].append(v)
    if any(d["month"] or any(u.get("_month") for u in d["article_rows"] + d["passage_rows"]) for d in docs):
        out.append(("month", "Month of date"))
    for col in by:
        if col not in ("month", "date") and col in values:
            out.append((f"col:{col}", col))
    for col, vs in sorted(values.items()):
        distinct = len(set(vs))
        if col not in by and col not in ("date",) and 2 <= distinct <= 30 and distinct < len(vs):
            out.append((f"col:{col}", col))
    return out


def _group_value(doc: Mapping[str, Any], unit: Mapping[str, Any], key: str) -> str | None:
    if key == "overall":
        return "all"
    if key == "month":
        return unit.get("_month") or doc["month"]
    v = doc["meta"].get(key[4:])
    return None if v is None or v == "" else str(v)


def _charts(docs: Sequence[dict[str, Any]], main: str | None, multi: Sequence[str], labels: Mapping[str, list[str]],
            colors: Mapping[str, str], by: Sequence[str]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Chart panels per (unit, grouping): units are non-boilerplate passages, articles and documents."""
    unit_sets = []
    if any(d["passage_rows"] for d in docs):
        unit_sets.append(("passages", "non-boilerplate passages",
                          [(d, u) for d in docs for u in d["passage_rows"] if not u.get("boilerplate")]))
    if any(d["article_rows"] for d in docs):
        unit_sets.append(("articles", "articles", [(d, a) for d in docs for a in d["article_rows"]]))
    if any(d["row"] is not None for d in docs):
        unit_sets.append(("documents", "documents", [(d, d["row"]) for d in docs if d["row"] is not None]))
    groupings = _groupings(docs, by)
    tasks = ([(main, "single")] if main else []) + [(t, "multi") for t in multi]
    panels = []
    for ukey, utitle, units in unit_sets:
        for gkey, gtitle in groupings:
            grouped: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
            for d, u in units:
                if not any((u.get(t) or {}).get("scores") for t, _ in tasks):
                    continue  # an empty prediction (no text, or only boilerplate) is not counted
                g = _group_value(d, u, gkey)
                if g is not None:
                    grouped[g].append(u)
            if not grouped:
                continue
            order = sorted(grouped, key=lambda g: (-len(grouped[g]), g))
            if gkey == "month":
                order = sorted(grouped)
            if len(order) > MAX_GROUPS:
                keep = set(sorted(grouped, key=lambda g: -len(grouped[g]))[:MAX_GROUPS - 1])
                other = [u for g in order if g not in keep for u in grouped[g]]
                order = [g for g in order if g in keep] + ["other"]
                grouped = {**{g: grouped[g] for g in keep}, "other": other}
            charts = []
            for task, kind in tasks:
                groups = [{"name": g, **_bars(grouped[g], task, kind, labels[task], colors)} for g in order]
                charts.append(_layout(task, kind, groups, gkey == "overall"))
            panels.append({"id": f"{ukey}--{gkey}", "unit": ukey, "unit_title": utitle, "group": gkey,
                           "group_title": gtitle, "charts": charts, "groups": [(g, len(grouped[g])) for g in order]})
    units_offered = [(k, t) for k, t, _ in unit_sets]
    return panels, [{"units": units_offered, "groupings": groupings}]


def _layout(task: str, kind: str, groups: Sequence[Mapping[str, Any]], overall: bool) -> dict[str, Any]:
    """Geometry of one horizontal bar chart: per label a block of one bar per group, with CI whiskers."""
    labels = [r["label"] for r in groups[0]["rows"]] if groups else []
    names = labels if overall else [str(g["name"]) for g in groups]
    label_w = 12 if not overall else 12 + 7 * max((len(x) for x in names), default=8)  # ~7px a character at 12px
    group_w = 0 if overall else 12 + 7 * max((len(x) for x in names), default=8)
    bar_w, right, row_h, gap = 300, 130, 16, 10
    bars, heads, y = [], [], 8
    for li, lab in enumerate(labels):
        if not overall:
            heads.append({"label": lab, "y": y + 11})
            y += 16
        for g in groups:
            r = g["rows"][li]
            x0 = label_w + group_w
            bars.append({"label": lab, "group": g["name"], "n": g["n"], "k": r["k"], "p": r["p"], "lo": r["lo"], "hi": r["hi"],
                         "y": y, "h": row_h - 4, "x": x0, "w": bar_w * r["p"], "xlo": x0 + bar_w * r["lo"],
                         "xhi": x0 + bar_w * r["hi"], "color": r["color"], "text_x": x0 + bar_w + 8,
                         "name": lab if overall else g["name"], "name_x": (label_w - 6) if overall else (label_w + group_w - 6)})
            y += row_h
        y += gap if not overall else 0
    ticks = [{"x": label_w + group_w + bar_w * t, "t": f"{int(t * 100)}%"} for t in (0, 0.25, 0.5, 0.75, 1.0)]
    return {"task": task, "kind": kind, "title": ("share of " if kind == "single" else "frequency of ") + task,
            "width": label_w + group_w + bar_w + right, "height": y + 22, "bars": bars, "heads": heads, "ticks": ticks,
            "axis_y": y + 4, "x0": label_w + group_w, "ns": [(g["name"], g["n"]) for g in groups]}


# ---------------------------------------------------------------------------- documents
def _documents(rows: Sequence[dict[str, Any]], metadata: Mapping[str, Mapping[str, Any]]) -> list[dict[str, Any]]:
    docs: dict[str, dict[str, Any]] = {}

    def doc(did: str) -> dict[str, Any]:
        if did not in docs:
            docs[did] = {"id": did, "row": None, "article_rows": [], "passage_rows": []}
        return docs[did]

    for r in rows:
        level = r.get("level")
        if level == "document":
            doc(str(r["id"]))["row"] = r
        elif level == "article":
            doc(str(r["doc_id"]))["article_rows"].append(r)
        elif level == "passage":
            doc(str(r["doc_id"]))["passage_rows"].append(r)
        else:
            raise DataError(f"row {r.get('id')!r} has no document level; make the predictions with "
                            "framing predict --documents (any --level).")
    out = list(docs.values())
    for d in out:
        meta = {k: v for k, v in (d["row"] or {}).items() if not isinstance(v, (dict, list))}
        meta.update(metadata.get(d["id"], {}))
        d["meta"] = meta
        d["month"] = month_of(meta.get("date"))
        art_month = {a.get("article"): month_of(a.get("date")) for a in d["article_rows"]}
        d["passage_rows"].sort(key=lambda p: (p.get("start") or 0))
        for p in d["passage_rows"]:
            p["_month"] = art_month.get(p.get("article")) or d["month"]
        for a in d["article_rows"]:
            a["_month"] = art_month.get(a.get("article")) or d["month"]
    return out


def build_context(rows: Sequence[dict[str, Any]], by: Sequence[str] = (), title: str | None = None,
                  metadata: Mapping[str, Mapping[str, Any]] | None = None) -> dict[str, Any]:
    """Everything the template shows (plain dicts and lists)."""
    if not rows:
        raise DataError("no prediction rows to report; run framing predict --documents first.")
    main, multi, labels = _tasks(rows)
    colors = {lab: PALETTE[i % len(PALETTE)] for i, lab in enumerate(labels.get(main, []))} if main else {}
    docs = _documents(rows, metadata or {})
    absent = [c for c in by if c not in ("month", "date") and not any(d["meta"].get(c) not in (None, "") for d in docs)]
    if absent:
        import logging

        logging.getLogger("framing").warning("--by %s: no document has %s (document rows carry title, date, author; "
                                             "join other columns with --metadata)", ", ".join(absent),
                                             "it" if len(absent) == 1 else "them")
    panels, controls = _charts(docs, main, multi, labels, colors, by)
    views = []
    n_passages = n_bp = 0
    has_evidence = False
    for i, d in enumerate(docs):
        passages = [_passage(p, main, multi, colors) for p in d["passage_rows"]]
        has_evidence = has_evidence or any(p.get("evidence") for p in d["passage_rows"])
        n_passages += len(passages)
        n_bp += sum(p["boilerplate"] for p in passages)
        arts = []
        for a in d["article_rows"]:
            arts.append({"index": a.get("article"), "title": a.get("title"), "date": a.get("date"),
                         "passages": a.get("passages"), "boilerplate": a.get("boilerplate"),
                         "summary": _summary(a, main, multi, colors)})
        summary = _summary(d["row"], main, multi, colors)
        if summary is None and passages:  # no document row: the share of its passages' labels
            content = [p for p in passages if not p["boilerplate"] and p["label"]]
            if content:
                top = Counter(p["label"] for p in content).most_common(1)[0][0]
                summary = {"label": top, "score": None, "color": colors.get(top, "#777"), "bars": [], "chips": [],
                           "derived": True}
        pages = [passages[k:k + PAGE_PASSAGES] for k in range(0, len(passages), PAGE_PASSAGES)]
        meta = d["meta"]
        views.append({"i": i, "id": d["id"], "title": meta.get("title") or d["id"], "date": meta.get("date"),
                      "author": meta.get("author"), "extra": {k: v for k, v in meta.items() if k not in _SKIP_COLUMNS
                                                              and k not in ("date", "author") and k not in labels},
                      "summary": summary, "articles": arts, "pages": pages, "n_passages": len(passages),
                      "n_boilerplate": sum(p["boilerplate"] for p in passages),
                      "label": summary["label"] if summary else None, "search": " ".join(
                          str(x) for x in (d["id"], meta.get("title"), meta.get("author"), meta.get("date")) if x).lower()})
    evidence_keys = ([(f"{main}:", f"{main} (its label)")] if main else []) + \
        [kv for t in multi for kv in [(f"{t}:", f"{t}: every predicted label")] + [(f"{t}:{lab}", f"{t}: {lab}") for lab in labels[t]]]
    return {"title": title or "framing report", "main": main, "multi": multi,
            "legend": [{"label": lab, "color": c} for lab, c in colors.items()], "docs": views, "panels": panels,
            "controls": controls[0], "n_docs": len(docs), "n_passages": n_passages, "n_boilerplate": n_bp,
            "has_evidence": has_evidence, "evidence_keys": evidence_keys, "page_size": PAGE_PASSAGES}


def render(rows: Sequence[dict[str, Any]], by: Sequence[str] = (), title: str | None = None,
           metadata: Mapping[str, Mapping[str, Any]] | None = None) -> str:
    """The report as one HTML string."""
    import jinja2

    env = jinja2.Environment(loader=jinja2.PackageLoader("framing", "templates"),
                             autoescape=jinja2.select_autoescape(["html", "j2"]), trim_blocks=True, lstrip_blocks=True)
    env.filters["pct"] = lambda p: f"{100 * p:.0f}%"
    env.filters["num"] = lambda x, d=2: "" if x is None else f"{x:.{d}f}"
    env.filters["slug"] = lambda s: re.sub(r"[^A-Za-z0-9_-]+", "-", str(s))
    return env.get_template("report.html.j2").render(**build_context(rows, by, title, metadata))


def write_report(rows: Sequence[dict[str, Any]], path: str | Path, by: Sequence[str] = (), title: str | None = None,
                 metadata: Mapping[str, Mapping[str, Any]] | None = None) -> Path:
    """Render the report and write it to ``path`` (written next to it, then renamed into place)."""
    import os

    path = Path(path)
    html = render(rows, by, title, metadata)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_text(html, encoding="utf-8")
    os.replace(tmp, path)
    return path


__all__ = ["PALETTE", "build_context", "load_metadata", "load_rows", "month_of", "render", "wilson", "write_report"]
