#!/usr/bin/env python3
"""reglint's benchmark: reglint against the parse floor and a Python peer, measured in one run.

    scripts/bench.sh [--sizes 1k,10k,100k] [--runs 3] [--startup-runs 50] [--no-build]

For each corpus size (generated once by the shared kit's gen_corpus.py into .build/bench/corpus,
both layouts: one file per app, and one collection file) it times, in the same run and on the
same warm page cache: reglint (release build, all rules, SARIF to a file), `cat` of the same
input, pysimdjson parsing it as a process, the plain Python linter (pylint_ref.py), and
simdjson's in-process parse (parse_floor.py --repeat 5). It prints wall time (median), MB/s,
apps/s, peak RSS and reglint's speed relative to each, checks reglint's findings for the
benchmark's eight rules against the generator's ground truth (exit 1 on a difference), and
times one small manifest end to end. Results: .build/bench/results.{json,md,txt}.
Method and the scoring adapter: docs/benchmark.md. Standard library only (the venv it makes
holds pysimdjson for the floor).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from datetime import datetime, timezone

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NOW = "2026-11-22"
SEED = 1
PYSIMDJSON = "pysimdjson==7.0.2"
COLLECTION = "collection/applications.json"
HEALTHCARE_APP = "4f6778d8-5aef-43dc-a1ff-b073724b9495"
SECRET_UNION = "secret-never-expires|secret-lifetime-over-24-months"
RULE_KEYS = ["public-client-on-confidential", SECRET_UNION, "secret-expired", "missing-healthcare-user-impersonation",
             "http-redirect-uri", "wildcard-redirect-uri", "implicit-access-token"]


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def parse_size(text: str) -> int:
    text = text.strip().lower()
    factor = 1000 if text.endswith("k") else 1
    return int(float(text.rstrip("k")) * factor)


def size_name(n: int) -> str:
    return f"{n // 1000}k" if n % 1000 == 0 else str(n)


# ---------------------------------------------------------------- setup

def build_flags(kind: str) -> list[str]:
    """`static`: the distributable binary (README, "A binary that travels": the Swift runtime and
    Foundation linked in), built in its own scratch folder so that it does not displace the plain
    build; `dynamic`: what `swift build -c release` gives."""
    if kind == "static":
        return ["-c", "release", "--static-swift-stdlib", "--scratch-path", os.path.join(ROOT, ".build-static")]
    return ["-c", "release"]


def build(skip: bool, kind: str) -> str:
    flags = build_flags(kind)
    if not skip:
        log(f"== swift build {' '.join(flags)}")
        subprocess.run(["swift", "build", *flags], cwd=ROOT, check=True)
    path = subprocess.run(["swift", "build", *flags, "--show-bin-path"], cwd=ROOT, check=True,
                          capture_output=True, text=True).stdout.strip()
    binary = os.path.join(path, "reglint")
    if not os.access(binary, os.X_OK):
        sys.exit(f"bench: no {kind} release binary at {binary} (run without --no-build)")
    return binary


def venv(work: str) -> str:
    """A venv with pysimdjson (the floor); reused once it installed cleanly."""
    folder = os.path.join(work, "venv")
    python = os.path.join(folder, "bin", "python")
    stamp = os.path.join(folder, ".ok")
    if not os.path.exists(stamp) or open(stamp).read() != PYSIMDJSON:
        log(f"== venv {folder} ({PYSIMDJSON})")
        subprocess.run([sys.executable, "-m", "venv", "--clear", folder], check=True)
        subprocess.run([python, "-m", "pip", "install", "-q", PYSIMDJSON], check=True)
        with open(stamp, "w") as f:
            f.write(PYSIMDJSON)
    return python


def corpus(work: str, kit: str, n: int) -> str:
    """The corpus of n apps, both layouts; generated when absent or from another generator run."""
    folder = os.path.join(work, "corpus", f"c{n}")
    stamp = os.path.join(folder, ".complete")
    if not os.path.exists(stamp):
        log(f"== generating {n:,} apps into {folder}")
        subprocess.run(["rm", "-rf", folder], check=True)
        subprocess.run([sys.executable, os.path.join(kit, "gen_corpus.py"), "--count", str(n), "--seed", str(SEED),
                        "--out", folder, "--layout", "both", "--now", NOW], check=True, stdout=subprocess.DEVNULL)
        open(stamp, "w").close()
    return folder


def tree_bytes(folder: str) -> tuple[int, int]:
    total = count = 0
    for root, _dirs, files in os.walk(folder):
        for name in files:
            if name.endswith(".json"):
                total += os.path.getsize(os.path.join(root, name))
                count += 1
    return total, count


def warm(folder: str) -> None:
    """Reads every file once: all figures are warm-cache figures."""
    for root, _dirs, files in os.walk(folder):
        for name in files:
            with open(os.path.join(root, name), "rb") as f:
                while f.read(1 << 20):
                    pass


# ---------------------------------------------------------------- measuring

def measure(kit: str, py: str, results: str, name: str, kind: str, layout: str, folder: str, n: int, size: int,
            runs: int, timeout: int, command: str) -> dict:
    """One row through the shared kit's measure.py (GNU time -v; median wall, peak RSS)."""
    before = sum(1 for _ in open(results)) if os.path.exists(results) else 0
    subprocess.run([py, os.path.join(kit, "measure.py"), "run", "--results", results, "--name", name, "--kind", kind,
                    "--layout", layout, "--corpus", folder, "--apps", str(n), "--bytes", str(size), "--runs", str(runs),
                    "--timeout", str(timeout), command], check=True, stdout=sys.stderr)
    lines = open(results).read().splitlines()
    if len(lines) != before + 1:
        sys.exit(f"bench: measure.py recorded no row for {name}")
    return json.loads(lines[-1])


