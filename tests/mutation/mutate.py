#!/usr/bin/env python3
"""Mutation testing of qareport: does the test suite fail when the program is wrong?

Reads the mutant list (tests/mutation/mutants.txt by default), copies the source tree to a
scratch directory (mkdtemp), builds it once (Release) and checks that the suite passes there,
then applies one mutant at a time -- a one-line change: an exact substring that must occur
exactly once in its file, and its replacement -- rebuilds, runs ctest, and restores the file.
A mutant is *killed* when some test fails (or times out). At the end it prints
`N killed of M` and lists the survivors. A mutant whose source text is not found, or is not
unique, is *stale*; one that does not compile is *invalid*: both are failures of the list,
never counted as killed. Exit status 0 only when every mutant is killed.

Usage (from the repository root, or through `make mutate`):
    python3 tests/mutation/mutate.py [--list FILE] [--only ID[,ID...]] [--jobs N]
                                     [--timeout SECONDS] [--exclude REGEX] [--keep]

Standard library only. Only the plain Release build is used (no sanitizers), to keep each
run short: a test that runs for minutes would make the whole run take hours.
"""
import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIELDS = ("id", "file", "find", "replace", "desc")


def parse_list(path):
    """Mutants as dicts; blocks of `key: value` lines separated by blank lines, `#` comments."""
    mutants, current, problems = [], {}, []
    with open(path, encoding="utf-8") as handle:
        lines = handle.read().split("\n")
    for number, line in enumerate(lines + [""], start=1):
        if line.startswith("#"):
            continue
        if not line.strip():
            if current:
                missing = [f for f in FIELDS if f not in current]
                if missing:
                    problems.append("%s:%d: mutant %s lacks %s" %
                                    (path, number, current.get("id", "?"), ", ".join(missing)))
                else:
                    mutants.append(current)
                current = {}
            continue
        key, sep, value = line.partition(": ")
        if not sep and line.endswith(":"):  # "replace:" with an empty replacement
            key, value, sep = line[:-1], "", ":"
        if not sep or key not in FIELDS:
            problems.append("%s:%d: expected one of %s, got: %s" %
                            (path, number, "/".join(FIELDS), line))
            continue
        if key in current:
            problems.append("%s:%d: %s given twice in one mutant" % (path, number, key))
        current[key] = value
    seen = set()
    for mutant in mutants:
        if mutant["id"] in seen:
            problems.append("duplicate mutant id %s" % mutant["id"])
        seen.add(mutant["id"])
    return mutants, problems


def check_mutant(tree, mutant):
    """None when the mutant applies to the tree, else why it is stale."""
    path = os.path.join(tree, mutant["file"])
    if not os.path.isfile(path):
        return "file %s not found" % mutant["file"]
    with open(path, encoding="utf-8") as handle:
        count = handle.read().count(mutant["find"])
    if count == 0:
        return "source text not found in %s" % mutant["file"]
    if count > 1:
        return "source text occurs %d times in %s (must be unique)" % (count, mutant["file"])
    if mutant["find"] == mutant["replace"]:
        return "replacement equals the source text"
    return None


def run(command, cwd, timeout=None):
    started = time.monotonic()
    try:
        done = subprocess.run(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True, timeout=timeout)
        return done.returncode, done.stdout, time.monotonic() - started
    except subprocess.TimeoutExpired as expired:
        output = expired.stdout or ""
        if isinstance(output, bytes):
            output = output.decode("utf-8", "replace")
        return 124, output + "\n(timed out)", time.monotonic() - started


def failed_tests(ctest_output):
    names = re.findall(r"^\s*\d+ - (\S+) \(", ctest_output, flags=re.M)
    return names or ["(ctest failed)"]


def copy_tree(destination):
    skip_top = {"build", "build-asan", ".git", "reports"}

    def ignore(directory, names):
        if os.path.abspath(directory) == ROOT:
            return [n for n in names if n in skip_top or n.startswith("build")]
        return []

    shutil.copytree(ROOT, destination, ignore=ignore, symlinks=True)
    # Scratch build only: the library shared, and executables not relinked when it changes
    # (CMAKE_LINK_DEPENDS_NO_SHARED), so a mutant rebuilds one object and one .so instead of
    # relinking every test program. The tests then run the mutated library all the same.
    cmake_lists = os.path.join(destination, "CMakeLists.txt")
    with open(cmake_lists, encoding="utf-8") as handle:
        text = handle.read()
    # the program's libraries (one per layer, or one core library), not the test support
    pattern = re.compile(r"add_library\((qareport_(?!test_support)[A-Za-z0-9_${}]+) STATIC")
    patched, count = pattern.subn(r"add_library(\1 SHARED", text)
    if count == 0:
        return False
    with open(cmake_lists, "w", encoding="utf-8") as handle:
        handle.write(patched)
    return True


def on_signal(number, frame):
    raise KeyboardInterrupt  # unwinds through the `finally` that removes the scratch copy


