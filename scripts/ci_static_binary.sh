#!/usr/bin/env bash
# Builds the distributable reglint (`swift build -c release --static-swift-stdlib`: the Swift
# runtime, Foundation and Dispatch linked in; libc and libxml2 stay system libraries) and proves it
# runs with NO Swift toolchain library:
#   1. the binary is copied alone into a temporary folder, with the inputs it is run on;
#   2. `ldd` and the ELF dynamic section must name no libswift*, libFoundation*, lib_Foundation*,
#      libdispatch or libBlocksRuntime (Swift's own ICU is lib_FoundationICU; the libicu* that
#      ldd lists come with the system libxml2), and nothing "not found";
#   3. in a private mount namespace (`unshare -m` as root, else `unshare --mount --map-root-user`)
#      the toolchain's folder is hidden under an empty tmpfs, LD_LIBRARY_PATH is cleared, and the
#      copy must print its version, exit 1 on the flagged example (and on a CliXml export, which
#      goes through libxml2) and exit 0 on the clean manifest.
# Without mount namespaces (a container that forbids them) step 3 falls back to a clear warning
# and steps 1-2 only; REQUIRE_NAMESPACE=1 makes that a failure instead.
# Prints the binary's size; the built binary is at $(swift build -c release --show-bin-path)/reglint.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n== %s\n' "$*"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
FORBIDDEN='libswift|libFoundation|lib_Foundation|libdispatch|libBlocksRuntime'

step "swift build -c release --static-swift-stdlib"
start=$SECONDS
swift build -c release --static-swift-stdlib 2>&1 | tail -n 3
echo "built in $((SECONDS - start)) s"
BIN="$(swift build -c release --static-swift-stdlib --show-bin-path)/reglint"
[ -x "$BIN" ] || fail "no binary at $BIN"
size=$(stat -c %s "$BIN")
WORK=$(mktemp -d "${TMPDIR:-/tmp}/reglint-static.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
stripped=$(strip -o "$WORK/stripped" "$BIN" 2>/dev/null && stat -c %s "$WORK/stripped" || echo "?")
rm -f "$WORK/stripped"
echo "$BIN: $size bytes ($(du -h "$BIN" | cut -f1)); after strip: $stripped bytes"

step "the binary alone in a temporary folder"
cp "$BIN" "$WORK/reglint"
cp testdata/examples/contoso-tenant-export.json "$WORK/flagged.json"
cp testdata/examples/clean-manifest.json "$WORK/clean.json"
cp testdata/formats/cli-xml/azuread-application.xml "$WORK/clixml.xml"
ls -l "$WORK"
file "$WORK/reglint" 2>/dev/null || true

step "ldd: no Swift toolchain library"
ldd "$WORK/reglint" | tee "$WORK/ldd.txt"
if grep -E "$FORBIDDEN" "$WORK/ldd.txt"; then fail "the binary still links a Swift toolchain library (above)"; fi
if grep -q 'not found' "$WORK/ldd.txt"; then fail "a library the binary needs is not found (above)"; fi
readelf -d "$WORK/reglint" | grep -E 'NEEDED|RPATH|RUNPATH' | tee "$WORK/dynamic.txt"
if grep -E "$FORBIDDEN" "$WORK/dynamic.txt"; then fail "the ELF dynamic section names a Swift toolchain library (above)"; fi
if grep -E 'RPATH|RUNPATH' "$WORK/dynamic.txt" | grep -q swift; then
  echo "note: the binary keeps a run path into the toolchain; harmless since it needs no library from there"
fi
echo "ok: only system libraries"

# The toolchain: <root>/usr/bin/swift -> hide <root>/usr whole when it is a folder of its own,
# else (a toolchain installed into /usr or /usr/local) only its lib/swift and lib/swift_static.
TOOLCHAIN=$(dirname "$(dirname "$(readlink -f "$(command -v swift)")")")
case "$TOOLCHAIN" in
  /usr | /usr/local | /) HIDE=("$TOOLCHAIN/lib/swift" "$TOOLCHAIN/lib/swift_static") ;;
  *) HIDE=("$TOOLCHAIN") ;;
esac
echo "toolchain: $TOOLCHAIN; hidden for the run: ${HIDE[*]}"

# Runs inside the namespace: hide, then check. Arguments: the folders to hide.
cat > "$WORK/inside.sh" <<'EOF'
set -u
for dir in "$@"; do
  [ -d "$dir" ] || continue
  mount -t tmpfs -o size=1m,mode=0755 reglint-hide "$dir" || { echo "cannot mount over $dir"; exit 90; }
  echo "hidden: $dir (now $(ls -A "$dir" | wc -l) entries)"
done
unset LD_LIBRARY_PATH LD_PRELOAD
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
if command -v swift >/dev/null 2>&1; then echo "swift is still on PATH: $(command -v swift)"; fi
# What the dynamic loader could still find: the ld.so cache entries that exist, and the files.
cached=$(ldconfig -p 2>/dev/null | grep -E 'libswiftCore|libFoundation\.so|libdispatch\.so' | sed 's/.*=> //' \
  | while read -r f; do [ -e "$f" ] && echo "$f"; done)
echo "Swift runtime libraries in the ld.so cache: ${cached:-none}"
echo "libswiftCore.so files under /opt /usr /lib: $(find /opt /usr /lib -name 'libswiftCore.so*' 2>/dev/null | wc -l)"
status=0
expect() {
  local want=$1; shift
  ./reglint "$@" > out.txt 2>&1
  local rc=$?
  echo "\$ reglint $* -> exit $rc (expected $want): $(tail -n 1 out.txt)"
  [ "$rc" -eq "$want" ] || { cat out.txt; status=92; }
}
expect 0 --version
expect 1 check flagged.json --now 2026-11-22
expect 0 check clean.json --now 2026-11-22
expect 1 check clixml.xml --now 2026-11-22
grep -q 'REG202' out.txt || { echo "the CliXml run did not report REG202"; status=93; }
exit $status
EOF

step "run with the toolchain hidden (mount namespace)"
if [ "$(id -u)" -eq 0 ]; then UNSHARE=(unshare --mount --propagation private); else UNSHARE=(unshare --mount --map-root-user --propagation private); fi
if command -v unshare >/dev/null && "${UNSHARE[@]}" true 2>/dev/null; then
  set +e
  (cd "$WORK" && env -u LD_LIBRARY_PATH "${UNSHARE[@]}" bash "$WORK/inside.sh" "${HIDE[@]}")
  rc=$?
  set -e
  [ "$rc" -eq 0 ] || fail "the static binary did not run as expected without the toolchain (code $rc)"
  echo "ok: reglint runs with the Swift toolchain hidden (${UNSHARE[*]})"
else
  msg="mount namespaces are unavailable here (${UNSHARE[*]} failed), so the run without the toolchain was not done"
  [ "${REQUIRE_NAMESPACE:-0}" = 1 ] && fail "$msg"
  echo "WARNING: $msg; the ldd check above is the only proof. Runs with LD_LIBRARY_PATH cleared:"
  (cd "$WORK" && env -u LD_LIBRARY_PATH bash -c '
    ./reglint --version
    ./reglint check flagged.json --now 2026-11-22 >/dev/null; [ $? -eq 1 ] || exit 1
    ./reglint check clean.json --now 2026-11-22 >/dev/null') || fail "the static binary did not run as expected"
fi

echo
echo "ci_static_binary: $BIN ($size bytes) needs no Swift toolchain library"