def inprocess_floor(kit: str, py: str, folder: str, target: str) -> dict:
    """simdjson's in-process parse (files read first, best of 5 passes, a fresh parser per file)."""
    out = subprocess.run([py, os.path.join(kit, "parse_floor.py"), "--lib", "simdjson", "--repeat", "5", target],
                         cwd=folder, check=True, capture_output=True, text=True).stdout
    fields = dict(item.split("=", 1) for item in out.split() if "=" in item)
    return {"inprocess_s": float(fields["inprocess_best_s"]), "inprocess_MBps": float(fields["inprocess_MBps"]),
            "warm_parser_MBps": float(fields.get("warm_parser_MBps", "nan"))}


def startup(binary: str, manifest: str, runs: int) -> dict:
    """Process start to exit for one command, `runs` times after 3 warm-ups: median wall, peak RSS."""
    def one(argv: list[str]) -> tuple[float, int]:
        with open(os.devnull, "wb") as null:
            t0 = time.monotonic()
            pid = os.posix_spawn(argv[0], argv, os.environ, file_actions=[
                (os.POSIX_SPAWN_DUP2, null.fileno(), 1), (os.POSIX_SPAWN_DUP2, null.fileno(), 2)])
            _, status = os.waitpid(pid, 0)
            wall = time.monotonic() - t0
        return wall, os.waitstatus_to_exitcode(status)

    def peak_kb(argv: list[str]) -> int:
        # Through GNU time: a child spawned from this Python process inherits its high-water mark.
        err = subprocess.run(["/usr/bin/time", "-f", "%M"] + argv, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True).stderr
        return int(err.strip().splitlines()[-1])

    rows = {}
    for label, argv in (("reglint check (one small manifest)", [binary, "check", manifest, "--now", NOW]),
                        ("reglint --version (process floor)", [binary, "--version"])):
        for _ in range(3):
            one(argv)
        samples = [one(argv) for _ in range(runs)]
        walls = sorted(s[0] for s in samples)
        rows[label] = {"runs": runs, "wall_median_ms": statistics.median(walls) * 1000, "wall_min_ms": walls[0] * 1000,
                       "wall_max_ms": walls[-1] * 1000, "rss_kb_max": max(peak_kb(argv) for _ in range(3)),
                       "exit": sorted({s[1] for s in samples})}
    return rows


# ---------------------------------------------------------------- correctness

