"""Makes distinct, valid one-page PDFs and drops them into an outbox the way a clerk's software does: written under a
dot-name first (the watchers ignore those), then renamed. Prints one line per file: `<subject> <rename time in ms>`.

  drop.py DIR COUNT [--size BYTES] [--prefix P] [--first N] [--every SECONDS] [--meta TEXT] [--stage-only]

All files are written first and renamed in one tight loop ("dropped at once"), unless --every paces the renames.
A file is named `<number>_<prefix>-<number>.pdf`, which the demo's filename pattern `{number}_{subject}` reads as
number and subject, so the axis stores it with that subject (its title) and the benchmark can find it there.
"""
import argparse
import os
import time


def make_pdf(note: str, size: int) -> bytes:
    """Catalog, page tree, page, content stream and font with exact xref offsets (as Tests/IntegrationTests/TestPDF),
    plus an unreferenced stream of random bytes padding the file to about `size` bytes (real PDFs are compressed)."""
    content = f"BT /F1 12 Tf 72 720 Td (lienthong benchmark {note}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
        b"/Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    padding = max(0, size - 1200)
    if padding:
        objects.append(b"<< /Length %d >>\nstream\n" % padding + os.urandom(padding) + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for index, body in enumerate(objects):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % (index + 1) + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("directory")
    parser.add_argument("count", type=int)
    parser.add_argument("--size", type=int, default=100 * 1024)
    parser.add_argument("--prefix", default="bench")
    parser.add_argument("--first", type=int, default=1)
    parser.add_argument("--every", type=float, default=0.0)
    parser.add_argument("--meta", default="", help="sidecar text written as <file>.meta.yaml before the drop")
    parser.add_argument("--stage-only", action="store_true", help="write the files under their final names")
    arguments = parser.parse_args()
    staged = []
    for number in range(arguments.first, arguments.first + arguments.count):
        subject = f"{arguments.prefix}-{number}"
        name = f"{number}_{subject}.pdf"
        final = os.path.join(arguments.directory, name)
        temporary = final if arguments.stage_only else os.path.join(arguments.directory, "." + name + ".part")
        with open(temporary, "wb") as file:
            file.write(make_pdf(subject, arguments.size))
        if arguments.meta:
            with open(final + ".meta.yaml", "w") as file:
                file.write(arguments.meta + "\n")
        staged.append((subject, temporary, final))
    if arguments.stage_only:
        return
    lines = []
    for subject, temporary, final in staged:
        if arguments.every:
            time.sleep(arguments.every)
        os.rename(temporary, final)
        lines.append(f"{subject} {time.time() * 1000:.1f}")
    print("\n".join(lines), flush=True)


if __name__ == "__main__":
    main()
