"""Benchmark report-tagger against the tools its users would use instead.

Run by hand after `pip install -e '.[bench]'`:

    python bench/run.py                 # the full comparison (about 15 minutes on 2 cores)
    python bench/run.py --scaling       # also: training time on 1x, 2x and 4x the corpus
    python bench/run.py --quick         # a smoke run on tiny data

Every system is trained on the same labelled corpus (default data/reports.csv) and scored on the
same texts: accuracy on ../shared/labels/dev.jsonl (real articles, never trained on), speed on
the first articles of ../shared/corpus/baomoi-2017.jsonl.gz. Each figure is the median of
--repeats runs. Prints a table and writes bench/results.json.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from abc import ABC, abstractmethod
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from report_tagger import TAGS, Config, load_model, predict
from report_tagger.corpus import Corpus, load_corpus, tag_matrix
from report_tagger.metrics import Scores
from report_tagger.model import train
from report_tagger.text import prepare

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEV = SHARED / "labels" / "dev.jsonl"
POOL = SHARED / "corpus" / "baomoi-2017.jsonl.gz"


@dataclass
class System(ABC):
    """One tagger under test: how to train it, tag with it, and start it cold."""

    name: str
    workdir: Path
    files: list[Path] = field(default_factory=list)

    @abstractmethod
    def fit(self, corpus: Corpus) -> None:
        """Train on the corpus and save the model files into workdir."""

    @abstractmethod
    def tag(self, texts: list[str]) -> np.ndarray:
        """0/1 matrix, one column per tag."""

    @abstractmethod
    def cold_start_code(self, text_file: Path) -> str:
        """Python code that imports, loads the saved model and tags one text."""

    def size(self) -> int:
        return sum(path.stat().st_size for path in self.files)


class ReportTagger(System):
    def __init__(self, name: str, workdir: Path, config: Config):
        super().__init__(name, workdir)
        self.config = config

    def fit(self, corpus: Corpus) -> None:
        path = self.workdir / f"{self.name.replace(' ', '_')}.joblib"
        train(replace(self.config, data_path=corpus.path)).save(path)
        self.model = load_model(path)
        self.files = [path]

    def tag(self, texts: list[str]) -> np.ndarray:
        return tag_matrix([result.tags for result in predict(texts, model=self.model)])

    def cold_start_code(self, text_file: Path) -> str:
        return (
            "from pathlib import Path\n"
            "from report_tagger import load_model, predict\n"
            f"model = load_model({str(self.files[0])!r})\n"
            f"predict(Path({str(text_file)!r}).read_text('utf-8'), model=model)\n"
        )


def _one_line(text: str) -> str:
    return " ".join(text.split())


class UndertheseaCore(System):
    """underthesea_core.TextClassifier (Rust TF-IDF + linear SVM), one binary model per tag."""

    def fit(self, corpus: Corpus) -> None:
        import underthesea_core

        labels = corpus.label_matrix()
        self.models, self.files = [], []
        for j, tag in enumerate(TAGS):
            model = underthesea_core.TextClassifier(ngram_range=(1, 2))
            model.fit(
                [_one_line(t) for t in corpus.texts], ["yes" if y else "no" for y in labels[:, j]]
            )
            path = self.workdir / f"underthesea_{tag}.bin"
            model.save(str(path))
            self.models.append(model)
            self.files.append(path)

    def tag(self, texts: list[str]) -> np.ndarray:
        lines = [_one_line(t) for t in texts]
        columns = [np.array(m.predict_batch(lines)) == "yes" for m in self.models]
        return np.column_stack(columns).astype(int)

    def cold_start_code(self, text_file: Path) -> str:
        return (
            "from pathlib import Path\n"
            "import underthesea_core\n"
            f"paths = {[str(p) for p in self.files]!r}\n"
            "models = [underthesea_core.TextClassifier.load(p) for p in paths]\n"
            f"text = ' '.join(Path({str(text_file)!r}).read_text('utf-8').split())\n"
            "[m.predict(text) for m in models]\n"
        )


def _fasttext_line(text: str) -> str:
    return " ".join(re.findall(r"\w+", prepare(text)))


class FastText(System):
    """fastText supervised, one-vs-all loss, a tag on where its probability reaches 0.5."""

    def fit(self, corpus: Corpus) -> None:
        import fasttext

        data = self.workdir / "fasttext_train.txt"
        with data.open("w", encoding="utf-8") as handle:
            for tags, text in zip(corpus.tags, corpus.texts):
                labels = " ".join(f"__label__{t}" for t in tags) or "__label__other"
                handle.write(f"{labels} {_fasttext_line(text)}\n")
        self.model = fasttext.train_supervised(
            input=str(data), loss="ova", epoch=25, lr=0.5, wordNgrams=2, verbose=0, seed=0
        )
        path = self.workdir / "fasttext.bin"
        self.model.save_model(str(path))
        self.files = [path]

    def tag(self, texts: list[str]) -> np.ndarray:
        labels, _ = self.model.f.multilinePredict(
            [_fasttext_line(t) for t in texts], -1, 0.5, "strict"
        )
        return tag_matrix([[t for t in TAGS if f"__label__{t}" in row] for row in labels])

    def cold_start_code(self, text_file: Path) -> str:
        return (
            "from pathlib import Path\n"
            "import re, fasttext\n"
            "from report_tagger.text import prepare\n"
            f"model = fasttext.load_model({str(self.files[0])!r})\n"
            f"text = Path({str(text_file)!r}).read_text('utf-8')\n"
            "model.f.predict(' '.join(re.findall(r'\\w+', prepare(text))), -1, 0.5, 'strict')\n"
        )


def read_pool(count: int) -> list[str]:
    texts = []
    with gzip.open(POOL, "rt", encoding="utf-8") as lines:
        for line in lines:
            if len(texts) == count:
                break
            article = json.loads(line)
            texts.append(f"{article.get('title', '')}\n{article.get('text', '')}")
    return texts


def timed(function, repeats: int) -> tuple[float, object]:
    """Median wall time of repeated calls, and the last result."""
    times, result = [], None
    for _ in range(repeats):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def cold_start(system: System, text_file: Path, repeats: int) -> tuple[float, float]:
    """Median seconds for a fresh process to import, load and tag one text; its peak RSS in MiB
    (VmHWM: getrusage's ru_maxrss would carry over this benchmark's own peak through exec)."""
    code = system.cold_start_code(text_file) + (
        "import re, sys\n"
        "status = open('/proc/self/status').read()\n"
        "print(re.search(r'VmHWM:\\s+(\\d+)', status).group(1), file=sys.stderr)\n"
    )
    times, memory = [], []
    for _ in range(repeats):
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        times.append(time.perf_counter() - started)
        memory.append(int(done.stderr.strip().splitlines()[-1]) / 1024)
    return statistics.median(times), statistics.median(memory)


def measure(
    system: System, train_corpus: Corpus, dev: Corpus | None, pool: list[str], args
) -> dict:
    print(f"[{system.name}] training ...", file=sys.stderr, flush=True)
    train_seconds, _ = timed(lambda: system.fit(train_corpus), args.train_repeats)
    row: dict = {"system": system.name, "train_s": train_seconds, "model_mb": system.size() / 2**20}
    if dev is not None:
        scores = Scores.compute(dev.label_matrix(), system.tag(dev.texts))
        row["macro_f1"] = scores.macro_f1
        row.update({f"f1_{tag}": score.f1 for tag, score in scores.per_tag.items()})
    print(f"[{system.name}] throughput and latency ...", file=sys.stderr, flush=True)
    system.tag(pool[:50])  # warm
    batch_seconds, _ = timed(lambda: system.tag(pool), args.repeats)
    row["docs_per_s"] = len(pool) / batch_seconds
    lengths = [len(t.split()) for t in pool]
    median_doc = pool[int(np.argsort(lengths)[len(lengths) // 2])]
    latencies = []
    for _ in range(args.latency_calls):
        started = time.perf_counter()
        system.tag([median_doc])
        latencies.append(time.perf_counter() - started)
    row["latency_ms_median"] = 1000 * statistics.median(latencies)
    row["latency_ms_p95"] = 1000 * float(np.percentile(latencies, 95))
    text_file = system.workdir / "cold_start.txt"
    text_file.write_text(median_doc, encoding="utf-8")
    row["cold_start_s"], row["peak_rss_mb"] = cold_start(system, text_file, args.repeats)
    return row


def scaling(train_corpus: Corpus, pool: list[str], workdir: Path, repeats: int) -> list[dict]:
    """Training time of the default model on 1x, 2x and 4x the corpus. The extra documents are
    pool articles labelled by the default model itself: for timing only, not for accuracy."""
    base = ReportTagger("scaling", workdir, Config())
    base.fit(train_corpus)
    extra = [t for t in pool if t not in set(train_corpus.texts)]
    rows = []
    for factor in (1, 2, 4):
        count = len(train_corpus) * (factor - 1)
        if count > len(extra):
            print(f"pool too small for {factor}x", file=sys.stderr)
            break
        texts = train_corpus.texts + extra[:count]
        tags = train_corpus.tags + [r.tags for r in predict(extra[:count], model=base.model)]
        path = workdir / f"scaled_{factor}x.jsonl"
        with path.open("w", encoding="utf-8") as handle:
            for i, (text, tag_list) in enumerate(zip(texts, tags)):
                handle.write(json.dumps({"id": str(i), "text": text, "tags": tag_list}) + "\n")
        config = replace(Config(), data_path=path)
        seconds, _ = timed(lambda config=config: train(config), repeats)
        rows.append({"factor": factor, "documents": len(texts), "train_s": seconds})
        print(f"  {factor}x: {len(texts)} documents, {seconds:.1f} s", file=sys.stderr)
    return rows


def machine() -> dict:
    model = ""
    if Path("/proc/cpuinfo").is_file():
        found = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
        model = found.group(1) if found else ""
    return {
        "cpu": model,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


COLUMNS = [
    ("system", "system", "{}"),
    ("macro_f1", "macro-F1", "{:.3f}"),
    ("f1_security_review", "F1 sec.", "{:.3f}"),
    ("f1_awards", "F1 awards", "{:.3f}"),
    ("f1_crime_prevention", "F1 crime", "{:.3f}"),
    ("docs_per_s", "docs/s", "{:,.0f}"),
    ("latency_ms_median", "lat. ms", "{:.2f}"),
    ("latency_ms_p95", "p95 ms", "{:.2f}"),
    ("train_s", "train s", "{:.1f}"),
    ("cold_start_s", "cold s", "{:.2f}"),
    ("model_mb", "size MB", "{:.1f}"),
    ("peak_rss_mb", "RSS MB", "{:.0f}"),
]


def table(rows: list[dict]) -> str:
    cells = [[title for _, title, _ in COLUMNS]]
    for row in rows:
        cells.append([form.format(row[key]) if key in row else "-" for key, _, form in COLUMNS])
    widths = [max(len(r[i]) for r in cells) for i in range(len(COLUMNS))]
    lines = ["| " + " | ".join(c.ljust(w) for c, w in zip(r, widths)) + " |" for r in cells]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def ratios(rows: list[dict]) -> dict:
    """report-tagger / peer for each speed and size figure (docs/s: higher is better)."""
    ours = rows[0]
    keys = ["docs_per_s", "latency_ms_median", "train_s", "cold_start_s", "model_mb", "peak_rss_mb"]
    return {
        peer["system"]: {key: ours[key] / peer[key] for key in keys if peer.get(key)}
        for peer in rows[1:]
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Config().data_path)
    parser.add_argument("--docs", type=int, default=2000, help="pool articles for throughput")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--train-repeats", type=int, default=3)
    parser.add_argument("--latency-calls", type=int, default=200)
    parser.add_argument("--scaling", action="store_true", help="also time training at 2x and 4x")
    parser.add_argument("--scaling-repeats", type=int, default=1)
    parser.add_argument("--quick", action="store_true", help="tiny smoke run")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results.json")
    parser.add_argument("--skip", nargs="*", default=[], help="systems to leave out")
    args = parser.parse_args()
    if args.quick:
        args.docs, args.repeats, args.train_repeats, args.latency_calls = 50, 1, 1, 5
    if not POOL.is_file():
        sys.exit(f"{POOL} is absent: the benchmark needs the maintainers' ../shared folder")

    train_corpus = load_corpus(args.data)
    dev = load_corpus(DEV) if DEV.is_file() and not args.quick else None
    pool = read_pool(args.docs)
    workdir = Path(tempfile.mkdtemp(prefix="report-tagger-bench-"))
    systems = [
        ReportTagger("report-tagger", workdir, Config()),
        ReportTagger("report-tagger (pyvi words)", workdir, Config(word_segmentation=True)),
        UndertheseaCore("underthesea_core x3", workdir),
        FastText("fastText ova", workdir),
    ]
    rows = [
        measure(system, train_corpus, dev, pool, args)
        for system in systems
        if system.name not in args.skip
    ]
    results = {
        "machine": machine(),
        "when": time.strftime("%Y-%m-%d %H:%M"),
        "training_data": str(args.data),
        "documents_for_speed": len(pool),
        "repeats": args.repeats,
        "rows": rows,
        "ratios_report_tagger_over_peer": ratios(rows),
    }
    if args.scaling:
        more = read_pool(len(train_corpus) * 3 + len(pool))
        results["scaling"] = scaling(train_corpus, more, workdir, args.scaling_repeats)
    print(f"\nmachine: {results['machine']}")
    print(table(rows))
    print("\nreport-tagger / peer:")
    for peer, values in results["ratios_report_tagger_over_peer"].items():
        print(f"  {peer}: " + ", ".join(f"{k} {v:.2f}x" for k, v in values.items()))
    for row in results.get("scaling", []):
        print(
            f"  training on {row['factor']}x ({row['documents']} documents): {row['train_s']:.1f} s"
        )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
