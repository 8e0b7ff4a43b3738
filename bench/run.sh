#!/bin/sh
# bench/run.sh: the project's benchmark (docs/METHODS.md §8.10, and the issue "influence at any
# scale"). Builds nothing: run `make build` first (or `make bench`). Generates 1,000,000 cases
# twice with gen_cases (fixed seed) in a temporary directory — `big` (every case its own
# members) and `panel` (dyad x year, 200 Zipf-skewed states, S001 carrying H3 formation) —
# then times, as the median of RUNS runs:
#   - wc -l and cat > /dev/null of the file (same-run baseline: how fast this disk and CPU read it)
#   - build/bench_import FILE, when that tool exists (CSV import alone)
#   - build/qareport analyze FILE --json ... -o TMP/x.xlsx --quiet --data-sheet never on both
#     files (the whole analysis: ten tests, joint and Cox models, specification matrix and
#     exact leave-one-case-out and leave-one-member-out), and on the panel without influence
#     when the program has --influence none
# with the peak resident memory of each analyze (/usr/bin/time -v when present), the panel's
# flipping members of H3 formation, and, when Rscript is installed, R's time for the same
# influence computation (bench/influence_glm.R: glm refits on a 20,000-row subsample,
# extrapolated per removal to 1,000,000 rows) beside this tool's.
# Uses hyperfine when installed, else a loop over `date +%s.%N`.
# With BASELINE=DIR (a Release build of another revision, e.g. main, holding DIR/qareport) it
# then times both programs on the panel and on 1,000,000 dyadic cases (`big --members
# dyadic`) in the same run, alternating (baseline, this build, baseline, ...) so that the
# load of a shared machine falls on both alike, and prints for each the median wall time and
# the median CPU time (user + system, /usr/bin/time) and the ratio this build / baseline.
# Environment: BUILD (default build), BASELINE (default none), ROWS (default 1000000), SEED (default 20240601), RUNS
# (default 5), HYPERFINE=no to use the date loop, R_ROWS (default 20000) and R_REMOVALS
# (default 6) for the R comparison, RSCRIPT=no to skip it.
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
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' HUP INT TERM
csv=$tmp/big.csv
panel=$tmp/panel.csv

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

