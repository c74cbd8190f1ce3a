/// Replaces known secret values with their masks in text, in one pass over the text whatever
/// the number of secrets or how alike they are: an Aho–Corasick automaton over the secrets'
/// bytes, built once per registration or report, then run over every message, name and rendered
/// report. (A per-call set-up over all secrets, or buckets keyed on a shared prefix such as
/// `FAKE-`, made masking quadratic in the number of secrets.)
public struct SecretScrubber: Sendable {
    /// The shortest secret a scrubber accepts: shorter values would match ordinary text.
    public static let shortestMaskable = 4

    /// Transitions of the trie, keyed by `state << 8 | byte`; the root's are in `rootNext`.
    private var next: [Int: Int32] = [:]
    /// The root's transition for each byte (0, the root itself, when no secret starts with it).
    private var rootNext = [Int32](repeating: 0, count: 256)
    /// Failure link of each state: the longest proper suffix of its path that is also a path.
    private var fail: [Int32] = [0]
    /// Secret ending at each state, or -1; `longest` is the longest secret ending at the state or
    /// at a state on its failure chain (computed once, so a match costs no chain walk).
    private var terminal: [Int32] = [-1]
    private var longest: [Int32] = [-1]
    private var secrets: [[UInt8]] = []
    private var masks: [[UInt8]] = []

    /// A scrubber for `secrets` of at least `minimumLength` UTF-8 bytes (never below
    /// `shortestMaskable`); duplicates and empty values are ignored.
    public init(secrets: some Sequence<String>, minimumLength: Int = SecretScrubber.shortestMaskable) {
        let floor = max(minimumLength, Self.shortestMaskable)
        let kept = Array(secrets.lazy.filter { $0.utf8.count >= floor })
        // Room for every state up front: growing the transition table rehashed it again and again.
        let states = kept.reduce(0) { $0 + min($1.utf8.count, Self.automatonPrefix) }
        next.reserveCapacity(states)
        fail.reserveCapacity(states + 1)
        terminal.reserveCapacity(states + 1)
        longest.reserveCapacity(states + 1)
        var seen = Set<String>(minimumCapacity: kept.count)
        for secret in kept where seen.insert(secret).inserted {
            insert(Array(secret.utf8), mask: Array(SecretMask.mask(secret).utf8))
        }
        if !self.secrets.isEmpty { link() }
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

    private mutating func insert(_ bytes: [UInt8], mask: [UInt8]) {
        var state: Int32 = 0
        for b in bytes.prefix(Self.automatonPrefix) {
            if let known = transition(state, b) { state = known; continue }
            let created = Int32(fail.count)
            fail.append(0)
            terminal.append(-1)
            longest.append(-1)
            if state == 0 { rootNext[Int(b)] = created } else { next[Int(state) << 8 | Int(b)] = created }
            state = created
        }
        if terminal[Int(state)] < 0 {
            terminal[Int(state)] = Int32(secrets.count)
            secrets.append(bytes)
            masks.append(mask)
        }
    }

    private func transition(_ state: Int32, _ b: UInt8) -> Int32? {
        if state == 0 {
            let target = rootNext[Int(b)]
            return target == 0 ? nil : target
        }
        return next[Int(state) << 8 | Int(b)]
    }

    /// The automaton's step: follow failure links until a transition exists (the root absorbs).
    private func step(_ state: Int32, _ b: UInt8) -> Int32 {
        var s = state
        while true {
            if let target = transition(s, b) { return target }
            if s == 0 { return 0 }
            s = fail[Int(s)]
        }
    }

    /// Failure links and `longest`, breadth first (a state's links are set before its children's).
    private mutating func link() {
        // Children of each state in one flat list (a list per state was a million small lists).
        var edges: [(parent: Int32, byte: UInt8, child: Int32)] = []
        edges.reserveCapacity(fail.count)
        for b in 0..<256 where rootNext[b] != 0 { edges.append((0, UInt8(b), rootNext[b])) }
        for (key, target) in next { edges.append((Int32(key >> 8), UInt8(key & 0xFF), target)) }
        var firstEdge = [Int32](repeating: 0, count: fail.count + 1)
        for edge in edges { firstEdge[Int(edge.parent) + 1] += 1 }
        for k in 1..<firstEdge.count { firstEdge[k] += firstEdge[k - 1] }
        var slot = firstEdge
        var ordered = [(byte: UInt8, child: Int32)](repeating: (0, 0), count: edges.count)
        for edge in edges {
            ordered[Int(slot[Int(edge.parent)])] = (edge.byte, edge.child)
            slot[Int(edge.parent)] += 1
        }
        var queue: [Int32] = [0]
        queue.reserveCapacity(fail.count)
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            for (b, child) in ordered[Int(firstEdge[Int(state)])..<Int(firstEdge[Int(state) + 1])] {
                fail[Int(child)] = state == 0 ? 0 : step(fail[Int(state)], b)
                let own = terminal[Int(child)]
                longest[Int(child)] = own >= 0 ? own : longest[Int(fail[Int(child)])]
                queue.append(child)
            }
        }
    }

