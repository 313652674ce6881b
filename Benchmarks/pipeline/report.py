"""Turns the figures of one run (RESULTS/*.json, written by scripts/bench.sh) into one table, printed and written
with the machine's description to a Markdown file (`-` for none).

  report.py RESULTS OUT COMMAND LABEL
"""
import datetime
import json
import os
import platform
import sys


def load(directory: str) -> dict:
    figures = {}
    for name in sorted(os.listdir(directory)):
        if name.endswith(".json"):
            with open(os.path.join(directory, name)) as file:
                text = file.read().strip()
            try:
                figures[name[:-5]] = json.loads(text) if text else {}
            except json.JSONDecodeError:
                figures[name[:-5]] = {"error": text}
    return figures


def machine() -> str:
    model = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    memory = next(int(line.split()[1]) for line in open("/proc/meminfo") if line.startswith("MemTotal"))
    return (f"{os.cpu_count()} CPUs ({model}), {memory / 1048576:.1f} GiB RAM, Linux {platform.release()}, "
            f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC")


def number(value, digits=1, unit=""):
    if value is None:
        return "–"
    return f"{value:,.{digits}f}{unit}"


def seconds(ms):
    return "–" if ms is None else (f"{ms:,.0f} ms" if abs(ms) < 1000 else f"{ms / 1000:,.2f} s")


def met(condition) -> str:
    return "–" if condition is None else ("yes" if condition else "**no**")


def smaller(actual, full) -> str:
    """Marks a verdict taken on a smaller run than the issue's (quick mode)."""
    return "" if (actual or 0) >= full else f" (smaller run: {actual or 0:,} not {full:,})"


def progress(figures: dict, found="stored") -> str:
    """'(480 of 500, timed out)' when a scenario did not finish."""
    got, expected = figures.get(found, figures.get("found")), figures.get("expected")
    if expected is None or got is None or got >= expected:
        return ""
    return f" ({got} of {expected}, timed out)"


def rows(f: dict) -> list:
    out = []
    burst, base = f.get("burst", {}), f.get("base", {})
    docs = burst.get("expected", 0)
    rate, base_rate = burst.get("docs_per_s"), base.get("docs_per_s")
    ratio = rate / base_rate if rate and base_rate else None
    out.append([f"(a) outbound burst, {docs} PDFs × 100 KB: docs/s until all stored, past settle",
                number(rate) + progress(burst), number(base_rate) + progress(base),
                number(ratio, 1, "×"), "≥ 500 docs/s and ≥ 20× baseline",
                met(None if rate is None else rate >= 500 and (ratio or 0) >= 20) + smaller(docs, 2000)])
    out.append(["(a) burst latency drop → stored, p50 / p99 (past settle; baseline has none)",
                f"{seconds(burst.get('p50_ms'))} / {seconds(burst.get('p99_ms'))}",
                f"{seconds(base.get('p50_ms'))} / {seconds(base.get('p99_ms'))}", "", "", ""])
    cpu, base_cpu = f.get("burst.daemon", {}).get("cpu_s"), f.get("base.script", {}).get("cpu_s")
    out.append(["(a) CPU per document: daemon A / the script and its children",
                number(cpu * 1000 / burst["stored"] if cpu and burst.get("stored") else None, 1, " ms"),
                number(base_cpu * 1000 / base["stored"] if base_cpu and base.get("stored") else None, 1, " ms"),
                "", "", ""])
    urgent = f.get("urgent", {})
    out.append(["(b) urgent file dropped mid-burst: stored, past settle",
                seconds(urgent.get("max_ms")) + progress(urgent), "", "", "≤ 1 s",
                met(None if urgent.get("max_ms") is None else urgent["max_ms"] <= 1000) + smaller(docs, 2000)])
    single = f.get("single", {})
    out.append([f"(c) single file, {single.get('expected', 0)} one at a time: p50 / p99 past settle",
                f"{seconds(single.get('p50_ms'))} / {seconds(single.get('p99_ms'))}" + progress(single), "", "",
                "≤ 20 ms / ≤ 50 ms",
                met(None if single.get("p50_ms") is None else single["p50_ms"] <= 20 and single["p99_ms"] <= 50)])
    inbound, waited = f.get("inbound", {}), f.get("inbound-wait", {})
    out.append([f"(d) inbound, {waited.get('expected', 0)} waiting: docs/s delivered and acknowledged",
                number(inbound.get("docs_per_s")) + progress(waited, "found"), "", "", "≥ 300 docs/s",
                met(None if inbound.get("docs_per_s") is None else inbound["docs_per_s"] >= 300)
                + smaller(waited.get("expected"), 2000)])
    out.append(["(d) inbound: listed → delivered, p50 / max; first delivery after start",
                f"{seconds(inbound.get('listed_to_delivered_p50_ms'))} / "
                f"{seconds(inbound.get('listed_to_delivered_max_ms'))}; "
                f"{number(inbound.get('first_delivery_s'), 2, ' s')}", "", "", "max ≤ 1 s",
                met(None if inbound.get("listed_to_delivered_max_ms") is None
                    else inbound["listed_to_delivered_max_ms"] <= 1000)])
    claim, claim_rss = f.get("claim", {}), f.get("claim.daemon", {}).get("peak_mib")
    out.append([f"(e) {claim.get('expected', 0):,} files in the outbox at start: all claimed; daemon peak RSS",
                f"{number(claim.get('seconds'), 1, ' s')}{progress(claim, 'found')}; {number(claim_rss, 0, ' MiB')}",
                "", "", "≤ 60 s (100,000); ≤ 200 MiB",
                met(None if not claim else not claim.get("timed_out") and claim["seconds"] <= 60
                    and (claim_rss or 0) <= 200) + smaller(claim.get("expected"), 100000)])
    big, big_rss = f.get("big", {}), f.get("big.daemon", {}).get("peak_mib")
    big_ms, reference = big.get("max_ms"), big.get("reference_ms")
    big_ratio = big_ms / reference if big_ms and reference else None
    out.append([f"(f) {big.get('mib', 0)} MiB attachment: stored past settle; daemon peak RSS "
                "(baseline: sha256sum + base64)",
                f"{seconds(big_ms)}{progress(big)}; {number(big_rss, 0, ' MiB')}", seconds(reference),
                number(big_ratio, 1, "×"), "≤ 2×; ≤ 64 MiB",
                met(None if big_ratio is None else big_ratio <= 2 and (big_rss or 0) <= 64)
                + smaller(big.get("mib"), 1024)])
    for key, title in [("burst.daemon", "daemon A, burst"), ("burst.axis", "lienthong-axis, burst"),
                       ("base.script", "shell script (all its processes), burst"),
                       ("base.axis", "lienthong-axis, shell script burst"),
                       ("inbound.daemon", "daemon B, inbound"), ("inbound.axis", "lienthong-axis, inbound"),
                       ("single.daemon", "daemon A, single files"), ("claim.daemon", "daemon A, files at start"),
                       ("big.daemon", "daemon A, big attachment"), ("big.axis", "lienthong-axis, big attachment")]:
        if key in f:
            text = f"{number(f[key].get('cpu_s'), 2, ' s')} / {number(f[key].get('peak_mib'), 0, ' MiB')}"
            out.append([f"CPU seconds / peak RSS: {title}", "" if key.startswith("base.script") else text,
                        text if key.startswith("base.script") else "", "", "", ""])
    rsa, sql = f.get("limit.rsa", {}), f.get("limit.sqlite", {})
    out.append(["machine: RSA-2048 signs/s (one core, openssl speed)", number(rsa.get("signs_per_s")), "", "", "", ""])
    out.append(["machine: SQLite WAL synchronous=FULL commits/s", number(sql.get("commits_per_s"), 0), "", "", "", ""])
    for connections in (1, 4):
        axis = f.get(f"limit.axis{connections}", {})
        plural = "s" if connections > 1 else ""
        out.append([f"machine: axis sendEdoc requests/s, {connections} connection{plural} "
                    f"({number(axis.get('body_bytes', 0) / 1024, 0, ' KiB')} envelope)",
                    number(axis.get("requests_per_s"), 0), "", "", "", ""])
    return out


def table(lines: list) -> str:
    header = ["scenario", "lienthong", "baseline", "ratio", "target", "met?"]
    text = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    text += ["| " + " | ".join(line) + " |" for line in lines]
    return "\n".join(text)


def main() -> None:
    directory, out, command, label = sys.argv[1:5]
    rendered = table(rows(load(directory)))
    print(rendered)
    if out == "-":
        return
    with open(out, "w") as file:
        file.write("# Benchmarks: throughput (issue #11)\n\n")
        if label:
            file.write(label + "\n\n")
        file.write(f"Machine: {machine()}.\n\nCommand: `{command}`\n\n{rendered}\n\n")
        file.write(
            "How to read it: latencies run from the file's rename into the outbox to the axis storing the document "
            "(`document.created_at` in lienthong-axis's SQLite), minus the settle time; docs/s is the documents "
            "stored divided by the time from the first drop to the last stored, minus the settle time. Inbound counts "
            "from daemon B's start to its last `acknowledged` move (B's state database). CPU seconds are user + system "
            "of the process (all threads) from /proc during the scenario; peak RSS is VmHWM, reset per scenario. "
            "The baseline is `Benchmarks/baseline/send-folder.sh` (inotifywait, `openssl cms -sign`, a heredoc "
            "edXML, curl with signed headers), against the same axis in the same run; its CPU and peak RSS come from "
            "`/usr/bin/time` over all its processes. Raw figures: `KEEP=1` keeps the run's `results/*.json`.\n")
    print(f"\nwritten to {out}")


if __name__ == "__main__":
    main()
