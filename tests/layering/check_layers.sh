#!/bin/sh
# The layering test: the pipeline runs one way (README "Layout"). Each layer's static library
# is read with nm; every qareport symbol (qa_*) it uses but does not define must be defined by
# a layer strictly below it:
#   rank 0 core; rank 1 import, stats (neither calls the other); rank 2 analysis;
#   rank 3 report; rank 4 render; rank 5 cli.
# Usage: check_layers.sh core=LIB stats=LIB import=LIB analysis=LIB report=LIB render=LIB cli=LIB
# Prints every call up (or across) the stack as "layer -> layer: symbol" and exits 1 if any.
set -eu
NM=${NM:-nm}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

rank() {
    case $1 in
    core) echo 0 ;;
    import | stats) echo 1 ;;
    analysis) echo 2 ;;
    report) echo 3 ;;
    render) echo 4 ;;
    cli) echo 5 ;;
    *) echo "check_layers: unknown layer '$1'" >&2; exit 2 ;;
    esac
}

layers=""
for argument in "$@"; do
    layer=${argument%%=*}
    library=${argument#*=}
    rank "$layer" >/dev/null
    [ -r "$library" ] || { echo "check_layers: cannot read $library" >&2; exit 2; }
    # defined (text, data, bss, read-only) and undefined qa_ symbols of the layer
    "$NM" -g --defined-only "$library" 2>/dev/null | awk 'NF == 3 && $3 ~ /^qa_/ { print $3 }' |
        sort -u >"$work/$layer.defined"
    "$NM" -g --undefined-only "$library" 2>/dev/null | awk '$NF ~ /^qa_/ { print $NF }' |
        sort -u >"$work/$layer.used"
    comm -23 "$work/$layer.used" "$work/$layer.defined" >"$work/$layer.external"
    layers="$layers $layer"
done
[ -n "$layers" ] || { echo "check_layers: no layers given" >&2; exit 2; }

violations=0
checked=0
for layer in $layers; do
    for other in $layers; do
        [ "$layer" = "$other" ] && continue
        comm -12 "$work/$layer.external" "$work/$other.defined" >"$work/calls"
        if [ -s "$work/calls" ]; then
            checked=$((checked + 1))
            if [ "$(rank "$other")" -ge "$(rank "$layer")" ]; then
                while read -r symbol; do
                    echo "call up the stack: $layer -> $other: $symbol"
                    violations=$((violations + 1))
                done <"$work/calls"
            fi
        fi
    done
done
if [ "$violations" -gt 0 ]; then
    echo "layering: $violations call(s) up the stack"
    exit 1
fi
echo "layering: $checked layer-to-layer dependencies, all downward"
