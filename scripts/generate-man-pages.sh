#!/usr/bin/env bash
# Writes the man pages lienthong(8), lienthong-axis(8) and lienthong.yaml(5) into OUT_DIR.
#
#   scripts/generate-man-pages.sh BIN_DIR OUT_DIR
#
# BIN_DIR holds the built lienthong and lienthong-axis. What the command definitions say (subcommands, options,
# help texts) comes from them through swift-argument-parser's generate-manual tool; every configuration key comes
# from the commented examples in etc/ (docs/man/yaml-keys-to-mdoc.py); the rest (files, environment, examples) is
# written once in docs/man/. debian/rules runs this; `man -l OUT_DIR/lienthong.8` shows the result.
set -euo pipefail
cd "$(dirname "$0")/.."
bin_dir=$(realpath "$1")
out_dir=$2
mkdir -p "$out_dir"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/generated"

# The manual's date: the packaged version's, so the pages are reproducible (SOURCE_DATE_EPOCH is set by
# dpkg-buildpackage from debian/changelog).
epoch=${SOURCE_DATE_EPOCH:-$(date +%s)}
iso_date=$(date -u -d "@$epoch" +%Y-%m-%d)
mdoc_date=$(date -u -d "@$epoch" '+%B %-d, %Y')

swift build -c release --static-swift-stdlib --product generate-manual >&2
generate_manual="$(swift build -c release --static-swift-stdlib --show-bin-path)/generate-manual"

# generate-manual drops every non-ASCII character (swift-argument-parser's String+Escaping.swift), which would
# strip the Vietnamese. So the tool it reads is a wrapper whose help dump spells them as placeholders, turned back
# into roff's \[uXXXX] glyph escapes below.
python_encode='import sys, unicodedata
text = unicodedata.normalize("NFC", sys.stdin.read())
sys.stdout.write("".join(c if ord(c) < 128 else "UNICODE%04XEND" % ord(c) for c in text))'
decode_placeholders() { sed -E 's/UNICODE([0-9A-F]{4,6})END/\\[u\1]/g'; }

# Inserts the generated page's EXIT STATUS section where the hand-written part has its marker, and the keys of a
# YAML example where it has a KEYS marker.
splice() {  # generated-page hand-written-part [keys.mdoc]
    awk -v tail="$2" -v keys="${3:-/dev/null}" '
        /^\.Sh "EXIT STATUS"/ { in_exit = 1 }
        !in_exit { print; next }
        { exit_status = exit_status $0 "\n" }
        END {
            while ((getline line < tail) > 0) {
                if (line == ".\\\" EXIT STATUS") printf "%s", exit_status
                else if (line == ".\\\" KEYS") { while ((getline key < keys) > 0) print key }
                else print line
            }
        }' "$1"
}

for tool in lienthong lienthong-axis; do
    printf '#!/bin/sh\n"%s" --experimental-dump-help | python3 -c %q\n' "$bin_dir/$tool" "$python_encode" \
        > "$work/$tool"
    # printf %q is bash quoting; run the wrapper with bash.
    sed -i '1s|.*|#!/usr/bin/env bash|' "$work/$tool"
    chmod +x "$work/$tool"
    "$generate_manual" "$work/$tool" --section 8 --date "$iso_date" --output-directory "$work/generated"
done

python3 docs/man/yaml-keys-to-mdoc.py etc/lienthong/lienthong-axis.yaml > "$work/axis-keys.mdoc"
splice "$work/generated/lienthong.8" docs/man/lienthong.8.tail | decode_placeholders > "$out_dir/lienthong.8"
splice "$work/generated/lienthong-axis.8" docs/man/lienthong-axis.8.tail "$work/axis-keys.mdoc" \
    | decode_placeholders > "$out_dir/lienthong-axis.8"
{
    sed "s/@DATE@/$mdoc_date/" docs/man/lienthong.yaml.5.head
    python3 docs/man/yaml-keys-to-mdoc.py etc/lienthong/lienthong.yaml
    cat docs/man/lienthong.yaml.5.tail
} > "$out_dir/lienthong.yaml.5"
ls "$out_dir" >&2
