import ArgumentParser
import Config
import Foundation
import StateStore

extension LienthongConfig {
    /// The daemon's state database, read-only, for the inspection commands.
    func openStateForReading() throws -> DocumentStore {
        try openState { try DocumentStore(readingFrom: $0) }
    }

    /// The daemon's state database, for the commands that queue work (retry, answer, revoke, update, replace).
    ///
    /// It must exist already: `lienthong run` creates it as the service's user, and a command run as root must not
    /// create one (with root-owned files) where the daemon would then fail to write.
    func openStateForWriting() throws -> DocumentStore {
        try openState { try DocumentStore(path: $0) }
    }

    private func openState(_ open: (String) throws -> DocumentStore) throws -> DocumentStore {
        guard FileManager.default.fileExists(atPath: stateDatabasePath) else {
            printError("no state database at \(stateDatabasePath) yet: has `lienthong run` started?")
            throw ExitCode.failure
        }
        do {
            return try open(stateDatabasePath)
        } catch {
            printError("\(error)")
            throw ExitCode.failure
        }
    }
}
