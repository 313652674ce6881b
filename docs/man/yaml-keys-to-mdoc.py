#!/usr/bin/env python3
"""Turns a commented example YAML file (etc/lienthong/lienthong.yaml) into an mdoc list of its keys.

Every key of the configuration is written in the example, set or commented out, under the comment that explains
it. Each one becomes an entry `.It Cm dotted.path` followed by that comment, so lienthong.yaml(5) documents exactly
the keys the example documents and cannot drift from it. Used by scripts/generate-man-pages.sh.

Usage: yaml-keys-to-mdoc.py EXAMPLE.yaml > keys.mdoc
"""
import re
import sys

# `key:` or `key: value`, after the indentation and an optional "# " (a key shown commented out) or "- " (the first
# key of a list item).
KEY = re.compile(r"^(?P<indent> *)(?P<comment>(?:# *)+)?(?P<dash>- +)?(?P<key>[A-Za-z0-9_.-]+):(?: +(?P<value>.*))?$")
CONFIG_KEY = re.compile(r"^[a-z][a-z0-9_]*$")


def roff(text):
    """Escapes a line of text for mdoc: backslashes, and a leading dot or quote that would read as a request."""
    text = text.replace("\\", "\\e")
    if text.startswith((".", "'")):
        text = "\\&" + text
    return text


def entries(lines):
    stack = []  # (indent, name, is_list)
    comment = []
    for raw in lines:
        line = raw.rstrip("\n")
        if not line.strip():
            comment = []
            continue
        match = KEY.match(line)
        if match:
            indent = len(match["indent"])
            if match["comment"]:
                # "  #   url:" is a key one level below "  # remote:", and so is "  #   # timeout:" (a default shown
                # commented out inside the commented-out block): count the spaces after the '#'s.
                hashes = match["comment"].count("#")
                indent += len(match["comment"]) - 2 * hashes
            if match["dash"]:
                indent += len(match["dash"])
            key = match["key"]
            if match["comment"] and (not CONFIG_KEY.match(key) or key in ("http", "https") or indent % 2):
                # Prose that happens to look like "word: ..." inside a comment.
                comment.append(line.strip().lstrip("#").strip())
                continue
            while stack and stack[-1][0] >= indent:
                stack.pop()
            if match["dash"] and stack:
                # "  - system_id: ..." opens an item of the list above.
                stack[-1] = (stack[-1][0], stack[-1][1], True)
            name = key if CONFIG_KEY.match(key) else "<name>"
            path = ".".join(s[1] + ("[]" if s[2] else "") for s in stack)
            path = f"{path}.{name}" if path else name
            value = (match["value"] or "").split(" #")[0].strip()
            if match["comment"] and match["comment"].count("#") > 1:
                value = ""
            yield path, comment, value
            is_list = False
            stack.append((indent, name, is_list))
            comment = []
            continue
        stripped = line.strip()
        if stripped.startswith("- "):
            # A list item opening with a comment: the keys below it belong to items of the enclosing key.
            if stack:
                stack[-1] = (stack[-1][0], stack[-1][1], True)
            stripped = stripped[2:].strip()
        if stripped.startswith("#"):
            text = stripped.lstrip("#").strip()
            if text.startswith("#"):
                text = text.lstrip("#").strip()
            comment.append(text)


def main():
    with open(sys.argv[1], encoding="utf-8") as file:
        lines = file.readlines()
    # The file's opening comment is the page's description, not a key's.
    seen = set()
    print(".Bl -tag -width Ds")
    for path, comment, value in entries(lines):
        if path in seen:
            continue
        seen.add(path)
        print(f".It Cm {roff(path)}")
        for text in comment:
            if text:
                print(roff(text))
        if value and not value.endswith(":"):
            print(".Pp")
            print(f"Example: {roff(value)}")
    print(".El")


if __name__ == "__main__":
    main()
