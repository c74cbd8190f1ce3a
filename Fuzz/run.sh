#!/usr/bin/env bash
# Coverage-guided fuzzing of reglint's parsers with libFuzzer (see Fuzz/README.md).
#
#   Fuzz/run.sh build                  build Fuzz/.build/release/reglint-fuzz (ASan + libFuzzer)
#   Fuzz/run.sh smoke [SECONDS]        every target SECONDS each (default 3) on a copy of the
#                                      committed corpus; fails on any crash, timeout or OOM
#   Fuzz/run.sh long SECONDS [TARGET]  every target (or one) SECONDS each, one at a time (builds only
#                                      when a source is newer than the binary); new inputs
#                                      go to Fuzz/.work/corpus/TARGET, crashes to Fuzz/.work/artifacts/TARGET
#   Fuzz/run.sh list                   the targets
#
# One fuzzer process at a time (the machine is shared); reproduce a crash with
#   Fuzz/.build/release/reglint-fuzz TARGET path/to/crash-file
set -euo pipefail
FUZZ_DIR="$(cd "$(dirname "$0")" && pwd)"
BIN="$FUZZ_DIR/.build/release/reglint-fuzz"
TARGETS=(json adapter xml rulefile config redirect instant lint)
# Swift's runtime keeps allocations LeakSanitizer calls leaks; the build-time rule embedder is
# instrumented too, so this also applies while building.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0:handle_abort=1}"
LIBFUZZER_OPTIONS=(-rss_limit_mb=2048 -malloc_limit_mb=2048 -timeout=10 -max_len=65536 -print_final_stats=1 -detect_leaks=0)

build() {
  echo "== building reglint-fuzz (release, -sanitize=fuzzer,address)"
  local start=$SECONDS
  local status=0
  swift build -c release --package-path "$FUZZ_DIR" --product reglint-fuzz > "$FUZZ_DIR/.build-log.txt" 2>&1 || status=$?
  grep -vE '^\[[0-9]+/[0-9]+\]' "$FUZZ_DIR/.build-log.txt" || true
  rm -f "$FUZZ_DIR/.build-log.txt"
  [ "$status" -eq 0 ] && [ -x "$BIN" ] || { echo "FAIL: reglint-fuzz did not build" >&2; exit 1; }
  touch "$BIN"  # up to date even when SwiftPM found nothing to relink
  echo "built in $((SECONDS - start))s"
}

# The dictionary for a target's format, written to a file the caller names.
dictionary() {
  local target=$1 out=$2
  case "$target" in
    json) cat "$FUZZ_DIR/dict/json.dict" ;;
    adapter|lint) cat "$FUZZ_DIR/dict/json.dict" "$FUZZ_DIR/dict/xml.dict" ;;
    xml) cat "$FUZZ_DIR/dict/xml.dict" ;;
    rulefile|config) cat "$FUZZ_DIR/dict/yaml.dict" ;;
    redirect) cat "$FUZZ_DIR/dict/uri.dict" ;;
    instant) cat "$FUZZ_DIR/dict/date.dict" ;;
  esac > "$out"
}

# run_target TARGET SECONDS WORK_CORPUS ARTIFACT_DIR LOG: one libFuzzer run; returns its status.
run_target() {
  local target=$1 seconds=$2 corpus=$3 artifacts=$4 log=$5
  mkdir -p "$corpus" "$artifacts"
  dictionary "$target" "$artifacts/.dict"
  set +e
  timeout -k 10 $((seconds + 120)) "$BIN" "$target" "${LIBFUZZER_OPTIONS[@]}" -max_total_time="$seconds" \
    -dict="$artifacts/.dict" -artifact_prefix="$artifacts/" "$corpus" "$FUZZ_DIR/corpus/$target" > "$log" 2>&1
  local status=$?
  set -e
  return $status
}

# Builds unless the binary is newer than every source it is built from (SwiftPM re-runs the rule
# embedding plugin and recompiles RegLintKit on each call, about a minute).
build_if_stale() {
  local root; root="$(dirname "$FUZZ_DIR")"
  if [ -x "$BIN" ] && [ -z "$(find "$root/Sources" "$root/Plugins" "$root/rules" "$FUZZ_DIR/Sources/reglint-fuzz" "$FUZZ_DIR/Package.swift" -newer "$BIN" -print -quit)" ]; then
    echo "== reglint-fuzz is up to date"
  else
    build
  fi
}

executions() { grep -oE 'stat::number_of_executed_units: [0-9]+' "$1" | awk '{print $2}' | tail -1; }
coverage() { grep -oE 'cov: [0-9]+' "$1" | tail -1 | awk '{print $2}'; }

# run_all MODE SECONDS TARGET...: runs each target, prints a table, fails if any target failed.
run_all() {
  local mode=$1 seconds=$2; shift 2
  local failed=() total=0 rows=() base
  if [ "$mode" = smoke ]; then
    base=$(mktemp -d "${TMPDIR:-/tmp}/reglint-fuzz-smoke.XXXXXX")
    SMOKE_DIR=$base
    trap 'rm -rf "$SMOKE_DIR"' EXIT
  else
    base="$FUZZ_DIR/.work"
  fi
  for target in "$@"; do
    local corpus="$base/corpus/$target" artifacts="$base/artifacts/$target" log="$base/logs/$target.log"
    mkdir -p "$base/logs"
    echo "== $mode: $target for ${seconds}s"
    if run_target "$target" "$seconds" "$corpus" "$artifacts" "$log"; then
      :
    else
      failed+=("$target")
      grep -E 'ERROR: |SUMMARY: |Fatal error|invariant broken|Test unit written|Base64' "$log" | head -n 12 >&2 || true
      if [ "$mode" = smoke ]; then mkdir -p "$FUZZ_DIR/.work/smoke-failures" && cp "$log" "$artifacts"/crash-* "$artifacts"/timeout-* "$artifacts"/oom-* "$FUZZ_DIR/.work/smoke-failures/" 2>/dev/null || true; fi
    fi
    local runs; runs=$(executions "$log"); runs=${runs:-0}
    total=$((total + runs))
    rows+=("$(printf '%-10s %12s execs  cov %6s  corpus %5s files' "$target" "$runs" "$(coverage "$log")" "$(ls "$corpus" | wc -l)")")
  done
  echo
  echo "== executions ($mode, ${seconds}s per target)"
  printf '%s\n' "${rows[@]}"
  printf '%-10s %12s execs\n' total "$total"
  if [ ${#failed[@]} -gt 0 ]; then
    local kept="Fuzz/.work/logs and Fuzz/.work/artifacts"
    [ "$mode" = smoke ] && kept="Fuzz/.work/smoke-failures"
    echo "FAIL: crash, timeout or out-of-memory in: ${failed[*]} (logs and inputs in $kept)" >&2
    exit 1
  fi
}

command=${1:-smoke}
case "$command" in
  build) build ;;
  list) build_if_stale; "$BIN" list ;;
  smoke)
    seconds=${2:-3}
    build
    run_all smoke "$seconds" "${TARGETS[@]}"
    ;;
  long)
    seconds=${2:?usage: Fuzz/run.sh long SECONDS [TARGET]}
    build_if_stale
    if [ -n "${3:-}" ]; then run_all long "$seconds" "$3"; else run_all long "$seconds" "${TARGETS[@]}"; fi
    ;;
  *) echo "usage: Fuzz/run.sh build | smoke [SECONDS] | long SECONDS [TARGET] | list" >&2; exit 2 ;;
esac