def main():
    signal.signal(signal.SIGTERM, on_signal)
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--list", default=os.path.join(ROOT, "tests", "mutation", "mutants.txt"))
    parser.add_argument("--only", help="comma-separated mutant ids to run")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=int, default=120, help="per test, seconds")
    parser.add_argument("--exclude", default="", help="ctest -E regex of tests to leave out")
    parser.add_argument("--keep", action="store_true", help="keep the scratch directory")
    args = parser.parse_args()

    mutants, problems = parse_list(args.list)
    for problem in problems:
        print("list error: " + problem)
    if problems:
        return 2
    if args.only:
        wanted = set(args.only.split(","))
        mutants = [m for m in mutants if m["id"] in wanted]
        unknown = wanted - {m["id"] for m in mutants}
        if unknown:
            print("unknown mutant ids: " + ", ".join(sorted(unknown)))
            return 2

    scratch = tempfile.mkdtemp(prefix="qareport-mutate-")
    tree = os.path.join(scratch, "src-tree")
    build = os.path.join(tree, "build")
    print("mutate: %d mutants, scratch copy in %s" % (len(mutants), scratch), flush=True)
    try:
        shared = copy_tree(tree)
        if not shared:
            print("mutate: note: qareport_core not found as a STATIC library; every mutant "
                  "relinks the tests (slower)", flush=True)
        stale = []
        for mutant in mutants:
            reason = check_mutant(tree, mutant)
            if reason:
                stale.append((mutant, reason))
        # Mutants may leave a variable unused; warnings must not stop their build.
        configure = ["cmake", "-S", tree, "-B", build, "-DCMAKE_BUILD_TYPE=Release",
                     "-DQA_WERROR=OFF", "-DCMAKE_POSITION_INDEPENDENT_CODE=ON",
                     "-DCMAKE_LINK_DEPENDS_NO_SHARED=ON"]
        compile_all = ["cmake", "--build", build, "-j", str(args.jobs)]
        ctest = ["ctest", "--test-dir", build, "-j", str(args.jobs), "--timeout",
                 str(args.timeout), "--output-on-failure"]
        # The layering test reads static archives with nm, and the allocation-failure test
        # wraps malloc at link time, which does not reach into shared libraries; the scratch
        # libraries are shared (a one-line mutant adds no call across layers, and allocation
        # failure is not what a mutant changes).
        exclude = "|".join(filter(None, [args.exclude, "^layering$|^reliability_test_alloc_failure(_shard_[0-9]+)?$"
                                         if shared else ""]))
        if exclude:
            ctest += ["-E", exclude]
        for step in (configure, compile_all):
            code, output, _ = run(step, tree)
            if code != 0:
                print(output[-4000:])
                print("mutate: the unmutated tree does not build")
                return 2
        code, output, seconds = run(ctest, tree)
        if code != 0:
            print(output[-6000:])
            print("mutate: the suite fails on the unmutated tree; fix that first")
            return 2
        print("mutate: baseline suite passes (%.0f s)" % seconds, flush=True)

        killed, survivors, invalid = [], [], []
        stale_ids = {m["id"] for m, _ in stale}
        runnable = [m for m in mutants if m["id"] not in stale_ids]
        for index, mutant in enumerate(runnable, start=1):
            started = time.monotonic()
            path = os.path.join(tree, mutant["file"])
            with open(path, encoding="utf-8") as handle:
                original = handle.read()
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(original.replace(mutant["find"], mutant["replace"], 1))
            try:
                code, output, _ = run(compile_all, tree)
                if code != 0:
                    invalid.append(mutant)
                    verdict = "INVALID (does not compile)"
                else:
                    # the first failing test is enough: a killed mutant stops early
                    code, output, seconds = run(ctest + ["--stop-on-failure"], tree,
                                                timeout=args.timeout * 10)
                    if code != 0:
                        names = failed_tests(output)
                        killed.append(mutant)
                        verdict = "killed by %s" % ", ".join(names[:4]) + (
                            " and %d more" % (len(names) - 4) if len(names) > 4 else "")
                    else:
                        survivors.append(mutant)
                        verdict = "SURVIVED"
            finally:
                with open(path, "w", encoding="utf-8") as handle:
                    handle.write(original)
            print("[%d/%d] %-34s %s (%.0f s)" % (index, len(runnable), mutant["id"], verdict,
                                                 time.monotonic() - started), flush=True)

        total = len(mutants)
        print()
        print("%d killed of %d" % (len(killed), total))
        for mutant in survivors:
            print("survivor: %s (%s): %s" % (mutant["id"], mutant["file"], mutant["desc"]))
        for mutant, reason in stale:
            print("stale: %s: %s" % (mutant["id"], reason))
        for mutant in invalid:
            print("invalid: %s (%s): does not compile" % (mutant["id"], mutant["file"]))
        return 0 if len(killed) == total else 1
    finally:
        if args.keep:
            print("mutate: scratch kept in %s" % scratch)
        else:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
