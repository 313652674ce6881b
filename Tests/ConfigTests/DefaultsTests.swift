import Foundation
import Testing

@testable import Config

@Suite struct DefaultsTests {
    @Test func minimalConfigurationGetsEveryDocumentedDefault() throws {
        let config = try ConfigLoader.parse(yaml: minimalYAML, sourceName: "test.yaml")

        #expect(config.stateDirectory == "/var/lib/lienthong")
        #expect(config.logLevel == "info")
        #expect(config.axis.allowPlainHTTP == false)
        #expect(config.axis.secretCredential == nil)
        #expect(config.axis.connectTimeout == .seconds(10))
        #expect(config.axis.requestTimeout == .seconds(300))
        #expect(config.signing.chain == nil)
        #expect(config.inbound.pollInterval == .seconds(30))
        #expect(config.inbound.enabled)
        #expect(config.retry.initialDelay == .seconds(5))
        #expect(config.retry.maxDelay == .seconds(30 * 60))
        #expect(config.retry.maxAttempts == 0)
        #expect(config.retry.jitter == 0.2)
        #expect(config.limits.maxDocumentSize == 500 * 1024 * 1024)
        #expect(config.limits.maxAttachments == 50)
        #expect(config.limits.maxInboundEnvelopeSize == 1024 * 1024 * 1024)

        let agency = try #require(config.agencies.first)
        #expect(agency.name == "000.00.00.H41", "name defaults to the code")
        #expect(agency.email == nil)
        #expect(agency.folders.root == "/srv/lienthong/h41")
        #expect(agency.folders.outbox == "/srv/lienthong/h41/outbox")
        #expect(agency.folders.sent == "/srv/lienthong/h41/sent")
        #expect(agency.folders.failed == "/srv/lienthong/h41/failed")
        #expect(agency.folders.inbox == "/srv/lienthong/h41/inbox")
        #expect(agency.folders.quarantine == "/srv/lienthong/h41/quarantine")
        #expect(agency.watch == WatchSettings())
        #expect(agency.watch.mode == "auto")
        #expect(agency.watch.settleTime == .seconds(3))
        #expect(agency.watch.pollInterval == .seconds(10))
        #expect(agency.watch.reconciliationInterval == .seconds(600))
        #expect(agency.watch.include.isEmpty && agency.watch.exclude.isEmpty)
        #expect(agency.defaults == DocumentDefaults())
        #expect(agency.defaults.documentType == 1)
        #expect(agency.defaults.typeDetail == 0)
        #expect(agency.defaults.typeName == "Công văn")
        #expect(agency.defaults.priority == 0)
        #expect(agency.defaults.steeringType == 0)
        #expect(agency.defaults.recipients.isEmpty)
    }

    @Test func folderOverridesReplaceOnlyTheirOwnDefaultAndAreNormalized() throws {
        let yaml =
            minimalYAML + """

                      sent: /srv/archive//h41/sent/
                      inbox: /srv/lienthong/h41/../h41-in
                """
        let folders = try #require(try ConfigLoader.parse(yaml: yaml, sourceName: "test.yaml").agencies.first).folders
        #expect(folders.sent == "/srv/archive/h41/sent")
        #expect(folders.inbox == "/srv/lienthong/h41-in")
        #expect(folders.outbox == "/srv/lienthong/h41/outbox")
        #expect(folders.quarantine == "/srv/lienthong/h41/quarantine")
    }

    @Test func emptyValuesReadAsUnsetAndNumbersKeepTheirTextInTextFields() throws {
        let yaml = minimalYAML.replacingOccurrences(
            of: "  - code: 000.00.00.H41",
            with: """
                  - code: 000.00.00.H41
                    fax:
                    email: ~
                    telephone: 02383844111
                """)
        let agency = try #require(try ConfigLoader.parse(yaml: yaml, sourceName: "test.yaml").agencies.first)
        #expect(agency.fax == nil)
        #expect(agency.email == nil)
        #expect(agency.telephone == "02383844111", "the leading zero of a phone number survives")
    }

    @Test func yamlMergeKeysShareSettingsBetweenAgenciesAndExplicitKeysWin() throws {
        let yaml =
            minimalYAML + """

                    watch: &slow_share
                      mode: poll
                      settle_time: 30s
                  - code: 000.01.31.H41
                    folders:
                      root: /srv/lienthong/snv
                    watch:
                      <<: *slow_share
                      settle_time: 1m
                """
        let agencies = try ConfigLoader.parse(yaml: yaml, sourceName: "test.yaml").agencies
        #expect(agencies.count == 2)
        #expect(agencies[0].watch.mode == "poll")
        #expect(agencies[0].watch.settleTime == .seconds(30))
        #expect(agencies[1].watch.mode == "poll")
        #expect(agencies[1].watch.settleTime == .seconds(60))
    }

    @Test func plainHTTPIsAcceptedWhenExplicitlyAllowed() throws {
        let yaml = minimalYAML.replacingOccurrences(
            of: "  endpoint: https://axis.example.gov.vn/XrdAdapter/adapter",
            with: "  endpoint: http://10.0.0.5:8080/XrdAdapter/adapter\n  allow_plain_http: true")
        let config = try ConfigLoader.parse(yaml: yaml, sourceName: "test.yaml")
        #expect(config.axis.endpoint == "http://10.0.0.5:8080/XrdAdapter/adapter")
        #expect(config.axis.allowPlainHTTP)
    }
}
