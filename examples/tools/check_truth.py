#!/usr/bin/env python3
"""Check examples/corpus/truth.json against the corpus files it describes.

    python3 examples/tools/check_truth.py [--strict] [--dump KEY]

Standard library only. For every document in truth.json it opens the file the way a reader
of that format must (UTF-8 or windows-1256 HTML, gzip, WARC records, RSS/Atom items,
JSON Lines), builds the page text, and verifies that every string the truth file quotes
(title, body_must_include, boilerplate_must_exclude, dates, shared passages, contradiction
sentences, entity variants) is an exact substring of it. For HTML (files, WARC payloads,
feed content) the page text is the visible text with whitespace collapsed to single spaces;
for .txt and .jsonl it is the text as stored.

It also checks the containers themselves (exact WARC and HTTP Content-Length values, block
and payload digests, one record per gzip member in .warc.gz, the declared charset), that
every weekday and Hijri date the truth claims agrees with its Gregorian date (Umm al-Qura
calendar), that relative expressions ("اليوم", "أمس", "منذ 3 ساعات") agree with the page's
publication date, that exact duplicates really are identical and near-duplicates really
are near, and it scans each page for date-like expressions that truth.json does not list
(warnings; errors with --strict).

--dump KEY prints the page text of one document (its "key" in truth.json) and exits.
Exit status: 0 when everything holds, 1 otherwise.
"""
import base64
import datetime as dt
import gzip
import hashlib
import json
import os
import re
import sys
import xml.etree.ElementTree as ET
import zlib
from html.parser import HTMLParser

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.normpath(os.path.join(HERE, os.pardir, "corpus"))

# ---- text helpers

BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "br", "button", "dd", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hr", "label", "li", "main", "marquee", "nav", "ol", "option", "p", "pre",
    "section", "select", "table", "tbody", "td", "textarea", "tfoot", "th", "thead", "title",
    "tr", "ul",
}
SKIP_TAGS = {"script", "style", "noscript", "template", "svg"}


