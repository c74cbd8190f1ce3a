import Foundation
import Testing
@testable import RegLintKit
import RuleSchema

/// The facts rules read are projected from typed values under the names of one registry, which the
/// rule parser and the docs also read; these tests keep the projection and the registry equal and
/// check the typed facts themselves on a real registration.
@Suite("Fact registry and typed facts")
struct FactRegistryTests {
    private static let at = NodeOrigin(span: nil)

    /// Every optional part filled, so the projection shows every member it can make.
    private static var fullFacts: RegistrationFacts {
        var uri = RedirectURIParser.parse("http://localhost:8080/cb?x=1;y", platform: "web", origin: at)
        uri.position = 1
        var facts = RegistrationFacts(kinds: [.web, .api], redirectURIs: [uri])
        facts.exposedSecrets = [ExposedSecret(kind: "secret value", field: "passwordCredentials[0]", masked: "abc***", origin: at)]
        facts.permissions = [ResolvedPermission(
            resourceAppId: .known("00000003-0000-0000-c000-000000000000"), resourceOrigin: at, resourceName: "Microsoft Graph",
            id: .known("9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8"), idOrigin: at, name: "RoleManagement.ReadWrite.Directory",
            type: .application, typeOrigin: at, risk: "critical", origin: at)]
        let position = SourcePosition(line: 1, column: 1, offset: 0)
        let match = RunMatch(location: RegLintKit.SourceLocation(path: "app.json", start: position, end: position, pointer: ""), label: "App")
        facts.secretSettings = [SecretSetting(key: "AzureAd:ClientSecret", masked: "***", isGUID: true, matchedCredential: match, matchedApp: match, origin: at)]
        return facts
    }

    /// The member names of an object node, and of the first element of each list member, by path.
    private func memberNames(_ node: ModelNode, path: String, into names: inout [String: Set<String>]) {
        guard case .object(let object) = node else { return }
        let members = object.members
        names[path, default: []].formUnion(members.keys)
        for (key, member) in members {
            if case .array(let items, _) = member, let first = items.first { memberNames(first, path: "\(path).\(key)[]", into: &names) }
            if case .object = member { memberNames(member, path: "\(path).\(key)", into: &names) }
        }
    }

    /// The registry's member names by the same paths (lower-cased, as the model reads them).
    private func registryNames(_ fields: [FactField], path: String, into names: inout [String: Set<String>]) {
        names[path, default: []].formUnion(fields.map { $0.name.lowercased() })
        for field in fields {
            switch field.form {
            case .value, .list: continue
            case .object(let members): registryNames(members, path: "\(path).\(field.name.lowercased())", into: &names)
            case .listOfObjects(let members): registryNames(members, path: "\(path).\(field.name.lowercased())[]", into: &names)
            }
        }
    }

    @Test("the projection of fully filled typed facts has exactly the registry's members, at every level")
    func projectionMatchesRegistry() {
        var projected: [String: Set<String>] = [:]
        memberNames(FactProjection.node(Self.fullFacts), path: "facts", into: &projected)
        var registry: [String: Set<String>] = [:]
        registryNames(FactRegistry.registration, path: "facts", into: &registry)
        #expect(projected == registry)

        let credential = CredentialFacts(kind: .password, index: 0, description: nil, keyId: nil, start: .absent, end: .absent,
                                         lifetimeDays: .known(90), lifetimeMonths: .known(3), daysUntilExpiry: .unknown(reason: "endDateTime 'x' is not a date"),
                                         certificate: .unknown("no key", origin: Self.at))
        var projectedCredential: [String: Set<String>] = [:]
        memberNames(FactProjection.node(credential), path: "facts", into: &projectedCredential)
        var registryCredential: [String: Set<String>] = [:]
        registryNames(FactRegistry.credential, path: "facts", into: &registryCredential)
        #expect(projectedCredential == registryCredential)
    }

    @Test("the rule parser's vocabulary is the registry's: a registry fact is a valid path, another is not")
    func vocabularyFromRegistry() {
        for (path, _) in FactRegistry.flattened(FactRegistry.registration, prefix: "facts") {
            let segments = path.replacingOccurrences(of: "[]", with: "").split(separator: ".").map { $0.lowercased() }
            #expect(RuleVocabulary.registration.resolve(segments) != nil, "\(path)")
        }
        #expect(RuleVocabulary.registration.resolve(["facts", "redirecturis", "portnumber"]) == nil)
        #expect(RuleVocabulary.registration.resolve(["passwordcredentials", "facts", "daysuntilexpiry"]) != nil)
    }

