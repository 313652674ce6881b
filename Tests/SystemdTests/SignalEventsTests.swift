import Glibc
import Testing

@testable import Systemd

/// Serialized: these tests send real signals to the test process.
@Suite("SignalEvents", .serialized)
struct SignalEventsTests {
    @Test("SIGUSR1 arrives as pollNow and SIGHUP as reload, in order")
    func deliversSignals() async throws {
        let stream = SignalEvents.stream()
        let received = await collect(2, from: stream) {
            kill(getpid(), SIGUSR1)
            try? await Task.sleep(for: .milliseconds(100))
            kill(getpid(), SIGHUP)
        }
        #expect(received == [.pollNow, .reload])
    }

    @Test("a stream for SIGUSR1 only does not report SIGHUP")
    func filtersSignals() async throws {
        let stream = SignalEvents.stream(for: [.pollNow])
        // SIGHUP must not kill the test process: this stream does not ignore it, so do it here.
        signal(SIGHUP, SIG_IGN)
        let received = await collect(1, from: stream) {
            kill(getpid(), SIGHUP)
            try? await Task.sleep(for: .milliseconds(100))
            kill(getpid(), SIGUSR1)
        }
        #expect(received == [.pollNow])
    }

    @Test("two streams both receive a signal, and a later stream still receives after an earlier one ended")
    func fansOutToStreams() async throws {
        let first = SignalEvents.stream(for: [.pollNow])
        let second = SignalEvents.stream()
        async let fromFirst = collect(1, from: first) {}
        let fromSecond = await collect(1, from: second) { kill(getpid(), SIGUSR1) }
        #expect(await fromFirst == [.pollNow])
        #expect(fromSecond == [.pollNow])
        let third = SignalEvents.stream(for: [.pollNow])
        #expect(await collect(1, from: third) { kill(getpid(), SIGUSR1) } == [.pollNow])
    }

    @Test("every SIGUSR1 sent after the previous one was handled is reported")
    func repeatedSignals() async throws {
        let stream = SignalEvents.stream(for: [.pollNow])
        try await Task.sleep(for: .milliseconds(50))
        let received = await withTaskGroup(of: Int?.self) { group in
            group.addTask {
                var count = 0
                kill(getpid(), SIGUSR1)
                for await _ in stream {
                    count += 1
                    if count == 20 { break }
                    kill(getpid(), SIGUSR1)
                }
                return count
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(10))
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        #expect(received == 20)
    }

    @Test("the signal numbers are SIGHUP for reload and SIGUSR1 for poll")
    func signalNumbers() {
        #expect(ControlSignal.reload.signalNumber == SIGHUP)
        #expect(ControlSignal.pollNow.signalNumber == SIGUSR1)
    }

    /// The first `count` elements of `stream` after running `send`, or what arrived within five seconds.
    private func collect(
        _ count: Int,
        from stream: AsyncStream<ControlSignal>,
        send: @escaping @Sendable () async -> Void
    ) async -> [ControlSignal] {
        await withTaskGroup(of: [ControlSignal]?.self) { group in
            group.addTask {
                var received: [ControlSignal] = []
                for await signal in stream {
                    received.append(signal)
                    if received.count == count { break }
                }
                return received
            }
            group.addTask {
                // Dispatch registers a new source asynchronously; give it a moment before signalling.
                try? await Task.sleep(for: .milliseconds(50))
                await send()
                try? await Task.sleep(for: .seconds(5))
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? []
        }
    }
}
