/// Reads `terraform show -json` plans and states: `azuread_application` resources (root and
/// nested modules) with their separate password, certificate and federated credential resources,
/// mapped onto the canonical model. Values a plan knows only after apply stay unknown.
public enum TerraformAdapter {
    public static func isTerraform(_ root: JSONValue) -> Bool {
        guard root.kind == .object, root.member(key("format_version")) != nil else { return false }
        return root.member(key("planned_values")) != nil || root.member(key("values")) != nil || root.member(key("resource_changes")) != nil
    }

    /// One resource instance: its address, type, values and what the plan leaves unknown.
    struct Resource {
        var address: String
        var type: String
        var values: JSONValue
        var unknown: JSONValue?
        /// References in the configuration's `application_id` expression (plans), module-relative.
        var applicationReferences: [String]
        /// The module instance it is in (`module.apps[0].`): credentials attach within one instance.
        var modulePrefix: String
        /// Its configuration address within the module (`azuread_application.api`).
        var relativeAddress: String
        /// Its instance address within the module (`azuread_application.api["eu"]`).
        var relativeInstance: String

        /// The instance key (`["eu"]`, `[0]`), empty without `count`/`for_each`.
        var instanceKey: String { String(relativeInstance.dropFirst(relativeAddress.count)) }
    }

    public static func adapt(_ root: JSONValue) -> [ModelNode] {
        let isPlan = root.member(key("planned_values")) != nil
        let module = (isPlan ? root.member(key("planned_values")) : root.member(key("values")))?.value.member(key("root_module"))?.value
        var unknowns: [String: JSONValue] = [:]
        var deleted: Set<String> = []
        for change in root.member(key("resource_changes"))?.value.elements ?? [] {
            guard let address = change.member(key("address"))?.value.string, let body = change.member(key("change"))?.value else { continue }
            if let after = body.member(key("after_unknown"))?.value { unknowns[address] = after }
            let actions = body.member(key("actions"))?.value.elements.compactMap(\.string) ?? []
            if actions == ["delete"] { deleted.insert(address) }
        }
        var references: [String: [String]] = [:]
        if let configuration = root.member(key("configuration"))?.value.member(key("root_module"))?.value {
            collectReferences(configuration, prefix: "", into: &references)
        }
        var resources: [Resource] = []
        if let module { collect(module, unknowns: unknowns, references: references, into: &resources) }
        resources.removeAll { deleted.contains($0.address) }

        let applications = resources.filter { $0.type == "azuread_application" || $0.type == "azuread_application_registration" }
        let credentialTypes: Set<String> = ["azuread_application_password", "azuread_application_certificate", "azuread_application_federated_identity_credential",
                                            "azuread_application_redirect_uris", "azuread_application_fallback_public_client"]
        var linked = Set<String>()
        var registrations = applications.map { application in
            let attached = resources.filter { credentialTypes.contains($0.type) && belongs($0, to: application) }
            linked.formUnion(attached.map(\.address))
            return canonical(application, attached: attached)
        }
        // A password that names no application of this file is still a secret to judge.
        for resource in resources where resource.type == "azuread_application_password" && !linked.contains(resource.address) {
            let values = Values(json: resource.values, unknown: resource.unknown)
            registrations.append(.object([
                "displayname": .scalar(.string("application password \(resource.address)"), origin: values.origin),
                "passwordcredentials": .array([password(values)], origin: values.origin),
            ], fallback: nil, origin: values.origin))
        }
        // A service principal's password is a client secret of the app's enterprise side: its
        // lifetime and value are judged like an application password, as a registration of its own.
        for resource in resources where resource.type == "azuread_service_principal_password" {
            let values = Values(json: resource.values, unknown: resource.unknown)
            registrations.append(.object([
                "displayname": .scalar(.string("service principal password \(resource.address)"), origin: values.origin),
                "passwordcredentials": .array([password(values)], origin: values.origin),
            ], fallback: nil, origin: values.origin))
        }
        return registrations
    }

    // MARK: - Resources

