/// What rule files may name, known to the rule parser so that a typo fails the build at its line
/// and column instead of becoming a condition that is silently false.
///
/// The functions are written in Swift in RegLintKit (`BuiltinFunctions`); a RegLintKit test checks
/// that this list and that registry agree, so neither can grow alone.
public enum RuleVocabulary {
    /// Names of the built-in functions `{function: NAME}` may call.
    public static let functionNames: Set<String> = [
        "loopbackPortOnlyDuplicates",
        "hostInOwnedDomains",
        "nowAtLeast",
        "hostInDomains",
        "redirectUriRepeated",
        "knownFederatedIssuer",
        "activeCredentialsOverLimit",
        "matchesAnyPattern",
        "nameNearlyEqualsAny",
        "isDefaultIdentifierUri",
        "identifierUriForeignGuid",
        "identifierUriWithoutTenantIdentifier",
    ]
}
