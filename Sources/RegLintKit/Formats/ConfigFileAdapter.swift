import Foundation

/// One key/value setting of an app configuration file, with the positions of key and value.
public struct ConfigSetting: Sendable {
    /// The full key (`AzureAd:ClientSecret`, `Values:AZURE_CLIENT_SECRET`, `ida:ClientSecret`).
    public var key: String
    /// The last segment, which says what the value is (`ClientSecret`).
    public var name: String
    /// The value as a node (a string, with its position).
    public var value: ModelNode
}

/// Reads app configuration files for credential references: `appsettings*.json`,
/// `local.settings.json`, Postman environments, Azure SDK auth files and other JSON with client
/// secret settings, `.env` files and `web.config`/`app.config` `appSettings`.
public enum ConfigFileAdapter {
    // MARK: - Detection

    /// True for a JSON document that is an app configuration file.
    public static func isConfigJSON(_ root: JSONValue, name: String) -> Bool {
        guard root.kind == .object else { return false }
        let base = PathText.lastComponent(name).lowercased()
        if base.hasPrefix("appsettings") || base == "local.settings.json" || base.hasSuffix(".postman_environment.json") { return true }
        if root.member(Array("_postman_variable_scope".utf8)) != nil { return true }
        if GraphJSONAdapter.isServicePrincipalCredentials(root) { return true }
        return settings(fromJSON: root).contains { SecretSettingName.isSecretBearing($0.name) }
    }

    /// `.env`, `.env.local`, `production.env`.
    public static func isDotenvName(_ name: String) -> Bool {
        let base = PathText.lastComponent(name).lowercased()
        return base == ".env" || base.hasPrefix(".env.") || base.hasSuffix(".env")
    }

    // MARK: - JSON

    /// Every string setting, keys joined with `:` as ASP.NET configuration does; Postman's
    /// `{"key": …, "value": …}` entries are settings named by their key.
    public static func settings(fromJSON root: JSONValue) -> [ConfigSetting] {
        var out: [ConfigSetting] = []
        flatten(root, prefix: "", into: &out, depth: 0)
        if GraphJSONAdapter.isServicePrincipalCredentials(root) {
            // `az ad sp create-for-rbac`: its `password` is the new client secret.
            out = out.map { setting in
                var setting = setting
                if setting.key.lowercased() == "password" { setting.name = "clientSecret" }
                return setting
            }
        }
        return out
    }

    private static func flatten(_ value: JSONValue, prefix: String, into out: inout [ConfigSetting], depth: Int) {
        guard depth < 64 else { return }
        switch value.kind {
        case .object:
            if let key = value.member(Array("key".utf8))?.value.string, let entry = value.member(Array("value".utf8))?.value, entry.kind == .string {
                out.append(ConfigSetting(key: prefix.isEmpty ? key : "\(prefix):\(key)", name: key, value: .json(entry)))
                return
            }
            for (key, member) in value.members {
                let name = key.string ?? ""
                flatten(member, prefix: prefix.isEmpty ? name : "\(prefix):\(name)", into: &out, depth: depth + 1)
            }
        case .array:
            for (index, element) in value.elements.enumerated() {
                flatten(element, prefix: prefix.isEmpty ? String(index) : "\(prefix):\(index)", into: &out, depth: depth + 1)
            }
        case .string:
            let name = prefix.split(separator: ":").last.map(String.init) ?? prefix
            out.append(ConfigSetting(key: prefix, name: name, value: .json(value)))
        default:
            break
        }
    }

    // MARK: - .env

    /// `KEY=value` lines, with `export`, single or double quotes (a double-quoted value may span
    /// lines), `#` comments and blank lines; a line that is none of these is passed over.
    /// Letters, digits and `_ . - :`: a `.env` key (ASCII keys, nearly all, told by their bytes).
    static func isSettingKey(_ key: String) -> Bool {
        let ascii = key.utf8.allSatisfy { $0 < 0x80 }
        if ascii {
            return key.utf8.allSatisfy { c in
                (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39) || c == 0x5F || c == 0x2E || c == 0x2D || c == 0x3A
            }
        }
        return key.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." || $0 == "-" || $0 == ":" }
    }

