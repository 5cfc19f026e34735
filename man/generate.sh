#!/usr/bin/env bash
# generate.sh PROGRAM INCLUDE VERSION OUT: writes PROGRAM's man page, gzipped,
# to OUT, with help2man from PROGRAM --help and the sections --help lacks
# from INCLUDE (a help2man include file).
#
# A line of capitals in --help ("EXIT STATUS") starts a man page section of
# that name, and INCLUDE's section of the same name is then left out, so a
# section moved into --help is never printed twice.
set -euo pipefail
program=$1 include=$2 version=$3 out=$4
name=$(basename "$program")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$program" --help >"$work/help"
# help2man's mark for a section of its own is a line "*Name*".
sed 's/^\([A-Z][A-Z ]*[A-Z]\)$/*\1*/' "$work/help" >"$work/help.h2m"
grep -x '[A-Z][A-Z ]*[A-Z]' "$work/help" >"$work/help_sections" || true

# INCLUDE without the sections --help has: a section runs from its "[NAME]"
# (or "/pattern/") line to the next one.
awk -v sections="$work/help_sections" '
  BEGIN { while ((getline line < sections) > 0) in_help["[" line "]"] = 1 }
  /^[[\/]/ { skip = ($0 in in_help) }
  !skip
' "$include" >"$work/include.h2m"

# help2man names the page after the program it runs: a script of the same
# name that prints the help as converted above.
mkdir "$work/bin"
printf '#!/bin/sh\ncat "%s"\n' "$work/help.h2m" >"$work/bin/$name"
chmod +x "$work/bin/$name"

# SOURCE_DATE_EPOCH, when set, dates the page (reproducible builds); the
# locale makes the page UTF-8, as the help is.
"${HELP2MAN:-help2man}" --no-info --locale=C.UTF-8 --section=1 --version-string="$version" \
  --include="$work/include.h2m" --output="$work/$name.1" "$work/bin/$name"
# The page is UTF-8 (Persian examples): say so, or man reads it as Latin-1.
{ echo "'\\\" -*- coding: UTF-8 -*-"; cat "$work/$name.1"; } | gzip -9 -n >"$out.tmp"
mv "$out.tmp" "$out"
