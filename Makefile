# Thin wrapper over CMake: `make report` and `make test` are the README's two commands.
JOBS ?= 2
DATASET ?= datasets/quasi_alliance_cases.csv

.PHONY: all deps build report test test-asan bench clean mutate

all: build

deps:
	@sh .ci/install-deps

build: deps
	cmake -S . -B build -DCMAKE_BUILD_TYPE=Release
	cmake --build build -j $(JOBS)

CODER_B ?= datasets/quasi_alliance_cases_coder_b.csv

# The hypothesis-test workbook of the bundled dataset, and the comparison of its two codings.
report: build
	build/qareport analyze $(DATASET) -o reports/$(basename $(notdir $(DATASET))).xlsx
	build/qareport compare $(DATASET) $(CODER_B) --quiet \
	  -o reports/$(basename $(notdir $(DATASET)))_compare.xlsx

test: build test-asan
	ctest --test-dir build --output-on-failure -j $(JOBS)

# The whole suite again under AddressSanitizer + UndefinedBehaviorSanitizer.
test-asan: deps
	cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DQA_SANITIZE=ON
	cmake --build build-asan -j $(JOBS)
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --test-dir build-asan --output-on-failure -j $(JOBS)

bench: build
	sh bench/run.sh

clean:
	rm -rf build build-asan

# Mutation testing (slow; not part of `make test`): one-line bugs of tests/mutation/mutants.txt
# applied one at a time to a scratch copy; prints `N killed of M` and the survivors.
mutate: deps
	python3 tests/mutation/mutate.py --jobs $(JOBS)
