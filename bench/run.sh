#!/bin/sh
# bench/run.sh: the project's benchmark (docs/METHODS.md §8.10). Builds nothing: run
# `make build` first (or `make bench`). Generates 1,000,000 cases with gen_cases (fixed seed)
# in a temporary directory, then times, as the median of RUNS runs:
#   - wc -l and cat > /dev/null of the file (same-run baseline: how fast this disk and CPU read it)
#   - build/bench_import FILE, when that tool exists (CSV import alone)
#   - build/qareport analyze FILE --json /dev/null -o TMP/big.xlsx --quiet --data-sheet never
# and the peak resident memory of analyze with /usr/bin/time -v when present.
# Uses hyperfine when installed, else a loop over `date +%s.%N`.
# Environment: BUILD (default build), ROWS (default 1000000), SEED (default 20240601), RUNS
# (default 5), HYPERFINE=no to use the date loop.
set -u

here=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD:-$here/build}
rows=${ROWS:-1000000}
seed=${SEED:-20240601}
runs=${RUNS:-5}

if [ ! -x "$build/gen_cases" ]; then
    echo "bench: $build/gen_cases not found; run 'make build' first" >&2
    exit 2
fi

# HYPERFINE=no forces the date loop.
use_hyperfine=no
if [ "${HYPERFINE:-}" != no ] && command -v hyperfine >/dev/null 2>&1; then
    use_hyperfine=yes
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/qareport-bench.XXXXXX") || exit 3
trap 'rm -rf "$tmp"' EXIT HUP INT TERM
csv=$tmp/big.csv

# Median wall time in seconds of a shell command, over $runs runs; empty when it fails.
median_seconds() {
    if [ "$use_hyperfine" = yes ]; then
        hyperfine --style none --warmup 1 --runs "$runs" --export-csv "$tmp/hf.csv" \
            "$1" >/dev/null 2>&1 || return 1
        # columns: command,mean,stddev,median,user,system,min,max
        awk -F, 'NR == 2 { print $(NF - 4) }' "$tmp/hf.csv"
        return 0
    fi
    : >"$tmp/times"
    i=0
    while [ "$i" -lt "$runs" ]; do
        start=$(date +%s.%N)
        sh -c "$1" >/dev/null 2>&1 || return 1
        end=$(date +%s.%N)
        echo "$start $end" | awk '{ printf "%.6f\n", $2 - $1 }' >>"$tmp/times"
        i=$((i + 1))
    done
    sort -n "$tmp/times" | awk '{ t[NR] = $1 } END { if (NR % 2) print t[(NR + 1) / 2];
        else printf "%.6f\n", (t[NR / 2] + t[NR / 2 + 1]) / 2 }'
}

# Peak resident memory in MB of a shell command (empty without GNU time).
peak_megabytes() {
    [ -x /usr/bin/time ] || return 0
    /usr/bin/time -v sh -c "$1 >/dev/null 2>&1" 2>"$tmp/time.txt" >/dev/null
    awk -F: '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$tmp/time.txt"
}

printf 'Generating %s cases (seed %s)... ' "$rows" "$seed"
start=$(date +%s.%N)
"$build/gen_cases" --scenario big --n "$rows" --seed "$seed" -o "$csv" || {
    echo "gen_cases failed" >&2
    exit 1
}
end=$(date +%s.%N)
bytes=$(wc -c <"$csv" | tr -d ' ')
megabytes=$(echo "$bytes" | awk '{ printf "%.1f", $1 / 1e6 }')
echo "$megabytes MB in $(echo "$start $end" | awk '{ printf "%.2f", $2 - $1 }') s"
echo "Median of $runs runs ($([ "$use_hyperfine" = yes ] && echo hyperfine || echo 'date loop')):"
echo

baseline=""
row() { # name, command, [with memory]
    seconds=$(median_seconds "$2")
    if [ -z "$seconds" ]; then
        printf '%-14s %s\n' "$1" "failed"
        return 1
    fi
    [ -n "$baseline" ] || baseline=$seconds
    memory=""
    [ "${3:-}" = memory ] && memory=$(peak_megabytes "$2")
    echo "$seconds $bytes $baseline ${memory:-"-"}" | awk -v name="$1" '{
        rate = $1 > 0 ? $2 / $1 / 1e6 : 0
        ratio = $3 > 0 ? $1 / $3 : 0
        printf "%-14s %9.3f %10.0f %9.1fx %12s\n", name, $1, rate, ratio, $4 }'
}

printf '%-14s %9s %10s %10s %12s\n' "step" "seconds" "MB/s" "vs cat" "peak MB"
row "cat" "cat '$csv' > /dev/null"
row "wc -l" "wc -l '$csv'"
if [ -x "$build/bench_import" ]; then
    row "bench_import" "'$build/bench_import' '$csv' 1" memory || echo "  (bench_import failed)"
fi
if [ -x "$build/qareport" ]; then
    row "analyze" "'$build/qareport' analyze '$csv' --json /dev/null -o '$tmp/big.xlsx' --quiet --data-sheet never" memory ||
        echo "  (analyze failed: run it by hand to see the message)"
else
    printf '%-14s %s\n' "analyze" "failed (no $build/qareport)"
fi
echo
echo "Targets (docs/METHODS.md §8.10): analyze < 1 s and < 300 MB peak for 1,000,000 cases; import >= 300 MB/s."
