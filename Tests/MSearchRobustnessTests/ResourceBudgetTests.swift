import Foundation
import MSearchTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The reading budgets through the real binary: each hostile file is small, would cost
/// gigabytes or minutes without its budget, and is now skipped (or truncated) with a one-line
/// reason naming it while the rest of the run is indexed.
@Suite(.serialized) struct ResourceBudgetTests {
    /// Indexes `src` (plus `arguments`) and returns the outcome and its problem lines.
    func index(_ work: TemporaryDirectory, _ arguments: [String] = []) throws -> (Child.Outcome, [String]) {
        let r = try Child.run(["index", "--quiet", "--index", work.sub("index")] + arguments + [work.sub("src")])
        // 1: indexed, but a file was skipped (a truncated one is still indexed: 0).
        #expect(r.status == 0 || r.status == 1, "exit \(r.status ?? -1) signal \(r.signal ?? 0): \(r.stderr.suffix(2000))")
        return (r, r.stderr.split(separator: "\n").map(String.init))
    }

    func search(_ work: TemporaryDirectory, _ query: String) throws -> Child.Outcome {
        try Child.run(["--index", work.sub("index"), "--color", "never", query])
    }

    /// A 1 MB entity referenced by every item of a feed was expanded once per item.
    @Test func entityAmplificationIsSkippedWithAReason() throws {
        let work = TemporaryDirectory("budget")
        try work.write("src/good.txt", "Good file\nThe harbour reopened today.")
        let entity = String(repeating: "ampword ", count: 125_000)   // 1,000,000 bytes
        let items = (0..<8).map { "<item><title>t\($0)</title><guid>g\($0)</guid><description>&big;</description></item>" }.joined()
        try work.write("src/bomb.rss", "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY big \"\(entity)\">]>\n<rss><channel>\(items)</channel></rss>")
        let (r, lines) = try index(work)
        let line = lines.first { $0.contains("bomb.rss:") }
        #expect(line?.hasPrefix("msearch: skipped ") == true, "\(r.stderr)")
        #expect(line?.contains("XML entities expand to more than 1 MB in the file (entity amplification") == true, "\(r.stderr)")
        #expect(try search(work, "harbour").status == 0)
        #expect(try search(work, "ampword").status == 1)
        #expect(r.maxRSSKilobytes < 400 * 1024, "peak \(r.maxRSSKilobytes / 1024) MB")
    }

    /// gzip content in a .txt is looked through, but only up to `--max-file-size`.
    @Test func inflatingStopsAtTheFileSizeLimit() throws {
        let work = TemporaryDirectory("budget")
        try work.write("src/good.txt", "Good file\nThe harbour reopened today.")
        let plain = try work.write("plain", "Packed\n\n" + String(repeating: "lorem ipsum dolor sit amet ", count: 50_000))   // 1.35 MB
        let packed = try MSearchBinary.runShell("gzip -9 -c '\(plain)' > '\(work.sub("src/packed.txt"))'")
        #expect(packed.status == 0)
        let (r, lines) = try index(work, ["--max-file-size", "1"])
        let line = lines.first { $0.contains("packed.txt:") }
        #expect(line?.hasSuffix("decompresses to more than 1 MB (the --max-file-size limit)") == true, "\(r.stderr)")
        #expect(try search(work, "lorem").status == 1)
        // Under the default limit (100 MB) the same file is read.
        let again = try Child.run(["index", "--quiet", "--rebuild", "--no-extract", "--index", work.sub("index"), work.sub("src")])
        #expect(again.stderr.isEmpty, "\(again.stderr)")
        #expect(try search(work, "lorem").status == 0)
    }

    /// Trees are bounded before libxml2 builds them: elements per page, attributes per element.
    @Test func markupPastTheLimitsIsSkippedBeforeParsing() throws {
        let work = TemporaryDirectory("budget")
        try work.write("src/good.html", "<html><head><title>Good page</title></head><body><article><p>The harbour reopened today after the storm.</p></article></body></html>")
        try work.write("src/many.html", "<html><body>" + String(repeating: "<p>w", count: 200_000) + "</body></html>")
        let attributes = (0..<1_001).map { "data-a\($0)=\"v\"" }.joined(separator: " ")
        try work.write("src/attrs.html", "<html><body><div \(attributes)>attrword</div></body></html>")
        let started = now()
        let (r, lines) = try index(work)
        let many = lines.first { $0.contains("many.html:") }
        #expect(many?.contains("more than 200000 elements in the page (the limit per page)") == true, "\(r.stderr)")
        let attrs = lines.first { $0.contains("attrs.html:") }
        #expect(attrs?.contains("an element with more than 1000 attributes at byte 12 (the limit per element)") == true, "\(r.stderr)")
        #expect(try search(work, "harbour").status == 0)
        #expect(try search(work, "attrword").status == 1)
        print("markup limits: \(String(format: "%.1f", now() - started)) s, peak \(r.maxRSSKilobytes / 1024) MB")
    }

    /// A document's text is cut at 4 MB with a note; what is past the cut is not indexed.
    @Test func textPastTheLimitIsTruncatedWithANote() throws {
        let work = TemporaryDirectory("budget")
        var body = "Long file\n\nheadmarker opens the text.\n"
        let line = "the quick brown fox jumps over the lazy dog and runs on\n"
        body += String(repeating: line, count: (4 << 20) / line.utf8.count + 1000)
        body += "tailmarker closes it.\n"
        try work.write("src/long.txt", body)
        let (r, lines) = try index(work, ["--no-extract"])
        let note = lines.first { $0.contains("long.txt:") }
        #expect(note?.hasPrefix("msearch: partly indexed ") == true, "\(r.stderr)")
        #expect(note?.contains("text past 4 MB not indexed (truncated at 4 MB, the limit on text per document;") == true, "\(r.stderr)")
        #expect(try search(work, "headmarker").status == 0)
        #expect(try search(work, "tailmarker").status == 1)
    }
}
