#!/usr/bin/env python3
"""docs.links and docs.readme_length: checks of the docs themselves, not of what they say.

--links      every relative link of README.md, CHANGELOG.md and docs/*.md (text or image, outside
             code) names a file that exists, and its #anchor, if any, a heading of that file
             (GitHub's anchors: the heading in lower case, punctuation dropped, spaces as
             hyphens, -1, -2 ... for repeats; or an <a id="..."> of the file); a link whose
             text is a test's name (`unit.slot_rejects`) points at the file that defines it.
--max-lines N  README.md has at most N lines (a newcomer reads it in five minutes).
--tree       docs/architecture.md's "The tree" lists exactly the product's files (git ls-files).

usage: docs_check.py --source DIR (--links | --tree | --max-lines N)
Exit 0 when the check holds; 1 with one line per problem when it does not.
"""
import argparse
import glob
import os
import re
import subprocess
import sys

LINK = re.compile(r"!?\[([^\]]*)\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
# A link whose text is a test's ctest name ([`unit.slot_rejects`](../tests/unit/test_slot.c)):
# the file it points to must define that test, so a test moved to another file cannot leave
# the docs pointing at the old one.
TEST_NAME = re.compile(r"^`?([a-z]+)\.([a-z0-9_]+)`?$")
FENCE = re.compile(r"^\s*```")
CODE = re.compile(r"`[^`]*`")



def slug(heading):
    text = CODE.sub(lambda m: m.group(0)[1:-1], heading).strip().lower()
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # a link in a heading: its text
    text = "".join(c for c in text if c.isalnum() or c in " -_")
    return text.replace(" ", "-")


def anchors(path):
    found, seen = set(), {}
    in_fence = False
    for line in open(path, encoding="utf-8"):
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        found.update(re.findall(r"<a\s+(?:id|name)=\"([^\"]+)\"", line))  # an explicit anchor
        heading = re.match(r"^#{1,6}\s+(.*?)\s*#*\s*$", line)
        if heading and not in_fence:
            base = slug(heading.group(1))
            count = seen.get(base, 0)
            seen[base] = count + 1
            found.add(base if count == 0 else f"{base}-{count}")
    return found


def links(path):
    """(line number, target, text) of every link outside code blocks and code spans."""
    in_fence = False
    for number, line in enumerate(open(path, encoding="utf-8"), 1):
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        # Inside a code span brackets are text, not a link; the span itself may be a link's text.
        plain = CODE.sub(lambda m: m.group(0).translate(str.maketrans("[]()", "    ")), line)
        for match in LINK.finditer(plain):
            yield number, match.group(2), match.group(1)


def check_links(source):
    problems, checked = [], 0
    docs = [os.path.join(source, "README.md"), os.path.join(source, "CHANGELOG.md")]
    docs += sorted(glob.glob(os.path.join(source, "docs", "*.md")))
    for doc in docs:
        if not os.path.exists(doc):
            continue
        where = os.path.relpath(doc, source)
        for number, target, text in links(doc):
            if re.match(r"^[a-z][a-z0-9+.-]*:", target):
                continue  # https:, mailto: ...: not this check's business
            checked += 1
            file_part, _, anchor = target.partition("#")
            path = os.path.normpath(os.path.join(os.path.dirname(doc), file_part)) if file_part else doc
            name = os.path.relpath(path, source)
            if not os.path.exists(path):
                problems.append(f"{where}:{number}: {target}: no file {name}")
            elif anchor and path.endswith(".md") and anchor not in anchors(path):
                problems.append(f"{where}:{number}: {target}: no heading '#{anchor}' in {name}")
            elif TEST_NAME.match(text) and os.path.isfile(path) and not path.endswith(".md"):
                kind, test = TEST_NAME.match(text).groups()
                body = open(path, encoding="utf-8", errors="replace").read()
                defined = f"TEST({test})" in body if kind == "unit" else test in body
                if not defined:
                    problems.append(f"{where}:{number}: {text} is not in {name}: link the file "
                                    "that defines it")
    return problems, f"{checked} relative links in {len(docs)} documents"


# The folders whose every file docs/architecture.md's "The tree" lists (CMakeLists.txt and
# Markdown excepted).
PRODUCT_FOLDERS = ("common", "sender", "receiver", "launcher", "bench", "examples", "tools")


def check_tree(source):
    """docs/architecture.md's section "The tree" names exactly the product's files."""
    listed = subprocess.run(["git", "ls-files", *PRODUCT_FOLDERS], cwd=source, capture_output=True,
                            text=True, check=True).stdout.split()
    files = {f for f in listed if not f.endswith(("CMakeLists.txt", ".md"))}
    text = open(os.path.join(source, "docs", "architecture.md"), encoding="utf-8").read()
    section = re.search(r"^### The tree\n(.*?)(?=^#{1,3} )", text, re.S | re.M)
    if not section:
        return ["docs/architecture.md has no section '### The tree'"], "no tree"
    named, folder = set(), None
    for line in section.group(1).splitlines():
        heading = re.match(r"^`([^`]+)/`$", line.strip())
        if heading:
            folder = heading.group(1)
        elif line.startswith("- ") and folder:
            names = line[2:].split(" — ")[0]
            named.update(f"{folder}/{n}" for n in re.findall(r"`([^`]+)`", names))
    problems = [f"{f}: in the tree but not in docs/architecture.md's 'The tree'" for f in sorted(files - named)]
    problems += [f"{f}: listed in docs/architecture.md's 'The tree' but not in the tree" for f in sorted(named - files)]
    return problems, f"{len(files)} files of {', '.join(PRODUCT_FOLDERS)} against {len(named)} listed"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", required=True)
    parser.add_argument("--links", action="store_true")
    parser.add_argument("--max-lines", type=int)
    parser.add_argument("--tree", action="store_true")
    args = parser.parse_args()
    if args.links:
        problems, what = check_links(args.source)
    elif args.tree:
        problems, what = check_tree(args.source)
    elif args.max_lines is not None:
        count = len(open(os.path.join(args.source, "README.md"), encoding="utf-8").read().splitlines())
        problems = [f"README.md has {count} lines, more than {args.max_lines}: move the detail into docs/"] \
            if count > args.max_lines else []
        what = f"README.md: {count} lines (at most {args.max_lines})"
    else:
        parser.error("say --links, --tree or --max-lines N")
    for problem in problems:
        print(f"FAIL {problem}")
    print(f"{'FAIL' if problems else 'ok  '} {what}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
