import Foundation
import Testing

/// Kills one agency's daemon again and again while documents flow: every other iteration at a step boundary (a
/// failpoint makes it `_exit(86)` right after an effect, before the commit that records it), the others at a random
/// moment (SIGKILL). The database must pass `PRAGMA integrity_check` after every kill.
struct CrashLoop {
    let world: TwoAgencies
    /// The agency whose daemon is killed.
    let code: String
    /// Failpoint names, tried in turn (docs/architecture.md, "Crash safety, step by step").
    let places: [String]
    let iterations: Int
    let seed: UInt64

    var database: StateDatabase { StateDatabase(path: world.home(code) + "/state/state.db") }

    /// Runs the loop, calling `feed` before each iteration to keep documents flowing; returns how often each place
    /// was reached (a place never reached would make the loop prove nothing about it).
    func run(feed: (Int) throws -> Void) async throws -> [String: Int] {
        var random = SeededRandom(seed: seed)
        var reached: [String: Int] = [:]
        for iteration in 0..<iterations {
            try feed(iteration)
            if iteration.isMultiple(of: 2) {
                let place = places[(iteration / 2) % places.count]
                let daemon = try world.startDaemon(code, environment: ["LIENTHONG_FAILPOINT": place])
                let exited = await eventually(timeout: 60) { !daemon.isRunning }
                if !exited { daemon.kill() }
                daemon.waitUntilExit()
                let stopped = exited && daemon.terminationStatus == 86
                #expect(
                    stopped,
                    """
                    iteration \(iteration): the daemon did not stop at \(place) (status \(daemon.terminationStatus)):
                    \(daemon.log.suffix(3000))
                    """)
                if stopped { reached[place, default: 0] += 1 }
            } else {
                let daemon = try world.startDaemon(code)
                try await Task.sleep(for: .milliseconds(Int.random(in: 50...1500, using: &random)))
                daemon.kill()
            }
            let integrity = try database.integrityCheck()
            try #require(integrity == "ok", "iteration \(iteration): PRAGMA integrity_check says \(integrity)")
        }
        for place in places {
            #expect(reached[place, default: 0] >= iterations / 2 / places.count, "\(place) was not reached: \(reached)")
        }
        return reached
    }
}
