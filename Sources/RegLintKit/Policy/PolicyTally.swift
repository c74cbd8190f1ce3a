import RuleSchema

/// The policy applied file by file over one run (a streamed run sees one file at a time): each
/// finding gets its severity and disposition, and the tally of suppression hits gives the notes
/// at the end.
public struct PolicyTally: Sendable {
    let policy: Policy
    let expired: [Bool]
    var used: [Int]
    var expiredHits: [Int]
    /// Nothing to decide: every finding stays open with its rule's severity (the common case).
    let isIdle: Bool

    public init(_ policy: Policy, now: Instant) {
        self.policy = policy
        expired = policy.suppressions.map { $0.isExpired(at: now) }
        used = [Int](repeating: 0, count: policy.suppressions.count)
        expiredHits = used
        isIdle = policy.severities.isEmpty && policy.suppressions.isEmpty && policy.baseline == nil
    }

    public mutating func apply(to file: inout FileResult) {
        guard !isIdle else { return }
        let severities = policy.severities
        let suppressions = policy.suppressions
        for r in file.registrations.indices {
            for o in file.registrations[r].outcomes.indices {
                guard case .findings(var findings) = file.registrations[r].outcomes[o].status else { continue }
                // Leave the array uniquely referenced, so the edits below do not copy it.
                file.registrations[r].outcomes[o].status = .passed
                let severity = severities.isEmpty ? nil : severities[file.registrations[r].outcomes[o].ruleID]
                for k in findings.indices {
                    if let severity { findings[k].severity = severity }
                    var disposition = Disposition.open
                    for (i, suppression) in suppressions.enumerated() where suppression.matches(findings[k]) {
                        if expired[i] {
                            expiredHits[i] += 1
                        } else {
                            used[i] += 1
                            disposition = .suppressed(suppression.justification)
                            break
                        }
                    }
                    if disposition == .open, let baseline = policy.baseline, baseline.contains(findings[k]) { disposition = .baselined }
                    findings[k].disposition = disposition
                }
                file.registrations[r].outcomes[o].status = .findings(findings)
            }
        }
    }

    /// What the policy says about its own entries once every file has been through it.
    public func notes() -> [PolicyNote] {
        var notes: [PolicyNote] = []
        for (i, suppression) in policy.suppressions.enumerated() {
            if expiredHits[i] > 0 {
                notes.append(PolicyNote(kind: .suppressionExpired, origin: suppression.origin, ruleID: suppression.rule,
                                        message: "the suppression of \(suppression.summary) expired on \(suppression.expires ?? "?"); the \(expiredHits[i] == 1 ? "finding" : "\(expiredHits[i]) findings") it hid \(expiredHits[i] == 1 ? "is" : "are") reported again (reason given: \(suppression.reason))"))
            } else if used[i] == 0 {
                let tail = expired[i] ? "; it expired on \(suppression.expires ?? "?") as well" : ""
                notes.append(PolicyNote(kind: .suppressionUnused, origin: suppression.origin, ruleID: suppression.rule,
                                        message: "the suppression of \(suppression.summary) matches no finding: remove it, or correct its target\(tail)"))
            }
        }
        return notes
    }
}
