import Testing

@testable import Inbound

@Suite struct InboundDispatchTests {
    static let dispatch = InboundDispatch(agencyCodes: ["000.01.00.H41", "000.02.00.H41", "000.03.00.H41"])

    @Test func eachListedItemGoesToTheAgencyItIsListedForInTheConfiguredSpelling() {
        #expect(Self.dispatch.takers(listedTo: ["000.02.00.H41"]) == ["000.02.00.H41"])
        #expect(Self.dispatch.takers(listedTo: [" 000.02.00.h41 "]) == ["000.02.00.H41"])
        #expect(
            Self.dispatch.takers(listedTo: ["000.03.00.H41", "000.01.00.H41", "000.03.00.H41"])
                == ["000.03.00.H41", "000.01.00.H41"])
    }

    @Test func anItemListedForAnotherAgencyIsTakenByNone() {
        #expect(Self.dispatch.takers(listedTo: ["000.04.00.H41"]).isEmpty)
        #expect(Self.dispatch.takers(listedTo: ["000.04.00.H41", "000.02.00.H41"]) == ["000.02.00.H41"])
        #expect(Self.dispatch.agency("000.04.00.H41") == nil)
    }

    /// Without `to` nobody can tell before the download; the first agency holds it until the envelope says.
    @Test func anItemWithoutToIsHeldByTheFirstAgency() {
        #expect(Self.dispatch.takers(listedTo: [""]) == ["000.01.00.H41"])
        #expect(Self.dispatch.takers(listedTo: ["  ", "000.03.00.H41"]) == ["000.01.00.H41", "000.03.00.H41"])
    }

    @Test func theEnvelopeAddressesOnlyAgenciesServedHereInConfigurationOrder() {
        #expect(
            Self.dispatch.addressees(recipientIds: ["000.00.00.G22", "000.03.00.H41", "000.01.00.h41"])
                == ["000.01.00.H41", "000.03.00.H41"])
        #expect(Self.dispatch.addressees(recipientIds: ["000.00.00.G22"]).isEmpty)
        #expect(Self.dispatch.addressees(recipientIds: []).isEmpty)
    }

    @Test func theRefusalNamesTheRecipientsInBothLanguages() {
        let lines = InboundDispatch.refusal(addressedTo: ["000.04.00.H41"]).split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("Văn bản không gửi") && lines[0].contains("000.04.00.H41"))
        #expect(lines[1] == "Not addressed to any agency served by this system (addressed to: 000.04.00.H41).")
    }
}