    /// How many bytes at `start` the mask replaces: the whole secret when all of it is there,
    /// else the prefix the automaton matched (a secret cut short in the text is still masked).
    private func matchedLength(_ secret: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Int {
        let prefix = min(secret.count, Self.automatonPrefix)
        guard secret.count > prefix else { return prefix }
        var k = prefix
        while k < secret.count, start + k < bytes.count, bytes[start + k] == secret[k] { k += 1 }
        return k
    }

    /// The longest secret in bytes: the most a match can cover.
    public var longestSecret: Int { secrets.reduce(0) { max($0, $1.count) } }

    /// Scrubs the part of `bytes` that bytes still to come cannot change, for a stream: every
    /// match starting before `bytes.count - (longestSecret - 1)` lies wholly within `bytes`, so
    /// it is decided; one starting later may run on into the next chunk. Returns the scrubbed
    /// settled part and how many input bytes it covers (the caller keeps the rest and calls again
    /// with more appended). With `final`, everything is settled: the same as `scrub`.
    public func scrubSettled(_ bytes: UnsafeBufferPointer<UInt8>, final: Bool) -> (out: [UInt8], consumed: Int) {
        let settled = final ? bytes.count : max(0, bytes.count - max(0, longestSecret - 1))
        guard !isEmpty else { return (Array(UnsafeBufferPointer(rebasing: bytes[..<settled])), settled) }
        let (out, copied) = replace(matches(in: bytes), in: bytes, before: settled)
        return (out, max(copied, settled))
    }

    /// The longest secret ending at each position of `bytes` (earliest start), as start and secret.
    private func matches(in bytes: UnsafeBufferPointer<UInt8>) -> [(start: Int, secret: Int32)] {
        var matches: [(start: Int, secret: Int32)] = []
        var state: Int32 = 0
        for k in 0..<bytes.count {
            let b = bytes[k]
            if state == 0 {
                state = rootNext[Int(b)]
                if state == 0 { continue }
            } else {
                state = step(state, b)
            }
            let found = longest[Int(state)]
            if found >= 0 { matches.append((k + 1 - min(secrets[Int(found)].count, Self.automatonPrefix), found)) }
        }
        return matches
    }

    /// `bytes` up to the end of the last match starting before `limit` (at least up to `limit`),
    /// matches replaced by masks: leftmost first, longest at a start; matches overlapping a
    /// chosen one are dropped. Returns the bytes and how far into `bytes` they reach.
    private func replace(_ found: [(start: Int, secret: Int32)], in bytes: UnsafeBufferPointer<UInt8>, before limit: Int) -> (out: [UInt8], copied: Int) {
        var matches = found
        matches.sort { $0.start != $1.start ? $0.start < $1.start : secrets[Int($0.secret)].count > secrets[Int($1.secret)].count }
        var out: [UInt8] = []
        out.reserveCapacity(limit)
        var copied = 0
        for match in matches where match.start >= copied {
            guard match.start < limit else { break }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<match.start]))
            out.append(contentsOf: masks[Int(match.secret)])
            copied = match.start + matchedLength(secrets[Int(match.secret)], in: bytes, at: match.start)
        }
        if copied < limit {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<limit]))
            copied = limit
        }
        return (out, copied)
    }

    /// The replaced bytes, or nil when no secret occurs.
    private func scrubbed(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        let found = matches(in: bytes)
        guard !found.isEmpty else { return nil }
        return replace(found, in: bytes, before: bytes.count).out
    }
}
