/// Reads Microsoft Graph application JSON: a single object, a bare array, or a collection
/// envelope (`{"@odata.context", "value": [...]}`, the legacy `odata.metadata` one, or none).
public enum GraphJSONAdapter {
    /// Members whose presence makes an object an application (DESIGN §13, "Envelopes and detection").
    static let applicationMembers: [[UInt8]] = [
        "web", "spa", "publicclient", "passwordcredentials", "keycredentials", "requiredresourceaccess",
        "signinaudience", "identifieruris", "isfallbackpublicclient", "api", "approles",
    ].map { Array($0.utf8) }

    /// True when `value` looks like one application object.
    public static func isApplication(_ value: JSONValue) -> Bool {
        guard value.kind == .object else { return false }
        if value.member(Array("appid".utf8)) != nil { return true }
        guard value.member(Array("id".utf8)) != nil, value.member(Array("displayname".utf8)) != nil else { return false }
        return applicationMembers.contains { value.member($0) != nil }
    }

    /// The registrations in the document, or nil when it is not Graph application JSON.
    public static func adapt(_ document: JSONDocument, rootIsApplication: Bool = false) -> AdaptedInput? {
        let root = document.root
        if rootIsApplication, root.kind == .object {
            return AdaptedInput(format: .graphJSON, registrations: [AdaptedRegistration(canonical: .json(root))], notices: [])
        }
        var notices: [InputNotice] = []
        var objects: [JSONValue] = []
        switch root.kind {
        case .object:
            if let value = root.member(Array("value".utf8))?.value, value.kind == .array, !isApplication(root) {
                let elements = value.elements
                guard elements.isEmpty || elements.contains(where: isApplication) else { return nil }
                objects = elements
                if let next = root.member(Array("@odata.nextlink".utf8)) ?? root.member(Array("odata.nextlink".utf8)) {
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
        let registrations = objects.filter { $0.kind == .object }.map { AdaptedRegistration(canonical: .json($0)) }
        return AdaptedInput(format: .graphJSON, registrations: registrations, notices: notices)
    }
}
