import ArgumentParser
import StateStore

/// `lienthong status`: one screen about the queue.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Queue counts by state, the oldest waiting document and the last errors.")

    @OptionGroup var database: StateOption

    func run() throws {
        let store = try database.openStore()
        let counts = try store.countsByState()
        for direction in Direction.allCases {
            let states = DocumentState.allCases.filter { $0.direction == direction }
            let line = states.map { "\($0.rawValue) \(counts[$0] ?? 0)" }.joined(separator: ", ")
            print("\(direction == .outbound ? "outbound" : "inbound ")  \(line)")
        }
        if let oldest = try store.oldestWaiting() {
            print("oldest waiting: #\(oldest.id ?? 0) \(oldest.fileName) (\(oldest.state.rawValue) since "
                + "\(localTime(oldest.createdAt)))")
        } else {
            print("oldest waiting: none")
        }
        let errors = try store.recentErrors()
        if !errors.isEmpty {
            print("last errors:")
            for document in errors {
                print("  #\(document.id ?? 0) \(document.state.rawValue) \(localTime(document.updatedAt)): "
                    + (document.lastError ?? ""))
            }
        }
    }
}
