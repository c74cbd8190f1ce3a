import RuleSchema

/// How to fix one finding by hand: the portal blade and field, and the commands (Azure CLI, or a
/// Microsoft Graph request where the CLI has no flag), with the registration's own ids filled in.
///
/// Only flags that exist in the Azure CLI reference are written (`az ad app update`, `az ad app
/// credential reset|delete`, `az ad app permission add`). Ids from the input are printed only when
/// they look like ids; anything else stays a `<placeholder>`, so a hostile value cannot become a
/// shell command.
struct Remediation: Sendable, Hashable {
    /// Where in the Entra admin center: "App registrations › the app › Authentication › …".
    var portal: String
    /// Lines to paste: shell commands, or one Graph request line followed by its JSON body.
    var commands: [String]
    /// What to know before running them (a list the command replaces, a secret printed once).
    var note: String?

    /// The fix for a finding, or nil when the rule has no mechanical fix (a configuration file).
    static func of(_ finding: Finding, now: Instant) -> Remediation? {
        let ids = Ids(finding)
        switch finding.ruleID.uppercased() {
        case "REG101": return publicClientFlows(ids)
        case "REG103": return addCredential(ids)
        case "REG104": return implicitGrant(ids, pointer: finding.location.pointer)
        case "REG201", "REG202", "REG205": return redirectURI(ids, pointer: finding.location.pointer, uri: finding.subject.uri)
        case "REG301": return rotate(ids, now: now, why: "Treat the value as leaked: rotate first, then remove the value from the file and its history.")
        case "REG303", "REG304", "REG307": return rotate(ids, now: now, why: nil)
        case "REG306": return removeExpired(ids)
        case "REG309": return rotate(ids, now: now, why: "A description cannot be edited, so the credential is replaced.")
        case "REG401": return delegatedScope(ids)
        default: return nil
        }
    }

    /// The ids a command needs, or placeholders.
    struct Ids {
        var app: String
        var object: String
        var key: String
        var resource: String
        var isCertificate: Bool

        init(_ finding: Finding) {
            app = Ids.safe(finding.registration.appId) ?? "<appId>"
            object = Ids.safe(finding.registration.objectId) ?? "{application-object-id}"
            key = Ids.safe(finding.subject.keyId) ?? "<keyId>"
            resource = Ids.safe(finding.subject.permission) ?? "<resourceAppId>"
            isCertificate = finding.location.pointer.lowercased().contains("keycredential")
        }

        /// The value when it is id-shaped (letters, digits, `-`, `.`; at most 64), else nil.
        static func safe(_ value: String?) -> String? {
            guard let value, !value.isEmpty, value.count <= 64,
                  value.unicodeScalars.allSatisfy({ ($0.isASCII && $0.properties.isAlphabetic) || ("0"..."9").contains($0) || $0 == "-" || $0 == "." })
            else { return nil }
            return value
        }
    }

    static let certificates = "App registrations › the app › Certificates & secrets"
    static let authentication = "App registrations › the app › Authentication"

    static func publicClientFlows(_ ids: Ids) -> Remediation {
        Remediation(portal: "\(authentication) › Advanced settings › Allow public client flows: No",
                    commands: ["az ad app update --id \(ids.app) --is-fallback-public-client false"])
    }

    static func implicitGrant(_ ids: Ids, pointer: String) -> Remediation {
        let idToken = pointer.lowercased().hasSuffix("enableidtokenissuance")
        return Remediation(portal: "\(authentication) › Implicit grant and hybrid flows › \(idToken ? "ID tokens" : "Access tokens"): cleared",
                           commands: ["az ad app update --id \(ids.app) \(idToken ? "--enable-id-token-issuance" : "--enable-access-token-issuance") false"])
    }

    static func redirectURI(_ ids: Ids, pointer: String, uri: String?) -> Remediation {
        let place = pointer.lowercased()
        let without = uri.map { " and leave out '\($0)'" } ?? ""
        let note = "The list replaces the current one: name every redirect URI to keep\(without)."
        if place.contains("/spa/") {
            return Remediation(portal: "\(authentication) › Single-page application › Redirect URIs",
                               commands: ["PATCH /v1.0/applications/\(ids.object)", #"{"spa": {"redirectUris": ["<every SPA redirect URI to keep>"]}}"#],
                               note: note + " The Azure CLI has no SPA flag: send this Microsoft Graph request (az rest --method patch).")
        }
        if place.contains("publicclient") {
            return Remediation(portal: "\(authentication) › Mobile and desktop applications › Redirect URIs",
                               commands: ["az ad app update --id \(ids.app) --public-client-redirect-uris <every public client redirect URI to keep>"], note: note)
        }
        return Remediation(portal: "\(authentication) › Web › Redirect URIs",
                           commands: ["az ad app update --id \(ids.app) --web-redirect-uris <every web redirect URI to keep>"], note: note)
    }

    static func addCredential(_ ids: Ids) -> Remediation {
        Remediation(portal: "\(certificates) › Certificates › Upload certificate (or Federated credentials)",
                    commands: ["az ad app credential reset --id \(ids.app) --append --cert @<certificate.pem> --display-name \"<what uses it, owner>\""],
                    note: "--append keeps existing credentials; without it reset replaces them.")
    }

    /// Add a bounded replacement, then delete the old credential by its keyId.
    static func rotate(_ ids: Ids, now: Instant, why: String?) -> Remediation {
        let add = ids.isCertificate
            ? "az ad app credential reset --id \(ids.app) --append --cert @<new-certificate.pem> --display-name \"<what uses it, owner>\""
            : "az ad app credential reset --id \(ids.app) --append --display-name \"<what uses it, owner>\" --end-date \(now.adding(days: 180).dateString)"
        let delete = "az ad app credential delete --id \(ids.app) --key-id \(ids.key)\(ids.isCertificate ? " --cert" : "")"
        let steps = "--append keeps the old credential while the new one is deployed; \(ids.isCertificate ? "" : "the new secret is printed once: put it in Key Vault; ")delete the old one once sign-in logs show the new keyId in use."
        return Remediation(portal: "\(certificates) › \(ids.isCertificate ? "Certificates" : "Client secrets")",
                           commands: [add, delete], note: [why, steps].compactMap { $0 }.joined(separator: " "))
    }

    static func removeExpired(_ ids: Ids) -> Remediation {
        Remediation(portal: "\(certificates) › \(ids.isCertificate ? "Certificates" : "Client secrets") › Delete",
                    commands: ["az ad app credential delete --id \(ids.app) --key-id \(ids.key)\(ids.isCertificate ? " --cert" : "")"],
                    note: "First confirm the workload uses a newer credential.")
    }

    static func delegatedScope(_ ids: Ids) -> Remediation {
        Remediation(portal: "App registrations › the app › API permissions › Add a permission › APIs my organization uses › Delegated: user_impersonation",
                    commands: [
                        "az ad app permission add --id \(ids.app) --api \(ids.resource) --api-permissions <user_impersonation scope id>=Scope",
                        "# or, with Microsoft Graph (the list replaces the current one: keep every other entry):",
                        "PATCH /v1.0/applications/\(ids.object)",
                        #"{"requiredResourceAccess": [{"resourceAppId": "\#(ids.resource)", "resourceAccess": [{"id": "<user_impersonation scope id>", "type": "Scope"}]}]}"#,
                    ],
                    note: "Then grant admin consent and assign the FHIR or DICOM data role in Azure RBAC.")
    }
}
