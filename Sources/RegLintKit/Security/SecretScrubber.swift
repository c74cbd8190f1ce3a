import Foundation
import Synchronization

/// Replaces known secret values with their masks in text, in one pass over the text whatever
/// the number of secrets or how alike they are: an Aho–Corasick automaton over the secrets'
/// bytes, built once per registration or report, then run over every message, name and rendered
/// report. (A per-call set-up over all secrets, or buckets keyed on a shared prefix such as
/// `FAKE-`, made masking quadratic in the number of secrets.)
///
/// The trie is built from the secrets sorted by bytes, breadth first: the secrets below a state
/// are a contiguous run of the sorted list, so a state's children are found by splitting its run
/// on the next byte, they get consecutive numbers, and a transition is a short scan of their
/// labels, with no hash table (hashing a million transitions was most of the cost of masking
/// 40,000 secrets).
public struct SecretScrubber: Sendable {
    /// The shortest secret a scrubber accepts: shorter values would match ordinary text.
    public static let shortestMaskable = 4

    /// The root's transition for each byte (0, the root itself, when no secret starts with it).
    private var rootNext = [Int32](repeating: 0, count: 256)
    /// The children of state `s` are the states `childBegin[s]..<childBegin[s + 1]`, in
    /// ascending order of their `label` (the byte that leads to them).
    private var childBegin: [Int32] = []
    private var label: [UInt8] = []
    /// Failure link of each state: the longest proper suffix of its path that is also a path.
    private var fail: [Int32] = []
    /// The longest secret ending at the state or at a state on its failure chain, or -1
    /// (computed once, so a match costs no chain walk).
    private var longest: [Int32] = []
    /// The secrets in byte order, without duplicates: where the first `automatonPrefix` bytes of
    /// each (all the trie needs) are in `pool` and how many there are, its length in bytes, the
    /// whole value (read only to extend a match past the prefix: a 500 MB secret is not copied)
    /// and its mask.
    private var pool: [UInt8] = []
    private var prefixStart: [Int] = []
    private var prefixLength: [Int] = []
    private var lengths: [Int] = []
    private var secrets: [String] = []
    private var masks: [[UInt8]] = []
    /// The byte every secret starts with, when they all start with the same one (one secret, or
    /// a generator's batch): the scan at the root is then `memchr`.
    private var soleFirstByte: UInt8?
    /// The longest secret in bytes: the most a match can cover.
    public private(set) var longestSecret = 0

    /// A scrubber for `secrets` of at least `minimumLength` UTF-8 bytes (never below
    /// `shortestMaskable`); duplicates and empty values are ignored.
    public init(secrets: some Sequence<String>, minimumLength: Int = SecretScrubber.shortestMaskable) {
        let floor = max(minimumLength, Self.shortestMaskable)
        let values = secrets.filter { $0.utf8.count >= floor }
        guard !values.isEmpty else { return }
        let (sorted, pool, starts) = Self.byteOrder(values)
        var kept: [Int] = []
        kept.reserveCapacity(values.count)
        self.secrets.reserveCapacity(values.count)
        for index in sorted {
            let value = values[index]
            if let last = self.secrets.last, UTF8Bytes.order(last, value) == 0 { continue }
            self.secrets.append(value)
            kept.append(index)
        }
        let shared = self.secrets.count >= Self.sharedSize
        if shared, let earlier = Self.lastShared.withLock({ $0 }), earlier.secrets == self.secrets {
            self = earlier
            return
        }
        self.pool = pool
        masks.reserveCapacity(kept.count)
        for (value, index) in zip(self.secrets, kept) {
            let length = value.utf8.count
            lengths.append(length)
            prefixStart.append(starts[index])
            prefixLength.append(starts[index + 1] - starts[index])
            masks.append(Array(SecretMask.mask(value).utf8))
            longestSecret = max(longestSecret, length)
        }
        build()
        if shared { Self.lastShared.withLock { $0 = self } }
    }

    /// From this many secrets on, the last automaton built is kept, and a scrubber asked for the
    /// same secrets again takes it instead of building its own: a run with one huge
    /// registration built the same 40,000-secret automaton twice (for the registration's
    /// messages, then for the reports' last pass), 60 ms each on one core at the end of the run.
    static let sharedSize = 1_024
    private static let lastShared = Mutex<SecretScrubber?>(nil)