    public static func settings(fromDotenv text: [UInt8]) -> [ConfigSetting]? {
        var out: [ConfigSetting] = []
        var lineStart = text.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while lineStart < text.count {
            let lineEnd = firstIndex(of: 0x0A, in: text, from: lineStart, to: text.count)
            var end = lineEnd
            if end > lineStart, text[end - 1] == 0x0D { end -= 1 }
            var next = lineEnd + 1
            var k = lineStart
            while k < end, text[k] == 0x20 || text[k] == 0x09 { k += 1 }
            if k < end, text[k] != UInt8(ascii: "#") {
                if starts(text, k, "export"), k + 7 < end, text[k + 6] == 0x20 || text[k + 6] == 0x09 {
                    k += 7
                    while k < end, text[k] == 0x20 || text[k] == 0x09 { k += 1 }
                }
                var eq = k
                while eq < end, text[eq] != UInt8(ascii: "=") { eq += 1 }
                let key = eq < end ? TextTrim.spaces(String(decoding: text[k..<eq], as: UTF8.self)) : ""
                if eq < end, !key.isEmpty, ConfigFileAdapter.isSettingKey(key) {
                    var valueStart = eq + 1
                    while valueStart < end, text[valueStart] == 0x20 || text[valueStart] == 0x09 { valueStart += 1 }
                    var valueEnd: Int
                    var content: String
                    if valueStart < end, text[valueStart] == UInt8(ascii: "\"") || text[valueStart] == UInt8(ascii: "'") {
                        let quote = text[valueStart]
                        // Double quotes may span lines (PEM keys); single quotes end at the line.
                        let limit = quote == UInt8(ascii: "\"") ? text.count : end
                        let close = firstIndex(of: quote, in: text, from: valueStart + 1, to: limit)
                        content = String(decoding: text[(valueStart + 1)..<min(close, limit)], as: UTF8.self)
                        valueEnd = min(close + 1, limit)
                        if close > end, close < text.count {
                            next = firstIndex(of: 0x0A, in: text, from: close, to: text.count) + 1
                        }
                    } else {
                        // A comment starts at a '#' after a space or tab.
                        var stop = firstIndex(of: UInt8(ascii: "#"), in: text, from: valueStart + 1, to: end)
                        while stop < end, !(text[stop - 1] == 0x20 || text[stop - 1] == 0x09) {
                            stop = firstIndex(of: UInt8(ascii: "#"), in: text, from: stop + 1, to: end)
                        }
                        content = TextTrim.spaces(String(decoding: text[valueStart..<stop], as: UTF8.self))
                        valueEnd = valueStart + content.utf8.count
                    }
                    let origin = NodeOrigin(span: SourceSpan(start: valueStart, end: valueEnd), pointer: "/" + JSONPointer.escape(key))
                    out.append(ConfigSetting(key: key, name: key, value: .scalar(.string(content), origin: origin)))
                }
            }
            lineStart = next
        }
        return out
    }

    /// The first index of `byte` in `text[from..<to]`, else `to` (a value may be a 500 MB line).
    static func firstIndex(of byte: UInt8, in text: [UInt8], from: Int, to: Int) -> Int {
        text.withUnsafeBufferPointer { $0.firstIndex(of: byte, from: from, to: to) } ?? to
    }

    private static func starts(_ text: [UInt8], _ k: Int, _ word: String) -> Bool {
        let w = Array(word.utf8)
        return k + w.count <= text.count && Array(text[k..<(k + w.count)]) == w
    }

    // MARK: - web.config

    /// `web.config` / `app.config`: `<configuration><appSettings><add key="…" value="…"/>`.
    public static func isWebConfig(_ root: XMLElement) -> Bool {
        root.name == "configuration" && root.children.contains { $0.name == "appSettings" }
    }

    public static func settings(fromWebConfig root: XMLElement) -> [ConfigSetting] {
        var out: [ConfigSetting] = []
        for section in root.children where section.name == "appSettings" {
            for (index, add) in section.children(named: "add").enumerated() {
                guard let key = add.attribute("key"), let value = add.attribute("value") else { continue }
                let origin = NodeOrigin(span: add.attributeSpans["value"] ?? add.span, pointer: "/configuration/appSettings/add/\(index)/@value")
                out.append(ConfigSetting(key: key, name: key, value: .scalar(.string(value), origin: origin)))
            }
        }
        return out
    }

    // MARK: - Canonical entity

    /// The configuration file as a model the rules read: `settings[]` with `key`, `name`,
    /// `value`, plus the client id it names (for reports).
    public static func canonical(_ settings: [ConfigSetting], fileName: String, origin: NodeOrigin) -> ModelNode {
        let items = settings.map { setting in
            ModelNode.object([
                "key": .scalar(.string(setting.key), origin: setting.value.origin),
                "name": .scalar(.string(setting.name), origin: setting.value.origin),
                "value": setting.value,
            ], fallback: nil, origin: setting.value.origin)
        }
        var members: ModelMembers = [
            "settings": .array(items, origin: origin),
            "displayname": .scalar(.string(fileName), origin: origin),
        ]
        if let clientID = settings.first(where: { SecretSettingName.isClientID($0.name) })?.value.string, SecretValue.isGUID(clientID) {
            members["appid"] = .scalar(.string(clientID), origin: origin)
        }
        return .object(members, fallback: nil, origin: origin)
    }
}
