"""Benchmark of ``akn validate`` against bare ``lxml.etree.XMLSchema``.

Two workloads are generated into a temporary folder: one act of 10,000
articles, and a folder of 1,000 small acts. Each is checked, in the same run,
with bare lxml (parse + XMLSchema.validate, schema compiled beforehand), with
our Level 1 (``check_file(level=1)``) and with our Level 2. Times are medians
of several runs; the schema is compiled before any timing. Prints a table and
writes JSON (default bench/results/validate.json).

    PYTHONPATH=src python bench/bench_validate.py [--runs 5] [--articles 10000] [--acts 1000]
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lxml import etree

from aknkit import __version__
from aknkit.akn.schema import lxml_schema, schema_path
from aknkit.validate import check_file

AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"


def act_xml(number: int, articles: int) -> str:
    """A conformant act (Level 2, zero findings) of ``articles`` articles with two paragraphs each."""
    work = f"/akn/kz/act/2020-01-01/{number}"
    expression = f"{work}/eng@2020-01-01"
    parts = [f'''<?xml version="1.0" encoding="UTF-8"?>
<akomaNtoso xmlns="{AKN}">
  <act name="act">
    <meta>
      <identification source="#parliament">
        <FRBRWork>
          <FRBRthis value="{work}/!main"/>
          <FRBRuri value="{work}"/>
          <FRBRdate date="2020-01-01" name="enactment"/>
          <FRBRauthor href="#parliament"/>
          <FRBRcountry value="kz"/>
          <FRBRnumber value="{number}"/>
        </FRBRWork>
        <FRBRExpression>
          <FRBRthis value="{expression}/!main"/>
          <FRBRuri value="{expression}"/>
          <FRBRdate date="2020-01-01" name="publication"/>
          <FRBRauthor href="#parliament"/>
          <FRBRlanguage language="eng"/>
        </FRBRExpression>
        <FRBRManifestation>
          <FRBRthis value="{expression}/!main.xml"/>
          <FRBRuri value="{expression}.xml"/>
          <FRBRdate date="2020-01-01" name="transformation"/>
          <FRBRauthor href="#parliament"/>
          <FRBRformat value="xml"/>
        </FRBRManifestation>
      </identification>
      <references source="#parliament">
        <TLCOrganization eId="parliament" href="/akn/ontology/organization/kz/parliament" showAs="Parliament"/>
      </references>
    </meta>
    <body>
''']
    for n in range(1, articles + 1):
        art = f"art_{n}"
        ref = f'<ref eId="{art}__para_2__content__ref_1" href="#art_{n - 1}">article {n - 1}</ref>'
        see = f" See {ref}." if n > 1 else ""
        parts.append(f'''      <article eId="{art}">
        <num>Article {n}.</num>
        <heading eId="{art}__heading">Heading of article {n}</heading>
        <paragraph eId="{art}__para_1">
          <num>1.</num>
          <content eId="{art}__para_1__content">
            <p>The first paragraph of article {n} states a rule.</p>
          </content>
        </paragraph>
        <paragraph eId="{art}__para_2">
          <num>2.</num>
          <content eId="{art}__para_2__content">
            <p>The second paragraph of article {n} qualifies it.{see}</p>
          </content>
        </paragraph>
      </article>
''')
    parts.append("    </body>\n  </act>\n</akomaNtoso>\n")
    return "".join(parts)


def bare(schema: etree.XMLSchema):
    def check(path: str) -> bool:
        return schema.validate(etree.parse(path))
    return check


def ours(level: int):
    def check(path: str):
        return check_file(path, level=level)
    return check


def median_seconds(check, paths: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        for path in paths:
            check(path)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    options.add_argument("--runs", type=int, default=5, help="runs per measurement; the median is reported")
    options.add_argument("--articles", type=int, default=10_000, help="articles in the large act")
    options.add_argument("--acts", type=int, default=1_000, help="small acts in the folder")
    options.add_argument("--small-articles", type=int, default=10, help="articles in each small act")
    options.add_argument("--output", type=Path, default=Path(__file__).parent / "results" / "validate.json")
    args = options.parse_args()

    compile_started = time.perf_counter()
    lxml_schema()
    ours_compile = time.perf_counter() - compile_started
    started = time.perf_counter()
    schema = etree.XMLSchema(etree.parse(str(schema_path())))
    bare_compile = time.perf_counter() - started

    with tempfile.TemporaryDirectory(prefix="akn-bench-") as folder:
        root = Path(folder)
        large = root / "large-act.xml"
        large.write_text(act_xml(1, args.articles), encoding="utf-8")
        small_dir = root / "small-acts"
        small_dir.mkdir()
        for n in range(1, args.acts + 1):
            (small_dir / f"act-{n:04d}.xml").write_text(act_xml(n, args.small_articles), encoding="utf-8")
        workloads = {
            f"1 act of {args.articles:,} articles": [str(large)],
            f"{args.acts:,} acts of {args.small_articles} articles": sorted(map(str, small_dir.glob("*.xml"))),
        }
        # The generated documents must be conformant, or the comparison is meaningless.
        for paths in workloads.values():
            for path in paths[:3]:
                findings = check_file(path)
                assert not findings, findings[:3]
        results = []
        for name, paths in workloads.items():
            size = sum(Path(p).stat().st_size for p in paths)
            row = {"workload": name, "files": len(paths), "bytes": size}
            row["bare_l1_s"] = median_seconds(bare(schema), paths, args.runs)
            row["ours_l1_s"] = median_seconds(ours(1), paths, args.runs)
            row["ours_l2_s"] = median_seconds(ours(2), paths, args.runs)
            row["l1_ratio"] = row["ours_l1_s"] / row["bare_l1_s"]
            row["l2_ratio"] = row["ours_l2_s"] / row["bare_l1_s"]
            row["l2_added_ratio"] = (row["ours_l2_s"] - row["ours_l1_s"]) / row["bare_l1_s"]
            results.append(row)

    print(f"schema compile: ours {ours_compile:.2f} s, bare {bare_compile:.2f} s (once per process)")
    print(f"median of {args.runs} runs\n")
    header = (f"{'workload':<28} {'bare L1':>9} {'ours L1':>9} {'L1/bare':>8} {'ours L2':>9} {'L2/bare':>8} "
              f"{'L2 added':>9}")
    print(header)
    print("-" * len(header))
    for row in results:
        print(f"{row['workload']:<28} {row['bare_l1_s']:>8.3f}s {row['ours_l1_s']:>8.3f}s {row['l1_ratio']:>7.2f}x "
              f"{row['ours_l2_s']:>8.3f}s {row['l2_ratio']:>7.2f}x {row['l2_added_ratio']:>8.2f}x")
    report = {
        "aknkit": __version__, "python": platform.python_version(), "lxml": etree.__version__,
        "machine": platform.machine(), "runs": args.runs,
        "schema_compile_s": {"ours": ours_compile, "bare": bare_compile}, "results": results,
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2) + "\n")
    print(f"\nwritten {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
