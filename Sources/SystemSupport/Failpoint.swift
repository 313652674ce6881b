import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Named places in the pipelines where a crash test can make the daemon die on the spot, as kill -9 or a power cut
/// would, right between an effect and the commit that records it (reliability.md: "kill -9 at every step boundary").
///
/// `LIENTHONG_FAILPOINT=send.stored` makes the process `_exit(86)` the first time it reaches that place;
/// `send.stored:3` the third time. Nothing is flushed or cleaned up. `sign.written:hang` instead blocks the thread
/// that reaches it forever, as a hung disk or a lock never released would: the watchdog test's wedge. Debug builds
/// only: in a release build ``reached(_:)`` is empty and the variable is never read.
public enum Failpoint {
    /// The exit status of a process stopped by a failpoint, so a test can tell it from a crash.
    public static let exitStatus: Int32 = 86

    /// Dies here if `LIENTHONG_FAILPOINT` names this place and this is the time it asks for.
    @inline(__always)
    public static func reached(_ name: StaticString) {
        #if DEBUG
            armed?.reach(String(describing: name))
        #endif
    }

    #if DEBUG
        private static let armed: Armed? = Armed(ProcessInfo.processInfo.environment["LIENTHONG_FAILPOINT"])

        /// The place named by the environment, and how often it has been reached (the daemon's tasks share it).
        private final class Armed: @unchecked Sendable {
            let name: String
            let hit: Int
            /// Block instead of exiting.
            let hangs: Bool
            private let lock = NSLock()
            private var reached = 0

            init?(_ value: String?) {
                guard let value, !value.isEmpty else { return nil }
                let parts = value.split(separator: ":", maxSplits: 1)
                name = String(parts[0])
                hangs = parts.count == 2 && parts[1] == "hang"
                hit = parts.count == 2 && !hangs ? max(1, Int(parts[1]) ?? 1) : 1
            }

            func reach(_ place: String) {
                guard place == name else { return }
                lock.lock()
                reached += 1
                let now = reached == hit
                lock.unlock()
                guard now else { return }
                if hangs {
                    let line = "lienthong: failpoint \(place) reached; this thread hangs\n"
                    _ = line.withCString { write(2, $0, strlen($0)) }
                    while true { sleep(3600) }
                }
                let line = "lienthong: failpoint \(place) reached; exiting with status \(Failpoint.exitStatus)\n"
                _ = line.withCString { write(2, $0, strlen($0)) }
                _exit(Failpoint.exitStatus)
            }
        }
    #endif
}
