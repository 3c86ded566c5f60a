"""aknkit benchmark suite: whole processes, timed as a user pays for them.

    python bench/run.py                 # 1k, 10k, 100k articles; 10,000 small acts
    python bench/run.py --quick         # 1k and 10k articles; 400 small acts
    python bench/run.py --sizes 1000 --runs 5 --corpus 0
    python bench/run.py --quick --baseline main   # also: fixed costs of main, in turn

Every figure is the wall-clock time of a whole process (interpreter start,
imports, schema compilation, the work, writing) started with ``subprocess``,
the median of ``--runs`` runs (one run at 100k articles), and its peak memory
(RSS) from ``wait4``. Writes ``bench/results/latest.json``, prints the
tables and every goal of the performance issue as a ratio with pass/fail.

What is measured, on the same generated content (``synth.py``: laws in the
published layout in kaz, rus and eng):
- fixed costs: ``akn --version``, ``akn --help``, ``akn build`` of one small act
  (with ``--baseline REV``, also against an earlier revision, run by run in turn);
- ``akn build`` of one law (three languages) against the *floor*
  (``floor.py``: the same texts into AKN trees with bare lxml, a line loop and
  one regex a line, serialised, written and validated);
- ``akn validate`` Level 1 and 2 against bare libxml2 validation of the same files;
- the peer: bluebell-akn with its Rust parser, parsing the English law and
  writing its XML, as a whole process (needs Python >= 3.12; a private venv
  under ``bench/.venv-bluebell`` is made on first use; skipped when none);
- the three-language diff of 2,000 articles (``bench_diff.py``'s documents),
  the diff alone, in one process, as the goal is set;
- a corpus of small acts built with ``--jobs 1`` and ``--jobs 2`` and on a
  local Dask cluster (``--scheduler local:1`` and ``local:2``): the scaling table.
"""

from __future__ import annotations

import argparse
import json
import os
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
AKN = [sys.executable, "-m", "aknkit"]
BIN = Path(sys.executable).parent
# The console script a user runs; ``python -m aknkit`` where it is not installed.
AKN_SCRIPT = [str(BIN / "akn")] if (BIN / "akn").exists() else AKN



# --- whole processes ----------------------------------------------------------------

def run_once(command: list[str], cwd: Path | None = None) -> dict:
    """Wall-clock seconds and peak RSS (MB) of one process; its exit code."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    # ru_maxrss is in KiB; MB (10^6 bytes), as the input's size, so that their ratio is one of like units.
    return {"seconds": seconds, "rss_mb": usage.ru_maxrss * 1024 / 1e6, "exit": process.returncode,
            "stderr": stderr.decode("utf-8", "replace").strip()[-300:]}


def measure(command: list[str], runs: int, fresh: Path | None = None, ok=(0,)) -> dict:
    """The median of ``runs`` runs of ``command``; ``fresh`` is removed before each run."""
    samples = []
    for _ in range(runs):
        if fresh is not None:
            shutil.rmtree(fresh, ignore_errors=True)
        sample = run_once(command)
        if sample["exit"] not in ok:
            return {"error": f"exit {sample['exit']}: {sample['stderr']}"}
        samples.append(sample)
    return {"seconds": round(statistics.median(s["seconds"] for s in samples), 3),
            "rss_mb": round(max(s["rss_mb"] for s in samples)), "runs": runs}


def ratio(a: dict | None, b: dict | None) -> float | None:
    if a and b and "seconds" in a and "seconds" in b and b["seconds"]:
        return round(a["seconds"] / b["seconds"], 2)
    return None


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
import sys
from bluebell.parser import parse_to_xml_bytes
import _bluebell_rs  # the Rust parser must be the one measured
text = open(sys.argv[1], encoding="utf-8").read()
open(sys.argv[2], "wb").write(parse_to_xml_bytes(text, "act", "/akn/kz/act/2020-07-01/1-VI"))
"""


# --- in-process: the diff goal ------------------------------------------------------

def diff_worker() -> dict:
    """The full three-language diff of 2,000 articles (bench_diff's documents), the diff alone."""
    import bench_diff
    from aknkit.akn.read import read_akn
    from aknkit.diff import Version, diff_versions

    with tempfile.TemporaryDirectory() as tmp:
        versions = []
        for language in ("kaz", "rus", "eng"):
            path = Path(tmp) / f"{language}.xml"
            path.write_text(bench_diff.generate(language, 2000), encoding="utf-8")
            document = read_akn(str(path))
            versions.append(Version(document.act, str(path), document.work_iri))
        times = []
        for _ in range(3):
            started = time.perf_counter()
            diff_versions(versions)
            times.append(time.perf_counter() - started)
    return {"seconds": round(statistics.median(times), 3)}