    private static func collect(_ module: JSONValue, unknowns: [String: JSONValue], references: [String: [String]], into out: inout [Resource]) {
        for resource in module.member(key("resources"))?.value.elements ?? [] {
            guard let address = resource.member(key("address"))?.value.string,
                  let type = resource.member(key("type"))?.value.string,
                  let values = resource.member(key("values"))?.value,
                  resource.member(key("mode"))?.value.string ?? "managed" == "managed" else { continue }
            let prefix = modulePrefix(of: address)
            let relative = configurationAddress(String(address.dropFirst(prefix.raw.count)))
            out.append(Resource(address: address, type: type, values: values, unknown: unknowns[address],
                                applicationReferences: references[prefix.configuration + relative] ?? [],
                                modulePrefix: prefix.raw, relativeAddress: relative,
                                relativeInstance: String(address.dropFirst(prefix.raw.count))))
        }
        for child in module.member(key("child_modules"))?.value.elements ?? [] {
            collect(child, unknowns: unknowns, references: references, into: &out)
        }
    }

    private static func collectReferences(_ module: JSONValue, prefix: String, into out: inout [String: [String]]) {
        for resource in module.member(key("resources"))?.value.elements ?? [] {
            guard let address = resource.member(key("address"))?.value.string else { continue }
            let refs = resource.member(key("expressions"))?.value.member(key("application_id"))?.value
                .member(key("references"))?.value.elements.compactMap(\.string) ?? []
            out[prefix + address] = refs
        }
        for (name, call) in module.member(key("module_calls"))?.value.members ?? [] {
            guard let callName = name.string, let inner = call.member(key("module"))?.value else { continue }
            collectReferences(inner, prefix: prefix + "module.\(callName).", into: &out)
        }
    }

    /// The module part of an instance address, as written (`module.a["x.y"].module.b[0].`) and
    /// without instance keys (`module.a.module.b.`), which is how the configuration names it.
    static func modulePrefix(of address: String) -> (raw: String, configuration: String) {
        let chars = Array(address)
        var k = 0
        var raw = ""
        var configuration = ""
        while chars.count - k > 7, String(chars[k..<(k + 7)]) == "module." {
            var j = k + 7
            var name = ""
            while j < chars.count, chars[j] != "." && chars[j] != "[" { name.append(chars[j]); j += 1 }
            if j < chars.count, chars[j] == "[" { j = skipIndex(chars, from: j) }
            guard j < chars.count, chars[j] == "." else { break }
            raw += String(chars[k...j])
            configuration += "module.\(name)."
            k = j + 1
        }
        return (raw, configuration)
    }

    /// The index just past a `[...]` instance key, quotes respected.
    private static func skipIndex(_ chars: [Character], from start: Int) -> Int {
        var j = start + 1
        var quoted = false
        while j < chars.count {
            let c = chars[j]
            if quoted {
                if c == "\\" { j += 2; continue }
                if c == "\"" { quoted = false }
            } else if c == "\"" {
                quoted = true
            } else if c == "]" {
                return j + 1
            }
            j += 1
        }
        return j
    }

    /// The configuration address of a resource instance in its module: without its `[key]`.
    static func configurationAddress(_ address: String) -> String {
        let chars = Array(address)
        guard let open = chars.firstIndex(of: "[") else { return address }
        return String(chars[..<open])
    }

    /// A credential resource belongs to an application when its `application_id` names the
    /// application's id (state) or its configuration references the application (plan). With
    /// `count`/`for_each` on the application, an indexed reference must name this instance; a bare
    /// reference matches only the instance with the credential's own key.
    private static func belongs(_ resource: Resource, to application: Resource) -> Bool {
        if resource.modulePrefix == application.modulePrefix, !resource.applicationReferences.isEmpty {
            let base = application.relativeAddress
            let key = application.instanceKey
            for reference in resource.applicationReferences {
                if !key.isEmpty, reference == application.relativeInstance || reference.hasPrefix(application.relativeInstance + ".") { return true }
                if reference == base || reference.hasPrefix(base + ".") {
                    if key.isEmpty || key == resource.instanceKey { return true }
                }
            }
        }
        let target = (resource.values.member(key("application_id")) ?? resource.values.member(key("application_object_id")))?.value.string
        guard let target else { return false }
        let ids = ["id", "object_id"].compactMap { application.values.member(key($0))?.value.string }
        return ids.contains(target) || ids.contains { "/applications/\($0)" == target }
    }

