#!/usr/bin/env bash
# Proves the pre-commit hook (.pre-commit-hooks.yaml) works end to end with the real pre-commit:
# `pre-commit try-repo` clones this repository (HEAD plus uncommitted changes to tracked or staged
# files), builds it the way pre-commit's `language: swift` does (`swift build -c release`) and runs
# the hook in a scratch git repository on
#   flagged.json  testdata/examples/contoso-tenant-export.json: must FAIL with reglint's exit 1
#                 (its errors REG201/REG202/REG301/REG303 do not depend on the date)
#   clean.json    testdata/examples/clean-manifest.json: must PASS (its only credential is a
#                 certificate; once it is near or past its end date that is a warning, below the
#                 default --fail-on error, so the verdict does not depend on the date either)
#   package.json  a JSON file that is not an export: must PASS (--ignore-unknown, --allow-empty)
# try-repo cannot pass --now, hence files whose verdict does not depend on today's date.
#
# Everything lives under .build/: the venv, PRE_COMMIT_HOME, the scratch repository and TMPDIR
# (try-repo clones and builds in a temporary store of its own, so each try-repo run is a fresh
# release build: about 1.5-2 minutes each on 2 cores).
#
# Usage: scripts/ci_precommit.sh [--quick]   (--quick skips the package.json run)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PRE_COMMIT_VERSION=4.7.0
VENV=$ROOT/.build/ci-precommit-venv
SCRATCH=$ROOT/.build/ci-precommit-repo
LOGS=$ROOT/.build/ci-precommit-logs
export PRE_COMMIT_HOME=$ROOT/.build/ci-precommit-home
export TMPDIR=$ROOT/.build/ci-precommit-tmp
export PRE_COMMIT_COLOR=never
QUICK=0
[ "${1:-}" = "--quick" ] && QUICK=1

step() { printf '\n== %s\n' "$*"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
command -v git >/dev/null || fail "git is required"
command -v swift >/dev/null || fail "swift is required (pre-commit's language: swift builds with it)"
[ -f .pre-commit-hooks.yaml ] || fail ".pre-commit-hooks.yaml is missing"
git ls-files --error-unmatch .pre-commit-hooks.yaml >/dev/null 2>&1 \
  || fail ".pre-commit-hooks.yaml is not tracked: try-repo sees committed, staged and modified tracked files only (git add it)"

step "pre-commit $PRE_COMMIT_VERSION (venv under .build)"
if ! "$VENV/bin/pre-commit" --version 2>/dev/null | grep -qx "pre-commit $PRE_COMMIT_VERSION"; then
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q "pre-commit==$PRE_COMMIT_VERSION"
fi
"$VENV/bin/pre-commit" --version
"$VENV/bin/pre-commit" validate-manifest .pre-commit-hooks.yaml || fail ".pre-commit-hooks.yaml is not a valid pre-commit manifest"
grep -E '^\s*entry:' .pre-commit-hooks.yaml

step "scratch repository"
rm -rf "$SCRATCH" "$TMPDIR" "$LOGS"
mkdir -p "$SCRATCH" "$TMPDIR" "$LOGS" "$PRE_COMMIT_HOME"
cp testdata/examples/contoso-tenant-export.json "$SCRATCH/flagged.json"
cp testdata/examples/clean-manifest.json "$SCRATCH/clean.json"
printf '{\n  "name": "not-an-export",\n  "version": "1.0.0",\n  "private": true\n}\n' > "$SCRATCH/package.json"
git -C "$SCRATCH" init -q
git -C "$SCRATCH" add flagged.json clean.json package.json
git -C "$SCRATCH" -c user.name=ci -c user.email=ci@example.invalid -c commit.gpgsign=false commit -q -m "fixtures"
echo "$SCRATCH: $(git -C "$SCRATCH" ls-files | tr '\n' ' ')"
if git diff --quiet HEAD; then
  echo "try-repo uses $ROOT at $(git rev-parse --short HEAD)"
else
  echo "try-repo uses $ROOT at $(git rev-parse --short HEAD) plus uncommitted changes (a shadow repository)"
fi

# try_repo NAME FILE...: runs the hook on FILEs, keeps the output in $LOGS/NAME.log, sets $rc.
try_repo() {
  local name=$1; shift
  local start=$SECONDS
  set +e
  (cd "$SCRATCH" && "$VENV/bin/pre-commit" try-repo "$ROOT" reglint --verbose --files "$@") > "$LOGS/$name.log" 2>&1
  rc=$?
  set -e
  sed 's/^/  | /' "$LOGS/$name.log" | grep -vE '^  \| \[(INFO|WARNING)\] ' || true
  echo "  -> exit $rc after $((SECONDS - start)) s"
}

step "try-repo on flagged.json (must fail with findings)"
try_repo flagged flagged.json
[ "$rc" -ne 0 ] || fail "the hook passed on flagged.json (a flagged export): expected it to fail"
if grep -q "Unknown option" "$LOGS/flagged.log"; then
  fail "the hook's entry passes an option that the reglint built from this repository lacks: $(grep -m1 'Unknown option' "$LOGS/flagged.log")"
fi
grep -q -- '- exit code: 1$' "$LOGS/flagged.log" \
  || fail "the hook failed on flagged.json, but not with reglint's exit 1 for findings (a build or usage error? see $LOGS/flagged.log)"
grep -q 'REG201 redirect-uri-wildcard' "$LOGS/flagged.log" || fail "the hook's output on flagged.json lacks the expected REG201 finding"
echo "ok: the hook fails on flagged.json with reglint's findings"

step "try-repo on clean.json (must pass)"
try_repo clean clean.json
[ "$rc" -eq 0 ] || fail "the hook failed on clean.json (a clean manifest): expected it to pass (see $LOGS/clean.log)"
grep -qE '^reglint .*Passed$' "$LOGS/clean.log" || fail "pre-commit did not report the reglint hook as Passed on clean.json"
echo "ok: the hook passes on clean.json"

if [ "$QUICK" -eq 0 ]; then
  step "try-repo on package.json, not an export (must pass: --ignore-unknown --allow-empty)"
  try_repo unknown package.json
  [ "$rc" -eq 0 ] || fail "the hook failed on package.json (no lintable input): expected it to pass (see $LOGS/unknown.log)"
  echo "ok: the hook passes when no staged file is an export"
fi

echo
echo "ci_precommit: the pre-commit hook behaves as expected ($SECONDS s)"
