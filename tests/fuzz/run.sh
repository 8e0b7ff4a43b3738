#!/bin/sh
# Runs the libFuzzer targets one after the other, SECONDS each, on corpora kept in
# BUILD/corpus/<target> (seeded from tests/data and tests/fuzz/seeds on first use, grown by
# every run). With FUZZ_FRESH=1 each target starts from its seeds alone in BUILD/corpus-fresh
# (emptied first), so that a short run spends a bounded time replaying (`make test`). With FUZZ_KEEP_GOING=1 a finding does not end the campaign (for long ones). Findings go to BUILD/findings/; each target's figures (executions, seconds,
# corpus size) are appended to BUILD/fuzz-stats.tsv. Exit status 1 when a target found
# something.
#   sh tests/fuzz/run.sh BUILD SECONDS [TARGET...]      (TARGET: import codebook analyze compare)
set -u
build=$1
seconds=$2
shift 2
targets=${*:-"import codebook analyze compare"}
root=$(cd "$(dirname "$0")/../.." && pwd)
fuzz=$root/tests/fuzz
data=$root/tests/data

corpora=$build/corpus
[ "${FUZZ_FRESH:-0}" = 1 ] && corpora=$build/corpus-fresh

seed() { # seed TARGET: fills an empty corpus
  dir=$corpora/$1
  [ -d "$dir" ] && [ -n "$(ls -A "$dir")" ] && return 0
  mkdir -p "$dir"
  case $1 in
  import)
    for f in "$data"/good/*.csv "$data"/bad/*.csv "$data"/e2e/*.csv; do
      case $f in *_codebook.csv) ;; *) cp "$f" "$dir/" ;; esac
    done ;;
  codebook)
    cp "$data"/good/*_codebook.csv "$fuzz"/seeds/codebook/*.csv "$dir/" ;;
  analyze)
    for f in "$data"/good/*.csv "$data"/e2e/*.csv; do
      case $f in *_codebook.csv) continue ;; esac
      cp "$f" "$dir/$(basename "$f")"
      book=${f%.csv}_codebook.csv
      [ -f "$book" ] && { cat "$f"; printf '\n%%%%codebook\n'; cat "$book"; } > "$dir/with_codebook_$(basename "$f")"
    done
    for h in "$fuzz"/seeds/analyze/*.head; do
      for f in "$data"/good/base.csv "$data"/e2e/firth_n40.csv; do
        cat "$h" "$f" > "$dir/$(basename "$h" .head)_$(basename "$f")"
      done
    done ;;
  compare)
    for f in "$data"/good/base.csv "$data"/e2e/firth_n40.csv "$data"/e2e/influence_one_case.csv; do
      cp "$f" "$dir/same_$(basename "$f")"
      # coding B: the same cases with the first measure of every other row moved by one
      { cat "$f"; printf '\n%%%%B\n'; awk -F, 'BEGIN{OFS=","} NR>1 && NR%2==0 && $9 ~ /^[0-3]$/ {$9=$9+1} {print}' "$f"; } \
        > "$dir/shifted_$(basename "$f")"
    done
    printf '#! --lang zh --seed 3\n' | cat - "$data"/good/chinese.csv > "$dir/zh_chinese.csv" ;;
  esac
}

failed=0
mkdir -p "$build/findings"
for t in $targets; do
  bin=$build/fuzz_$t
  [ -x "$bin" ] || { echo "fuzz: $bin is missing (make fuzz builds it)" >&2; exit 2; }
  [ "${FUZZ_FRESH:-0}" = 1 ] && rm -rf "$corpora/$t"
  seed "$t"
  dict=$fuzz/$t.dict
  [ "$t" = import ] && dict=$fuzz/csv.dict
  log=$build/fuzz-$t.log
  : > "$log"
  start=$(date +%s)
  echo "fuzz_$t: replaying $(ls "$corpora/$t" | wc -l) corpus inputs, then fuzzing for ${seconds} s"
  rc=0
  execs=0
  # With FUZZ_KEEP_GOING=1 libFuzzer is started again after a finding, for the time left.
  while :; do
    left=$((seconds - ($(date +%s) - start)))
    [ $left -gt 0 ] || break
    ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
      "$bin" "$corpora/$t" -dict="$dict" -max_total_time="$left" -timeout=60 \
      -rss_limit_mb=2048 -close_fd_mask=3 -print_final_stats=1 \
      -artifact_prefix="$build/findings/$t-" >>"$log" 2>&1
    one=$?
    ran=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    # a crash report ends before the final statistics: count from the last status line
    [ $one -ne 0 ] && ran=$(sed -n 's/^#\([0-9]*\)[^0-9].*/\1/p' "$log" | tail -1)
    execs=$((execs + ${ran:-0}))
    echo "=== end of run (exit $one)" >> "$log"
    [ $one -ne 0 ] && rc=$one
    [ $one -ne 0 ] && [ "${FUZZ_KEEP_GOING:-0}" = 1 ] || break
  done
  end=$(date +%s)
  corpus=$(ls "$corpora/$t" | wc -l)
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%Y-%m-%dT%H:%M)" "$t" "$((end - start))" \
    "${execs:-?}" "$corpus" "$rc" >> "$build/fuzz-stats.tsv"
  if [ $rc -ne 0 ]; then
    echo "fuzz_$t: FINDING (exit $rc); see $log and $build/findings/" >&2
    grep -E "FUZZ FINDING|ERROR: |SUMMARY|runtime error" "$log" | head -5 >&2
    failed=1
  else
    echo "fuzz_$t: ${execs:-?} inputs in $((end - start)) s, corpus $corpus, no finding"
  fi
done
exit $failed