    // MARK: - Mapping

    private static func canonical(_ application: Resource, attached: [Resource]) -> ModelNode {
        let v = Values(json: application.values, unknown: application.unknown)
        var members: ModelMembers = [:]
        members["displayname"] = v["display_name"]
        members["appid"] = v["client_id"] ?? v["application_id"]
        members["id"] = v["object_id"]
        members["signinaudience"] = v["sign_in_audience"]
        members["isfallbackpublicclient"] = v["fallback_public_client_enabled"]
        members["identifieruris"] = v["identifier_uris"]
        members["notes"] = v["notes"]
        members["servicemanagementreference"] = v["service_management_reference"]
        members["tags"] = v["tags"]
        if application.type == "azuread_application_registration" {
            // The modular resource is flat: implicit grant and URLs sit on the registration itself.
            var implicit: ModelMembers = [:]
            implicit["enableaccesstokenissuance"] = v["implicit_access_token_issuance_enabled"]
            implicit["enableidtokenissuance"] = v["implicit_id_token_issuance_enabled"]
            var web: ModelMembers = ["implicitgrantsettings": object(implicit, v.origin)]
            web["homepageurl"] = v["homepage_url"]
            web["logouturl"] = v["logout_url"]
            members["web"] = object(web, v.origin)
        }
        if let web = v.block("web") {
            var fields: ModelMembers = [:]
            fields["redirecturis"] = web["redirect_uris"]
            fields["homepageurl"] = web["homepage_url"]
            fields["logouturl"] = web["logout_url"]
            if let implicit = web.block("implicit_grant") {
                fields["implicitgrantsettings"] = object(["enableaccesstokenissuance": implicit["access_token_issuance_enabled"], "enableidtokenissuance": implicit["id_token_issuance_enabled"]], implicit.origin)
            }
            members["web"] = object(fields, web.origin)
        }
        if let spa = v.block("single_page_application") { members["spa"] = object(["redirecturis": spa["redirect_uris"]], spa.origin) }
        if let client = v.block("public_client") { members["publicclient"] = object(["redirecturis": client["redirect_uris"]], client.origin) }
        members["requiredresourceaccess"] = v.blocks("required_resource_access").map { list in
            .array(list.items.map { entry in
                object(["resourceappid": entry["resource_app_id"],
                        "resourceaccess": entry.blocks("resource_access").map { access in .array(access.items.map { object(["id": $0["id"], "type": $0["type"]], $0.origin) }, origin: access.origin) }],
                       entry.origin)
            }, origin: list.origin)
        }
        if let api = v.block("api") {
            var fields: ModelMembers = [:]
            fields["acceptmappedclaims"] = api["mapped_claims_enabled"]
            fields["requestedaccesstokenversion"] = api["requested_access_token_version"]
            fields["knownclientapplications"] = api["known_client_applications"]
            fields["oauth2permissionscopes"] = api.blocks("oauth2_permission_scope").map { list in
                .array(list.items.map { object(["id": $0["id"], "value": $0["value"], "type": $0["type"], "isenabled": $0["enabled"]], $0.origin) }, origin: list.origin)
            }
            members["api"] = object(fields, api.origin)
        }
        members["approles"] = v.blocks("app_role").map { list in
            .array(list.items.map { object(["id": $0["id"], "value": $0["value"], "displayname": $0["display_name"], "description": $0["description"], "isenabled": $0["enabled"], "allowedmembertypes": $0["allowed_member_types"]], $0.origin) }, origin: list.origin)
        }
        if let owners = v["owners"], let ids = owners.elements {
            members["owners"] = .array(ids.map { object(["id": $0], $0.origin) }, origin: owners.origin)
        }

        var passwords = v.blocks("password")?.items.map(password) ?? []
        var certificates: [ModelNode] = []
        var federated: [ModelNode] = []
        for resource in attached {
            let r = Values(json: resource.values, unknown: resource.unknown)
            switch resource.type {
            case "azuread_application_password": passwords.append(password(r))
            case "azuread_application_redirect_uris":
                let platform = (r["type"]?.string ?? "Web").lowercased()
                let key = platform == "spa" ? "spa" : (platform == "publicclient" ? "publicclient" : "web")
                var fields: ModelMembers = [:]
                if case .object(let existing)? = members[key] { fields = existing.members }
                fields["redirecturis"] = r["redirect_uris"]
                members[key] = object(fields, r.origin)
            case "azuread_application_fallback_public_client":
                members["isfallbackpublicclient"] = r["enabled"]
            case "azuread_application_certificate":
                // azuread_application_certificate has no description attribute: unknown, not missing.
                let description = r["display_name"] ?? .scalar(.unknown(reason: "azuread_application_certificate has no description attribute"), origin: r.origin)
                certificates.append(object(["keyid": r["key_id"], "type": r["type"], "startdatetime": r["start_date"], "enddatetime": r["end_date"], "displayname": description], r.origin))
            default:
                federated.append(object(["name": r["display_name"], "issuer": r["issuer"], "subject": r["subject"], "audiences": r["audiences"], "description": r["description"]], r.origin))
            }
        }
        members["passwordcredentials"] = .array(passwords, origin: v["password"]?.origin ?? v.origin)
        members["keycredentials"] = .array(certificates, origin: v.origin)
        if !federated.isEmpty { members["federatedidentitycredentials"] = .array(federated, origin: v.origin) }
        return .object(members, fallback: nil, origin: v.origin)
    }

