/// Maps `ConvertTo-Json` output of `Get-MgApplication` (PascalCase Graph names) and
/// `Get-AzADApplication` (Az.Resources' singular names) onto the canonical model, including
/// `\/Date(ms)\/` dates, one-element arrays unwrapped to objects and depth-cut type names.
public enum PowerShellJSONAdapter {
    /// PowerShell objects serialize with PascalCase member names (`AppId`, `DisplayName`).
    public static func isPowerShell(_ value: JSONValue) -> Bool {
        guard value.kind == .object else { return false }
        for name in ["AppId", "DisplayName", "Id", "PasswordCredentials", "Web"] {
            if let member = value.member(Array(name.lowercased().utf8)), member.key.string == name { return true }
        }
        return false
    }

    public static func canonical(_ raw: JSONValue, mapper: inout SchemaMapper) -> ModelNode {
        mapper.map(.json(raw), fields: CanonicalSchema.application)
    }
}
