/// Every fixed word of the page, in one language. The values shown come from the report and are escaped; these
/// are the page's own and are not.
struct PageText: Sendable {
    let title: String
    let daemonRunning: String
    let daemonNotRunning: String
    let neverRan: String
    let since: String
    let axis: String
    let liveStatusStale: String
    let signingKey: String
    let keyKinds: [String: String]
    let tokenPresent: String
    let tokenAbsent: String
    let tokenUnknown: String
    let disks: String
    let free: String
    let diskFull: String
    let outboxWatch: String
    let lastPoll: String
    let axisReachable: String
    let axisUnreachable: String
    let notPolledYet: String
    let lastPollFailed: String
    let outboundStopped: String
    let inboundStopped: String
    let waitingFolder: String
    let waitingNow: String
    let needsAPerson: String
    let waitingList: String
    let moreWaiting: String
    let nothingWaits: String
    let inProgress: String
    let attempt: String
    let nextAttempt: String
    let failedAndQuarantined: String
    let nothingFailed: String
    let lastSent: String
    let lastReceived: String
    let noDocuments: String
    /// For a received document whose envelope was not read far enough to name its files.
    let noFileName: String
    let columns: Columns
    let states: [String: String]
    let statusCodes: [String: String]
    let statusStates: [String: String]
    let refreshNote: String

    struct Columns: Sendable {
        let file: String
        let state: String
        let since: String
        let reason: String
        let counterpartOut: String
        let counterpartIn: String
        let statuses: String
        let updated: String
    }

    static func of(_ language: PageLanguage) -> PageText {
        language == .vietnamese ? .vietnamese : .english
    }
}
