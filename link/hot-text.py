#!/usr/bin/env python3
"""Writes link/hot-text.ld: the functions a single `almen check` runs,
placed together at the start of the program's code.

A check of one file is over in a few milliseconds, and much of that is
the system mapping in the pages of code it runs. Spread over the 5 MB of
code, the functions of a check fault their code in some 60 times;
together, some 30.

    cargo build --release --locked
    python3 link/hot-text.py target/release/almen
    python3 link/hot-text.py --check target/release/almen

runs the binary under valgrind's callgrind for each command below, keeps
every function it ran that the binary defines, and writes the section
patterns; `--check` tells how many of them still match a function. A
pattern leaves out what changes from build to build (the hash of a Rust
symbol, the disambiguator of a crate), so the file stays right while the
code changes, though a generic function's pattern then takes in all its
copies; a function it misses is only placed with the rest of the code.
The standard library's symbols change with the Rust release. build.rs
hands the file to the linker (Linux).
"""

import fnmatch
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

# What runs on every commit and before every board meeting.
COMMANDS = [
    ["--version"],
    ["check", "examples/almen.toml", "--as-of", "2026-11-27"],
    ["check", "examples/mangler.toml", "--as-of", "2026-11-27"],
]


def ran(binary, args):
    """The symbols of the functions one run of the binary calls."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "callgrind.out")
        run = subprocess.run(
            ["valgrind", "--tool=callgrind", "--demangle=no",
             "--callgrind-out-file=" + out, binary, *args],
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            text=True,
        )
        # A check with gaps exits 1; anything else is not a check.
        if run.returncode not in (0, 1) or not os.path.exists(out):
            sys.exit("almen %s: exit %d\n%s" % (" ".join(args), run.returncode, run.stderr))
        names = set()
        with open(out, encoding="utf-8", errors="replace") as f:
            for line in f:
                m = re.match(r"c?fn=\(\d+\) (\S+)", line)
                if m:
                    names.add(re.sub(r"'\d+$", "", m.group(1)))
        return names


def defined(binary):
    """The function symbols the binary defines."""
    nm = subprocess.run(["nm", "--defined-only", binary],
                        capture_output=True, text=True, check=True).stdout
    return {p[2] for p in (l.split() for l in nm.splitlines())
            if len(p) == 3 and p[1] in "tT"}


def pattern(symbol):
    """The symbol without what changes from build to build: the hash that
    ends a legacy Rust symbol, the number the compiler gives a copy it
    made local, and the disambiguator a v0 symbol gives each crate."""
    symbol = re.sub(r"(17h[0-9a-f]{16}E)?(\.llvm)?\.\d+$|17h[0-9a-f]{16}E$", "*", symbol)
    return re.sub(r"Cs[0-9A-Za-z]+_", "Cs*_", symbol)


def patterns_in(script):
    with open(script, encoding="utf-8") as f:
        return re.findall(r"\*\(\.text\.(\S+)\)", f.read())


def check(binary):
    """How many of the script's patterns still name a function of the
    binary: the list goes stale as the code changes."""
    have = defined(binary)
    patterns = patterns_in(os.path.join(HERE, "hot-text.ld"))
    stale = [p for p in patterns
             if not any(fnmatch.fnmatchcase(s, p) for s in have
                        if s.startswith(p.split("*")[0]))]
    for p in stale:
        print("matches nothing:", p)
    print("%d of %d patterns match a function" % (len(patterns) - len(stale), len(patterns)))


def main():
    args = sys.argv[1:]
    if args[:1] == ["--check"]:
        return check(os.path.abspath(args[1] if len(args) > 1 else "target/release/almen"))
    binary = os.path.abspath(args[0] if args else "target/release/almen")
    have = defined(binary)
    symbols = set()
    for command in COMMANDS:
        symbols |= ran(binary, command) & have
    patterns = sorted({pattern(s) for s in symbols})
    lines = [
        "/* The functions a single `almen check` runs, together at the start",
        "   of the code: written by link/hot-text.py, read by build.rs. */",
        "SECTIONS {",
        "  .text.hot : {",
        *("    *(.text.%s)" % p for p in patterns),
        "  }",
        "} INSERT BEFORE .text;",
        "",
    ]
    with open(os.path.join(HERE, "hot-text.ld"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    print("%d functions, %d patterns" % (len(symbols), len(patterns)))


if __name__ == "__main__":
    main()
