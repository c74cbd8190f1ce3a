extension RunIndex {
    /// Records a linted registration's credentials and appId, located in its file.
    mutating func record(_ registration: Registration, locator: Locator) {
        let label = registration.displayName ?? registration.appId ?? "(unnamed registration)"
        for credential in registration.root.member("passwordcredentials")?.asList ?? [] {
            guard let keyID = credential.member("keyid"), let value = keyID.string, keyID.origin.span != nil else { continue }
            let key = value.lowercased()
            recordCredential(key, Target(location: locator.location(keyID.origin), label: label))
        }
        if let appID = registration.root.member("appid"), let value = appID.string, appID.origin.span != nil {
            let key = value.lowercased()
            recordApplication(key, Target(location: locator.location(appID.origin), label: label))
        }
    }
}
