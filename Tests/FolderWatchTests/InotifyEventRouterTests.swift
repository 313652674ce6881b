import CLinux
import Testing

@testable import FolderWatch

@Suite struct InotifyEventRouterTests {
    func router() -> InotifyEventRouter {
        var table = WatchTable(root: "/o")
        table.insert(1, path: "/o")
        table.insert(2, path: "/o/H26")
        table.insert(3, path: "/o/H26/doc")
        return InotifyEventRouter(table: table)
    }

    func route(_ events: [RawInotifyEvent], through router: inout InotifyEventRouter) -> [RouterAction] {
        let bytes = InotifyEventDecoder.encode(events)
        let decoded = bytes.withUnsafeBytes { InotifyEventDecoder.decode($0) }
        #expect(decoded == events)
        return decoded.flatMap { router.route($0) }
    }

    @Test func aQueueOverflowAsksForARescan() {
        var router = router()
        let actions = route(
            [RawInotifyEvent(watch: -1, mask: CLinux_IN_Q_OVERFLOW, cookie: 0, name: "")], through: &router)
        #expect(actions == [.emit(.rescanNeeded(.queueOverflow))])
    }

    @Test func losingTheRootWatchAsksForANewWatcherAndARescan() {
        var router = router()
        let actions = route(
            [
                RawInotifyEvent(watch: 1, mask: CLinux_IN_DELETE_SELF, cookie: 0, name: ""),
                RawInotifyEvent(watch: 1, mask: CLinux_IN_IGNORED, cookie: 0, name: ""),
            ], through: &router)
        #expect(actions == [.emit(.rescanNeeded(.rootWatchLost("/o"))), .emit(.rescanNeeded(.rootWatchLost("/o")))])
        #expect(router.table.rootWatch == nil)
        #expect(RescanReason.rootWatchLost("/o").requiresNewWatcher)
    }

    @Test func anUnmountAsksForARescan() {
        var router = router()
        let actions = route([RawInotifyEvent(watch: 2, mask: CLinux_IN_UNMOUNT, cookie: 0, name: "")], through: &router)
        #expect(actions == [.emit(.rescanNeeded(.unmounted("/o")))])
    }

    @Test func aSubdirectoryWatchRemovedByTheKernelIsForgottenQuietly() {
        var router = router()
        let actions = route([RawInotifyEvent(watch: 3, mask: CLinux_IN_IGNORED, cookie: 0, name: "")], through: &router)
        #expect(actions.isEmpty)
        #expect(router.table.path(of: 3) == nil)
    }

    @Test func closeWriteAndMovedToOfFilesAreHints() {
        var router = router()
        let actions = route(
            [
                RawInotifyEvent(watch: 2, mask: CLinux_IN_CLOSE_WRITE, cookie: 0, name: "a.pdf"),
                RawInotifyEvent(watch: 3, mask: CLinux_IN_MOVED_TO, cookie: 7, name: "Quyết định.pdf"),
                RawInotifyEvent(watch: 1, mask: CLinux_IN_CREATE, cookie: 0, name: "new.pdf"),
            ], through: &router)
        #expect(actions == [.emit(.fileChanged("/o/H26/a.pdf")), .emit(.fileChanged("/o/H26/doc/Quyết định.pdf"))])
    }

    @Test func newDirectoriesAreWatchedAndDepartedOnesUnwatched() {
        var router = router()
        let actions = route(
            [
                RawInotifyEvent(watch: 1, mask: CLinux_IN_CREATE | CLinux_IN_ISDIR, cookie: 0, name: "H27"),
                RawInotifyEvent(watch: 1, mask: CLinux_IN_MOVED_TO | CLinux_IN_ISDIR, cookie: 9, name: "moved"),
                RawInotifyEvent(watch: 1, mask: CLinux_IN_MOVED_FROM | CLinux_IN_ISDIR, cookie: 9, name: "H26"),
            ], through: &router)
        #expect(actions == [.watchTree("/o/H27"), .watchTree("/o/moved"), .unwatchTree("/o/H26")])
        #expect(Set(router.table.watches(under: "/o/H26")) == [2, 3])
    }

    @Test func eventsOfForgottenWatchesAreDropped() {
        var router = router()
        let actions = route(
            [RawInotifyEvent(watch: 42, mask: CLinux_IN_CLOSE_WRITE, cookie: 0, name: "a.pdf")], through: &router)
        #expect(actions.isEmpty)
    }
}