def measure_diff() -> dict:
    proc = subprocess.run([sys.executable, __file__, "--diff-worker"], capture_output=True, text=True)
    if proc.returncode != 0:
        return {"error": proc.stderr.strip()[-300:]}
    return json.loads(proc.stdout)


# --- the suite -------------------------------------------------------------------

BARE_VALIDATE = """
import sys
from pathlib import Path
from lxml import etree
schema = etree.XMLSchema(etree.parse(sys.argv[1]))
for path in sys.argv[2:]:
    schema.validate(etree.parse(path))
"""


def run_fixed(root: Path, runs: int) -> dict:
    tiny = synth.write_act(root / "tiny" / "act-small", 2)
    out = root / "tiny-out"
    return {
        "version": measure([*AKN_SCRIPT, "--version"], runs),
        "help": measure([*AKN_SCRIPT, "--help"], runs),
        "small_act_build": measure([*AKN_SCRIPT, "build", str(tiny), "-o", str(out), "--jobs", "1"], runs,
                                   fresh=out),
    }


def run_baseline(root: Path, revision: str, runs: int) -> dict:
    """The fixed costs of an earlier revision against this code, run by run in
    turn (A, B, A, B...) so that both meet the same load: both as
    ``python -m aknkit``, the earlier one from ``git archive`` of its sources."""
    earlier = root / "baseline"
    earlier.mkdir()
    archive = subprocess.run(["git", "-C", str(HERE.parent), "archive", revision, "src", "schemas"],
                             capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(earlier)], input=archive, check=True)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(earlier / "src")], check=True)
    tiny = synth.write_act(root / "tiny-baseline" / "act-small", 2)
    env_before = {**os.environ, "PYTHONPATH": str(earlier / "src")}
    figures: dict = {"revision": revision}
    for name, args in (("version", ["--version"]), ("help", ["--help"]),
                       ("small_act_build", ["build", str(tiny), "-o", "{out}", "--jobs", "1"])):
        samples: dict[str, list[float]] = {"before": [], "after": []}
        for _ in range(runs):
            for which, env in (("before", env_before), ("after", None)):
                out = root / f"baseline-out-{which}"
                shutil.rmtree(out, ignore_errors=True)
                command = AKN + [a.replace("{out}", str(out)) for a in args]
                started = time.perf_counter()
                done = subprocess.run(command, env=env, capture_output=True)
                if done.returncode != 0:
                    figures[name] = {"error": done.stderr.decode()[-300:]}
                    break
                samples[which].append(time.perf_counter() - started)
        if samples["before"] and len(samples["after"]) == runs:
            before, after = statistics.median(samples["before"]), statistics.median(samples["after"])
            figures[name] = {"before_s": round(before, 3), "after_s": round(after, 3),
                             "after_over_before": round(after / before, 2)}
    return figures


def run_size(root: Path, articles: int, runs: int, bluebell: Path | None) -> dict:
    source = synth.write_act(root / f"law-{articles}", articles)
    input_mb = sum(p.stat().st_size for p in source.glob("*.txt")) / 1e6
    out = root / f"out-{articles}"
    row: dict = {"articles": articles, "input_mb": round(input_mb, 2)}
    row["build"] = measure([*AKN_SCRIPT, "build", str(source), "-o", str(out), "--jobs", "1"], runs, fresh=out)
    floor_out = root / f"floor-{articles}"
    row["floor"] = measure([sys.executable, str(HERE / "floor.py"), str(source), str(floor_out)], runs,
                           fresh=floor_out)
    built = sorted(map(str, (out / source.name).glob("*.xml")))
    schema = str(HERE.parent / "schemas" / "akomantoso30.xsd")
    row["bare_validate"] = measure([sys.executable, "-c", BARE_VALIDATE, schema, *built], runs)
    row["level1"] = measure([*AKN_SCRIPT, "validate", "--level", "1", *built], runs)
    row["level2"] = measure([*AKN_SCRIPT, "validate", "--level", "2", *built], runs)
    build = row["build"]
    if "seconds" in build:
        row["build_mb_per_s"] = round(input_mb / build["seconds"], 2)
        row["build_us_per_article_per_language"] = round(build["seconds"] / (3 * articles) * 1e6, 1)
        row["rss_over_input"] = round(build["rss_mb"] / input_mb, 1)
    row["build_over_floor"] = ratio(build, row["floor"])
    row["level1_over_bare"] = ratio(row["level1"], row["bare_validate"])
    row["level2_over_bare"] = ratio(row["level2"], row["bare_validate"])
    if bluebell is not None:
        # The peer parses one language; so does this comparison (English), both whole processes.
        peer_text = root / f"bluebell-{articles}.txt"
        peer_text.write_text(synth.bluebell_text(articles), encoding="utf-8")
        eng_only = synth.write_act(root / f"law-{articles}-eng", articles, languages=("eng",))
        eng_out = root / f"out-{articles}-eng"
        ours = measure([*AKN_SCRIPT, "build", str(eng_only), "-o", str(eng_out), "--jobs", "1"], runs,
                       fresh=eng_out)
        theirs = measure([str(bluebell), "-c", BLUEBELL_SCRIPT, str(peer_text), str(root / "bluebell.xml")], runs)
        row["peer"] = {"ours_eng_build": ours, "bluebell_rs": theirs, "ours_over_bluebell": ratio(ours, theirs)}
    return row


