"""aknkit benchmark suite: speed, growth and memory of build, validate and diff.

    python bench/run.py                 # 1k, 10k and 100k articles, 1,000-act corpus
    python bench/run.py --quick         # 1k and 10k articles, 200-act corpus
    python bench/run.py --sizes 1000 --runs 5

Writes ``bench/results/latest.json`` and prints a table. Each figure is the
median of ``--runs`` runs (one run at 100k articles), measured in a fresh
process so that peak memory (RSS) belongs to that measurement alone.

What is compared, on the same content in one run:
- build (text -> validated AKN, all three languages) against the *floor*: lxml
  parsing, serialising and validating (bare ``XMLSchema``) our own output;
- Level 1 and Level 2 validation against bare ``lxml.etree.XMLSchema``;
- the diff of the three language versions;
- per-article cost at each size (growth);
- batch build of a corpus with 1 and 2 processes;
- the peer: bluebell-akn with its Rust parser (needs Python >= 3.12; a private
  venv under ``bench/.venv-bluebell`` is made on first use; skipped with a
  message when no such interpreter is found).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import synth  # noqa: E402

BLUEBELL_VENV = HERE / ".venv-bluebell"


# --- measurements, each run in its own process -------------------------------

def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker(kind: str, args: list[str]) -> dict:
    """One measurement; prints JSON with seconds and peak RSS of this process."""
    from lxml import etree

    from aknkit.schema import lxml_schema

    schema = lxml_schema()  # compiled before timing: once per process in real use
    folder = Path(args[0])
    started = time.perf_counter()
    if kind == "build":
        from aknkit.build import build_folder

        build_folder(folder, Path(args[1]))
    elif kind == "floor":
        for path in sorted(folder.glob("*.xml")):
            tree = etree.parse(str(path))
            etree.tostring(tree, encoding="UTF-8")
            schema.validate(tree)
    elif kind == "bare":
        for path in sorted(folder.rglob("*.xml")):
            schema.validate(etree.parse(str(path)))
    elif kind in ("level1", "level2"):
        from aknkit.validate import check_file

        for path in sorted(folder.rglob("*.xml")):
            check_file(path, level=int(kind[-1]))
    elif kind in ("diff", "diff-aligned"):
        from aknkit.diff import Version, diff_versions
        from aknkit.read import read_akn

        def version(path: Path) -> Version:
            document = read_akn(str(path))
            return Version(document.act, str(path), document.work_iri)

        paths = sorted(folder.glob("*.xml"))
        if kind == "diff-aligned":
            versions = [version(path) for path in paths]
            started = time.perf_counter()
            diff_versions(versions)
        else:
            diff_versions([version(path) for path in paths])
    elif kind == "batch":
        from aknkit.build import build_many
        from aknkit.sources import find_source_folders

        outcomes = list(build_many(find_source_folders([folder]), Path(args[1]), jobs=int(args[2])))
        assert all(o.ok for o in outcomes), [o.findings[:1] for o in outcomes if not o.ok][:3]
    else:
        raise SystemExit(f"unknown measurement {kind}")
    return {"seconds": time.perf_counter() - started, "rss_mb": _peak_rss_mb()}


def measure(kind: str, *args, runs: int = 3) -> dict:
    samples = []
    for _ in range(runs):
        proc = subprocess.run([sys.executable, __file__, "--worker", kind, *map(str, args)],
                              capture_output=True, text=True)
        if proc.returncode != 0:
            return {"error": proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else "failed"}
        samples.append(json.loads(proc.stdout))
    return {
        "seconds": statistics.median(s["seconds"] for s in samples),
        "rss_mb": max(s["rss_mb"] for s in samples),
        "runs": runs,
    }


# --- the peer -------------------------------------------------------------------

def _interpreters_312():
    """Python >= 3.12 interpreters on this machine that actually run."""
    candidates = [shutil.which(name) for name in ("python3.13", "python3.12")]
    candidates += sorted(map(str, Path.home().glob(".pyenv/versions/3.1[2-9]*/bin/python")), reverse=True)
    for candidate in filter(None, candidates):
        probe = subprocess.run([candidate, "-c", "import sys; print(sys.version_info >= (3, 12))"],
                               capture_output=True, text=True)
        if probe.returncode == 0 and probe.stdout.strip() == "True":
            yield candidate


def bluebell_python() -> Path | None:
    """The private venv's interpreter with bluebell-akn and its Rust parser, or None."""
    python = BLUEBELL_VENV / "bin" / "python"
    if python.exists():
        return python
    for interpreter in _interpreters_312():
        subprocess.run([interpreter, "-m", "venv", str(BLUEBELL_VENV)], check=True)
        proc = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "bluebell-akn",
                               "bluebell-akn-rs"], capture_output=True, text=True)
        if proc.returncode == 0:
            return python
        print(f"bluebell could not be installed: {proc.stderr.strip()[-300:]}", file=sys.stderr)
        shutil.rmtree(BLUEBELL_VENV, ignore_errors=True)
        return None
    return None


