"""Writes COUNT fictional self-assessments into DIR, for printing the
overview of many organisations (see browser-check). Usage: COUNT DIR.

Deterministic: the same COUNT gives the same files, byte for byte. The
organisations answer the built-in checklists only (every one answers
samarbejde-med-omverdenen, some ekstern-repraesentation and
forbrugervalg-til-vandselskaber too), in four municipalities or none, with
every kind of answer: met, partial or unmet with and without an
explanation, not applicable, missing, overdue, without evidence. Evidence
is links on .example domains, so no file needs to exist. One name has
characters HTML must escape.
"""
import random
import sys
from pathlib import Path

count, folder = int(sys.argv[1]), Path(sys.argv[2])
folder.mkdir(parents=True, exist_ok=True)
rng = random.Random(20261127)

KINDS = ["Boligforeningen", "Boligselskabet", "Andelsboligforeningen", "Boligorganisationen"]
PLACES = [
    "Engparken", "Skovbrynet", "Åløkken", "Fjordbakken", "Møllevangen", "Søndergården",
    "Kærholm", "Bøgelunden", "Præstemarken", "Østervang", "Højgården", "Vesterled",
    "Strandhaven", "Lærkebo", "Tranehaven",
]
MUNICIPALITIES = ["Randers Kommune", "Favrskov Kommune", "Norddjurs Kommune", "Syddjurs Kommune", None]
SAMARBEJDE = [
    ("OMV-1", "r"), ("OMV-2", "r"), ("OMV-3", "r"), ("OMV-4", "r"), ("OMV-5", "r"), ("OMV-6", "r"),
    ("LAB-6F-1", "d"), ("LAB-6F-2", "n"), ("STY-1", "y"), ("NV-13", "y"),
]
EKSTERN = [("EKS-1", "r"), ("EKS-2", "r"), ("EKS-3", "r")]
VAND = [(f"VAND-{i}", "r") for i in range(1, 9)]
EXPLANATION = (
    "Bestyrelsen har drøftet anbefalingen og valgt en anden løsning, som passer "
    "bedre til en organisation af vores størrelse; den er beskrevet i referatet."
)


def date(year_from=2025):
    year = rng.choice(range(year_from, 2027))
    month = rng.randint(1, 10 if year == 2026 else 12)
    return f"{year}-{month:02}-{rng.randint(1, 28):02}"


def answer(item, kind, slug):
    """One answer block, or None for no answer. Kinds: r recommendation,
    d duty, n duty that may be not applicable, y duty once a year."""
    evidence = f'evidence = ["https://{slug}.example/dokumenter/{item.lower()}.pdf"]'
    roll = rng.random()
    if roll < 0.66:
        return f'status = "met"\ndate = {date()}\n{evidence}'
    if roll < 0.72 and kind == "y":
        return f'status = "met"\ndate = 2024-{rng.randint(1, 12):02}-15\n{evidence}'
    if roll < 0.78:
        explanation = f'\nexplanation = "{EXPLANATION}"' if kind == "r" else ""
        return f'status = "partial"{explanation}'
    if roll < 0.83:
        return 'status = "unmet"'
    if roll < 0.88:
        return None
    if roll < 0.93:
        return f'status = "met"\ndate = {date()}'
    if kind in "rn":
        return f'status = "not-applicable"\nexplanation = "{EXPLANATION}"'
    return f'status = "met"\ndate = {date(2026)}\n{evidence}'


for i in range(count):
    kind, place = KINDS[i % len(KINDS)], PLACES[i // len(KINDS) % len(PLACES)]
    name = f"{kind} {place}"
    if i >= len(KINDS) * len(PLACES):
        name += f" {i + 1}"
    if i == 7:
        name = "Boligselskabet <Øst> & Vest"
    slug = f"org{i + 1:04}"
    municipality = MUNICIPALITIES[rng.randrange(len(MUNICIPALITIES))]
    items = list(SAMARBEJDE)
    checklists = ["samarbejde-med-omverdenen"]
    if rng.random() < 0.6:
        checklists.append("ekstern-repraesentation")
        items += EKSTERN
    if rng.random() < 0.3:
        checklists.append("forbrugervalg-til-vandselskaber")
        items += VAND
    lines = [
        "# Fiktiv selvevaluering, skrevet af .ci/gen-organisations.py.",
        "format = 1",
        "",
        "[organisation]",
        f'name = "{name}"',
        f'cvr = "{20000000 + i * 7919}"',
    ]
    if municipality:
        lines.append(f'municipality = "{municipality}"')
    lines += [
        "",
        "[assessment]",
        "checklists = [" + ", ".join(f'"{c}"' for c in checklists) + "]",
        "date = 2026-11-15",
    ]
    for item, item_kind in items:
        block = answer(item, item_kind, slug)
        if block is not None:
            lines += ["", f"[answers.{item}]", block]
    (folder / f"organisation-{i + 1:04}.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
