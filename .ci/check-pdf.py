"""Checks a printed report: names, gap ids and Danish letters survive, and
no row of the item table is split across pages. Usage: PDF JSON LANG."""
import json
import subprocess
import sys

pdf, result_file, lang = sys.argv[1:4]
result = json.load(open(result_file, encoding="utf-8"))


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

if result["organisation"]["name"] not in whole:
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
print(f"{pdf}: {pages} pages; name, {len(result['gaps'])} gap ids, letters and rows intact")
