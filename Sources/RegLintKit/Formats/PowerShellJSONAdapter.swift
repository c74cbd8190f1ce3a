/// Maps `ConvertTo-Json` output of `Get-MgApplication` (PascalCase Graph names) and
/// `Get-AzADApplication` (Az.Resources' singular names) onto the canonical model, including
/// `\/Date(ms)\/` dates, one-element arrays unwrapped to objects and depth-cut type names.
public enum PowerShellJSONAdapter {
    /// PowerShell objects serialize with PascalCase member names (`AppId`, `DisplayName`).
    public static func isPowerShell(_ value: JSONValue) -> Bool {
        guard value.kind == .object else { return false }
        // The members found in one pass; then each key as written, compared as bytes (an
        // escaped key, as decoded).
        return value.withLastMembers(memberNames) { found in
            for (k, name) in pascalCaseNames.enumerated() where found[k] >= 0 {
                let key = JSONValue(document: value.document, index: found[k] - 1)
                let written = key.entry.hasEscapes ? key.string.map { Array($0.utf8) } == name : key.withRawStringBytes { $0.elementsEqual(name) } == true
                if written { return true }
            }
            return false
        }
    }

    /// Members every PowerShell export of an application has, as PowerShell writes them and
    /// lower-cased (to find them).
    private static let names = ["AppId", "DisplayName", "Id", "PasswordCredentials", "Web"]
    private static let pascalCaseNames = names.map { Array($0.utf8) }
    private static let memberNames = MemberNames(names)

    public static func canonical(_ raw: JSONValue, mapper: inout SchemaMapper) -> ModelNode {
        mapper.map(.json(raw), fields: CanonicalSchema.application)
    }
}
