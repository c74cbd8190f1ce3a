/// Maps `ConvertTo-Json` output of `Get-MgApplication` (PascalCase Graph names) and
/// `Get-AzADApplication` (Az.Resources' singular names) onto the canonical model, including
/// `\/Date(ms)\/` dates, one-element arrays unwrapped to objects and depth-cut type names.
public enum PowerShellJSONAdapter {
    /// PowerShell objects serialize with PascalCase member names (`AppId`, `DisplayName`).
    public static func isPowerShell(_ value: JSONValue) -> Bool {
        guard value.kind == .object else { return false }
        for (lowercased, name) in pascalCaseNames {
            guard let member = value.member(lowercased) else { continue }
            // The key as written, compared as bytes (an escaped key, as decoded).
            let written = member.key.entry.hasEscapes ? member.key.string.map { Array($0.utf8) } == name : member.key.withRawStringBytes { $0.elementsEqual(name) } == true
            if written { return true }
        }
        return false
    }

    /// Members every PowerShell export of an application has, lower-cased (to find them) and as
    /// PowerShell writes them.
    private static let pascalCaseNames: [(lowercased: [UInt8], name: [UInt8])] = ["AppId", "DisplayName", "Id", "PasswordCredentials", "Web"].map {
        (Array($0.lowercased().utf8), Array($0.utf8))
    }

    public static func canonical(_ raw: JSONValue, mapper: inout SchemaMapper) -> ModelNode {
        mapper.map(.json(raw), fields: CanonicalSchema.application)
    }
}
