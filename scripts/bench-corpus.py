#!/usr/bin/env python3
"""Make a scale corpus of N distinct MGI profiles from the shipped ones.

Usage: scripts/bench-corpus.py INPUTS_DIR OUT_DIR [N]

Every generated profile is a shipped profile (web text, HTML or printed text,
taken in turn) with its own place (a generated name put wherever the original
place is named, title line included), its own year (1995-2030, wherever the
original year is written) and its own wording (every finding gets a few
deterministic word substitutions and a closing reference sentence with the
profile and finding numbers). No two files are alike, so no cache can reuse
one profile's work for another.
"""

import html
import os
import re
import sys

# Template file → the place as written in it (every spelling that occurs).
PLACES = {
    "fiji-2023-en-html.html": ["Fiji"],
    "ghana-2022-en-web.txt": ["Ghana"],
    "guatemala-2020-es-web.txt": ["Guatemala"],
    "mali-2021-fr-web.txt": ["Mali"],
    "nairobi-2020-en-web-local.txt": ["Nairobi"],
    "niger-2019-fr-web.txt": ["Niger"],
    "niger-2022-fr-web.txt": ["Niger"],
    "zimbabwe-2021-en-print.txt": ["Zimbabwe"],
}

SYLLABLES = ["ka", "lo", "mi", "ra", "te", "vu", "sa", "no", "de", "bi", "zo", "pe"]
ENDINGS = ["ria", "land", "stan", "via", "nesia", "mor"]

# Words swapped inside findings, per language (both directions are safe:
# none of them is part of a heading).
SWAPS = {
    "en": [("provides", "offers"), ("publishes", "releases"), ("data", "figures"),
           ("workers", "employees"), ("framework", "scheme")],
    "fr": [("prévoit", "établit"), ("données", "statistiques"), ("travailleurs", "salariés"),
           ("cadre", "dispositif"), ("publie", "diffuse")],
    "es": [("establece", "dispone"), ("datos", "cifras"), ("trabajadores", "empleados"),
           ("marco", "esquema"), ("publica", "difunde")],
}
REFERENCE = {"en": "Reference {}.{}.", "fr": "Référence {}.{}.", "es": "Referencia {}.{}."}


def place_name(i):
    """A pronounceable name unique to i."""
    s = SYLLABLES
    a, b, c = i % len(s), (i // len(s)) % len(s), (i // len(s) ** 2) % len(s)
    return (s[a] + s[b] + s[c]).capitalize() + ENDINGS[i % len(ENDINGS)]


def language_of(name):
    return name.split("-")[2]


def reword(text, i, k, lang):
    """Deterministic substitutions and a closing reference sentence."""
    swaps = SWAPS[lang]
    for j, (a, b) in enumerate(swaps):
        if (i + k + j) % 2 == 0:
            text = re.sub(r"\b%s\b" % re.escape(a), b, text)
    return text.rstrip() + " " + REFERENCE[lang].format(i, k)


def vary_web(lines, i, lang):
    k = 0
    out = []
    for line in lines:
        m = re.match(r"^(\s*[•\-*]\s+)(.*)$", line)
        if m and m.group(2).strip():
            k += 1
            line = m.group(1) + reword(m.group(2), i, k, lang)
        out.append(line)
    return out


def vary_print(lines, i, lang):
    """Printed text: a bullet alone on its line, its text down to a blank line."""
    out = list(lines)
    k = 0
    n = 0
    while n < len(out):
        if out[n].strip() == "•":
            end = n + 1
            while end < len(out) and out[end].strip() and out[end].strip() != "•":
                end += 1
            if end > n + 1:
                k += 1
                out[end - 1] = reword(out[end - 1], i, k, lang)
            n = end
        else:
            n += 1
    return out


def vary_html(text, i, lang):
    k = 0

    def item(m):
        nonlocal k
        k += 1
        body = m.group(1)
        # Swap words only in the text between tags, never in markup.
        parts = re.split(r"(<[^>]*>)", body)
        parts = [p if p.startswith("<") else reword_words(p, i, k, lang) for p in parts]
        ref = html.escape(REFERENCE[lang].format(i, k))
        return "<li" + "".join(parts).rstrip() + " " + ref + "</li>"

    return re.sub(r"<li(.*?)</li>", item, text, flags=re.S)


def reword_words(text, i, k, lang):
    for j, (a, b) in enumerate(SWAPS[lang]):
        if (i + k + j) % 2 == 0:
            text = re.sub(r"\b%s\b" % re.escape(a), b, text)
    return text


def make(template_name, template, i):
    lang = language_of(template_name)
    old_year = template_name.split("-")[1]
    year = str(1995 + i % 36)
    place = place_name(i)
    text = template
    for p in PLACES[template_name]:
        # "Niger" but not "Nigeria"; "Ghana" also in "Ghanaian", which is fine.
        text = re.sub(re.escape(p) + r"(?![a-z]*ia\b)", place, text)
        text = text.replace(p.upper(), place.upper())
    text = text.replace(old_year, year)
    if template_name.endswith(".html"):
        text = vary_html(text, i, lang)
    else:
        lines = text.split("\n")
        lines = vary_print(lines, i, lang) if "print" in template_name else vary_web(lines, i, lang)
        text = "\n".join(lines)
    return text, place.lower(), year, lang


def main():
    inputs, out = sys.argv[1], sys.argv[2]
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
    names = sorted(PLACES)
    templates = {}
    for name in names:
        with open(os.path.join(inputs, name), encoding="utf-8") as f:
            templates[name] = f.read()
    os.makedirs(out, exist_ok=True)
    total = 0
    for i in range(n):
        name = names[i % len(names)]
        text, place, year, lang = make(name, templates[name], i)
        form = name.split("-", 3)[3]
        path = os.path.join(out, "%04d-%s-%s-%s-%s" % (i, place, year, lang, form))
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        total += len(text.encode("utf-8"))
    print("%d profiles, %d bytes in %s" % (n, total, out))


if __name__ == "__main__":
    main()
