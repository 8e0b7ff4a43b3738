#!/bin/sh
# The formation results by comparison rule in datasets/README.md are the tool's: runs
# datasets/by_rule.sh with the built program and compares, line by line, each run's label and
# each result's measure, outcome, n, OR, p, adjusted p and verdict with the README's block
# (the columns after the verdict, stability and detectable OR, may be shown or not).
#   sh tests/datasets/check_readme.sh QAREPORT
set -eu
bin=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# up to and including the verdict word ("supported", "contradicted", "not testable" ...)
key='{ out = ""; for (i = 1; i <= NF; i++) { out = out (i > 1 ? " " : "") $i;
        if ($i == "supported" || $i == "contradicted" || $i == "testable" || $i == "measured") break }
      print out }'
awk '/^## Formation results by comparison rule/ { s = 1; next }
     s == 1 && /^```/ { s = 2; next }
     s == 2 && /^```/ { exit }
     s == 2 { print }' "$root/datasets/README.md" | awk "$key" > "$tmp/readme"
sh "$root/datasets/by_rule.sh" "$bin" | awk "$key" > "$tmp/tool"
if [ ! -s "$tmp/readme" ]; then
  echo "check_readme: no results block under 'Formation results by comparison rule'" >&2
  exit 1
fi
if ! diff -u "$tmp/readme" "$tmp/tool"; then
  echo "check_readme: datasets/README.md differs from the tool's output (- README, + tool);" >&2
  echo "rerun: sh datasets/by_rule.sh and paste its output into the README" >&2
  exit 1
fi
echo "check_readme: $(grep -c formation "$tmp/tool") result lines agree"
