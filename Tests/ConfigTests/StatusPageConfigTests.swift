import Testing

@testable import Config

/// `status_page`: on loopback by default, off with "", and never reachable from the network by accident.
@Suite struct StatusPageConfigTests {
    static func config(_ section: String) throws -> LienthongConfig {
        try ConfigLoader.parse(yaml: minimalYAML + "\nstatus_page:\n" + section, sourceName: "test.yaml")
    }

    @Test func thePageListensOnLoopbackPort9740ByDefault() throws {
        let config = try ConfigLoader.parse(yaml: minimalYAML, sourceName: "test.yaml")
        #expect(config.statusPage.listen == ListenAddress(host: "127.0.0.1", port: 9740))
        #expect(config.statusPage.allowRemote == false)
    }

    @Test func anEmptyListenTurnsThePageOff() throws {
        #expect(try Self.config("  listen: \"\"\n").statusPage.listen == nil)
    }

    @Test func loopbackAddressesOfEveryFormAreAccepted() throws {
        for text in ["127.0.0.1:8080", "127.1.2.3:1", "[::1]:9740", "localhost:65535"] {
            let listen = try #require(try Self.config("  listen: \"\(text)\"\n").statusPage.listen)
            #expect(listen.isLoopback, "\(text)")
            #expect(listen.description == text, "\(text)")
        }
    }

    @Test func aNetworkAddressWithoutAllowRemoteIsAnErrorNamingTheKey() throws {
        for text in ["0.0.0.0:9740", "192.168.1.10:9740", "[::]:9740"] {
            let found = problems(in: minimalYAML + "\nstatus_page:\n  listen: \"\(text)\"\n")
            let reported = try #require(problem(at: "status_page.listen", in: found))
            #expect(reported.message.contains("allow_remote"), "\(reported)")
        }
        let allowed = try Self.config("  listen: 0.0.0.0:9740\n  allow_remote: true\n").statusPage
        #expect(allowed.listen == ListenAddress(host: "0.0.0.0", port: 9740) && allowed.allowRemote)
    }

    @Test func malformedAddressesAndHostNamesAreRefusedWithAnExample() throws {
        for text in ["9740", "127.0.0.1", "127.0.0.1:0", "127.0.0.1:70000", "status.example.gov.vn:80", "::1:9740"] {
            let found = problems(in: minimalYAML + "\nstatus_page:\n  listen: \"\(text)\"\n")
            let reported = try #require(problem(at: "status_page.listen", in: found), "\(text)")
            #expect(reported.message.contains("127.0.0.1:9740"), "\(reported)")
        }
        let found = problems(in: minimalYAML + "\nstatus_page:\n  listn: 127.0.0.1:1\n")
        #expect(found.contains { $0.keyPath == "status_page.listn" }, "\(found)")
    }
}
