#!/usr/bin/env bash
# Compiles the profile template with every model fixture and checks, with
# pdftotext, that each finding (and the other profile texts) is in the PDF
# word for word, that the PDF is structurally sound (qpdf) and that the same
# command gives the same bytes twice. PDFs are PDF/A-2b, as `mgi build` makes
# them; SOURCE_DATE_EPOCH (default 0) gives their date.
#
#   scripts/check-template.sh [fixture.json ...]
#
# TYPST overrides the typst binary (default: ~/.cache/mgi/typst-0.15.1/bin/typst).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
typst="${TYPST:-$HOME/.cache/mgi/typst-0.15.1/bin/typst}"
for tool in "$typst" pdftotext qpdf python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "missing tool: $tool" >&2; exit 2; }
done

export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-0}"
if [ "$#" -gt 0 ]; then fixtures=("$@"); else fixtures=(tests/fixtures/model/*.json); fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

status=0
for fixture in "${fixtures[@]}"; do
  name="$(basename "$fixture" .json)"
  pdf="$tmp/$name.pdf"
  start=$(date +%s.%N)
  if ! "$typst" compile --root . --ignore-system-fonts --pdf-standard a-2b templates/profile.typ "$pdf" \
      --input "data=$fixture" 2>"$tmp/$name.err"; then
    echo "FAIL $name: typst compile failed" >&2
    cat "$tmp/$name.err" >&2
    status=1
    continue
  fi
  end=$(date +%s.%N)
  if [ -s "$tmp/$name.err" ]; then
    echo "FAIL $name: typst printed diagnostics" >&2
    cat "$tmp/$name.err" >&2
    status=1
  fi
  "$typst" compile --root . --ignore-system-fonts --pdf-standard a-2b templates/profile.typ "$tmp/$name.again.pdf" \
    --input "data=$fixture" 2>/dev/null
  if ! cmp -s "$pdf" "$tmp/$name.again.pdf"; then
    echo "FAIL $name: two compilations differ" >&2
    status=1
  fi
  if ! qpdf --check "$pdf" >"$tmp/$name.qpdf" 2>&1; then
    echo "FAIL $name: qpdf --check" >&2
    cat "$tmp/$name.qpdf" >&2
    status=1
  fi
  # Whole text, and the body only (A4 without the running header and footer:
  # a finding broken over two pages must read on without them).
  pdftotext -enc UTF-8 "$pdf" "$tmp/$name.txt"
  pdftotext -enc UTF-8 -x 0 -y 70 -W 595 -H 705 "$pdf" "$tmp/$name.body.txt"
  if ! python3 - "$fixture" "$tmp/$name.txt" "$tmp/$name.body.txt" templates/labels.json <<'PY'
import json, re, sys, unicodedata

fixture, full_path, body_path, labels_path = sys.argv[1:5]
model = json.load(open(fixture, encoding="utf-8"))
labels = json.load(open(labels_path, encoding="utf-8"))
lang = labels.get(model.get("language"), labels["en"])
full = unicodedata.normalize("NFC", open(full_path, encoding="utf-8").read())
body = unicodedata.normalize("NFC", open(body_path, encoding="utf-8").read())

def pattern(text):
    """A regex for `text` as pdftotext gives it back: each run of spaces may
    come back as any whitespace (a line or page break). Lines break at spaces
    only, except in a word longer than 60 characters (a long URL), which may
    break after a slash."""
    words = [re.escape(w).replace("/", r"/\s*") for w in text.split()]
    return r"\s+".join(words)

missing = []
def need(text, where, hay=body):
    if text and not re.search(pattern(unicodedata.normalize("NFC", text)), hay):
        missing.append(f"{where}: {text}")

for d in model.get("domains", []):
    name = lang["domains"].get(d["domain"], labels["en"]["domains"].get(d["domain"], d.get("name")))
    need(name, f"heading {d['domain']}")
    for kind in ("strengths", "improvements"):
        items = d.get(kind) or []
        for f in items:
            need(f["text"], f"{d['domain']}/{kind} line {f.get('line')}")
        if not items:
            need(lang["none"], f"{d['domain']}/{kind} (empty)")
for i, p in enumerate(model.get("introduction") or []):
    need(p, f"introduction {i + 1}")
for key in ("place", "place_official", "title"):
    if model.get(key):
        need(model[key], key, full)

problems = [f"missing {m}" for m in missing]
words = set(re.findall(r"\w+", json.dumps(model, ensure_ascii=False)))
for word in ("null", "None", "none"):
    if word not in words and re.search(rf"\b{word}\b", full):
        problems.append(f"stray '{word}' in the PDF text")
if "root:" in full:
    problems.append("the PDF shows file contents it must not read")
for p in problems:
    print("  " + p)
count = sum(len(d.get(k) or []) for d in model.get("domains", []) for k in ("strengths", "improvements"))
print(f"  {count} findings checked, {full.count(chr(12))} pages")
sys.exit(1 if problems else 0)
PY
  then
    echo "FAIL $name"
    status=1
  else
    printf 'ok   %s (%.2fs)\n' "$name" "$(echo "$end - $start" | bc)"
  fi
done
exit $status
