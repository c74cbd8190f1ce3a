import Foundation
import Testing
@testable import RegLintKit
#if canImport(Glibc)
import Glibc
#endif

/// A TCP listener on loopback that records whether anything connected to it.
private final class LoopbackListener {
    let descriptor: Int32
    let port: UInt16

    init?() {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(descriptor, 4) == 0 else { close(descriptor); return nil }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        self.descriptor = descriptor
        self.port = UInt16(bigEndian: address.sin_port)
    }

    /// True when a connection is waiting to be accepted.
    var wasContacted: Bool {
        let client = accept(descriptor, nil, nil)
        if client >= 0 { close(client); return true }
        return false
    }

    deinit { close(descriptor) }
}

@Suite("No network")
struct NetworkIsolationTests {
    @Test("XML naming an external DTD and entities on a live loopback server makes no connection")
    func noConnection() throws {
        let listener = try #require(LoopbackListener())
        let url = "http://127.0.0.1:\(listener.port)/evil.dtd"
        let documents = [
            "<?xml version=\"1.0\"?>\n<!DOCTYPE Objs SYSTEM \"\(url)\">\n<Objs/>",
            "<?xml version=\"1.0\"?>\n<!DOCTYPE Objs [<!ENTITY % remote SYSTEM \"\(url)\"> %remote; <!ENTITY x SYSTEM \"\(url)\">]>\n<Objs><S>&x;</S></Objs>",
            "<Objs xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\"\(url)\"/><Obj><Props><S N=\"AppId\">x</S></Props></Obj></Objs>",
        ]
        for text in documents {
            let input = InputFile(displayPath: "net.xml", reportPath: "net.xml", source: .bytes(Array(text.utf8)), named: true)
            _ = Linter(rules: try RuleSet.builtIn(), now: Fixtures.now, parallelism: 1).lint(input)
        }
        usleep(100_000)
        #expect(!listener.wasContacted)
    }
}
