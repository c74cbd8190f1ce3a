#!/usr/bin/env bash
# reglint's benchmark (docs/benchmark.md): builds the release binary, generates the corpora under
# .build/bench, times reglint against the parse floor and the Python peer in one run, checks its
# findings against the generator's ground truth and times one small manifest end to end.
#   scripts/bench.sh                      # 1k and 10k apps
#   scripts/bench.sh --sizes 1k,10k,100k  # also 100k (about 1 GB of corpus, tens of minutes)
set -euo pipefail
exec python3 "$(dirname "$0")/bench.py" "$@"
