/// The input formats reglint recognises; detection is by content, with the file name as a hint.
public enum InputFormat: String, Sendable, CaseIterable {
    /// Microsoft Graph `application` JSON: one object, a bare array, or a `value` envelope.
    case graphJSON = "graph-json"
    /// The legacy Azure AD Graph app manifest (`replyUrlsWithType`, `allowPublicClient`, ...).
    case legacyManifest = "aad-graph-manifest"
    /// `Get-MgApplication` / `Get-AzADApplication` piped to `ConvertTo-Json`.
    case powerShellJSON = "powershell-json"
    /// `Export-Clixml` of an application object (PowerShell serialization XML).
    case cliXml = "cli-xml"
    /// `terraform show -json` of a plan (`planned_values`) or a state (`values`).
    case terraformPlan = "terraform-plan"
    case terraformState = "terraform-state"
    /// An EntraExporter tree: `Applications/<id>/<id>.json` with `Owners/` beside it.
    case entraExporter = "entra-exporter"
    /// App configuration JSON: `appsettings*.json`, `local.settings.json`, Postman environments,
    /// Azure SDK auth files, any JSON with client secret settings.
    case configJSON = "config-json"
    /// `.env` files.
    case dotenv = "dotenv"
    /// `web.config` / `app.config` `appSettings`.
    case webConfig = "web-config"

    /// App configuration files hold credential references, not registrations.
    public var isConfiguration: Bool { self == .configJSON || self == .dotenv || self == .webConfig }

    public var summary: String {
        switch self {
        case .graphJSON: "Microsoft Graph application JSON (portal manifest, az ad app, Graph REST, value envelope)"
        case .legacyManifest: "legacy Azure AD Graph app manifests"
        case .powerShellJSON: "PowerShell ConvertTo-Json of Get-MgApplication or Get-AzADApplication"
        case .cliXml: "PowerShell Export-Clixml"
        case .terraformPlan: "terraform show -json plans"
        case .terraformState: "terraform show -json states"
        case .entraExporter: "EntraExporter folders (Applications/<id>/<id>.json)"
        case .configJSON: "app configuration JSON (appsettings*.json, local.settings.json, Postman environments, Azure SDK auth files)"
        case .dotenv: ".env files"
        case .webConfig: "web.config / app.config appSettings"
        }
    }
}