BLUEBELL_SCRIPT = """
import json, statistics, sys, time
from bluebell.parser import parse_to_xml_bytes
import _bluebell_rs  # the Rust parser must be the one measured
text = open(sys.argv[1], encoding="utf-8").read()
times = []
for _ in range(int(sys.argv[2])):
    t = time.perf_counter()
    parse_to_xml_bytes(text, "act", "/akn/kz/act/2020-07-01/1-VI")
    times.append(time.perf_counter() - t)
print(json.dumps({"seconds": statistics.median(times)}))
"""


def bluebell_seconds(python: Path, text_file: Path, runs: int) -> float | None:
    proc = subprocess.run([str(python), "-c", BLUEBELL_SCRIPT, str(text_file), str(runs)],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        print(f"bluebell failed: {proc.stderr.strip()[-300:]}", file=sys.stderr)
        return None
    return json.loads(proc.stdout)["seconds"]


# --- the suite -------------------------------------------------------------------

def ratio(a: dict, b: dict) -> float | None:
    if "seconds" in a and "seconds" in b and b["seconds"]:
        return round(a["seconds"] / b["seconds"], 2)
    return None


def run_size(root: Path, articles: int, runs: int, bluebell: Path | None) -> dict:
    source = synth.write_act(root / f"law-{articles}", articles)
    input_mb = sum(p.stat().st_size for p in source.glob("*.txt")) / 1e6
    out = root / f"out-{articles}"
    row: dict = {"articles": articles, "input_mb": round(input_mb, 2)}
    row["build"] = measure("build", source, out, runs=runs)
    built = out / source.name
    row["floor"] = measure("floor", built, runs=runs)
    row["bare_validate"] = measure("bare", built, runs=runs)
    row["level1"] = measure("level1", built, runs=runs)
    row["level2"] = measure("level2", built, runs=runs)
    row["diff_with_reading"] = measure("diff", built, runs=runs)
    row["diff_aligned_only"] = measure("diff-aligned", built, runs=runs)
    build = row["build"]
    if "seconds" in build:
        row["build_mb_per_s"] = round(input_mb / build["seconds"], 2)
        row["build_articles_per_s"] = round(3 * articles / build["seconds"])
        row["build_us_per_article_per_language"] = round(build["seconds"] / (3 * articles) * 1e6, 1)
        row["rss_over_input"] = round(build["rss_mb"] / input_mb, 1)
    row["build_over_floor"] = ratio(build, row["floor"])
    row["level1_over_bare"] = ratio(row["level1"], row["bare_validate"])
    row["level2_over_bare"] = ratio(row["level2"], row["bare_validate"])
    if bluebell is not None:
        # The peer parses one language; so does this comparison (English).
        peer_text = root / f"bluebell-{articles}.txt"
        peer_text.write_text(synth.bluebell_text(articles), encoding="utf-8")
        eng_only = synth.write_act(root / f"law-{articles}-eng", articles, languages=("eng",))
        ours = measure("build", eng_only, root / f"out-{articles}-eng", runs=runs)
        theirs = bluebell_seconds(bluebell, peer_text, runs)
        row["peer"] = {"ours_eng_build_s": ours.get("seconds"), "bluebell_rs_parse_s": theirs,
                       "bluebell_over_ours": round(theirs / ours["seconds"], 2) if theirs and "seconds" in ours else None}
    return row


def run_corpus(root: Path, acts: int, runs: int) -> dict:
    corpus = synth.write_corpus(root / "corpus", acts, articles=5)
    one = measure("batch", corpus, root / "corpus-out-1", 1, runs=runs)
    two = measure("batch", corpus, root / "corpus-out-2", 2, runs=runs)
    bare = {"acts": acts, "jobs1": one, "jobs2": two, "speedup": ratio(one, two)}
    bare["bare_validate_1000"] = measure("bare", root / "corpus-out-1", runs=runs)
    bare["level1"] = measure("level1", root / "corpus-out-1", runs=runs)
    bare["level2"] = measure("level2", root / "corpus-out-1", runs=runs)
    bare["level1_over_bare"] = ratio(bare["level1"], bare["bare_validate_1000"])
    bare["level2_over_bare"] = ratio(bare["level2"], bare["bare_validate_1000"])
    return bare


def table(results: dict) -> str:
    lines = ["articles  input MB  build s  MB/s  µs/art/lang  RSS MB  RSS/input  build/floor  "
             "L1/bare  L2/bare  diff s (read+diff / diff)  bluebell/ours"]
    for row in results["sizes"]:
        peer = row.get("peer", {}).get("bluebell_over_ours")
        lines.append(
            f"{row['articles']:>8}  {row['input_mb']:>8}  {row['build'].get('seconds', float('nan')):>7.2f}  "
            f"{row.get('build_mb_per_s', '-'):>4}  {row.get('build_us_per_article_per_language', '-'):>11}  "
            f"{row['build'].get('rss_mb', float('nan')):>6.0f}  {row.get('rss_over_input', '-'):>9}  "
            f"{row['build_over_floor']!s:>11}  {row['level1_over_bare']!s:>7}  {row['level2_over_bare']!s:>7}  "
            f"{row['diff_with_reading'].get('seconds', float('nan')):>6.2f} / "
            f"{row['diff_aligned_only'].get('seconds', float('nan')):<6.2f}            {peer if peer is not None else '-'}")
    corpus = results.get("corpus")
    if corpus:
        lines.append(
            f"corpus of {corpus['acts']} acts: --jobs 1 {corpus['jobs1'].get('seconds', float('nan')):.2f} s, "
            f"--jobs 2 {corpus['jobs2'].get('seconds', float('nan')):.2f} s, speed-up {corpus['speedup']}; "
            f"validate L1/bare {corpus['level1_over_bare']}, L2/bare {corpus['level2_over_bare']}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--corpus", type=int, default=1000, help="acts in the batch corpus (0 to skip)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="sizes 1k and 10k, a 200-act corpus")
    parser.add_argument("--no-peer", action="store_true", help="skip bluebell")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "latest.json")
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker[0], args.worker[1:])))
        return
    if args.quick:
        args.sizes, args.corpus = [1000, 10000], 200
    bluebell = None if args.no_peer else bluebell_python()
    if bluebell is None and not args.no_peer:
        print("peer skipped: no Python >= 3.12 found for bluebell-akn", file=sys.stderr)
    results: dict = {"machine": {"cores": os.cpu_count(), "python": sys.version.split()[0]}, "sizes": []}
    with tempfile.TemporaryDirectory(prefix="aknkit-bench-") as tmp:
        root = Path(tmp)
        for articles in args.sizes:
            runs = 1 if articles >= 100000 else args.runs
            print(f"measuring {articles} articles ({runs} run(s) each)...", file=sys.stderr)
            results["sizes"].append(run_size(root, articles, runs, bluebell))
        if args.corpus:
            print(f"measuring a corpus of {args.corpus} acts...", file=sys.stderr)
            results["corpus"] = run_corpus(root, args.corpus, min(args.runs, 3))
    sizes = results["sizes"]
    per_article = [r.get("build_us_per_article_per_language") for r in sizes]
    if len(per_article) > 1 and all(per_article):
        results["growth_per_article_vs_smallest"] = [round(p / per_article[0], 2) for p in per_article]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(table(results))
    if "growth_per_article_vs_smallest" in results:
        print("per-article cost relative to the smallest size:", results["growth_per_article_vs_smallest"])
    print(f"written: {args.out}")


if __name__ == "__main__":
    main()
