#!/bin/sh
# Prints the formation results of the bundled data by comparison rule (datasets/README.md,
# "Formation results by comparison rule"): one `qareport analyze` per rule set, the formation
# lines of its terminal summary. tests/datasets/check_readme.sh compares this output with the
# block in the README, so the README never shows numbers the tool does not.
#   sh datasets/by_rule.sh [QAREPORT]        (default: build/qareport)
set -eu
bin=${1:-build/qareport}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
run() { # run LABEL [--where ...]
  label=$1
  shift
  echo "$label"
  "$bin" analyze "$here/quasi_alliance_cases.csv" -c "$here/codebook.csv" "$@" \
    -o "$tmp/out.xlsx" | grep ' formation '
}
f=comparison_rule=formed
run "all 66 cases"
run "--where $f --where comparison_rule=shared_rival" \
  --where $f --where comparison_rule=shared_rival
run "--where $f --where comparison_rule=shared_rival --where comparison_rule=great_power_candidate" \
  --where $f --where comparison_rule=shared_rival --where comparison_rule=great_power_candidate
run "--where $f --where comparison_rule=rapprochement" \
  --where $f --where comparison_rule=rapprochement
run "--where $f --where comparison_rule=great_power_candidate" \
  --where $f --where comparison_rule=great_power_candidate
