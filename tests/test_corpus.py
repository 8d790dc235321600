"""Corpus loading: accepted formats, and every kind of bad data refused with a named row."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from conftest import write_csv

from report_tagger import ReportTaggerError
from report_tagger.corpus import load_corpus

ROWS = [
    {
        "id": "a",
        "title": "Công an tỉnh sơ kết",
        "text": "Hội nghị sơ kết 6 tháng.",
        "tags": "security_review",
    },
    {"id": "b", "title": "", "text": "Bắt đối tượng trộm cắp.", "tags": "crime_prevention; awards"},
    {"id": "c", "title": "Thời tiết", "text": "Trời nắng nóng.", "tags": ""},
]


def test_csv_with_titles_and_semicolon_tags(tmp_path):
    corpus = load_corpus(write_csv(tmp_path / "ok.csv", ROWS))
    assert corpus.ids == ["a", "b", "c"]
    assert corpus.texts[0] == "Công an tỉnh sơ kết\nHội nghị sơ kết 6 tháng."
    assert corpus.texts[1] == "Bắt đối tượng trộm cắp."
    # Tags come back in taxonomy order whatever order the file gives.
    assert corpus.tags == [["security_review"], ["awards", "crime_prevention"], []]
    assert corpus.label_matrix().tolist() == [[1, 0, 0], [0, 1, 1], [0, 0, 0]]


def test_jsonl_with_tag_lists(tmp_path):
    path = tmp_path / "ok.jsonl"
    records = [{**row, "tags": [t.strip() for t in row["tags"].split(";") if t]} for row in ROWS]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), "utf-8")
    assert load_corpus(path).tags == [["security_review"], ["awards", "crime_prevention"], []]


def test_parquet_without_optional_columns(tmp_path):
    path = tmp_path / "ok.parquet"
    pd.DataFrame({"text": ["Một", "Hai"], "tags": [["awards"], []]}).to_parquet(path)
    corpus = load_corpus(path)
    assert corpus.ids == ["1", "2"]
    assert corpus.tags == [["awards"], []]


def test_unlabelled_file_needs_no_tags_column(tmp_path):
    path = write_csv(tmp_path / "texts.csv", [{"text": "Một văn bản"}])
    assert load_corpus(path, labelled=False).tags is None


def refused(tmp_path, rows, *fragments):
    path = write_csv(tmp_path / "bad.csv", rows)
    with pytest.raises(ReportTaggerError) as caught:
        load_corpus(path)
    message = str(caught.value)
    for fragment in (str(path), *fragments):
        assert fragment in message
    return message


def test_missing_column(tmp_path):
    refused(tmp_path, [{"id": "a", "body": "x", "tags": ""}], "missing column", "'text'", "'body'")


def test_empty_text(tmp_path):
    rows = [dict(ROWS[0]), {**ROWS[1], "text": "   "}, {**ROWS[2], "text": ""}]
    refused(tmp_path, rows, "rows 2, 3", "'text' is empty")


def test_unknown_tag_suggests_the_nearest(tmp_path):
    rows = [dict(ROWS[0]), {**ROWS[1], "tags": "crime_preventoin"}]
    refused(
        tmp_path, rows, "row 2", "unknown tag 'crime_preventoin'", "did you mean 'crime_prevention'"
    )


def test_unknown_tag_far_from_any(tmp_path):
    message = refused(tmp_path, [{**ROWS[0], "tags": "sports"}], "row 1", "unknown tag 'sports'")
    assert "did you mean" not in message


def test_comma_separated_tags_are_refused_not_guessed(tmp_path):
    refused(tmp_path, [{**ROWS[0], "tags": "awards, crime_prevention"}], "row 1", "unknown tag")


def test_duplicate_id(tmp_path):
    rows = [dict(ROWS[0]), dict(ROWS[1]), {**ROWS[2], "id": "a"}]
    refused(tmp_path, rows, "duplicate id", "id 'a' in rows 1, 3")


def test_malformed_tags_in_jsonl(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "x", "tags": ["awards"]}\n{"text": "y", "tags": 3}\n', "utf-8")
    with pytest.raises(ReportTaggerError, match=r"bad.jsonl: row 2: field 'tags'"):
        load_corpus(path)


def test_invalid_json_line_is_named(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "x", "tags": []}\n{"text": "y", \n', "utf-8")
    with pytest.raises(ReportTaggerError, match=r"bad.jsonl: line 2: invalid JSON"):
        load_corpus(path)


def test_unsupported_and_missing_files(tmp_path):
    with pytest.raises(ReportTaggerError, match="unsupported file type '.xlsx'"):
        load_corpus(tmp_path / "data.xlsx")
    with pytest.raises(ReportTaggerError, match="no such file"):
        load_corpus(tmp_path / "absent.csv")


def test_too_few_examples_of_a_tag(tmp_path):
    rows = [
        {"id": str(i), "text": f"văn bản {i}", "tags": "awards" if i < 3 else ""} for i in range(30)
    ]
    corpus = load_corpus(write_csv(tmp_path / "few.csv", rows))
    with pytest.raises(ReportTaggerError) as caught:
        corpus.check_trainable(10)
    message = str(caught.value)
    assert "few.csv" in message
    assert "tag 'awards' has 3 document(s) with it" in message
    assert "tag 'security_review' has 0" in message
