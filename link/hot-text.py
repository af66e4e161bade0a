#!/usr/bin/env python3
"""Writes link/hot-text.ld: the functions a single `almen check` runs,
placed together at the start of the program's code.

A check of one file is over in a few milliseconds, and much of that is
the system mapping in the pages of code it runs. Spread over the 5 MB of
code, the functions of a check fault their code in some 60 times;
together, some 30.

    cargo build --release --locked
    python3 link/hot-text.py target/release/almen

runs the binary under valgrind's callgrind for each command below, keeps
every function it ran that the binary defines, and writes the section
patterns. A pattern leaves out what changes from build to build (the
hash of a Rust symbol, the disambiguator of a crate), so the file stays
right while the code changes; a function it misses is only placed with
the rest of the code. build.rs hands the file to the linker (Linux).
"""

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
        subprocess.run(
            ["valgrind", "--tool=callgrind", "--demangle=no",
             "--callgrind-out-file=" + out, binary, *args],
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
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
    # A legacy Rust symbol ends in its hash, a copy the compiler made
    # local in a number; a v0 symbol names each crate with a
    # disambiguator.
    symbol = re.sub(r"17h[0-9a-f]{16}E$", "*", symbol)
    symbol = re.sub(r"(\.llvm)?\.\d+$", "*", symbol)
    return re.sub(r"Cs[0-9A-Za-z]+_", "Cs*_", symbol)


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else "target/release/almen"
    binary = os.path.abspath(binary)
    have = defined(binary)
    symbols = set()
    for args in COMMANDS:
        symbols |= ran(binary, args) & have
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