def run_corpus(root: Path, acts: int, runs: int) -> dict:
    corpus = synth.write_corpus(root / "corpus", acts, articles=5)
    out = root / "corpus-out"
    rows = {}
    for label, extra in (("--jobs 1", ["--jobs", "1"]), ("--jobs 2", ["--jobs", "2"]),
                         ("--scheduler local:1", ["--scheduler", "local:1"]),
                         ("--scheduler local:2", ["--scheduler", "local:2"])):
        rows[label] = measure([*AKN_SCRIPT, "build", str(corpus), "-o", str(out), *extra], runs, fresh=out)
    base = rows["--jobs 1"]
    for row in rows.values():
        if "seconds" in row:
            row["acts_per_s"] = round(acts / row["seconds"], 1)
            row["speedup_over_jobs1"] = ratio(base, row)
    return {"acts": acts, "runs": rows,
            "cluster2_over_jobs2": ratio(rows["--scheduler local:2"], rows["--jobs 2"])}


def goals(results: dict) -> list[tuple[str, str, str, bool | None]]:
    """(goal, measured, target, met) for every goal of the performance issue."""
    out = []

    def add(name: str, value: float | None, target: float, unit: str, at_most: bool = True) -> None:
        if value is None:
            out.append((name, "not measured", f"{'<=' if at_most else '>='} {target}{unit}", None))
            return
        met = value <= target if at_most else value >= target
        out.append((name, f"{value}{unit}", f"{'<=' if at_most else '>='} {target}{unit}", met))

    fixed = results.get("fixed", {})
    add("akn --version", fixed.get("version", {}).get("seconds"), 0.1, " s")
    add("akn --help", fixed.get("help", {}).get("seconds"), 0.1, " s")
    baseline = results.get("baseline", {})
    add(f"one small act's build, now / at {baseline.get('revision', '(--baseline REV)')}",
        baseline.get("small_act_build", {}).get("after_over_before"), 0.5, "x")
    for row in results["sizes"]:
        n = f"{row['articles']:,} articles"
        if row["articles"] <= 10000:
            add(f"build / floor, {n}", row.get("build_over_floor"), 2.5, "x")
            peer = row.get("peer", {}).get("ours_over_bluebell")
            add(f"build / bluebell-rs, {n}", peer, 1.0, "x")
        add(f"Level 2 / bare libxml2, {n}", row.get("level2_over_bare"), 1.6, "x")
        if row["articles"] >= 100000:
            add(f"peak RSS / input, {n}", row.get("rss_over_input"), 10, "x")
    add("three-language diff, 2,000 articles", results.get("diff_2000", {}).get("seconds"), 0.3, " s")
    return out


