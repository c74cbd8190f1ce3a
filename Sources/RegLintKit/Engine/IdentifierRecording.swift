extension IdentifierPlaces {
    /// Records a linted registration's credentials and appId, located in its file.
    mutating func record(_ registration: Registration, locator: Locator) {
        let keyIDs = (registration.root.member("passwordcredentials")?.asList ?? []).compactMap { credential -> (String, ModelNode)? in
            guard let keyID = credential.member("keyid"), let value = keyID.string, keyID.origin.span != nil else { return nil }
            return (value, keyID)
        }
        let appID = registration.root.member("appid").flatMap { node in node.string.map { ($0, node) } }.flatMap { $0.1.origin.span != nil ? $0 : nil }
        guard !keyIDs.isEmpty || appID != nil else { return }
        beginRegistration(path: locator.path, pointer: locator.pointer(registration.origin),
                          label: registration.displayName ?? registration.appId ?? "(unnamed registration)")
        for (value, keyID) in keyIDs { recordCredential(value) { locator.location(keyID.origin) } }
        if let (value, node) = appID { recordApplication(value) { locator.location(node.origin) } }
    }
}