def app_key(folder: str, result: dict, resolved: dict) -> str | None:
    """The ground truth's key for a SARIF result: the file, plus `#/value/<i>` in the collection.
    reglint writes URIs relative to the repository root (the corpus lies inside this one)."""
    location = (result.get("locations") or [{}])[0].get("physicalLocation", {})
    uri = location.get("artifactLocation", {}).get("uri", "")
    if uri not in resolved:
        bases = [folder, ROOT] if not os.path.isabs(uri) else [""]
        found = next((os.path.join(b, uri) for b in bases if os.path.exists(os.path.join(b, uri))), os.path.join(folder, uri))
        resolved[uri] = os.path.relpath(found, folder)
    path = resolved[uri]
    if path == COLLECTION:
        pointer = result.get("properties", {}).get("jsonPointer", "")
        parts = pointer.split("/")
        if len(parts) < 3 or parts[1] != "value" or not parts[2].isdigit():
            return None
        return f"{COLLECTION}#/value/{parts[2]}"
    return path


def benchmark_rule(result: dict) -> str | None:
    """The benchmark rule a reglint finding counts for, or None (docs/benchmark.md, "Scoring")."""
    rule = result.get("ruleId", "")
    pointer = result.get("properties", {}).get("jsonPointer", "")
    secret = "/passwordCredentials/" in pointer
    if rule == "REG101":
        return "public-client-on-confidential"
    if rule == "REG303" and secret:
        return SECRET_UNION
    if rule == "REG304" and secret and result.get("level") == "error":  # the 24-month branch
        return SECRET_UNION
    if rule == "REG306" and secret:
        return "secret-expired"
    if rule == "REG401":
        return "missing-healthcare-user-impersonation"
    if rule == "REG202":
        return "http-redirect-uri"
    if rule == "REG201":
        return "wildcard-redirect-uri"
    if rule == "REG104" and pointer.endswith("/enableAccessTokenIssuance"):
        return "implicit-access-token"
    return None


def expected_pairs(folder: str, layout: str) -> tuple[set, int]:
    """(app key, rule) pairs of expected.json for one layout, with the two secret keys merged and
    healthcare clients known only by a `fhir-client` tag left out (the generator's convention)."""
    with open(os.path.join(folder, "expected.json"), encoding="utf-8") as f:
        apps = json.load(f)["apps"]
    tenant_keys = [k for k in apps if k.startswith("tenant/")]
    pairs, dropped = set(), 0
    for index, (key, rules) in enumerate((k, v) for k, v in apps.items() if k.startswith(layout + "/")):
        for rule in rules:
            if rule in ("secret-never-expires", "secret-lifetime-over-24-months"):
                rule = SECRET_UNION
            if rule == "missing-healthcare-user-impersonation":
                # The same app i is tenant key i in both layouts (gen_corpus.py: same apps, same order).
                with open(os.path.join(folder, key if layout == "tenant" else tenant_keys[index]), encoding="utf-8") as f:
                    app = json.load(f)
                resources = {str(r.get("resourceAppId", "")).lower() for r in app.get("requiredResourceAccess") or []}
                if HEALTHCARE_APP not in resources:
                    dropped += 1
                    continue
            pairs.add((key, rule))
    return pairs, dropped


def score(folder: str, layout: str, sarif: str) -> dict:
    want, dropped = expected_pairs(folder, layout)
    with open(sarif, encoding="utf-8") as f:
        log_ = json.load(f)
    got, resolved = set(), {}
    for run in log_.get("runs", []):
        for result in run.get("results", []):
            rule = benchmark_rule(result)
            key = app_key(folder, result, resolved) if rule else None
            if rule and key:
                got.add((key, rule))
    per_rule = {}
    for rule in RULE_KEYS:
        w = {p for p in want if p[1] == rule}
        g = {p for p in got if p[1] == rule}
        per_rule[rule] = {"expected": len(w), "reglint": len(g), "tp": len(w & g), "fp": len(g - w), "fn": len(w - g)}
    exact = all(r["fp"] == 0 and r["fn"] == 0 for r in per_rule.values())
    return {"exact": exact, "rules": per_rule, "healthcare_tag_only_not_scored": dropped}


