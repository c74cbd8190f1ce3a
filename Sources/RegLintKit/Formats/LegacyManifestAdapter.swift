/// Maps a legacy Azure AD Graph app manifest (and old `az`/AzureAD output) onto the canonical
/// model: `allowPublicClient`, `replyUrlsWithType`, `oauth2AllowImplicitFlow`, `oauth2Permissions`,
/// `availableToOtherTenants`, `name`, credentials' `endDate`/`value` (formats.md §2.2).
public enum LegacyManifestAdapter {
    /// Members only the legacy format has (the deprecation doc: `replyUrlsWithType` means legacy).
    static let markers = ["replyurlswithtype", "replyurls", "allowpublicclient", "oauth2allowimplicitflow",
                          "oauth2allowidtokenimplicitflow", "oauth2permissions", "accesstokenacceptedversion",
                          "availabletoothertenants", "odata.type", "objectid"]

    /// True for an AAD Graph-era object: a manifest, old `az` output, or an AzureAD / AzureRM
    /// PowerShell object (JSON or CliXml).
    public static func isLegacy(_ value: ModelNode) -> Bool {
        guard value.isObject else { return false }
        if value.member("web")?.member("implicitgrantsettings") != nil { return false }
        if markers.contains(where: { value.member($0) != nil }) { return true }
        if let flag = value.member("publicclient"), case .bool? = flag.scalar { return true }
        return value.member("name") != nil && value.member("displayname") == nil && value.member("appid") != nil
    }

    /// The out-of-band URN, the native-client page, and custom (non-http) schemes.
    static func isNativeClientURI(_ uri: String) -> Bool {
        let lower = uri.lowercased()
        if lower.hasPrefix("urn:ietf:wg:oauth:2.0:oob") || lower.hasPrefix("https://login.microsoftonline.com/common/oauth2/nativeclient") { return true }
        guard let colon = lower.firstIndex(of: ":") else { return false }
        let scheme = lower[..<colon]
        return !scheme.isEmpty && scheme != "http" && scheme != "https"
    }

    public static func canonical(_ source: ModelNode, mapper: inout SchemaMapper) -> ModelNode {
        guard case .object(let mapped) = mapper.map(source, fields: CanonicalSchema.application) else {
            return source
        }
        var members = mapped.members
        let fallback = mapped.fallback
        let origin = mapped.origin
        if members["displayname"] == nil, let name = source.member("name") { members["displayname"] = name }
        // Legacy manifests carry no credential descriptions: unknown, not missing.
        for key in ["passwordcredentials", "keycredentials"] {
            guard case .array(let items, let listOrigin)? = members[key] else { continue }
            members[key] = .array(items.map { item in
                guard case .object(let object) = item, object.members["displayname"] == nil else { return item }
                var fields = object.members
                fields["displayname"] = .scalar(.unknown(reason: "legacy manifests do not carry credential descriptions"), origin: object.origin)
                return .object(fields, fallback: object.fallback, origin: object.origin)
            }, origin: listOrigin)
        }
        if let flag = source.member("allowpublicclient") {
            members["isfallbackpublicclient"] = flag
        } else if let flag = source.member("publicclient"), case .bool? = flag.scalar {
            members["isfallbackpublicclient"] = flag
            members["publicclient"] = nil
        }
        if members["signinaudience"] == nil, let other = source.member("availabletoothertenants"), case .bool(let multi)? = other.scalar {
            members["signinaudience"] = .scalar(.string(multi ? "AzureADMultipleOrgs" : "AzureADMyOrg"), origin: other.origin)
        }

        var web: [ModelNode] = []
        var spa: [ModelNode] = []
        var publicClient: [ModelNode] = []
        for entry in source.member("replyurlswithtype")?.asList ?? [] {
            guard let url = entry.member("url") else { continue }
            switch entry.member("type")?.string?.lowercased() {
            case "spa": spa.append(url)
            case "installedclient": publicClient.append(url)
            default: web.append(url)
            }
        }
        if source.member("replyurlswithtype") == nil {
            // `replyUrls` does not say the platform: native-client URIs go to publicClient.
            for url in source.member("replyurls")?.asList ?? [] {
                if let text = url.string, LegacyManifestAdapter.isNativeClientURI(text) { publicClient.append(url) } else { web.append(url) }
            }
        }
        var webMembers: ModelMembers = [:]
        if !web.isEmpty || source.member("replyurlswithtype") != nil || source.member("replyurls") != nil {
            webMembers["redirecturis"] = .array(web, origin: source.member("replyurlswithtype")?.origin ?? source.member("replyurls")?.origin ?? .computed)
        }
        var implicit: ModelMembers = [:]
        if let flag = source.member("oauth2allowimplicitflow") { implicit["enableaccesstokenissuance"] = flag }
        if let flag = source.member("oauth2allowidtokenimplicitflow") { implicit["enableidtokenissuance"] = flag }
        if !implicit.isEmpty { webMembers["implicitgrantsettings"] = .object(implicit, fallback: nil, origin: .computed) }
        if let home = source.member("signinurl") ?? source.member("homepage") { webMembers["homepageurl"] = home }
        if let logout = source.member("logouturl") { webMembers["logouturl"] = logout }
        if !webMembers.isEmpty { members["web"] = .object(webMembers, fallback: nil, origin: .computed) }
        if !spa.isEmpty { members["spa"] = .object(["redirecturis": .array(spa, origin: .computed)], fallback: nil, origin: .computed) }
        if !publicClient.isEmpty {
            members["publicclient"] = .object(["redirecturis": .array(publicClient, origin: .computed)], fallback: nil, origin: .computed)
        }

        var api: ModelMembers = [:]
        if let scopes = source.member("oauth2permissions") {
            api["oauth2permissionscopes"] = mapper.map(scopes, shape: .objectList(CanonicalSchema.permissionScope), path: "api.oauth2PermissionScopes")
        }
        for (legacy, graph) in [("accesstokenacceptedversion", "requestedaccesstokenversion"), ("acceptmappedclaims", "acceptmappedclaims"),
                                ("knownclientapplications", "knownclientapplications"), ("preauthorizedapplications", "preauthorizedapplications")] {
            if let value = source.member(legacy) { api[graph] = value }
        }
        if !api.isEmpty { members["api"] = .object(api, fallback: nil, origin: .computed) }
        if let urls = source.member("informationalurls") {
            var info: ModelMembers = [:]
            for (legacy, graph) in [("termsofservice", "termsofserviceurl"), ("support", "supporturl"), ("privacy", "privacystatementurl"), ("marketing", "marketingurl")] {
                if let value = urls.member(legacy) { info[graph] = value }
            }
            if let logo = source.member("logourl") { info["logourl"] = logo }
            members["info"] = .object(info, fallback: nil, origin: urls.origin)
        }
        return .object(members, fallback: fallback, origin: origin)
    }
}