    @Test("typed facts of a real registration: credential days, an unreadable date as unknown, permissions by name, redirect repeats")
    func typedFactsOfRegistration() throws {
        let json = """
        {"id": "1", "appId": "11111111-2222-3333-4444-555555555555", "displayName": "Typed",
         "web": {"redirectUris": ["https://app.contoso.com/cb", "HTTPS://APP.contoso.com/cb", "http://localhost:5000/cb", "http://localhost:5001/cb"]},
         "passwordCredentials": [
           {"keyId": "aaaaaaaa-0000-0000-0000-000000000001", "displayName": "ok", "startDateTime": "2026-01-01T00:00:00Z", "endDateTime": "2026-12-31T00:00:00Z"},
           {"keyId": "aaaaaaaa-0000-0000-0000-000000000002", "displayName": "bad", "startDateTime": "2026-01-01T00:00:00Z", "endDateTime": "2026-02-30T00:00:00Z"}],
         "requiredResourceAccess": [{"resourceAppId": "Microsoft Graph", "resourceAccess": [{"id": "RoleManagement.ReadWrite.Directory", "type": "Role"}]}]}
        """
        let document = try JSONParser().parse(Array(json.utf8))
        let facts = FactBuilder(now: Fixtures.now).registration(from: .json(document.root)).facts
        #expect(facts.credentials.count == 2)
        #expect(facts.credentials[0].lifetimeDays.value == 364)
        #expect(facts.credentials[0].daysUntilExpiry.value == 39)
        #expect(facts.credentials[0].lifetimeMonths.value == 12)
        guard case .unknown(let reason) = facts.credentials[1].daysUntilExpiry else {
            Issue.record("an impossible date must be unknown, not rolled over")
            return
        }
        #expect(reason.contains("2026-02-30"))
        let permission = try #require(facts.permissions?.first)
        #expect(permission.resourceAppId.value == "00000003-0000-0000-c000-000000000000")
        #expect(permission.name == "RoleManagement.ReadWrite.Directory")
        #expect(permission.type == .application)
        #expect(permission.risk == "critical")
        #expect(facts.redirectURIs.map(\.isRepeat) == [false, true, false, false])
        #expect(facts.redirectURIs.map(\.isPortOnlyDuplicate) == [false, false, false, true])
        #expect(facts.redirectURIs.map(\.position) == [1, 2, 3, 4])
    }

    @Test("calendar months: 24 months is 24 even across 29 February (731 days), a second more is 25; month ends clamp")
    func calendarMonths() throws {
        let start = try #require(Instant(parsing: "2027-03-01T10:00:00Z"))
        let exactly = try #require(Instant(parsing: "2029-03-01T10:00:00Z"))
        #expect(start.wholeDays(to: exactly) == 731)
        #expect(start.calendarMonthsCeiling(to: exactly) == 24)
        #expect(start.calendarMonthsCeiling(to: Instant(milliseconds: exactly.milliseconds + 1000)) == 25)
        #expect(start.calendarMonthsCeiling(to: start) == 0)
        let january31 = try #require(Instant(parsing: "2028-01-31"))
        #expect(january31.adding(months: 1).dateString == "2028-02-29")
        #expect(january31.adding(months: -13).dateString == "2026-12-31")
        #expect(Instant.latest.adding(months: 1) == .latest)
        #expect(Instant.earliest.adding(months: -1) == .earliest)
    }

    @Test("the audit inventory reads the typed facts: an unreadable end date is unknown, not never-expiring")
    func inventoryFromTypedFacts() throws {
        let json = """
        {"id": "1", "appId": "11111111-2222-3333-4444-555555555555", "displayName": "Typed",
         "passwordCredentials": [{"keyId": "aaaaaaaa-0000-0000-0000-000000000002", "displayName": "bad", "startDateTime": "2026-01-01T00:00:00Z", "endDateTime": "garbage"}],
         "requiredResourceAccess": [{"resourceAppId": "00000003-0000-0000-c000-000000000000", "resourceAccess": [{"id": "User.Read", "type": "Scope"}]}]}
        """
        let document = try JSONParser().parse(Array(json.utf8))
        let registration = FactBuilder(now: Fixtures.now).registration(from: .json(document.root))
        let inventory = Inventory.of(registration, now: Fixtures.now)
        #expect(inventory.credentials.map(\.status) == [.unknown])
        #expect(inventory.permissions.map(\.permissionName) == ["User.Read"])
        #expect(inventory.permissions.map(\.permissionId) == ["e1fe6dd8-ba31-4d61-89e7-88639da4683d"])
    }
}
