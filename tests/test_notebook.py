"""The evaluation notebook runs top to bottom against the default model."""

from __future__ import annotations

import nbformat
from conftest import ROOT
from nbclient import NotebookClient

from report_tagger.predict import MODEL_ENV


def test_evaluation_notebook_executes(default_model_path, monkeypatch):
    monkeypatch.setenv(MODEL_ENV, str(default_model_path))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    notebook = nbformat.read(ROOT / "notebooks" / "evaluation.ipynb", as_version=4)
    NotebookClient(notebook, timeout=900, kernel_name="python3").execute()
    outputs = "".join(
        output.get("text", "") for cell in notebook.cells for output in cell.get("outputs", [])
    )
    assert "macro-F1" in outputs
    assert "held out" in outputs
