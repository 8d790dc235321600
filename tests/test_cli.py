"""The report-tagger command: predict from every input, evaluate, and errors without tracebacks."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, write_csv

from report_tagger import predict
from report_tagger.cli import main

TEXTS = ["Bắt giữ nhóm đối tượng trộm cắp xe máy", "Giá lúa tăng nhẹ trong tuần"]


def json_lines(capsys) -> list[dict]:
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_predict_texts_given_as_arguments(small_model_path, capsys):
    assert main(["predict", "--model", str(small_model_path), *TEXTS]) == 0
    rows = json_lines(capsys)
    assert [row["id"] for row in rows] == ["1", "2"]
    expected = predict(TEXTS, model=small_model_path)
    assert [{k: row[k] for k in ("tags", "scores", "primary")} for row in rows] == [
        p.to_dict() for p in expected
    ]


def test_predict_from_stdin_one_text_a_line(small_model_path, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(TEXTS[0] + "\n\n" + TEXTS[1] + "\n"))
    assert main(["predict", "--model", str(small_model_path)]) == 0
    assert len(json_lines(capsys)) == 2


def test_predict_from_txt_csv_and_jsonl_files(small_model_path, tmp_path, capsys):
    csv_path = write_csv(tmp_path / "in.csv", [{"id": "x1", "text": TEXTS[0]}])
    jsonl_path = tmp_path / "in.jsonl"
    jsonl_path.write_text(
        json.dumps({"id": "y1", "title": "Tin", "text": TEXTS[1]}) + "\n", "utf-8"
    )
    txt = FIXTURES / "seed_article.txt"
    args = ["predict", "--model", str(small_model_path)]
    for path in (txt, csv_path, jsonl_path):
        args += ["--file", str(path)]
    assert main(args) == 0
    assert [row["id"] for row in json_lines(capsys)] == ["seed_article.txt", "x1", "y1"]


def test_evaluate_prints_a_table_or_json(small_model_path, tmp_path, capsys):
    data = write_csv(
        tmp_path / "gold.csv",
        [{"text": TEXTS[0], "tags": "crime_prevention"}, {"text": TEXTS[1], "tags": ""}],
    )
    assert main(["evaluate", "--data", str(data), "--model", str(small_model_path)]) == 0
    assert "macro-F1" in capsys.readouterr().out
    assert main(["evaluate", "--data", str(data), "--model", str(small_model_path), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["documents"] == 2
    assert set(report["per_tag"]) == {"security_review", "awards", "crime_prevention"}
    assert 0.0 <= report["macro_f1"] <= 1.0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["predict", "--model", "{tmp}/absent.joblib", "x"], "no model there"),
        (
            ["predict", "--model", "{model}", "--file", "{tmp}/absent.txt"],
            "absent.txt: no such file",
        ),
        (
            ["evaluate", "--model", "{model}", "--data", "{tmp}/absent.csv"],
            "absent.csv: no such file",
        ),
        (["train", "--data", "{tmp}/absent.csv", "--model", "{tmp}/m.joblib"], "no such file"),
    ],
)
def test_user_errors_exit_2_with_a_message(args, message, small_model_path, tmp_path, capsys):
    args = [a.format(tmp=tmp_path, model=small_model_path) for a in args]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err
    assert not (tmp_path / "m.joblib").exists()


def test_installed_command_runs(small_model_path):
    command = Path(sys.executable).with_name("report-tagger")
    assert command.is_file(), "console script 'report-tagger' not installed"
    done = subprocess.run(
        [str(command), "predict", "--model", str(small_model_path), TEXTS[0]],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(done.stdout)["id"] == "1"
