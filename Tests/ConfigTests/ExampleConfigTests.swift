import Foundation
import Testing

@testable import Config

@Suite struct ExampleConfigTests {
    /// `Tests/ConfigTests/ExampleConfigTests.swift` → repository root → `etc/lienthong/lienthong.yaml`.
    static let examplePath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("etc/lienthong/lienthong.yaml").path

    @Test func shippedExampleParsesWithItsDocumentedValues() throws {
        let config = try ConfigLoader.load(path: Self.examplePath)

        #expect(config.stateDirectory == "/var/lib/lienthong")
        #expect(config.stateDatabasePath == "/var/lib/lienthong/state.db")
        #expect(config.spoolDirectory == "/var/lib/lienthong/spool")
        #expect(config.logLevel == "info")

        #expect(config.axis.endpoint == "https://lienthong.nghean.gov.vn/XrdAdapter/adapter")
        #expect(config.axis.allowPlainHTTP == false)
        #expect(config.axis.systemId == "000.00.00.H41")
        #expect(config.axis.secretCredential == "axis-secret")
        #expect(config.axis.secretFile == "/etc/lienthong/axis-secret")
        #expect(config.axis.caBundle == nil)
        #expect(config.axis.connectTimeout == .seconds(10))
        #expect(config.axis.requestTimeout == .seconds(300))

        #expect(config.signing.privateKey == "/etc/lienthong/signing/h41.key.pem")
        #expect(config.signing.certificate == "/etc/lienthong/signing/h41.cert.pem")
        #expect(config.signing.chain == "/etc/lienthong/signing/chain.pem")
        #expect(config.signing.passwordCredential == "signing-key-password")
        #expect(config.signing.passwordFile == nil)
        #expect(config.signing.timestamp == nil)

        #expect(config.inbound == InboundSettings(pollInterval: .seconds(30), enabled: true))
        #expect(
            config.retry
                == RetryPolicy(initialDelay: .seconds(5), maxDelay: .seconds(1800), maxAttempts: 0, jitter: 0.2))
        #expect(config.limits.maxDocumentSize == 500 * 1024 * 1024)
        #expect(config.limits.maxAttachments == 50)
        #expect(config.limits.maxInboundEnvelopeSize == 1 << 30)

        let agency = try #require(config.agencies.first)
        #expect(config.agencies.count == 1)
        #expect(agency.code == "000.00.00.H41")
        #expect(agency.name == "UBND tỉnh Nghệ An")
        #expect(agency.organizationInCharge == "Chính phủ")
        #expect(agency.telephone == "0238 3844 111")
        #expect(agency.website == "https://nghean.gov.vn")
        #expect(agency.folders == AgencyFolders(root: "/srv/lienthong/h41"))
        #expect(agency.watch.mode == "auto")
        #expect(agency.watch.settleTime == .seconds(3))
        #expect(agency.watch.reconciliationInterval == .seconds(600))
        #expect(agency.watch.include == ["*.pdf", "*.docx", "*.doc", "*.xlsx", "*.odt", "*.zip"])
        #expect(agency.watch.exclude == ["*.bak", "Thumbs.db"])
        #expect(agency.defaults.recipients == ["000.00.01.H41", "000.00.02.H41"])
        #expect(agency.defaults.typeName == "Công văn")
        #expect(agency.defaults.place == "Nghệ An")
        #expect(agency.defaults.signerCompetence == "TM. Ủy ban nhân dân")
        #expect(agency.defaults.signerPosition == "Chủ tịch")
        #expect(agency.defaults.signerFullName == "Nguyễn Văn A")
        #expect(agency.defaults.sphereOfPromulgation == "Toàn tỉnh")
        #expect(agency.visibleSignature == VisibleSignatureSettings())
        #expect(config.agency(code: "000.00.00.h41") == agency)
    }

    /// Every key the loader accepts appears in the example, commented out or not, so the example documents them all.
    @Test func shippedExampleMentionsEveryKey() throws {
        let text = try String(contentsOfFile: Self.examplePath, encoding: .utf8)
        let keys = [
            "state_directory", "log_level", "endpoint", "allow_plain_http", "system_id", "secret_file",
            "secret_credential", "ca_bundle", "client_certificate", "client_key", "connect_timeout",
            "request_timeout", "private_key", "certificate", "chain", "password_file", "password_credential",
            "poll_interval", "enabled", "initial_delay", "max_delay", "max_attempts", "jitter", "max_document_size",
            "max_attachments", "max_inbound_envelope_size", "code", "name", "organization_in_charge", "address",
            "email", "telephone", "fax", "website", "root", "outbox", "sent", "failed", "inbox", "quarantine",
            "mode", "settle_time", "reconciliation_interval", "include", "exclude", "recipients", "code_notation",
            "document_type", "type_detail", "type_name", "place", "signer", "competence", "position", "full_name",
            "priority", "steering_type", "sphere_of_promulgation", "timestamp_url", "timestamp_ca_bundle",
            "timestamp_timeout", "visible_signature", "folders", "font", "outbox_folders", "secret_folders",
        ]
        for key in keys {
            #expect(text.contains("\(key):"), "the example does not document '\(key)'")
        }
    }
}