printf 'Generating %s cases twice (seed %s)... ' "$rows" "$seed"
start=$(date +%s.%N)
"$build/gen_cases" --scenario big --n "$rows" --seed "$seed" -o "$csv" &&
    "$build/gen_cases" --scenario panel --n "$rows" --seed "$seed" -o "$panel" || {
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
analyze() { # file, json output, extra options
    echo "'$build/qareport' analyze '$1' --json '$2' -o '$tmp/x.xlsx' --quiet --data-sheet never ${3:-}"
}
if [ -x "$build/qareport" ]; then
    row "analyze big" "$(analyze "$csv" /dev/null)" memory ||
        echo "  (analyze failed: run it by hand to see the message)"
    row "analyze panel" "$(analyze "$panel" /dev/null)" memory ||
        echo "  (analyze failed: run it by hand to see the message)"
    if "$build/qareport" analyze --help 2>&1 | grep -q -- '--influence'; then
        row "  no influence" "$(analyze "$panel" /dev/null '--influence none')" memory
    fi
else
    printf '%-14s %s\n' "analyze" "failed (no $build/qareport)"
fi
echo
echo "Targets (docs/METHODS.md §8.10): analyze < 1 s and < 300 MB peak for 1,000,000 cases; import >= 300 MB/s;"
echo "with exact case and member influence on 1,000,000 dyadic cases < 1.5 s and < 400 MB."

# The carrier of the panel (bench/README.md): leaving S001 out must flip H3 formation.
if [ -x "$build/qareport" ] && sh -c "$(analyze "$panel" "$tmp/panel.json")" 2>/dev/null; then
    flips=$(sed 's/"hypothesis":/\n&/g' "$tmp/panel.json" |
        grep '^"hypothesis":"H3","outcome":"formation"' | grep -o '"member:[^"]*"' |
        tr -d '"' | tr '\n' ' ')
    echo
    echo "Panel: members whose removal flips H3 formation: ${flips:-none }(by construction: member:S001)"
fi

# Baseline comparison: alternating runs, median wall and CPU seconds of each program.
baseline_dir=${BASELINE:-}
if [ -n "$baseline_dir" ] && [ -x "$baseline_dir/qareport" ] && [ -x /usr/bin/time ]; then
    dyadic=$tmp/dyadic.csv
    "$build/gen_cases" --scenario big --members dyadic --n "$rows" --seed "$seed" -o "$dyadic"
    echo
    echo "Against the baseline $baseline_dir (median of $runs alternating runs; CPU = user + sys):"
    printf '%-14s %10s %10s %10s %10s %8s %8s
' "file" "base wall" "wall" "base CPU" "CPU" \
        "wall x" "CPU x"
    for name in panel dyadic; do
        file=$tmp/$name.csv
        : >"$tmp/base.times"
        : >"$tmp/this.times"
        i=0
        while [ "$i" -lt "$runs" ]; do
            for which in base this; do
                program=$build/qareport
                [ "$which" = base ] && program=$baseline_dir/qareport
                /usr/bin/time -f '%e %U %S' -o "$tmp/one.time" "$program" analyze "$file" \
                    --json /dev/null -o "$tmp/x.xlsx" --quiet --data-sheet never \
                    >/dev/null 2>&1 || echo "  ($which failed on $name)"
                awk '{ printf "%.3f %.3f\n", $1, $2 + $3 }' "$tmp/one.time" >>"$tmp/$which.times"
            done
            i=$((i + 1))
        done
        median() { # column of a times file
            cut -d' ' -f"$2" "$1" | sort -n | awk '{ t[NR] = $1 } END {
                if (NR % 2) print t[(NR + 1) / 2]; else printf "%.3f\n", (t[NR / 2] + t[NR / 2 + 1]) / 2 }'
        }
        echo "$name $(median "$tmp/base.times" 1) $(median "$tmp/this.times" 1)" \
            "$(median "$tmp/base.times" 2) $(median "$tmp/this.times" 2)" | awk '{
            wall = ($2 > 0) ? $3 / $2 : 0
            cpu = ($4 > 0) ? $5 / $4 : 0
            printf "%-14s %10.3f %10.3f %10.3f %10.3f %8.3f %8.3f\n", $1, $2, $3, $4, $5,
                wall, cpu }'
    done
fi

# R for the same influence: glm refits per removal on a subsample, extrapolated.
if [ "${RSCRIPT:-}" != no ] && command -v Rscript >/dev/null 2>&1; then
    r_rows=${R_ROWS:-20000}
    members=$(cut -d, -f3 "$panel" | tail -n +2 | tr ';' '\n' | sort -u | wc -l | tr -d ' ')
    if Rscript "$here/bench/influence_glm.R" "$panel" "$r_rows" "${R_REMOVALS:-6}" "$rows" \
        "$members" >"$tmp/r.txt" 2>"$tmp/r.err"; then
        ours=$(median_seconds "$(analyze "$panel" /dev/null)")
        value() { awk -v k="$1" '$1 == k { print $2 }' "$tmp/r.txt"; }
        echo
        echo "Influence, every case and every member ($rows cases, $members members):"
        printf '  %-44s %s\n' "qareport, whole analyze (median, wall s):" "$ours"
        printf '  %-44s %s\n' "R glm refits, per removal at $r_rows rows (CPU s):" \
            "$(value seconds_per_removal)"
        printf '  %-44s %s\n' "R, per removal at $rows rows (extrapolated):" \
            "$(value seconds_per_removal_full) s"
        printf '  %-44s %s\n' "R, the $members member removals:" "$(value minutes_all_members) min"
        printf '  %-44s %s\n' "R, all $rows case removals:" "$(value hours_all_cases) h"
    else
        echo "R comparison failed:"
        cat "$tmp/r.err"
    fi
fi
