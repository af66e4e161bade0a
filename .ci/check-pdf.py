"""Checks a printed report as the board gets it. Usage: PDF JSON LANG.

- the organisation's name, every gap id and the Danish letters survive;
- every page is numbered "Side i af N" / "Page i of N", and every page
  after the first has the running header (the organisation's name);
- page 1 names every critical gap (the lapsed duties);
- no page is near-empty (fewer than MIN_LINES lines besides the running
  header and footer), except a last page that holds the sign-off;
- no row of the item table is split across pages.
"""
import json
import re
import subprocess
import sys

MIN_LINES = 5

pdf, result_file, lang = sys.argv[1:4]
result = json.load(open(result_file, encoding="utf-8"))
name = result["organisation"]["name"]


def text(first=None, last=None):
    args = ["pdftotext", "-layout"]
    if first:
        args += ["-f", str(first), "-l", str(last or first)]
    return subprocess.run(args + [pdf, "-"], capture_output=True, text=True, check=True).stdout


def flat(s):
    return " ".join(s.split())


pages = int(next(l.split()[-1] for l in subprocess.run(
    ["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout.splitlines() if l.startswith("Pages:")))
per_page = [text(p) for p in range(1, pages + 1)]
whole = flat("\n".join(per_page))
problems = []

if name not in whole:
    problems.append("the organisation's name is missing")
for gap in result["gaps"]:
    if gap["item"] not in whole:
        problems.append(f"gap {gap['item']} is missing")
if lang == "da":
    for letter in "æøå":
        if letter not in whole:
            problems.append(f"the letter {letter} is missing")
if "\ufffd" in whole:
    problems.append("a character was replaced (encoding)")

# Page numbers and the running header.
page_word, of_word = ("Side", "af") if lang == "da" else ("Page", "of")
footer = re.compile(rf"\b{page_word} (\d+) {of_word} (\d+)\b")
for number, page in enumerate(per_page, start=1):
    found = [(int(a), int(b)) for a, b in footer.findall(page)]
    if (number, pages) not in found:
        problems.append(f"page {number} lacks “{page_word} {number} {of_word} {pages}”")
    if number > 1 and name not in page:
        problems.append(f"page {number} lacks the running header ({name})")

# Page 1 says what is wrong: it names every lapsed duty.
first = flat(per_page[0])
for gap in result["gaps"]:
    if gap["severity"] == "critical" and gap["item"] not in first:
        problems.append(f"page 1 does not name the critical gap {gap['item']}")

# No near-empty page: count what is on it besides the header and footer.
signoff = "Bestyrelsens behandling" if lang == "da" else "The board's consideration"
for number, page in enumerate(per_page, start=1):
    lines = [l for l in page.splitlines() if l.strip() and not footer.search(l)]
    if number > 1 and lines and name in lines[0]:
        lines = lines[1:]
    last_signoff = number == pages and signoff in page
    if len(lines) < MIN_LINES and not last_signoff:
        problems.append(f"page {number} is near-empty ({len(lines)} lines)")

# The item table starts on the page headed "Alle punkter"/"All items".
heading = "Alle punkter" if lang == "da" else "All items"
start = next((i for i, p in enumerate(per_page) if heading in p), None)
if start is None:
    problems.append("the item table is missing")
else:
    for item in result["items"]:
        # The page where the row starts: its id opens a line.
        found = [i for i in range(start, pages) if any(
            line.strip().startswith(item["id"] + " ") for line in per_page[i].splitlines())]
        if not found:
            problems.append(f"item {item['id']} is not in the item table")
            continue
        page = flat(per_page[found[0]])
        last_word = item["title"].split()[-1]
        if last_word not in page:
            problems.append(f"the row of {item['id']} is split across pages")

if problems:
    print(f"{pdf}: " + "; ".join(problems))
    sys.exit(1)
print(f"{pdf}: {pages} pages, numbered; page 1 names the critical gaps; no near-empty page; "
      f"name, {len(result['gaps'])} gap ids, letters and rows intact")
