"""Checks a printed overview of many organisations. Usage: PDF JSON LANG,
where JSON is `almen check --format json` of the same files.

- every organisation's name is there;
- every page is numbered "Side i af N" / "Page i of N", and every page
  after the first has the running header;
- the matrix's header (its labels and every item id) is on every page the
  matrix runs over: from the first page with it to the appendix;
- each organisation's row of the matrix is whole on one page: its name,
  its counts, its adherence and the symbol of each of its items, in order.
"""
import json
import re
import subprocess
import sys

pdf, result_file, lang = sys.argv[1:4]
result = json.load(open(result_file, encoding="utf-8"))
orgs = [r for r in result["results"] if not r.get("error")]


def flat(s):
    return " ".join(s.split())


pages = int(next(l.split()[-1] for l in subprocess.run(
    ["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout.splitlines() if l.startswith("Pages:")))
# -raw keeps the order of the page's content, which for a table is its
# rows in order, each cell after the one before.
per_page = [flat(subprocess.run(["pdftotext", "-raw", "-f", str(p), "-l", str(p), pdf, "-"],
                                capture_output=True, text=True, check=True).stdout)
            for p in range(1, pages + 1)]
whole = " ".join(per_page)
problems = []

for r in orgs:
    if r["organisation"]["name"] not in whole:
        problems.append(f"{r['organisation']['name']} is missing")
if "\ufffd" in whole:
    problems.append("a character was replaced (encoding)")

page_word, of_word, title, adherence = (
    ("Side", "af", "Oversigt: God Almen Ledelse", "Efterlevelse") if lang == "da"
    else ("Page", "of", "Overview: God Almen Ledelse", "Adherence"))
footer = re.compile(rf"\b{page_word} (\d+) {of_word} (\d+)\b")
for number, page in enumerate(per_page, start=1):
    if (number, pages) not in [(int(a), int(b)) for a, b in footer.findall(page)]:
        problems.append(f"page {number} lacks “{page_word} {number} {of_word} {pages}”")
    if number > 1 and title not in page:
        problems.append(f"page {number} lacks the running header ({title})")

# The matrix's columns: every item, by checklist in the order the files
# name them first.
columns = []
for r in orgs:
    for item in r["items"]:
        if item["id"] not in columns:
            columns.append(item["id"])
# The matrix runs from the page its header is first on to the page before
# the appendix, which starts on a page of its own.
header = f"Organisation ✘ ! {adherence}"
appendix = "Bilag: mangler pr. organisation" if lang == "da" else "Appendix: gaps by organisation"
first = next((i for i, page in enumerate(per_page) if header in page), None)
end = next((i for i, page in enumerate(per_page) if appendix in page), None)
matrix = []
if first is None or end is None:
    problems.append("the matrix's header or the appendix is on no page")
else:
    matrix = list(range(first, end))
    without = [i + 1 for i in matrix if header not in per_page[i]]
    if without:
        problems.append(f"the matrix's header is not repeated on pages {without}")
    for i in matrix:
        missing = [c for c in columns if not re.search(rf"(?<![\w-]){re.escape(c)}(?![\w-])", per_page[i])]
        if missing:
            problems.append(f"page {i + 1} lacks the matrix's header for {', '.join(missing)}")


def symbol(item):
    severity = item["severity"]
    if severity and item["status"] is None:
        return "?"
    if severity:
        return {"critical": "✘", "major": "!", "minor": "•"}[severity]
    if item["explained"]:
        return "◐"
    if item["status"] == "not-applicable":
        return "–"
    return "✔"


def percent(value):
    return f"{value:.1f} %".replace(".", ",") if lang == "da" else f"{value:.1f}%"


for r in orgs:
    org = r["organisation"]
    items = sorted(r["items"], key=lambda item: columns.index(item["id"]))
    rest = f"{r['counts']['critical']} {r['counts']['major']} {percent(r['adherence'])} " + " ".join(
        symbol(item) for item in items)
    municipality = org.get("municipality")
    row = re.escape(org["name"]) + (f"(?: {re.escape(municipality)})?" if municipality else "") + " " + re.escape(rest)
    found = [i for i in matrix if re.search(row + r"(?= |$)", per_page[i])]
    if len(found) != 1:
        problems.append(f"the row of {org['name']} is not whole on one page of the matrix "
                        f"(found whole on {len(found)}): {org['name']} {rest}")

if problems:
    print(f"{pdf}: " + "; ".join(problems))
    sys.exit(1)
print(f"{pdf}: {pages} pages, numbered, with the running header; the matrix's header on each of its "
      f"{len(matrix)} pages; {len(orgs)} organisations, each row whole on one page")