# ---------------------------------------------------------------- report

def rate(x: float) -> str:
    return f"{x:,.0f}" if x >= 100 else f"{x:,.1f}" if x >= 10 else f"{x:,.2f}"


def table(rows: list[dict], markdown: bool) -> str:
    header = ["apps", "layout", "tool", "wall s (median)", "MB/s", "apps/s", "peak RSS MiB", "reglint speed ×", "check"]
    body = []
    for r in rows:
        body.append([f"{r['apps']:,}", r["layout"], r["name"],
                     "-" if r.get("wall") is None else f"{r['wall']:.3f}" + (" DNF" if r.get("dnf") else ""),
                     rate(r["MBps"]) if r.get("MBps") else "-", rate(r["apps_per_s"]) if r.get("apps_per_s") else "-",
                     f"{r['rss_kb'] / 1024:,.0f}" if r.get("rss_kb") else "-",
                     f"{r['ratio']:.3g}" if r.get("ratio") else "-", r.get("check", "")])
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(row) + " |" for row in body]
        return "\n".join(lines)
    widths = [max(len(h), *(len(row[i]) for row in body)) if body else len(h) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(widths[i]) for i, h in enumerate(header))]
    lines += ["  ".join(c.ljust(widths[i]) for i, c in enumerate(row)) for row in body]
    return "\n".join(lines)


def targets(rows: list[dict], start: dict) -> list[str]:
    """The issue's goals, as far as this run measured them (reported, not enforced)."""
    def find(name, layout, n):
        return next((r for r in rows if r["name"] == name and r["layout"] == layout and r["apps"] == n), None)
    out = []
    sizes = sorted({r["apps"] for r in rows})
    for n in sizes:
        rl, floor = find("reglint", "collection", n), find("simdjson parse (in-process, fresh parser)", "collection", n)
        if rl and floor and rl.get("MBps"):
            ratio = rl["MBps"] / floor["MBps"]
            out.append(f"{size_name(n)} collection: reglint {rate(rl['MBps'])} MB/s = {ratio:.3g}× simdjson in-process (goal ≥ 0.5 at 100k)")
        rl, cat = find("reglint", "files", n), find("cat", "files", n)
        if rl and cat and rl.get("MBps") and cat.get("MBps"):
            out.append(f"{size_name(n)} files: reglint {rate(rl['MBps'])} MB/s = {rl['MBps'] / cat['MBps']:.3g}× cat (goal ≥ 0.8 at 100k)")
    if len(sizes) > 1:
        lo, hi = sizes[0], sizes[-1]
        for layout in ("files", "collection"):
            a, b = find("reglint", layout, lo), find("reglint", layout, hi)
            if a and b and a.get("wall") and b.get("wall"):
                growth = (b["wall"] / hi) / (a["wall"] / lo)
                out.append(f"{layout}: per-app time {size_name(hi)} / {size_name(lo)} = {growth:.2f} (goal ≤ 1.5, linear)")
        # The goal compares 100k files with 10k files: the two largest sizes run, not the first and last.
        lo = sizes[-2]
        a, b = find("reglint", "files", lo), find("reglint", "files", hi)
        if a and b and a.get("rss_kb") and b.get("rss_kb"):
            out.append(f"files: peak RSS {size_name(hi)} / {size_name(lo)} = {b['rss_kb'] / a['rss_kb']:.2f} (goal ≤ 2 for 100k / 10k)")
    for n in sizes:
        rl = find("reglint", "collection", n)
        if rl and rl.get("rss_kb"):
            bound = 2 * rl["bytes"] / 2**20 + 100
            out.append(f"{size_name(n)} collection: peak RSS {rl['rss_kb'] / 1024:,.0f} MiB (goal ≤ 2 × file + 100 MB = {bound:,.0f} MiB)")
    check = start.get("reglint check (one small manifest)")
    if check:
        out.append(f"one small manifest: median {check['wall_median_ms']:.1f} ms over {check['runs']} runs (goal < 20 ms)")
    return out


# ---------------------------------------------------------------- main

