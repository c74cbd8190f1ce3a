/// Finds the applications in JSON exports: a single object, a bare array, or a collection
/// envelope (`{"@odata.context", "value": [...]}`, the legacy `odata.metadata` one, or none).
public enum GraphJSONAdapter {
    /// Members whose presence makes an object an application (DESIGN §13, "Envelopes and detection").
    static let applicationMembers: [[UInt8]] = [
        "web", "spa", "publicclient", "passwordcredentials", "keycredentials", "requiredresourceaccess",
        "signinaudience", "identifieruris", "isfallbackpublicclient", "api", "approles",
    ].map { Array($0.utf8) }

    /// Members distinctive of the legacy Azure AD Graph manifest, enough to know a fragment.
    static let legacyFragmentMembers: [[UInt8]] = [
        "replyurlswithtype", "replyurls", "oauth2permissions", "oauth2allowimplicitflow", "oauth2allowidtokenimplicitflow", "allowpublicclient",
    ].map { Array($0.utf8) }

    /// True for a bare `requiredResourceAccess` list (`[{resourceAppId, resourceAccess}, …]`), as
    /// repositories keep it beside infrastructure code.
    public static func isRequiredResourceAccessList(_ value: JSONValue) -> Bool {
        guard value.kind == .array else { return false }
        let elements = value.elements
        return !elements.isEmpty && elements.allSatisfy { element in
            element.kind == .object && element.member("resourceappid") != nil && element.member("resourceaccess") != nil
        }
    }

    /// True when `value` looks like one application object: it has an `appId`, or an `id` or a
    /// `displayName` beside an application member. The last covers partial registrations, such as
    /// a Graph `POST /applications` or `PATCH` body, which carry no `id` or `appId` yet.
    public static func isApplication(_ value: JSONValue) -> Bool {
        guard value.kind == .object, !isServicePrincipal(value), !isServicePrincipalCredentials(value) else { return false }
        if value.member("appid") != nil || value.member("applicationid") != nil { return true }
        // A legacy manifest fragment (no identity) still names members only a manifest has.
        if legacyFragmentMembers.contains(where: { value.member($0) != nil }) { return true }
        guard value.member("id") != nil || value.member("displayname") != nil else { return false }
        return applicationMembers.contains { value.member($0) != nil }
    }

    /// True for an application object with neither `id` nor `appId` (a request body, a fragment).
    static func lacksIdentity(_ value: JSONValue) -> Bool {
        value.member("appid") == nil && value.member("applicationid") == nil && value.member("id") == nil
    }

    /// A service principal (enterprise application) carries `appId` too, but is not a registration.
    static func isServicePrincipal(_ value: JSONValue) -> Bool {
        // The type and the members only a service principal has, found in one pass over the
        // members (this runs for every object of a collection).
        value.withLastMembers(servicePrincipalNames) { found in
            func string(_ index: Int) -> String? { index >= 0 ? JSONValue(document: value.document, index: index).string : nil }
            if let type = string(found[0]) ?? string(found[1]) {
                let lowercased = type.lowercased()
                if lowercased.contains("serviceprincipal") || lowercased.hasSuffix("principal") || lowercased.hasSuffix(".agentidentity") { return true }
            }
            return found[2...].contains { $0 >= 0 }
        }
    }

    /// `@odata.type`, `odata.type`, then the members only a service principal has.
    private static let servicePrincipalNames = MemberNames(["@odata.type", "odata.type", "serviceprincipaltype", "appownerorganizationid", "serviceprincipalnames", "appownertenantid"])

    /// `az ad sp create-for-rbac` output: `{appId, displayName, password, tenant}`, a credential file.
    public static func isServicePrincipalCredentials(_ value: JSONValue) -> Bool {
        value.member("password") != nil && value.member("tenant") != nil
            && value.member("appid") != nil && !applicationMembers.contains { value.member($0) != nil }
    }

    /// The application objects in the document (single, bare array, envelope) and notices about
    /// the envelope, or nil when the document holds no application.
    public static func applicationObjects(in document: JSONDocument, rootIsApplication: Bool = false) -> (objects: [JSONValue], pointers: [String], notices: [InputNotice])? {
        let root = document.root
        if rootIsApplication, root.kind == .object { return ([root], [""], []) }
        var prefix = ""
        var notices: [InputNotice] = []
        var objects: [JSONValue] = []
        switch root.kind {
        case .object:
            if let value = root.member("value")?.value, value.kind == .array, !isApplication(root) {
                let elements = value.elements
                guard elements.isEmpty || elements.contains(where: isApplication) else { return nil }
                objects = elements
                prefix = "/" + JSONPointer.escape(root.member("value")?.key.string ?? "value")
                if let next = root.member("@odata.nextlink") ?? root.member("odata.nextlink") {
                    notices.append(InputNotice(
                        message: "This file is one page of a paged export (@odata.nextLink is set): registrations on later pages were not linted.",
                        span: next.key.span))
                }
            } else if isApplication(root) {
                objects = [root]
            } else {
                return nil
            }
        case .array:
            let elements = root.elements
            guard !elements.isEmpty, elements.contains(where: isApplication) else { return nil }
            objects = elements
        default:
            return nil
        }
        var kept: [JSONValue] = []
        var pointers: [String] = []
        for (index, object) in objects.enumerated() where object.kind == .object && !isServicePrincipal(object) {
            if lacksIdentity(object) {
                let name = object.member("displayname")?.value.string.map { "'\($0)'" } ?? "A registration"
                notices.append(InputNotice(
                    message: "\(name) has neither id nor appId (a create or update request body, or a fragment): it is linted with an unknown identity, so findings and baselines name it by its display name",
                    span: object.span))
            }
            kept.append(object)
            pointers.append(root.kind == .object && prefix.isEmpty ? "" : "\(prefix)/\(index)")
        }
        guard !kept.isEmpty || objects.isEmpty else { return nil }
        return (kept, pointers, notices)
    }
}
