"""The machine's limits, measured in the same run as the pipeline. Prints one JSON object.

  limits.py rsa SECONDS                      RSA-2048 signatures per second on one core (`openssl speed`)
  limits.py sqlite DIR SECONDS               SQLite commits per second, WAL, synchronous=FULL, one row each
  limits.py axis PORT SYSTEM_ID SECRET_FILE BODY SECONDS CONNECTIONS
                                             sendEdoc requests per second, BODY sent again and again on
                                             CONNECTIONS kept-alive connections, each request freshly signed
"""
import hashlib
import hmac
import http.client
import json
import os
import re
import sqlite3
import subprocess
import sys
import threading
import time


def rsa(seconds: int) -> dict:
    output = subprocess.run(
        ["openssl", "speed", "-seconds", str(seconds), "rsa2048"], capture_output=True, text=True, check=True
    ).stdout
    line = next(line for line in output.splitlines() if re.match(r"^rsa\s+2048 bits", line))
    numbers = re.findall(r"[\d.]+", line)
    return {"signs_per_s": float(numbers[-2]), "verifies_per_s": float(numbers[-1])}


def sqlite(directory: str, seconds: float) -> dict:
    path = os.path.join(directory, "limits.db")
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, v TEXT)")
    commits = 0
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        connection.execute("BEGIN")
        connection.execute("INSERT INTO t (v) VALUES (?)", ("x" * 200,))
        connection.execute("COMMIT")
        commits += 1
    elapsed = time.monotonic() - start
    connection.close()
    return {"commits_per_s": round(commits / elapsed)}


def java_lossy_hex(digest: bytes) -> str:
    """The axis's hash-file: each byte as Java's Integer.toHexString, without zero padding."""
    return "".join(format(byte, "x") for byte in digest)


def axis_timestamp() -> str:
    now = time.time()
    return time.strftime("%d%m%YT%H%M%S", time.localtime(now)) + "+%04d" % int(now * 1000 % 1000)


def signed_headers(system_id: str, secret: bytes, sender: str, hash_file: str) -> dict:
    signed = [
        ("from", sender), ("servicetype", "eDoc"), ("messagetype", "edoc"), ("hash-file", hash_file),
        ("systemid", system_id), ("timestamp", axis_timestamp()), ("Content-Type", "application/octet-stream"),
    ]
    text = "{" + ",".join(f'"XroadVnpt-{k}":"{v}"' for k, v in signed) + "}"
    headers = {f"XroadVnpt-{k}": v for k, v in signed}
    headers.update({
        "Content-Type": "application/octet-stream",
        "XroadVnpt-sign-header-key": ";".join(k for k, _ in signed),
        "XroadVnpt-sign-header": text,
        "XroadVnpt-hash-header": hmac.new(secret, text.encode(), hashlib.sha256).hexdigest(),
        "XroadVnpt-version": "3.0.201608",
    })
    return headers


def axis(port: int, system_id: str, secret_file: str, body_path: str, seconds: float, connections: int) -> dict:
    secret = open(secret_file, "rb").read().strip()
    body = open(body_path, "rb").read()
    hash_file = java_lossy_hex(hashlib.sha256(body).digest())
    counts = {"ok": 0, "failed": 0}
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        ok = failed = 0
        while time.monotonic() < deadline:
            connection.request("POST", "/sendEdoc", body, signed_headers(system_id, secret, system_id, hash_file))
            reply = connection.getresponse().read()
            if b'"OK"' in reply:
                ok += 1
            else:
                failed += 1
        with lock:
            counts["ok"] += ok
            counts["failed"] += failed

    start = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - start
    return {"requests_per_s": round(counts["ok"] / elapsed), "failed": counts["failed"], "body_bytes": len(body)}


def main(arguments: list) -> None:
    command, rest = arguments[0], arguments[1:]
    if command == "rsa":
        result = rsa(int(rest[0]))
    elif command == "sqlite":
        result = sqlite(rest[0], float(rest[1]))
    elif command == "axis":
        result = axis(int(rest[0]), rest[1], rest[2], rest[3], float(rest[4]), int(rest[5]))
    else:
        sys.exit(f"limits.py: unknown command {command}")
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
