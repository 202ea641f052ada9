"""Interrupted batch prediction resumes to a byte-identical output (issue: robustness)."""
from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from framing.cli import main

pytestmark = pytest.mark.slow


def _input(tmp_path: Path, n: int = 3000) -> Path:
    rng = random.Random(7)
    words = "armenian artsakh blockade liberated territory football match officials said talks the of".split()
    p = tmp_path / "in.jsonl"
    with open(p, "w") as fh:
        for i in range(n):
            text = " ".join(rng.choice(words) for _ in range(rng.randint(0, 40)))
            fh.write(json.dumps({"id": f"r{i}", "text": text}) + "\n")
        fh.write("{broken json\n")
    return p


def _cmd(src: Path, model: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "framing.cli", "predict", str(src), "--model", str(model), "-o", str(out),
            "--chunk-size", "8", "--on-error", "skip", "--no-progress", "--device", "cpu", "--threads", "1", *extra]


def test_kill_and_resume_is_byte_identical(trained_model: Path, tmp_path: Path) -> None:
    src = _input(tmp_path)
    ref = tmp_path / "ref.jsonl"
    assert main(_cmd(src, trained_model, ref)[3:]) == 0
    ref_bytes = ref.read_bytes()
    assert len(ref_bytes.splitlines()) == 3000
    assert "malformed JSON" in (tmp_path / "ref.jsonl.rejects.jsonl").read_text()

    out = tmp_path / "out.jsonl"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    rng = random.Random(11)
    kills = 0
    for attempt in range(12):
        args = _cmd(src, trained_model, out, *(["--resume"] if attempt else []))
        seen = out.stat().st_size if out.exists() else 0
        proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # Kill at a random moment after this run has written something new (mid-chunk or between chunks).
        while proc.poll() is None and (not out.exists() or out.stat().st_size <= seen):
            time.sleep(0.01)
        time.sleep(rng.uniform(0.0, 0.3))
        if proc.poll() is None and kills < 4:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            kills += 1
        else:
            assert proc.wait() == 0
            break
    else:
        pytest.fail("the run never completed")
    assert kills >= 3
    assert main(_cmd(src, trained_model, out, "--resume")[3:]) == 0  # a completed run resumes as a no-op
    assert out.read_bytes() == ref_bytes, f"after {kills} kills the output differs"
    assert (tmp_path / "out.jsonl.rejects.jsonl").read_bytes() == (tmp_path / "ref.jsonl.rejects.jsonl").read_bytes()
