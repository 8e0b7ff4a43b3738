# Thin wrapper over CMake: `make report` and `make test` are the README's two commands.
JOBS ?= 2
DATASET ?= datasets/quasi_alliance_cases.csv

.PHONY: all deps build report test test-asan test-fuzz fuzz fuzz-build bench clean mutate

all: build

deps:
	@sh .ci/install-deps

# A build directory configured for the first time uses Ninja when it is installed (make deps
# installs ninja-build): an up-to-date check of the ~90 targets costs 0.1 s instead of 7 s with
# Makefiles, which `make test` pays for each build. An existing directory keeps its generator.
# (Recursive variables: expanded when a recipe runs, after `deps` has installed ninja.)
generator = $(if $(wildcard $(1)/CMakeCache.txt),,$(shell command -v ninja >/dev/null 2>&1 && echo -G Ninja))

build: deps
	cmake -S . -B build $(call generator,build) -DCMAKE_BUILD_TYPE=Release
	cmake --build build -j $(JOBS)

CODER_B ?= datasets/quasi_alliance_cases_coder_b.csv

# The hypothesis-test workbook of the bundled dataset, and the comparison of its two codings.
report: build
	build/qareport analyze $(DATASET) -o reports/$(basename $(notdir $(DATASET))).xlsx
	build/qareport compare $(DATASET) $(CODER_B) --quiet \
	  -o reports/$(basename $(notdir $(DATASET)))_compare.xlsx

test: build test-asan test-fuzz
	ctest --test-dir build --output-on-failure -j $(JOBS)

# The whole suite again under AddressSanitizer + UndefinedBehaviorSanitizer.
test-asan: deps
	cmake -S . -B build-asan $(call generator,build-asan) -DCMAKE_BUILD_TYPE=Debug -DQA_SANITIZE=ON
	cmake --build build-asan -j $(JOBS)
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan-suppressions.txt UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --test-dir build-asan --output-on-failure -j $(JOBS)

# libFuzzer targets (tests/fuzz, a CMake project of their own, clang only). `make test` runs
# them two at a time (two halves of FUZZ_TARGETS side by side, one per core), each for
# FUZZ_TEST_SECONDS after replaying its seeds (FUZZ_FRESH=1: a fresh corpus, so the replay
# does not grow with every run); `make fuzz` one after the other for FUZZ_SECONDS each on the
# corpus kept in build-fuzz/corpus (docs/RELIABILITY.md). Budget of `make test` with the three builds up to
# date: under 2 minutes of wall time on a 2-core machine for the plain suite, the sanitizer
# suite and this bounded fuzzing together (README, "Testing").
FUZZ_SECONDS ?= 3600
FUZZ_TEST_SECONDS ?= 5
FUZZ_TARGETS ?= import codebook analyze compare

fuzz-build: deps
	cmake -S tests/fuzz -B build-fuzz $(call generator,build-fuzz) -DCMAKE_C_COMPILER=clang
	cmake --build build-fuzz -j $(JOBS)

fuzz: fuzz-build
	sh tests/fuzz/run.sh build-fuzz $(FUZZ_SECONDS) $(FUZZ_TARGETS)

test-fuzz:
	@if sh tests/fuzz/have-libfuzzer.sh; then \
	  $(MAKE) --no-print-directory fuzz-build && \
	  set -- $(FUZZ_TARGETS) && half=$$(( ($$# + 1) / 2 )) && first= && i=0 && \
	  for t in "$$@"; do i=$$((i + 1)); if [ $$i -le $$half ]; then first="$$first $$t"; fi; done && \
	  shift $$half && \
	  { FUZZ_FRESH=1 sh tests/fuzz/run.sh build-fuzz $(FUZZ_TEST_SECONDS) $$first & pid=$$!; \
	    rest=0; [ $$# -eq 0 ] || FUZZ_FRESH=1 sh tests/fuzz/run.sh build-fuzz $(FUZZ_TEST_SECONDS) "$$@" || rest=1; \
	    wait $$pid && [ $$rest -eq 0 ]; }; \
	else \
	  echo "test-fuzz: skipped, clang with libFuzzer is not installed (make deps installs it)"; \
	fi

bench: build
	sh bench/run.sh

clean:
	rm -rf build build-asan build-fuzz

# Mutation testing (slow; not part of `make test`): one-line bugs of tests/mutation/mutants.txt
# applied one at a time to a scratch copy; prints `N killed of M` and the survivors.
mutate: deps
	python3 tests/mutation/mutate.py --jobs $(JOBS)