def report(results: dict) -> str:
    lines = []
    fixed = results.get("fixed")
    if fixed:
        lines.append("fixed costs (whole process): " + ", ".join(
            f"{name} {figure.get('seconds', figure.get('error'))} s" for name, figure in fixed.items()))
    baseline = results.get("baseline")
    if baseline:
        lines.append(f"fixed costs against {baseline['revision']} (python -m aknkit, runs in turn, medians):")
        for name in ("version", "help", "small_act_build"):
            figure = baseline.get(name, {})
            lines.append(f"  {name:<16} before {figure.get('before_s', '-')} s, now {figure.get('after_s', '-')} s, "
                         f"now/before {figure.get('after_over_before', figure.get('error', '-'))}")
    lines.append("articles  input MB  build s  µs/art/lang  RSS MB  RSS/input  floor s  build/floor  "
                 "L1 s  L2 s  bare s  L2/bare  ours-eng/bluebell-rs")
    for row in results["sizes"]:
        peer = row.get("peer", {}).get("ours_over_bluebell")
        lines.append(
            f"{row['articles']:>8}  {row['input_mb']:>8}  {row['build'].get('seconds', float('nan')):>7.2f}  "
            f"{row.get('build_us_per_article_per_language', '-'):>11}  "
            f"{row['build'].get('rss_mb', float('nan')):>6.0f}  {row.get('rss_over_input', '-'):>9}  "
            f"{row['floor'].get('seconds', float('nan')):>7.2f}  {row['build_over_floor']!s:>11}  "
            f"{row['level1'].get('seconds', float('nan')):>4.2f}  {row['level2'].get('seconds', float('nan')):>4.2f}  "
            f"{row['bare_validate'].get('seconds', float('nan')):>6.2f}  {row['level2_over_bare']!s:>7}  "
            f"{peer if peer is not None else '-':>20}")
    corpus = results.get("corpus")
    if corpus:
        lines.append(f"corpus of {corpus['acts']:,} small acts (5 articles, 3 languages each):")
        lines.append("  how                      s   acts/s  speed-up over --jobs 1  peak RSS MB (client)")
        for label, row in corpus["runs"].items():
            lines.append(f"  {label:<20} {row.get('seconds', float('nan')):>7.2f}  {row.get('acts_per_s', '-'):>7}  "
                         f"{row.get('speedup_over_jobs1', '-')!s:>22}  {row.get('rss_mb', '-'):>10}")
        lines.append(f"  local Dask cluster of 2 / --jobs 2: {corpus['cluster2_over_jobs2']}x the time")
    if "diff_2000" in results:
        lines.append(f"three-language diff of 2,000 articles (diff alone): "
                     f"{results['diff_2000'].get('seconds', results['diff_2000'].get('error'))} s")
    lines.append("goals:")
    for name, measured, target, met in goals(results):
        verdict = "-" if met is None else "pass" if met else "FAIL"
        lines.append(f"  {verdict:<4}  {name:<48} {measured:>14}   goal {target}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--diff-worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--corpus", type=int, default=10000, help="small acts in the batch corpus (0 to skip)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="sizes 1k and 10k, a 400-act corpus")
    parser.add_argument("--no-peer", action="store_true", help="skip bluebell")
    parser.add_argument("--baseline", metavar="REV",
                        help="also time the fixed costs of this git revision, in turn with this code")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "latest.json")
    args = parser.parse_args()
    if args.diff_worker:
        print(json.dumps(diff_worker()))
        return
    if args.quick:
        args.sizes, args.corpus = [1000, 10000], 400
    bluebell = None if args.no_peer else bluebell_python()
    if bluebell is None and not args.no_peer:
        print("peer skipped: no Python >= 3.12 found for bluebell-akn", file=sys.stderr)
    results: dict = {"machine": {"cores": os.cpu_count(), "python": sys.version.split()[0],
                                 "load_at_start": os.getloadavg()[0]}, "sizes": []}
    with tempfile.TemporaryDirectory(prefix="aknkit-bench-") as tmp:
        root = Path(tmp)
        print("measuring fixed costs...", file=sys.stderr)
        results["fixed"] = run_fixed(root, max(5, args.runs))
        if args.baseline:
            print(f"measuring the fixed costs of {args.baseline} in turn with this code...", file=sys.stderr)
            results["baseline"] = run_baseline(root, args.baseline, max(5, args.runs))
        for articles in args.sizes:
            runs = 1 if articles >= 100000 else args.runs
            print(f"measuring {articles} articles ({runs} run(s) each)...", file=sys.stderr)
            results["sizes"].append(run_size(root, articles, runs, bluebell))
        print("measuring the diff of 2,000 articles...", file=sys.stderr)
        results["diff_2000"] = measure_diff()
        if args.corpus:
            print(f"measuring a corpus of {args.corpus} acts...", file=sys.stderr)
            results["corpus"] = run_corpus(root, args.corpus, 1 if args.corpus >= 2000 else min(args.runs, 3))
    results["machine"]["load_at_end"] = os.getloadavg()[0]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(report(results))
    print(f"load average (1 min) at start {results['machine']['load_at_start']:.1f}, "
          f"at end {results['machine']['load_at_end']:.1f}, on {os.cpu_count()} cores")
    print(f"written: {args.out}")


if __name__ == "__main__":
    main()
