import AxisClient
import AxisProtocol
import Foundation
import Testing

@Suite struct FailureClassTests {
    @Test(arguments: [
        (408, AxisFailureClass.transient), (429, .transient), (500, .transient), (503, .transient),
        (400, .permanent), (401, .permanent), (404, .permanent), (302, .permanent),
    ])
    func httpStatusClasses(_ code: Int, _ expected: AxisFailureClass) {
        let error = AxisError(method: .getReceivedEdocList, kind: .httpStatus(code: code, bodyExcerpt: ""),
            requestBodyFullySent: true)
        #expect(error.failureClass == expected)
    }

    @Test func gatewayErrorsAfterAFullSendEdocUploadAreAmbiguousButNot503() {
        for code in [500, 502, 504] {
            let error = AxisError(method: .sendEdoc, kind: .httpStatus(code: code, bodyExcerpt: ""),
                requestBodyFullySent: true)
            #expect(error.failureClass == .ambiguous)
        }
        let unavailable = AxisError(method: .sendEdoc, kind: .httpStatus(code: 503, bodyExcerpt: ""),
            requestBodyFullySent: true)
        #expect(unavailable.failureClass == .transient)
    }

    @Test func networkFailureBeforeTheBodyLeftIsTransientEvenForSendEdoc() {
        let error = AxisError(method: .sendEdoc, kind: .network(code: 28, message: "timeout"),
            requestBodyFullySent: false)
        #expect(error.failureClass == .transient)
        let afterUpload = AxisError(method: .sendEdoc, kind: .network(code: 28, message: "timeout"),
            requestBodyFullySent: true)
        #expect(afterUpload.failureClass == .ambiguous)
        let otherMethod = AxisError(method: .updateStatus, kind: .network(code: 56, message: "reset"),
            requestBodyFullySent: true)
        #expect(otherMethod.failureClass == .transient)
    }

    @Test func everySimulatorRejectionHasAClassAndValidationFailuresArePermanent() {
        let permanent: [AxisRejection] = [
            .wrongSender(from: "a", systemId: "b"), .unknownRecipient("c"), .invalidDocument("x"), .hashMismatch,
            .documentNotFound("d"), .unknownMethod("m"), .missingHeader("h"), .headerMismatch("from"),
        ]
        for rejection in permanent {
            let error = AxisError(method: .sendEdoc, kind: .fail(errorCode: rejection.errorCode,
                errorDescription: rejection.errorDescription), requestBodyFullySent: true)
            #expect(error.failureClass == .permanent, "\(rejection)")
        }
        for rejection in [AxisRejection.invalidSignature, .unknownSystem("s"), .internalError, .invalidTimestamp("t")] {
            let error = AxisError(method: .sendEdoc, kind: .fail(errorCode: rejection.errorCode,
                errorDescription: rejection.errorDescription))
            #expect(error.failureClass == .transient, "\(rejection)")
        }
    }

    @Test func diskFullWhileDownloadingIsTransientButAMissingFileIsPermanent() {
        #expect(AxisError(method: .downloadEdoc, kind: .localFile(path: "/x", operation: "write", errno: ENOSPC))
            .failureClass == .transient)
        #expect(AxisError(method: .sendEdoc, kind: .localFile(path: "/x", operation: "open", errno: ENOENT))
            .failureClass == .permanent)
    }
}