    /// The places of `values` in byte order of their UTF-8 (equal values in any order): sorted
    /// on their first `automatonPrefix` bytes copied into one buffer, so a comparison is a
    /// `memcmp` with no string in reach; only values equal there and longer are compared whole.
    /// (Sorting 40,000 strings with `order` cost 70 ms, a tenth of the run that masked them.)
    /// Also gives the buffer and where each value's bytes start in it (`starts[k]..<starts[k + 1]`).
    static func byteOrder(_ values: [String]) -> (order: [Int], pool: [UInt8], starts: [Int]) {
        var pool: [UInt8] = []
        var starts: [Int] = []
        starts.reserveCapacity(values.count + 1)
        var long: [Bool] = []
        long.reserveCapacity(values.count)
        for value in values {
            starts.append(pool.count)
            let utf8 = value.utf8
            if utf8.count <= automatonPrefix {
                pool.append(contentsOf: utf8)
                long.append(false)
            } else {
                pool.append(contentsOf: utf8.prefix(automatonPrefix))
                long.append(true)
            }
        }
        starts.append(pool.count)
        var order = Array(0..<values.count)
        pool.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress else { return }
            starts.withUnsafeBufferPointer { start in
                order.sort { i, j in
                    let a = start[i], b = start[j]
                    let m = start[i + 1] - a, n = start[j + 1] - b
                    let common = min(m, n)
                    let c = common > 0 ? memcmp(base + a, base + b, common) : 0
                    if c != 0 { return c < 0 }
                    if m != n { return m < n }
                    // Equal prefixes of `automatonPrefix` bytes: the rest decides.
                    return (long[i] || long[j]) && UTF8Bytes.order(values[i], values[j]) < 0
                }
            }
        }
        return (order, pool, starts)
    }

    /// True when there is nothing to mask.
    public var isEmpty: Bool { secrets.isEmpty }

    /// `text` with every occurrence of a secret replaced by its mask: the leftmost match first,
    /// the longest at a position, matches never overlapping.
    public func scrub(_ text: String) -> String {
        guard !isEmpty else { return text }
        var copy = text
        return copy.withUTF8 { buffer in
            guard let out = scrubbed(buffer) else { return text }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// The same over UTF-8 bytes; the bytes themselves when nothing matched.
    public func scrub(_ bytes: [UInt8]) -> [UInt8] {
        guard !isEmpty else { return bytes }
        return bytes.withUnsafeBufferPointer { scrubbed($0) } ?? bytes
    }

    /// Longest part of a secret the automaton holds: a 50 MB secret would otherwise be 50 million
    /// states. A match of this prefix is extended to the whole secret where the whole secret is
    /// there, so the mask always covers every byte of it.
    static let automatonPrefix = 256

    /// The trie, breadth first, with failure links and `longest` set as each state is reached:
    /// a failure link points to a shallower state, whose children already exist.
    private mutating func build() {
        // The run of sorted secrets below each state, and its depth (dropped after the build).
        var low: [Int32] = [0], high: [Int32] = [Int32(prefixStart.count)], depth: [Int32] = [0]
        label = [0]
        fail = [0]
        longest = [-1]
        // At most a state per prefix byte: reserved, so the arrays never grow by copying.
        let states = prefixLength.reduce(1, +)
        fail.reserveCapacity(states)
        longest.reserveCapacity(states)
        label.reserveCapacity(states)
        childBegin.reserveCapacity(states + 1)
        low.reserveCapacity(states)
        high.reserveCapacity(states)
        depth.reserveCapacity(states)
        var state = 0
        while state < low.count {
            let d = Int(depth[state])
            var k = Int(low[state])
            let end = Int(high[state])
            // A secret ending here sorts first in the run (it is a prefix of the others).
            let own: Int32 = k < end && prefixLength[k] == d ? Int32(k) : -1
            while k < end, prefixLength[k] == d { k += 1 }
            if state != 0 { longest[state] = own >= 0 ? own : longest[Int(fail[state])] }
            childBegin.append(Int32(low.count))
            while k < end {
                let b = pool[prefixStart[k] + d]
                var j = k + 1
                while j < end, pool[prefixStart[j] + d] == b { j += 1 }
                let child = Int32(low.count)
                low.append(Int32(k))
                high.append(Int32(j))
                depth.append(Int32(d + 1))
                label.append(b)
                longest.append(-1)
                if state == 0 {
                    rootNext[Int(b)] = child
                    fail.append(0)
                } else {
                    fail.append(step(fail[state], b))
                }
                k = j
            }
            state += 1
        }
        childBegin.append(Int32(low.count))
        let firsts = (0..<256).filter { rootNext[$0] != 0 }
        soleFirstByte = firsts.count == 1 ? UInt8(firsts[0]) : nil
    }

    /// The child of `state` reached by `b`, or 0 (the root) when there is none.
    @inline(__always)
    private func transition(_ state: Int32, _ b: UInt8) -> Int32 {
        if state == 0 { return rootNext[Int(b)] }
        var k = Int(childBegin[Int(state)])
        var end = Int(childBegin[Int(state) + 1])
        while end - k > 8 {
            let mid = (k + end) / 2
            if label[mid] <= b { k = mid } else { end = mid }
        }
        while k < end {
            let l = label[k]
            if l == b { return Int32(k) }
            if l > b { return 0 }
            k += 1
        }
        return 0
    }

    /// The automaton's step: follow failure links until a transition exists (the root absorbs).
    private func step(_ state: Int32, _ b: UInt8) -> Int32 {
        var s = state
        while true {
            let target = transition(s, b)
            if target != 0 { return target }
            if s == 0 { return 0 }
            s = fail[Int(s)]
        }
    }

    /// How many bytes at `start` the mask replaces: the whole secret when all of it is there,
    /// else the prefix the automaton matched (a secret cut short in the text is still masked).
    private func matchedLength(_ index: Int, in bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Int {
        let prefix = prefixLength[index]
        guard lengths[index] > prefix else { return prefix }
        var secret = secrets[index]
        return secret.withUTF8 { whole in
            var k = prefix
            while k < whole.count, start + k < bytes.count, bytes[start + k] == whole[k] { k += 1 }
            return k
        }
    }

    /// Scrubs the part of `bytes` that bytes still to come cannot change, for a stream: every
    /// match starting before `bytes.count - (longestSecret - 1)` lies wholly within `bytes`, so
    /// it is decided; one starting later may run on into the next chunk. Returns the scrubbed
    /// settled part and how many input bytes it covers (the caller keeps the rest and calls again
    /// with more appended). With `final`, everything is settled: the same as `scrub`.
    public func scrubSettled(_ bytes: UnsafeBufferPointer<UInt8>, final: Bool) -> (out: [UInt8], consumed: Int) {
        let settled = final ? bytes.count : max(0, bytes.count - max(0, longestSecret - 1))
        guard !isEmpty else { return (Array(UnsafeBufferPointer(rebasing: bytes[..<settled])), settled) }
        let (out, copied, masked) = replace(in: bytes, before: settled)
        guard masked else { return (Array(UnsafeBufferPointer(rebasing: bytes[..<settled])), settled) }
        return (out, max(copied, settled))
    }

    /// `bytes` up to the end of the last match starting before `limit` (at least up to `limit`),
    /// every occurrence of a secret replaced by its mask: the leftmost start first, the longest
    /// secret at a start, matches never overlapping. Returns the bytes, how far into `bytes` they
    /// reach and whether anything was masked (when nothing was, the bytes are not copied: `out`
    /// is empty, and `copied` is `limit`).
    ///
    /// One scan, restarted from the root where each chosen match ends: the automaton then sees
    /// only text after it, so a shorter secret that starts there is found even when a longer one
    /// ending at the same byte overlaps the chosen match (with all matches taken from a single
    /// scan, that shorter secret went unmasked). A match is chosen once the scan is a secret's
    /// length past its start, when no match starting earlier can still appear; so the restart
    /// rescans at most that many bytes per match, and the whole stays linear.
    private func replace(in bytes: UnsafeBufferPointer<UInt8>, before limit: Int) -> (out: [UInt8], copied: Int, masked: Bool) {
        let reach = min(longestSecret, Self.automatonPrefix)
        var out: [UInt8] = []
        var copied = 0
        var masked = false
        var k = 0
        var state: Int32 = 0
        var best: (start: Int, secret: Int32)?
        // Where a scan from the root may still start a match that begins before `limit`.
        let scanEnd = min(bytes.count, limit + reach - 1)
        while true {
            if state == 0, best == nil { k = skipToSecretStart(in: bytes, from: k, to: scanEnd) }
            if let chosen = best, k >= chosen.start + reach || k == bytes.count {
                if !masked { out.reserveCapacity(max(limit, bytes.count)) }
                masked = true
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<chosen.start]))
                out.append(contentsOf: masks[Int(chosen.secret)])
                copied = chosen.start + matchedLength(Int(chosen.secret), in: bytes, at: chosen.start)
                best = nil
                state = 0
                k = copied
                continue
            }
            // No match found yet, and none can start before `limit` any more.
            guard k < bytes.count, best != nil || k + 1 - reach < limit else { break }
            let b = bytes[k]
            k += 1
            if state == 0 {
                state = rootNext[Int(b)]
                if state == 0 { continue }
            } else {
                state = step(state, b)
            }
            let found = longest[Int(state)]
            guard found >= 0 else { continue }
            let start = k - prefixLength[Int(found)]
            guard start < limit else { continue }
            if let current = best, current.start < start || (current.start == start && lengths[Int(current.secret)] >= lengths[Int(found)]) { continue }
            best = (start, found)
        }
        if copied < limit {
            if masked { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<limit])) }
            copied = limit
        }
        return (out, copied, masked)
    }

    /// The first index in `start..<end` whose byte begins a secret, else `end`: the scan at the
    /// root, where almost all of a report's bytes are read, without the automaton's bookkeeping
    /// (a table lookup per byte; masking a 100 MB SARIF log spent a fifth of a run here).
    @inline(__always)
    private func skipToSecretStart(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int {
        guard start < end, let base = bytes.baseAddress else { return start }
        if let byte = soleFirstByte { return bytes.firstIndex(of: byte, from: start, to: end) ?? end }
        return rootNext.withUnsafeBufferPointer { root in
            guard let next = root.baseAddress else { return start }
            var k = start
            while k < end, next[Int(base[k])] == 0 { k += 1 }
            return k
        }
    }

    /// The replaced bytes, or nil when no secret occurs.
    private func scrubbed(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        let (out, _, masked) = replace(in: bytes, before: bytes.count)
        return masked ? out : nil
    }
}
