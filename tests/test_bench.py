"""A smoke run of the benchmark script on tiny data (the real run is by hand)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import ROOT, needs_baomoi

pytest.importorskip("underthesea_core", reason="the [bench] extra is not installed")
pytest.importorskip("fasttext", reason="the [bench] extra is not installed")


@needs_baomoi
def test_bench_runs_on_tiny_data(small_corpus, tmp_path):
    out = tmp_path / "results.json"
    command = [
        sys.executable,
        str(ROOT / "bench" / "run.py"),
        "--quick",
        "--data",
        str(small_corpus),
    ]
    done = subprocess.run(
        [*command, "--out", str(out), "--skip", "report-tagger (pyvi words)"],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    results = json.loads(out.read_text("utf-8"))
    systems = [row["system"] for row in results["rows"]]
    assert systems == ["report-tagger", "underthesea_core x3", "fastText ova"]
    assert all(row["docs_per_s"] > 0 for row in results["rows"])
    assert "report-tagger" in done.stdout
