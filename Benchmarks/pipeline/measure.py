"""Reads what the runs left behind and prints one JSON object of figures. Times are wall-clock milliseconds.

  measure.py wait-stored AXIS_DB PREFIX COUNT TIMEOUT_S    wait until COUNT documents titled PREFIX-* are stored
  measure.py stored AXIS_DB DROPS SETTLE_S                 throughput and latency of the files listed in DROPS
  measure.py wait-state STATE_DB DIRECTION STATE COUNT SINCE_MS TIMEOUT_S
                                                           wait until COUNT documents entered STATE since SINCE_MS
  measure.py pending AXIS_DB RECIPIENT                     how many deliveries wait for RECIPIENT (a number)
  measure.py inbound STATE_DB START_MS                     docs/s delivered and acknowledged, time to first delivery

The axis stores each document with its Subject as title and its arrival time (`document.created_at`, ms); lienthong's
state database has one row per document move (`events.at`, UTC text). Reading both is read-only and never blocks the
writers (WAL).
"""
import datetime
import json
import sqlite3
import sys
import time


def connect(path: str) -> sqlite3.Connection:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
    connection.execute("PRAGMA busy_timeout = 10000")
    return connection


def percentile(values: list, fraction: float):
    """Nearest rank, so p99 of 50 values is the largest."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, -(-int(fraction * 1000) * len(ordered) // 1000))
    return ordered[min(rank, len(ordered)) - 1]


def event_ms(text: str) -> float:
    moment = datetime.datetime.fromisoformat(text.replace(" ", "T")).replace(tzinfo=datetime.timezone.utc)
    return moment.timestamp() * 1000


def count_stored(path: str, prefix: str) -> int:
    try:
        with connect(path) as connection:
            return connection.execute("SELECT count(*) FROM document WHERE title LIKE ?", (prefix + "-%",)).fetchone()[0]
    except sqlite3.Error:
        return 0


def wait(counter, count: int, timeout: float) -> dict:
    start = time.time()
    found = counter()
    while found < count and time.time() - start < timeout:
        time.sleep(0.2)
        found = counter()
    return {"found": found, "expected": count, "timed_out": found < count, "waited_s": round(time.time() - start, 2)}


def stored(path: str, drops_path: str, settle_s: float) -> dict:
    drops = {}
    with open(drops_path) as file:
        for line in file:
            subject, moment = line.split()
            drops[subject] = float(moment)
    with connect(path) as connection:
        rows = connection.execute("SELECT title, created_at FROM document").fetchall()
    stored_at = {title: float(created) for title, created in rows if title in drops}
    settle_ms = settle_s * 1000
    latencies = [stored_at[s] - drops[s] - settle_ms for s in stored_at]
    result = {"expected": len(drops), "stored": len(stored_at)}
    if stored_at:
        first_drop = min(drops.values())
        span_s = (max(stored_at.values()) - first_drop - settle_ms) / 1000
        result.update(
            span_s=round(span_s, 2),
            docs_per_s=round(len(stored_at) / span_s, 1) if span_s > 0 else None,
            p50_ms=round(percentile(latencies, 0.50)),
            p99_ms=round(percentile(latencies, 0.99)),
            max_ms=round(max(latencies)),
        )
    return result


def count_entered(path: str, direction: str, state: str, since_ms: float) -> int:
    since = datetime.datetime.fromtimestamp(since_ms / 1000, datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f")
    try:
        with connect(path) as connection:
            return connection.execute(
                "SELECT count(*) FROM events e JOIN documents d ON d.id = e.document_id "
                "WHERE d.direction = ? AND e.to_state = ? AND e.at >= ?",
                (direction, state, since[:23]),
            ).fetchone()[0]
    except sqlite3.Error:
        return 0


def pending(path: str, recipient: str) -> int:
    with connect(path) as connection:
        return connection.execute(
            "SELECT count(*) FROM delivery WHERE recipient = ? AND status IN ('pending', 'processing')", (recipient,)
        ).fetchone()[0]


def inbound(path: str, start_ms: float) -> dict:
    with connect(path) as connection:
        rows = connection.execute(
            "SELECT e.document_id, e.to_state, e.at FROM events e JOIN documents d ON d.id = e.document_id "
            "WHERE d.direction = 'in' AND d.message_type = 'edoc'"
        ).fetchall()
    moves: dict = {}
    for document, state, at in rows:
        moves.setdefault(document, {}).setdefault(state, event_ms(at))
    acknowledged = [m["acknowledged"] for m in moves.values() if "acknowledged" in m and m["acknowledged"] >= start_ms]
    delivered = [m["delivered"] for m in moves.values() if "delivered" in m and m["delivered"] >= start_ms]
    waits = [m["delivered"] - m["listed"] for m in moves.values() if "delivered" in m and "listed" in m]
    result = {"acknowledged": len(acknowledged), "delivered": len(delivered)}
    if acknowledged:
        span_s = (max(acknowledged) - start_ms) / 1000
        result.update(span_s=round(span_s, 2), docs_per_s=round(len(acknowledged) / span_s, 1))
    if delivered:
        result["first_delivery_s"] = round((min(delivered) - start_ms) / 1000, 2)
    if waits:
        result.update(listed_to_delivered_p50_ms=round(percentile(waits, 0.5)), listed_to_delivered_max_ms=round(max(waits)))
    return result


def main(arguments: list) -> None:
    command, rest = arguments[0], arguments[1:]
    if command == "wait-stored":
        path, prefix, count, timeout = rest
        result = wait(lambda: count_stored(path, prefix), int(count), float(timeout))
    elif command == "stored":
        result = stored(rest[0], rest[1], float(rest[2]))
    elif command == "wait-state":
        path, direction, state, count, since, timeout = rest
        result = wait(lambda: count_entered(path, direction, state, float(since)), int(count), float(timeout))
    elif command == "pending":
        result = pending(rest[0], rest[1])
    elif command == "inbound":
        result = inbound(rest[0], float(rest[1]))
    else:
        sys.exit(f"measure.py: unknown command {command}")
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
