#!/usr/bin/env python3
"""unit.asserts_print_values: no unit test compares inside a bare ASSERT().

ASSERT(a == b) says only "assertion failed: a == b"; ASSERT_EQ(a, b) (test.h) also prints what a
and b were, so a failure on a CI machine can be understood without a debugger. This check finds
every ASSERT( whose condition has a comparison (==, !=, <, <=, >, >=) at its top level, alone
or joined by && or ||, and names it with the macro to use instead.

usage: check_asserts.py DIR...   (exit 0: none found; 1: one line per bare comparison)
"""
import glob
import os
import re
import sys

OPS = ["==", "!=", "<=", ">=", "<", ">"]


def code(text, start=0):
    """(index, character, depth) of each character outside strings and character constants,
    depth counting the brackets open before it."""
    depth, quote, i = 0, None, start
    while i < len(text):
        c = text[i]
        if quote:
            if c == "\\":
                i += 1
            elif c == quote:
                quote = None
        elif c in "\"'":
            quote = c
        else:
            if c in ")]}":
                depth -= 1
            yield i, c, depth
            if c in "([{":
                depth += 1
        i += 1


def split_top(expr, sep):
    """expr cut at each sep outside brackets, strings and character constants."""
    parts, start, skip_to = [], 0, 0
    for i, _, depth in code(expr):
        if i < skip_to or depth != 0 or not expr.startswith(sep, i):
            continue
        before, after = expr[i - 1:i], expr[i + len(sep):i + len(sep) + 1]
        if sep in ("<", ">") and (after in "<>=" or before in "<>-="):
            continue  # <<, >>, <=, >=, -> are not this operator
        parts.append(expr[start:i])
        start = skip_to = i + len(sep)
    parts.append(expr[start:])
    return parts


def compares(condition):
    for conjunct in split_top(condition, "&&"):
        for term in split_top(conjunct, "||"):
            if any(len(split_top(term.strip(), op)) > 1 for op in OPS):
                return True
    return False


def bare_asserts(text):
    """(line, condition) of each ASSERT(condition) in text."""
    for match in re.finditer(r"\bASSERT\(", text):
        end = next((i for i, c, depth in code(text, match.end()) if c == ")" and depth == -1),
                   len(text))
        yield text.count("\n", 0, match.start()) + 1, text[match.end():end]


def main():
    found = 0
    for directory in sys.argv[1:]:
        for path in sorted(glob.glob(os.path.join(directory, "*.c"))):
            text = open(path, encoding="utf-8").read()
            for line, condition in bare_asserts(text):
                if compares(condition):
                    found += 1
                    print(f"FAIL {path}:{line}: ASSERT({condition.strip()}) prints no values: use "
                          "ASSERT_EQ/NE/LT/LE/GT/GE, ASSERT_NULL, ASSERT_MEM_EQ, ASSERT_CONTAINS, "
                          "ASSERT_EITHER or ASSERT_NEAR (tests/unit/test.h)")
    print(f"{'FAIL' if found else 'ok  '} {found} bare comparison(s) in ASSERT()")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
