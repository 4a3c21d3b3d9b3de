#!/usr/bin/env python3
"""Parse time of a large .docx against the same text as HTML.

Writes an HTML profile of about SIZE bytes of text (default 1 MB: the Ghana
sample's key findings repeated, every finding made distinct by a reference
and shuffled words), converts it to .docx (and .odt) with LibreOffice, checks
that every form gives the same findings, then times `mgi parse` (release
build) on each file: the median of RUNS runs (default 7). Nothing passes or
fails on time: it prints figures.

Usage: scripts/bench-office.py [SIZE_BYTES] [RUNS]    (needs soffice on PATH)
"""

import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZE = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
RUNS = int(sys.argv[2]) if len(sys.argv) > 2 else 7

NAMES = {
    "migrants_rights": "Migrants' rights",
    "whole_of_government": "Whole of government approach",
    "partnerships": "Partnerships",
    "well_being": "Well-being of migrants",
    "mobility_crises": "Mobility dimensions of crises",
    "safe_orderly_regular": "Safe, orderly and regular migration",
}
LISTS = (
    "Migration governance: examples of well-developed areas:",
    "Areas with potential for further development:",
)


def big_html():
    truth = json.loads((ROOT / "tests/fixtures/corpus/ghana-2022-en-web.truth.json").read_text())
    rng = random.Random(13)
    words = " ".join(
        s for d in truth["domains"] for k in ("strengths", "improvements") for s in d[k]
    ).split()
    out = [
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Ghana</title></head><body>",
        f"<h1>{escape(truth['title'])}</h1><p>2022 July</p><h2>Key findings</h2>",
    ]
    size, n = 0, 0
    while size < SIZE:
        for d in truth["domains"]:
            out.append(f"<h3>{escape(NAMES[d['domain']])}</h3>")
            for heading, items in zip(LISTS, (d["strengths"], d["improvements"])):
                out.append(f"<p><strong>{escape(heading)}</strong></p><ul>")
                for item in items:
                    n += 1
                    extra = " ".join(rng.sample(words, 12))
                    text = f"{item} Reference {n}: {extra}."
                    size += len(text.encode())
                    out.append(f"<li>{escape(text)}</li>")
                out.append("</ul>")
    out.append("</body></html>")
    return "".join(out), n


def convert(src, fmt, outdir):
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
             "--infilter=HTML (StarWriter)", "--convert-to", fmt, "--outdir", str(outdir), str(src)],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=1800,
        )


def parse(mgi, path):
    start = time.perf_counter()
    out = subprocess.run([mgi, "parse", str(path)], check=True, capture_output=True)
    return time.perf_counter() - start, json.loads(out.stdout)


def findings(model):
    return [(d["domain"], k, f["text"]) for d in model["domains"]
            for k in ("strengths", "improvements") for f in d[k]]


def main():
    if not shutil.which("soffice"):
        sys.exit("soffice (LibreOffice) is needed to make the .docx")
    subprocess.run(["cargo", "build", "--release", "-q"], cwd=ROOT, check=True)
    mgi = str(ROOT / "target/release/mgi")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        html, n = big_html()
        src = tmp / "ghana-big.html"
        src.write_text(html, encoding="utf-8")
        convert(src, "docx:MS Word 2007 XML", tmp)
        convert(src, "odt", tmp)
        files = [src, tmp / "ghana-big.docx", tmp / "ghana-big.odt"]
        times = {}
        reference = None
        for f in files:
            runs = []
            for _ in range(RUNS):
                t, model = parse(mgi, f)
                runs.append(t)
            got = findings(model)
            if reference is None:
                reference = got
            same = "same findings" if got == reference else "FINDINGS DIFFER"
            times[f.suffix] = statistics.median(runs)
            print(f"{f.name:16} {f.stat().st_size / 1e6:6.2f} MB  {len(got)} findings ({same})  "
                  f"median {times[f.suffix] * 1000:7.1f} ms of {RUNS}")
        print(f"text of the findings: {SIZE / 1e6:.2f} MB, {n} findings")
        for ext in (".docx", ".odt"):
            print(f"{ext} / .html: {times[ext] / times['.html']:.2f}")


if __name__ == "__main__":
    os.chdir(ROOT)
    main()
