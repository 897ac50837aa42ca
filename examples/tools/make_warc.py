#!/usr/bin/env python3
"""Build the WARC files of the bundled demo corpus from the HTML kept in warc-src/.

    python3 examples/tools/make_warc.py

Writes (overwriting):
  examples/corpus/warc/aljisr-2026-08.warc       WARC/1.0, uncompressed: one warcinfo record
                                                 and three response records
  examples/corpus/warc/mixed-2026-08-14.warc.gz  WARC/1.0, two response records, each record
                                                 its own gzip member (the usual .warc.gz layout)

Standard library only. The output is deterministic (record ids are UUIDv5 of the target URI
and capture time, gzip members carry mtime 0), so re-running it changes nothing unless a
source page changed. Every Content-Length (WARC and HTTP) is the exact byte count of what
follows, and every record carries sha1 block and payload digests.

warc-src/jisr-02.html must stay byte-identical to examples/corpus/html/jisr-02.html: the
corpus uses the pair as its exact-duplicate case (the same page reaching us as a saved
HTML file and inside a crawl).
"""
import base64
import gzip
import hashlib
import os
import uuid
from email.utils import format_datetime
from datetime import datetime, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "warc-src")
OUT = os.path.join(HERE, os.pardir, "corpus", "warc")

SOFTWARE = "marsad-corpus make_warc.py/1.0"

# (source file, target URI, capture time UTC, server IP, Last-Modified UTC)
PLAIN = [
    ("jisr-01.html", "https://aljisr-news.example/economy/2026/07/15/iraq-requests-jordan-power",
     "2026-07-15T12:40:03Z", "192.0.2.41", "2026-07-15T11:32:00Z"),
    ("jisr-02.html", "https://aljisr-news.example/economy/2026/08/12/iraq-jordan-power-deal-signed",
     "2026-08-12T12:47:19Z", "192.0.2.41", "2026-08-12T12:20:00Z"),
    ("jisr-03.html", "https://aljisr-news.example/culture/2026/08/13/mosul-book-fair-opens",
     "2026-08-13T18:02:55Z", "192.0.2.41", "2026-08-13T17:40:00Z"),
]
GZ = [
    ("jisr-04.html", "https://aljisr-news.example/iraq/2026/08/14/parliament-power-deal",
     "2026-08-14T10:31:07Z", "192.0.2.41", "2026-08-14T10:10:00Z"),
    ("fajrnet-01.html", "https://alfajr-net.example/explainers/2026/07/16/baghdad-asks-amman-for-power",
     "2026-08-14T10:33:42Z", "198.51.100.17", "2026-07-16T06:05:00Z"),
]


def sha1_b32(data):
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode("ascii")


def rid(*parts):
    return "<urn:uuid:%s>" % uuid.uuid5(uuid.NAMESPACE_URL, "|".join(parts))


def http_date(iso):
    dt = datetime.strptime(iso, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    return format_datetime(dt, usegmt=True)


def record(headers, block):
    """Serialise one WARC record: header lines, blank line, block, two CRLFs."""
    head = ["WARC/1.0"]
    for k, v in headers:
        head.append("%s: %s" % (k, v))
    head.append("Content-Length: %d" % len(block))
    return ("\r\n".join(head) + "\r\n\r\n").encode("utf-8") + block + b"\r\n\r\n"


def warcinfo(filename, date):
    fields = (
        "software: %s\r\n"
        "format: WARC File Format 1.0\r\n"
        "conformsTo: http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.0/\r\n"
        "isPartOf: marsad-demo-corpus\r\n"
        "description: Invented Arabic news pages for the marsad demo corpus (not a real crawl)\r\n"
        "robots: obey\r\n"
        "http-header-user-agent: marsad-demo-crawler/0.1 (+https://marsad.example/bot)\r\n"
    ) % SOFTWARE
    block = fields.encode("utf-8")
    rec_id = rid("warcinfo", filename, date)
    headers = [
        ("WARC-Type", "warcinfo"),
        ("WARC-Date", date),
        ("WARC-Filename", filename),
        ("WARC-Record-ID", rec_id),
        ("Content-Type", "application/warc-fields"),
        ("WARC-Block-Digest", sha1_b32(block)),
    ]
    return rec_id, record(headers, block)


def response(src, uri, date, ip, last_modified, warcinfo_id=None):
    with open(os.path.join(SRC, src), "rb") as f:
        body = f.read()
    http_head = (
        "HTTP/1.1 200 OK\r\n"
        "Date: %s\r\n"
        "Server: nginx\r\n"
        "Content-Type: text/html; charset=utf-8\r\n"
        "Content-Length: %d\r\n"
        "Last-Modified: %s\r\n"
        "Cache-Control: max-age=300\r\n"
        "X-Cache: HIT\r\n"
        "Connection: close\r\n"
        "\r\n"
    ) % (http_date(date), len(body), http_date(last_modified))
    block = http_head.encode("ascii") + body
    headers = [
        ("WARC-Type", "response"),
        ("WARC-Record-ID", rid("response", uri, date)),
        ("WARC-Date", date),
        ("WARC-Target-URI", uri),
        ("WARC-IP-Address", ip),
    ]
    if warcinfo_id:
        headers.append(("WARC-Warcinfo-ID", warcinfo_id))
    headers += [
        ("Content-Type", "application/http; msgtype=response"),
        ("WARC-Payload-Digest", sha1_b32(body)),
        ("WARC-Block-Digest", sha1_b32(block)),
    ]
    return record(headers, block)


def main():
    os.makedirs(OUT, exist_ok=True)

    name = "aljisr-2026-08.warc"
    info_id, info = warcinfo(name, "2026-07-15T12:40:00Z")
    parts = [info] + [response(*r, warcinfo_id=info_id) for r in PLAIN]
    path = os.path.join(OUT, name)
    with open(path, "wb") as f:
        f.write(b"".join(parts))
    print("wrote %s (%d records, %d bytes)" % (os.path.relpath(path), len(parts), os.path.getsize(path)))

    name = "mixed-2026-08-14.warc.gz"
    members = [gzip.compress(response(*r), compresslevel=9, mtime=0) for r in GZ]
    path = os.path.join(OUT, name)
    with open(path, "wb") as f:
        f.write(b"".join(members))
    print("wrote %s (%d records, one gzip member each, %d bytes)" % (os.path.relpath(path), len(members), os.path.getsize(path)))


if __name__ == "__main__":
    main()
