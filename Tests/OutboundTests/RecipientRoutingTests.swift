import Testing

@testable import Outbound

@Suite struct RecipientRoutingTests {
    @Test func aFileInARecipientFolderGoesToThatCode() {
        #expect(
            RecipientRouting.recipients(relativeComponents: ["000.00.00.H26", "x.pdf"], defaults: ["000.00.00.G22"])
                == .recipients(["000.00.00.H26"]))
    }

    @Test func aFolderNamedWithSeveralCodesJoinedByPlusGoesToEachOnceInOrder() {
        #expect(
            RecipientRouting.recipients(
                relativeComponents: ["000.00.00.H26+000.00.00.G22+000.00.00.H26", "x.pdf"], defaults: [])
                == .recipients(["000.00.00.H26", "000.00.00.G22"]))
    }

    @Test func aFileDirectlyInTheOutboxUsesTheDefaultsOrHasNoRecipient() {
        #expect(
            RecipientRouting.recipients(relativeComponents: ["x.pdf"], defaults: ["000.00.00.G22"])
                == .recipients(["000.00.00.G22"]))
        #expect(RecipientRouting.recipients(relativeComponents: ["x.pdf"], defaults: []) == .noRecipient)
    }

    @Test func deeperFoldersAreRoutedByTheirFirstLevel() {
        #expect(
            RecipientRouting.recipients(relativeComponents: ["000.00.00.H26", "2026", "x.pdf"], defaults: [])
                == .recipients(["000.00.00.H26"]))
    }

    @Test(arguments: ["Công văn đi", "..", "a b", "000.00.00.H26+", "+000.00.00.H26", "a..b", ".hidden"])
    func aFolderThatIsNotAnAgencyCodeIsReportedByName(folder: String) {
        #expect(
            RecipientRouting.recipients(relativeComponents: [folder, "x.pdf"], defaults: ["000.00.00.G22"])
                == .notACode(folder: folder))
    }

    @Test(arguments: ["000.00.00.H26", "28.22.H17", "vxp.saas.03", "02.44.W00", "G22", "000.46.24.H44"])
    func realAgencyCodeShapesAreAccepted(code: String) {
        #expect(RecipientRouting.isPlausibleAgencyCode(code))
    }

    /// A route name, spelt right or wrong, has no digit: unless configured it is not taken for a code, so the
    /// clerk hears about it instead of the axis refusing an unknown recipient.
    @Test(arguments: ["so-noi-vu", "so-noi-vuu", "cac_so_nganh", "UBND.tinh"])
    func aNameWithoutADigitIsNotACode(name: String) {
        #expect(!RecipientRouting.isPlausibleAgencyCode(name))
        #expect(
            RecipientRouting.recipients(relativeComponents: [name, "x.pdf"], defaults: ["000.00.00.G22"])
                == .notACode(folder: name))
    }
}
