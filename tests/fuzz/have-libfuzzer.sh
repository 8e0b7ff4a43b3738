#!/bin/sh
# Exit status 0 when clang can link a libFuzzer target here (clang and compiler-rt present).
command -v clang >/dev/null 2>&1 || exit 1
dir=$(mktemp -d) || exit 1
printf 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long s);\nint LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long s) { (void)d; (void)s; return 0; }\n' > "$dir/probe.c"
clang -fsanitize=fuzzer,address,undefined "$dir/probe.c" -o "$dir/probe" >/dev/null 2>&1
rc=$?
rm -rf "$dir"
exit $rc