def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1k,10k", help="corpus sizes, comma-separated (1k,10k,100k); default 1k,10k")
    ap.add_argument("--runs", type=int, default=3, help="timed runs per row, median reported (default 3)")
    ap.add_argument("--startup-runs", type=int, default=50, help="runs of the small-manifest start-up (default 50)")
    ap.add_argument("--timeout", type=int, default=900, help="seconds before a run counts as DNF (default 900)")
    ap.add_argument("--no-build", action="store_true", help="use the release binary as built")
    ap.add_argument("--build", choices=("static", "dynamic"), default="static",
                    help="the binary measured: static (default; the distributable, --static-swift-stdlib, in .build-static) "
                         "or dynamic (plain swift build -c release); the start-up is also measured for the other one when it is built")
    ap.add_argument("--kit", default=os.environ.get("BENCH_KIT", os.path.join(os.path.dirname(ROOT), "shared", "bench")),
                    help="the shared benchmark kit (gen_corpus.py, measure.py, ...); default ../shared/bench or $BENCH_KIT")
    ap.add_argument("--work", default=os.path.join(ROOT, ".build", "bench"), help="cache and results folder")
    a = ap.parse_args()
    sizes = [parse_size(s) for s in a.sizes.split(",") if s.strip()]
    kit = os.path.abspath(a.kit)
    for tool in ("gen_corpus.py", "measure.py", "parse_floor.py", "pylint_ref.py"):
        if not os.path.exists(os.path.join(kit, tool)):
            sys.exit(f"bench: {tool} not found in {kit} (give --kit or BENCH_KIT)")
    if not os.access("/usr/bin/time", os.X_OK):
        sys.exit("bench: GNU time is needed at /usr/bin/time (Debian: apt-get install time)")
    work = os.path.abspath(a.work)
    os.makedirs(os.path.join(work, "out"), exist_ok=True)
    binary = build(a.no_build, a.build)
    py = venv(work)
    results = os.path.join(work, "measurements.jsonl")
    open(results, "w").close()
    kit_py = lambda tool: f"{py} {os.path.join(kit, tool)}"  # noqa: E731

    rows: list[dict] = []
    scores: dict = {}
    failed = False
    for n in sizes:
        folder = corpus(work, kit, n)
        warm(folder)
        tree_size, _ = tree_bytes(os.path.join(folder, "tenant"))
        coll_size = os.path.getsize(os.path.join(folder, COLLECTION))
        for layout, target, size in (("files", "tenant", tree_size), ("collection", COLLECTION, coll_size)):
            log(f"== {n:,} apps, {layout} layout ({size / 1e6:,.1f} MB)")
            sarif = os.path.join(work, "out", f"reglint-{size_name(n)}-{layout}.sarif")
            cat = "find tenant -name '*.json' -print0 | xargs -0 cat >/dev/null" if layout == "files" else f"cat {target} >/dev/null"
            m = lambda name, kind, cmd: measure(kit, py, results, name, kind, layout, folder, n, size, a.runs, a.timeout, cmd)  # noqa: E731
            measured = [
                m("reglint", "reglint", f"rm -f {sarif}; {binary} check --now {NOW} --format sarif --output {sarif} {target}"),
                m("cat", "floor", cat),
                m("pysimdjson parse (process)", "floor", f"{kit_py('parse_floor.py')} --lib simdjson {target}"),
                m("pylint_ref.py (Python peer)", "peer",
                  f"{kit_py('pylint_ref.py')} --now {NOW} --root . --sarif {sarif[:-6]}-python.sarif {target}"),
            ]
            floor = inprocess_floor(kit, py, folder, target)
            result = score(folder, "tenant" if layout == "files" else "collection", sarif)
            scores[f"{size_name(n)} {layout}"] = result
            failed |= not result["exact"] or any(code not in (0, 1) for code in measured[0].get("rc", [2]))
            for rec in measured:
                wall = rec.get("wall_median")
                rows.append({"apps": n, "layout": layout, "name": rec["name"], "kind": rec["kind"], "bytes": size,
                             "wall": wall, "dnf": rec.get("dnf", False), "runs": rec.get("runs"),
                             "rss_kb": rec.get("rss_kb_max"), "exit": rec.get("rc"),
                             "MBps": size / 1e6 / wall if wall else None, "apps_per_s": n / wall if wall else None})
            rows.append({"apps": n, "layout": layout, "name": "simdjson parse (in-process, fresh parser)", "kind": "floor",
                         "bytes": size, "wall": floor["inprocess_s"], "MBps": floor["inprocess_MBps"],
                         "apps_per_s": n / floor["inprocess_s"], "warm_parser_MBps": floor["warm_parser_MBps"]})
            group = [r for r in rows if r["apps"] == n and r["layout"] == layout]
            mine = next(r for r in group if r["name"] == "reglint")
            mine["check"] = ("ground truth: exact" if result["exact"] else "ground truth: MISMATCH") + \
                (f", exit {mine['exit']}" if mine.get("exit") else "")
            for r in group:
                if r is not mine and mine.get("wall") and r.get("wall"):
                    r["ratio"] = r["wall"] / mine["wall"]

    log("== start-up: one small manifest, process start to exit")
    manifest = os.path.join(ROOT, "testdata", "examples", "clean-manifest.json")
    start = startup(binary, manifest, a.startup_runs)
    # The other build's start-up, when it is there: a start is mostly dynamic linking and the
    # runtime's conformance lookups, which the static binary does at link time or over fewer images.
    other = "dynamic" if a.build == "static" else "static"
    other_binary = os.path.join(ROOT, ".build-static" if other == "static" else ".build", "release", "reglint")
    if os.access(other_binary, os.X_OK):
        for label, figures in startup(other_binary, manifest, a.startup_runs).items():
            start[f"{label}, {other} build"] = figures

    machine = f"{os.cpu_count()} cores, {subprocess.run(['uname', '-r'], capture_output=True, text=True).stdout.strip()}"
    load = open("/proc/loadavg").read().split()[:3] if os.path.exists("/proc/loadavg") else []
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%MZ")
    head = f"reglint {commit} ({a.build} release build), {stamp}, {machine}, load average {' '.join(load)}; medians of {a.runs} runs, warm cache"
    notes = ["'reglint speed ×' = the row's wall time / reglint's: above 1, reglint is faster than that row.",
             "simdjson in-process: parse_floor.py --repeat 5 (files read first, best pass, fresh parser per file)."]
    text = [head, "", table(rows, False), "", "start-up (median of %d runs):" % a.startup_runs]
    for label, s in start.items():
        text.append(f"  {label}: {s['wall_median_ms']:.1f} ms (min {s['wall_min_ms']:.1f}, max {s['wall_max_ms']:.1f}), "
                    f"peak RSS {s['rss_kb_max'] / 1024:.0f} MiB, exit {s['exit']}")
    text += ["", "ground truth (reglint's findings for the benchmark rules vs expected.json):"]
    for name, result in scores.items():
        bad = {k: v for k, v in result["rules"].items() if v["fp"] or v["fn"]}
        total = sum(v["tp"] for v in result["rules"].values())
        text.append(f"  {name}: {'exact' if result['exact'] else 'MISMATCH'} ({total:,} app-rule pairs)"
                    + "".join(f"; {k}: fp={v['fp']} fn={v['fn']}" for k, v in bad.items()))
    text += ["", "goals of issue 12 (reported, not enforced):"] + ["  " + t for t in targets(rows, start)]
    text += [""] + notes
    report = "\n".join(text)
    print(report)
    markdown = "\n".join([head, "", table(rows, True), "", *text[text.index("start-up (median of %d runs):" % a.startup_runs):]])
    with open(os.path.join(work, "results.txt"), "w", encoding="utf-8") as f:
        f.write(report + "\n")
    with open(os.path.join(work, "results.md"), "w", encoding="utf-8") as f:
        f.write(markdown + "\n")
    with open(os.path.join(work, "results.json"), "w", encoding="utf-8") as f:
        json.dump({"header": head, "rows": rows, "startup": start, "ground_truth": scores}, f, indent=2)
        f.write("\n")
    log(f"results: {work}/results.txt, results.md, results.json")
    if failed:
        log("bench: reglint's findings differ from the ground truth (see above)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
