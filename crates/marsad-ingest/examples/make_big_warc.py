#!/usr/bin/env python3
"""Write a large synthetic WARC for throughput measurements: the demo corpus's WARC source pages
(examples/tools/warc-src) repeated as response records under new URIs, with a request record before
every tenth response and an image record every fiftieth, so skipping is measured too.

    python3 crates/marsad-ingest/examples/make_big_warc.py OUT.warc MEGABYTES [--gzip]

With --gzip, every record is its own gzip member (the usual .warc.gz layout). Standard library only.
"""
import gzip
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, os.pardir, os.pardir, os.pardir, "examples", "tools", "warc-src")


def record(kind, uri, content_type, block):
    head = (
        "WARC/1.0\r\nWARC-Type: %s\r\nWARC-Target-URI: %s\r\nWARC-Date: 2026-08-14T10:00:00Z\r\n"
        "Content-Type: %s\r\nContent-Length: %d\r\n\r\n" % (kind, uri, content_type, len(block))
    )
    return head.encode() + block + b"\r\n\r\n"


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    out, megabytes, zipped = sys.argv[1], int(sys.argv[2]), "--gzip" in sys.argv
    pages = [open(os.path.join(SRC, n), "rb").read() for n in sorted(os.listdir(SRC))]
    written, n = 0, 0
    with open(out, "wb") as f:
        while written < megabytes << 20:
            uri = "https://bench.example/%d" % n
            body = pages[n % len(pages)]
            http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + body
            parts = [record("response", uri, "application/http; msgtype=response", http)]
            if n % 10 == 0:
                parts.insert(0, record("request", uri, "application/http; msgtype=request", b"GET / HTTP/1.1\r\n\r\n"))
            if n % 50 == 0:
                png = b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n" + b"\x89PNG" + bytes(4000)
                parts.append(record("response", uri + ".png", "application/http; msgtype=response", png))
            for part in parts:
                written += len(part)
                f.write(gzip.compress(part, 1, mtime=0) if zipped else part)
            n += 1
    print("wrote %s: %d response records, %d MB uncompressed" % (out, n, written >> 20))


if __name__ == "__main__":
    main()
