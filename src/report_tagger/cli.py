"""The `report-tagger` command: train, predict and evaluate verbs (parse arguments, call, print)."""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import replace
from pathlib import Path

from .config import Config
from .corpus import load_corpus
from .errors import ReportTaggerError
from .predict import load_model, predict
from .tagger import card_path


def _progress(started: float):
    def report(message: str) -> None:
        print(f"[{time.perf_counter() - started:6.1f}s] {message}", file=sys.stderr, flush=True)

    return report


def _train(args: argparse.Namespace) -> None:
    from .metrics import Scores  # scikit-learn: imported by the verbs that need it, so that
    from .model import train  # `predict` starts fast

    config = replace(Config(), data_path=args.data, model_path=args.model, seed=args.seed)
    model = train(config, progress=_progress(time.perf_counter()))
    model.save(config.model_path)
    card = model.card
    print(f"\nmodel: {config.model_path}\ncard:  {card_path(config.model_path)}")
    print(
        f"data:  {card['training_data']['documents']} documents, sha256 "
        f"{card['training_data']['sha256'][:12]}"
    )
    print(f"\ncross-validated ({config.cv_folds} folds) on the training data:")
    print(Scores.from_dict(card["cross_validation"]).table())
    print("\nthresholds: " + ", ".join(f"{t} {v:.3f}" for t, v in card["thresholds"].items()))


def _inputs(args: argparse.Namespace) -> tuple[list[str], list[str]]:
    """(ids, texts) from arguments, files, or stdin (one text a line)."""
    if args.texts:
        return [str(i + 1) for i in range(len(args.texts))], args.texts
    if args.file:
        ids: list[str] = []
        texts: list[str] = []
        for path in args.file:
            if path.suffix.lower() == ".txt":
                if not path.is_file():
                    raise ReportTaggerError(f"{path}: no such file")
                ids.append(path.name)
                texts.append(path.read_text(encoding="utf-8"))
            else:
                corpus = load_corpus(path, labelled=False)
                ids += corpus.ids
                texts += corpus.texts
        return ids, texts
    lines = [line.strip() for line in sys.stdin]
    texts = [line for line in lines if line]
    return [str(i + 1) for i in range(len(texts))], texts


def _predict(args: argparse.Namespace) -> None:
    ids, texts = _inputs(args)
    model = load_model(args.model)
    for id_, result in zip(ids, predict(texts, model=model)):
        print(json.dumps({"id": id_, **result.to_dict()}, ensure_ascii=False))


def _evaluate(args: argparse.Namespace) -> None:
    from .evaluate import evaluate  # scikit-learn, see _train

    corpus = load_corpus(args.data)
    scores = evaluate(load_model(args.model), corpus).report
    if args.json:
        print(json.dumps(scores.to_dict(), indent=2))
    else:
        print(f"{args.data}: {len(corpus)} documents\n{scores.table()}")


def _parser() -> argparse.ArgumentParser:
    defaults = Config()
    parser = argparse.ArgumentParser(
        prog="report-tagger", description="Tag Vietnamese security reports by topic."
    )
    verbs = parser.add_subparsers(dest="verb", required=True)

    p = verbs.add_parser("train", help="train a model and write it with its model card")
    p.add_argument("--data", type=Path, default=defaults.data_path, help="labelled corpus")
    p.add_argument("--model", type=Path, default=defaults.model_path, help="model file to write")
    p.add_argument("--seed", type=int, default=defaults.seed, help="random seed")
    p.set_defaults(run=_train)

    p = verbs.add_parser("predict", help="tag texts; writes one JSON object per line")
    p.add_argument("texts", nargs="*", help="texts to tag (default: stdin, one text a line)")
    p.add_argument(
        "--file", type=Path, action="append", help="a .txt (one document) or CSV/JSONL/Parquet file"
    )
    p.add_argument("--model", type=Path, default=None, help="model file (default: shipped model)")
    p.set_defaults(run=_predict)

    p = verbs.add_parser("evaluate", help="score a model on a labelled file")
    p.add_argument("--data", type=Path, required=True, help="labelled corpus")
    p.add_argument("--model", type=Path, default=None, help="model file (default: shipped model)")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.set_defaults(run=_evaluate)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        args.run(args)
    except ReportTaggerError as error:
        print(f"report-tagger: error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
