/// How many documents a pipeline moves through their steps at once.
public enum PipelineConcurrency {
    /// The ten connections the axis SDK keeps per system, whatever the cores: a document spends most of its time
    /// waiting (for `fsync`s and for the axis), not computing. Measured on the 2-core benchmark machine with a
    /// journaled ext4, 1,000-document bursts: 4 at once (twice the cores, the rule before) 103–111 docs/s, 8 at once
    /// 124–141, 10 at once 152–156; inbound, 4 at once 81–90, 10 at once 96–106. The axis client never holds more
    /// than `AxisEndpoint.maxConnections` calls in progress whatever the pipelines ask, and the blocking work runs on
    /// ``BlockingThreadPool``, whose threads are not bounded by the cores either.
    public static let standard = 10
}