    private static func password(_ p: Values) -> ModelNode {
        object(["displayname": p["display_name"], "keyid": p["key_id"], "startdatetime": p["start_date"], "enddatetime": p["end_date"], "secrettext": p["value"]], p.origin)
    }

    private static func object(_ members: [String: ModelNode?], _ origin: NodeOrigin) -> ModelNode {
        var fields = ModelMembers()
        for name in members.keys.sorted() { if let node = members[name] ?? nil { fields[name] = node } }
        return .object(fields, fallback: nil, origin: origin)
    }

    private static func object(_ members: ModelMembers, _ origin: NodeOrigin) -> ModelNode {
        .object(members, fallback: nil, origin: origin)
    }

    /// A resource's values with the plan's `after_unknown` mirror beside them.
    struct Values {
        let json: JSONValue
        let unknown: JSONValue?

        var origin: NodeOrigin { ModelNode.json(json).origin }

        /// The attribute: its value, an unknown marker when the plan computes it, or nil.
        subscript(_ name: String) -> ModelNode? {
            let marker = unknown?.member(TerraformAdapter.key(name))?.value
            if let value = json.member(TerraformAdapter.key(name))?.value, value.kind != .null || marker?.kind != .true {
                return .json(value)
            }
            if marker?.kind == .true {
                return .scalar(.unknown(reason: "'\(name)' is known only after apply"), origin: origin)
            }
            return nil
        }

        /// A nested block that Terraform writes as a one-element list.
        func block(_ name: String) -> Values? { blocks(name)?.items.first }

        func blocks(_ name: String) -> (items: [Values], origin: NodeOrigin)? {
            guard let list = json.member(TerraformAdapter.key(name))?.value, list.kind == .array else { return nil }
            let markers = unknown?.member(TerraformAdapter.key(name))?.value.elements ?? []
            let items = list.elements.enumerated().map { Values(json: $0.element, unknown: $0.offset < markers.count ? markers[$0.offset] : nil) }
            return (items, ModelNode.json(list).origin)
        }
    }

    static func key(_ name: String) -> [UInt8] { Array(name.lowercased().utf8) }
}

import Foundation