class _Visible(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIP_TAGS:
            self.skip += 1
        elif tag in BLOCK_TAGS:
            self.out.append("\n")

    def handle_startendtag(self, tag, attrs):
        if tag in BLOCK_TAGS:
            self.out.append("\n")

    def handle_endtag(self, tag):
        if tag in SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
        elif tag in BLOCK_TAGS:
            self.out.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.out.append(data)


def visible_text(markup):
    p = _Visible()
    p.feed(markup)
    p.close()
    return collapse("".join(p.out))


def collapse(s):
    return re.sub(r"\s+", " ", s).strip()


ARABIC_INDIC = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫", "01234567890123456789.")


def norm_digits(s):
    return s.translate(ARABIC_INDIC)


def html_charset(raw):
    head = raw[:4096].decode("ascii", "replace")
    m = re.search(r"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", head, re.I)
    return (m.group(1) if m else "utf-8").lower()


def gunzip_members(raw):
    """Return the decompressed payload of every gzip member, in order."""
    members = []
    while raw:
        d = zlib.decompressobj(wbits=31)
        members.append(d.decompress(raw) + d.flush())
        if not d.eof:
            raise ValueError("truncated gzip member")
        raw = d.unused_data
    return members


# ---- containers

problems = []
warnings = []


def fail(msg):
    problems.append(msg)


def sha1_b32(data):
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode("ascii")


def parse_warc(data, where):
    """Parse concatenated WARC/1.0 records, validating lengths and digests."""
    records, pos = [], 0
    while pos < len(data):
        end = data.find(b"\r\n\r\n", pos)
        if end < 0:
            fail("%s: record header not terminated at byte %d" % (where, pos))
            break
        lines = data[pos:end].decode("utf-8").split("\r\n")
        if lines[0] != "WARC/1.0":
            fail("%s: bad version line %r at byte %d" % (where, lines[0], pos))
            break
        hdr = {}
        for line in lines[1:]:
            k, _, v = line.partition(":")
            hdr[k.strip()] = v.strip()
        n = int(hdr["Content-Length"])
        block = data[end + 4:end + 4 + n]
        if len(block) != n or data[end + 4 + n:end + 8 + n] != b"\r\n\r\n":
            fail("%s: Content-Length %d of %s does not end at a record boundary" % (where, n, hdr.get("WARC-Record-ID")))
        if "WARC-Block-Digest" in hdr and hdr["WARC-Block-Digest"] != sha1_b32(block):
            fail("%s: block digest mismatch in %s" % (where, hdr.get("WARC-Record-ID")))
        rec = {"header": hdr, "block": block}
        if hdr.get("WARC-Type") == "response":
            hend = block.find(b"\r\n\r\n")
            hlines = block[:hend].decode("iso-8859-1").split("\r\n")
            if not re.match(r"HTTP/1\.[01] \d{3} ", hlines[0]):
                fail("%s: bad HTTP status line %r" % (where, hlines[0]))
            http = {}
            for line in hlines[1:]:
                k, _, v = line.partition(":")
                http[k.strip().lower()] = v.strip()
            body = block[hend + 4:]
            if int(http.get("content-length", -1)) != len(body):
                fail("%s: HTTP Content-Length %s != %d for %s" % (where, http.get("content-length"), len(body), hdr.get("WARC-Target-URI")))
            if "WARC-Payload-Digest" in hdr and hdr["WARC-Payload-Digest"] != sha1_b32(body):
                fail("%s: payload digest mismatch for %s" % (where, hdr.get("WARC-Target-URI")))
            m = re.search(r"charset=([\w-]+)", http.get("content-type", ""))
            rec["http"] = http
            rec["raw"] = body
            rec["body"] = body.decode(m.group(1) if m else "utf-8")
        records.append(rec)
        pos = end + 8 + n
    return records


_cache = {}


def load_container(rel):
    if rel in _cache:
        return _cache[rel]
    path = os.path.join(CORPUS, rel)
    raw = open(path, "rb").read()
    if rel.endswith(".warc.gz"):
        recs = []
        for i, member in enumerate(gunzip_members(raw)):
            r = parse_warc(member, "%s member %d" % (rel, i))
            if len(r) != 1:
                fail("%s: gzip member %d holds %d records (want 1)" % (rel, i, len(r)))
            recs += r
        obj = recs
    elif rel.endswith(".warc"):
        obj = parse_warc(raw, rel)
    elif rel.endswith(".html.gz") or rel.endswith(".html"):
        if rel.endswith(".gz"):
            raw = gzip.decompress(raw)
        cs = html_charset(raw)
        obj = raw.decode({"windows-1256": "cp1256"}.get(cs, cs))
    elif rel.endswith(".xml"):
        obj = ET.fromstring(raw)
    elif rel.endswith(".jsonl"):
        obj = [json.loads(l) for l in raw.decode("utf-8").splitlines() if l.strip()]
    else:
        obj = raw.decode("utf-8")
    _cache[rel] = obj
    return obj


NS = {"atom": "http://www.w3.org/2005/Atom", "content": "http://purl.org/rss/1.0/modules/content/"}


def page_text(rel, record):
    """The text every quoted string of one document must be a substring of."""
    obj = load_container(rel)
    if rel.endswith(".txt"):
        return obj
    if rel.endswith(".html") or rel.endswith(".html.gz"):
        return visible_text(obj)
    if rel.endswith(".warc") or rel.endswith(".warc.gz"):
        for r in obj:
            if r["header"].get("WARC-Target-URI") == record and "body" in r:
                return visible_text(r["body"])
        raise KeyError("no response record for %s in %s" % (record, rel))
    if rel.endswith(".jsonl"):
        line = obj[int(record) - 1]
        return line["title"] + "\n\n" + line["text"]
    if rel.endswith(".xml"):
        if obj.tag == "rss":
            for item in obj.iter("item"):
                if item.findtext("link") == record:
                    parts = [item.findtext("title") or "", item.findtext("description") or "",
                             item.findtext("content:encoded", default="", namespaces=NS)]
                    return " \n ".join(visible_text(p) for p in parts if p)
        else:
            for e in obj.findall("atom:entry", NS):
                links = [l.get("href") for l in e.findall("atom:link", NS)]
                if record in links:
                    parts = [e.findtext("atom:title", "", NS), e.findtext("atom:summary", "", NS),
                             e.findtext("atom:content", "", NS)]
                    return " \n ".join(visible_text(p) for p in parts if p)
        raise KeyError("no feed item %s in %s" % (record, rel))
    raise ValueError("unknown format: " + rel)


def raw_payload(rel, record):
    """The bytes of an HTML page as served: the file (gunzipped) or the WARC response payload."""
    if ".warc" in rel:
        for r in load_container(rel):
            if r["header"].get("WARC-Target-URI") == record and "raw" in r:
                return r["raw"]
        return None
    if rel.endswith(".html") or rel.endswith(".html.gz"):
        raw = open(os.path.join(CORPUS, rel), "rb").read()
        return gzip.decompress(raw) if rel.endswith(".gz") else raw
    return None


# ---- calendars

WEEKDAYS = {"الإثنين": 0, "الاثنين": 0, "الثلاثاء": 1, "الأربعاء": 2, "الخميس": 3, "الجمعة": 4, "السبت": 5, "الأحد": 6}
GREG_MONTHS = {
    "يناير": 1, "كانون الثاني": 1, "فبراير": 2, "شباط": 2, "مارس": 3, "آذار": 3, "أبريل": 4, "إبريل": 4, "نيسان": 4,
    "مايو": 5, "أيار": 5, "يونيو": 6, "حزيران": 6, "يوليو": 7, "تموز": 7, "أغسطس": 8, "آب": 8,
    "سبتمبر": 9, "أيلول": 9, "أكتوبر": 10, "تشرين الأول": 10, "نوفمبر": 11, "تشرين الثاني": 11,
    "ديسمبر": 12, "كانون الأول": 12,
}
HIJRI_MONTHS = {
    "محرم": 1, "صفر": 2, "ربيع الأول": 3, "ربيع الآخر": 4, "ربيع الثاني": 4, "جمادى الأولى": 5,
    "جمادى الآخرة": 6, "رجب": 7, "شعبان": 8, "رمضان": 9, "شوال": 10, "ذو القعدة": 11, "ذو الحجة": 12,
}
# Umm al-Qura month starts (Gregorian) for the years the corpus uses, as given by the
# hijridate package; used when hijridate itself is not installed.
UMM_AL_QURA_STARTS = {
    (1447, 1): "2025-06-26", (1447, 2): "2025-07-26", (1447, 3): "2025-08-24", (1447, 4): "2025-09-23",
    (1447, 5): "2025-10-23", (1447, 6): "2025-11-22", (1447, 7): "2025-12-21", (1447, 8): "2026-01-20",
    (1447, 9): "2026-02-18", (1447, 10): "2026-03-20", (1447, 11): "2026-04-18", (1447, 12): "2026-05-18",
    (1448, 1): "2026-06-16", (1448, 2): "2026-07-15", (1448, 3): "2026-08-14", (1448, 4): "2026-09-12",
    (1448, 5): "2026-10-12", (1448, 6): "2026-11-11", (1448, 7): "2026-12-10", (1448, 8): "2027-01-09",
    (1448, 9): "2027-02-08", (1448, 10): "2027-03-09", (1448, 11): "2027-04-08", (1448, 12): "2027-05-07",
    (1449, 1): "2027-06-06",
}


def hijri_to_gregorian(y, m, d):
    try:
        from hijridate import Hijri  # optional, more years
        return Hijri(y, m, d).to_gregorian()
    except ImportError:
        start = dt.date.fromisoformat(UMM_AL_QURA_STARTS[(y, m)])
        nxt = dt.date.fromisoformat(UMM_AL_QURA_STARTS[(y + (m == 12), m % 12 + 1)])
        day = start + dt.timedelta(days=d - 1)
        if day >= nxt:
            raise ValueError("day %d beyond the length of %d/%d" % (d, m, y))
        return day


def alt(names):
    return "|".join(sorted(map(re.escape, names), key=len, reverse=True))


RE_HIJRI = re.compile(r"(\d{1,2})\s+(%s)\s+(\d{4})\s*[هﻫ]" % alt(HIJRI_MONTHS))
RE_GREG = re.compile(r"(\d{1,2})\s*(?:-\s*)?(?:من\s+)?(%s)(?:\s*/\s*(?:%s))?(?:\s*-?\s*(\d{4}))?" % (alt(GREG_MONTHS), alt(GREG_MONTHS)))
RE_NUM = [
    (re.compile(r"(\d{4})[/-](\d{2})[/-](\d{2})"), ("y", "m", "d")),
    (re.compile(r"(\d{2})[./](\d{2})[./](\d{4})"), ("d", "m", "y")),
]
RE_WEEKDAY = re.compile(alt(WEEKDAYS))
RELATIVE_DAYS = [("قبل يومين", -2), ("أمس", -1), ("اليوم", 0), ("منذ", 0)]


def check_date(entry, published, where):
    text, resolved, precision = entry["text"], entry["resolved"], entry["precision"]
    fmt = {"day": r"\d{4}-\d{2}-\d{2}$", "month": r"\d{4}-\d{2}$", "year": r"\d{4}$"}[precision]
    if not re.match(fmt, resolved):
        fail("%s: %r resolved %r does not match precision %s" % (where, text, resolved, precision))
        return
    t = norm_digits(text)
    if precision != "day":
        return
    day = dt.date.fromisoformat(resolved)
    for m in RE_HIJRI.finditer(t):
        g = hijri_to_gregorian(int(m.group(3)), HIJRI_MONTHS[m.group(2)], int(m.group(1)))
        if g != day:
            fail("%s: Hijri %r is %s in Umm al-Qura, truth says %s" % (where, m.group(0), g, resolved))
    t_no_hijri = RE_HIJRI.sub(" ", t)
    for m in RE_GREG.finditer(t_no_hijri):
        d, mon, y = int(m.group(1)), GREG_MONTHS[m.group(2)], m.group(3)
        if (d, mon) != (day.day, day.month) or (y and int(y) != day.year):
            fail("%s: %r disagrees with resolved %s" % (where, m.group(0), resolved))
    for rx, order in RE_NUM:
        for m in rx.finditer(t):
            parts = dict(zip(order, map(int, m.groups())))
            if (parts["y"], parts["m"], parts["d"]) != (day.year, day.month, day.day):
                fail("%s: %r disagrees with resolved %s" % (where, m.group(0), resolved))
    for m in RE_WEEKDAY.finditer(t):
        if WEEKDAYS[m.group(0)] != day.weekday():
            fail("%s: %r but %s is a %s" % (where, text, resolved, day.strftime("%A")))
    if entry["kind"] in ("relative", "weekday") and published:
        for word, offset in RELATIVE_DAYS:
            if word in t:
                want = dt.date.fromisoformat(published) + dt.timedelta(days=offset)
                if word == "منذ" and re.search(r"منذ\s+\d+\s+(ساع|دقيق|ثوان)", t) is None:
                    continue
                if word == "اليوم" and "أمس" in t:
                    continue
                if day != want:
                    fail("%s: %r resolved %s, but the page is dated %s" % (where, text, resolved, published))
                break


# Date-like expressions a page may contain; each hit must lie inside some listed date text.
SCAN = re.compile(
    r"\b(%s|%s|%s)\b|\b\d{1,2}[./]\d{1,2}[./]\d{4}\b|\b\d{4}[/-]\d{1,2}[/-]\d{1,2}\b|(?<![\d.,])(?:19|20)\d\d(?![\d.,])"
    r"|منذ\s+\d+\s*\S+|\b(?:أمس|اليوم|غداً|الماضي|الماضية|الفائت|المقبل|المقبلة|الجاري|قبل يومين|هذا العام)\b"
    % (alt(GREG_MONTHS), alt(HIJRI_MONTHS), alt(WEEKDAYS))
)
# Words that look like dates but are not in these pages.
SCAN_IGNORE = {"الماضية", "المقبلة"}


def scan_uncovered(text, dates, where):
    norm = norm_digits(text)
    spans = []
    for d in dates:
        t = norm_digits(d["text"])
        start = norm.find(t)
        while start >= 0:
            spans.append((start, start + len(t)))
            start = norm.find(t, start + 1)
    for m in SCAN.finditer(norm):
        if m.group(0) in SCAN_IGNORE:
            continue
        if not any(a <= m.start() and m.end() <= b for a, b in spans):
            ctx = norm[max(0, m.start() - 25):m.end() + 25].replace("\n", " ")
            warnings.append("%s: date-like %r not listed in truth dates: …%s…" % (where, m.group(0), ctx))


# ---- main checks

def mentions(text, variant):
    """Does the surface form occur as a whole word, allowing one or two proclitics (و ف ب ل ك)?

    For a form starting with the article ال, the contracted لـ + ال spelling (للمؤسسة) counts too.
    """
    forms = [r"[وفبلك]{0,2}%s" % re.escape(variant)]
    if variant.startswith("ال"):
        forms.append(r"[وف]?لل%s" % re.escape(variant[2:]))
    rx = r"(?<!\w)(?:%s)(?!\w)" % "|".join(forms)
    return re.search(rx, text) is not None


def shingles(text, n=5):
    w = re.findall(r"\w+", text)
    return {tuple(w[i:i + n]) for i in range(max(0, len(w) - n + 1))}


def main(argv):
    strict = "--strict" in argv
    truth = json.load(open(os.path.join(CORPUS, "truth.json"), encoding="utf-8"))
    docs = {d["key"]: d for d in truth["documents"]}
    if len(docs) != len(truth["documents"]):
        fail("duplicate document keys")

    if "--dump" in argv:
        d = docs[argv[argv.index("--dump") + 1]]
        print(page_text(d["file"], d["record"]))
        return 0

    outlets = {o["name"] for o in truth["outlets"]}
    texts = {}
    for k, d in docs.items():
        try:
            texts[k] = page_text(d["file"], d["record"])
        except Exception as e:  # noqa: BLE001 - report and go on
            fail("%s: cannot load: %s" % (k, e))
            continue
        t = texts[k]
        if d["outlet"] not in outlets:
            fail("%s: unknown outlet %r" % (k, d["outlet"]))
        dt.date.fromisoformat(d["published"])
        for field in ("title",):
            if d[field] not in t:
                fail("%s: %s not found: %r" % (k, field, d[field]))
        if not 3 <= len(d["body_must_include"]) <= 5:
            fail("%s: want 3-5 body_must_include, have %d" % (k, len(d["body_must_include"])))
        if len(d["boilerplate_must_exclude"]) > 8:
            fail("%s: want at most 8 boilerplate_must_exclude, have %d" % (k, len(d["boilerplate_must_exclude"])))
        for s in d["body_must_include"] + d["boilerplate_must_exclude"]:
            if s not in t:
                fail("%s: not found: %r" % (k, s))
        for s in d["body_must_include"]:
            if any(s in b or b in s for b in d["boilerplate_must_exclude"]):
                fail("%s: %r is both body and boilerplate" % (k, s))

    # every corpus file is described
    described = {d["file"] for d in docs.values()} | {s["file"] for s in truth.get("feed_stubs", [])}
    for root, _, names in os.walk(CORPUS):
        for n in names:
            rel = os.path.relpath(os.path.join(root, n), CORPUS).replace(os.sep, "/")
            if rel not in described and rel not in ("README.md", "truth.json") and not n.startswith("."):
                fail("corpus file not described in truth.json: " + rel)

    # container-level checks
    nabd = [d["file"] for d in docs.values() if d.get("encoding") == "windows-1256"]
    for rel in nabd:
        raw = open(os.path.join(CORPUS, rel), "rb").read()
        if html_charset(raw) != "windows-1256":
            fail("%s: does not declare windows-1256" % rel)
        try:
            raw.decode("utf-8")
            fail("%s: decodes as UTF-8, so it is not really windows-1256" % rel)
        except UnicodeDecodeError:
            pass
    for rel in sorted({d["file"] for d in docs.values() if ".warc" in d["file"]}):
        recs = load_container(rel)
        kinds = [r["header"]["WARC-Type"] for r in recs]
        for r in recs:
            if "http" in r and "text/html; charset=utf-8" not in r["http"].get("content-type", ""):
                fail("%s: %s lacks Content-Type text/html; charset=utf-8" % (rel, r["header"]["WARC-Target-URI"]))
        print("%-40s %s" % (rel, ", ".join(kinds)))
    for s in truth.get("feed_stubs", []):
        t = page_text(s["file"], s["record"])
        if s["title"] not in t:
            fail("feed stub %s: title not found" % s["record"])

    # duplicates
    for k, d in docs.items():
        if d.get("duplicate_of"):
            o = docs[d["duplicate_of"]]
            if d.get("duplicate_kind") == "identical-bytes":
                a, b = raw_payload(d["file"], d["record"]), raw_payload(o["file"], o["record"])
                if a is None or a != b or texts.get(k) != texts.get(o["key"]):
                    fail("%s: not byte-identical to %s" % (k, o["key"]))
            else:  # same article in two containers: same headline, every body string in both
                strings = d["body_must_include"] + o["body_must_include"]
                if d["title"] != o["title"] or any(s not in texts[k] or s not in texts[o["key"]] for s in strings):
                    fail("%s: not the same article as %s" % (k, o["key"]))
            print("exact duplicate %s = %s (%s)" % (k, o["key"], d.get("duplicate_kind")))
        if d.get("near_duplicate_of"):
            o = docs[d["near_duplicate_of"]]
            a, b = shingles(texts[k]), shingles(texts[o["key"]])
            contained = len(a & b) / len(a)
            missing = [s for s in d["body_must_include"] if s not in texts[o["key"]]]
            if (texts[k] == texts[o["key"]] or contained < 0.8 or not missing
                    or any(s not in texts[k] for s in o["body_must_include"])):
                fail("%s: not a near duplicate of %s" % (k, o["key"]))
            print("near duplicate %s ~ %s: %.0f%% of its 5-word shingles occur in the original, %d body sentence(s) added, title %s"
                  % (k, o["key"], 100 * contained, len(missing), "differs" if d["title"] != o["title"] else "same"))

    # events and stories
    ev = {e["id"]: e for e in truth["events"]}
    for e in truth["events"]:
        for k in e["documents"]:
            if k not in docs:
                fail("event %s: unknown document %s" % (e["id"], k))
            elif docs[k]["event"] != e["id"]:
                fail("event %s lists %s whose event is %s" % (e["id"], k, docs[k]["event"]))
    for k, d in docs.items():
        if d["event"] not in ev or k not in ev[d["event"]]["documents"]:
            fail("%s: event %s does not list it" % (k, d["event"]))
    for s in truth["stories"]:
        for e in s["events"]:
            if ev[e]["story"] != s["id"]:
                fail("story %s lists event %s of story %s" % (s["id"], e, ev[e]["story"]))

    # entities
    ent = {e["id"]: e for e in truth["entities"]}
    for e in truth["entities"]:
        for v in e["variants"]:
            if not v["documents"]:
                fail("entity %s: variant %r has no documents" % (e["id"], v["text"]))
            found = {k for k, t in texts.items() if mentions(t, v["text"])}
            for k in v["documents"]:
                if k not in found:
                    fail("entity %s: %r not in %s" % (e["id"], v["text"], k))
            for k in sorted(found - set(v["documents"])):
                fail("entity %s: %r also occurs in %s, which its documents omit" % (e["id"], v["text"], k))
    for a, b in truth["distinct_pairs"]:
        if a not in ent or b not in ent:
            fail("distinct pair %s/%s: unknown entity" % (a, b))

    # dates
    by_doc = {}
    for i, d in enumerate(truth["dates"]):
        k = d["document"]
        where = "dates[%d] %s" % (i, k)
        if k not in texts:
            fail(where + ": unknown document")
            continue
        if d["text"] not in texts[k]:
            fail("%s: %r not found" % (where, d["text"]))
        check_date(d, docs[k]["published"], where)
        by_doc.setdefault(k, []).append(d)
    for k, t in texts.items():
        scan_uncovered(t, by_doc.get(k, []), k)

    # shared passages
    for p in truth["shared_passages"]:
        n = len(p["documents"])
        if not (len(p["credited_to"]) == len(p["texts"]) == n):
            fail("shared passage %s: documents, credited_to and texts differ in length" % p["id"])
            continue
        for k, credit, text in zip(p["documents"], p["credited_to"], p["texts"]):
            t = texts.get(k, "")
            if text not in t:
                fail("shared passage %s: text not in %s" % (p["id"], k))
            if credit is not None and credit not in t:
                fail("shared passage %s: credit %r not in %s" % (p["id"], credit, k))
            if credit is None and any(a in t for a in p["agency_names"]):
                fail("shared passage %s: %s is marked uncredited but names the agency" % (p["id"], k))
        if p["text"] not in texts.get(p["documents"][0], ""):
            fail("shared passage %s: canonical text not in first document" % p["id"])

    # contradictions
    for c in truth["contradictions"]:
        if len({v["value"] for v in c["values"]}) < 2:
            fail("contradiction %s: fewer than two values" % c["about"])
        for v in c["values"]:
            for k in v["documents"]:
                if v["text"] not in texts.get(k, ""):
                    fail("contradiction %r: %r not in %s" % (c["about"], v["text"], k))
            if norm_digits(v["surface"]) not in norm_digits(v["text"]):
                fail("contradiction %r: surface %r not in its sentence" % (c["about"], v["surface"]))

    # report
    n_dates = len(truth["dates"])
    print("documents: %d (%d distinct pages), outlets: %d, events: %d, stories: %d"
          % (len(docs), len([d for d in docs.values() if not d.get("duplicate_of")]), len(outlets),
             len(truth["events"]), len(truth["stories"])))
    print("entities: %d with %d variants, dates: %d, shared passages: %d, contradictions: %d"
          % (len(ent), sum(len(e["variants"]) for e in ent.values()), n_dates,
             len(truth["shared_passages"]), len(truth["contradictions"])))
    quoted = sum(1 + len(d["body_must_include"]) + len(d["boilerplate_must_exclude"]) for d in docs.values())
    print("quoted strings checked in documents: %d" % quoted)
    for w in warnings:
        print("warning:", w)
    for p in problems:
        print("FAIL:", p)
    if problems or (strict and warnings):
        print("check_truth: %d problem(s), %d warning(s)" % (len(problems), len(warnings)))
        return 1
    print("check_truth: OK (%d warning(s))" % len(warnings))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
