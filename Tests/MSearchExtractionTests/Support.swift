import Foundation
import MSearchSources
import MSearchTestSupport
@testable import MSearchExtraction

typealias XDate = MSearchExtraction.PartialDate

/// `<package root>/../shared`, or nil when the shared data is absent (as in a bare clone).
let sharedDir: String? = TestData.shared.flatMap { FileManager.default.fileExists(atPath: $0 + "/seeds") ? $0 : nil }

func doc(_ body: String, title: String = "", date: String? = nil, evidence: String? = nil, url: String? = nil) -> SourceDocument {
    SourceDocument(id: "t", path: "t.txt", title: title, body: body, date: date, dateEvidence: evidence, url: url, format: .text)
}

/// A fixed "today" so far-future rules don't depend on the clock.
let testExtractor = Extractor(today: XDate(year: 2025, month: 6, day: 1))

func names(_ e: Extraction) -> [String] { e.actors.map(\.name) }

/// Seed article: first non-empty line is the title, the rest the body (as the text reader does).
/// A seed article as the indexer reads it: through the real text reader.
func seedDocument(_ path: String) -> SourceDocument {
    (try? SourceReader.read(fileAt: path))?.first
        ?? SourceDocument(id: path, path: path, title: "", body: "", format: .text)
}

// MARK: Reuters-21578 (read from the SGML here, so the tests need no converter)

struct ReutersDoc {
    var id: String
    var title: String
    var body: String
    var date: String?
    var people: [String]
    var orgs: [String]
}

/// Documents of the Reuters-21578 SGML files under `dir` (Latin-1), as shared/peers/convert_reuters.py
/// reads them (title, body, PEOPLE and ORGS items). Byte-level, to stay quick in debug builds.
func readReuters(_ dir: String, onlyTagged: Bool) -> [ReutersDoc] {
    let files = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasPrefix("reut2-") && $0.hasSuffix(".sgm") }.sorted()
    var out: [ReutersDoc] = []
    for f in files {
        guard let data = FileManager.default.contents(atPath: dir + "/" + f) else { continue }
        // Title and body as the indexer sees them (wrapped lines joined, entities decoded); the
        // PEOPLE and ORGS tags, which the reader does not keep, from the SGML here.
        var read: [String: SourceDocument] = [:]
        for d in SourceReader.readAll(fileAt: dir + "/" + f).documents { read[d.id] = d }
        let b = [UInt8](data)
        func find(_ needle: String, _ from: Int, _ to: Int) -> Int? {
            let n = Array(needle.utf8)
            guard let first = n.first, to - from >= n.count else { return nil }
            var i = from
            let last = to - n.count
            while i <= last {
                if b[i] == first {
                    var k = 1
                    while k < n.count, b[i + k] == n[k] { k += 1 }
                    if k == n.count { return i }
                }
                i += 1
            }
            return nil
        }
        func latin1(_ from: Int, _ to: Int) -> String {
            var s = ""
            s.unicodeScalars.append(contentsOf: b[from..<to].map { Unicode.Scalar($0) })
            return s
        }
        func element(_ name: String, _ from: Int, _ to: Int) -> (Int, Int)? {
            guard let a = find("<" + name, from, to), let gt = find(">", a, to), let c = find("</" + name + ">", gt, to) else { return nil }
            return (gt + 1, c)
        }
        func items(_ name: String, _ from: Int, _ to: Int) -> [String] {
            guard let (a, c) = element(name, from, to) else { return [] }
            var res: [String] = []
            var p = a
            while let d = find("<D>", p, c), let e = find("</D>", d, c) { res.append(latin1(d + 3, e)); p = e + 4 }
            return res
        }
        var pos = 0
        while let open = find("<REUTERS", pos, b.count), let close = find("</REUTERS>", open, b.count) {
            pos = close + 10
            let people = items("PEOPLE", open, close), orgs = items("ORGS", open, close)
            if onlyTagged && people.isEmpty && orgs.isEmpty { continue }
            var id = ""
            if let r = find("NEWID=\"", open, close), let q = find("\"", r + 7, close) { id = latin1(r + 7, q) }
            var title = "", body = ""
            if let (ta, tc) = element("TEXT", open, close) {
                if let (a, c) = element("TITLE", ta, tc) { title = latin1(a, c) }
                if let (a, c) = element("BODY", ta, tc) { body = latin1(a, c) }
                if title.isEmpty && body.isEmpty { body = latin1(ta, tc) }
            }
            title = unescape(title); body = unescape(body)
            if let d = read[id] { title = d.title; body = d.body }
            var date: String?
            if let (a, c) = element("DATE", open, close) { date = reutersDate(latin1(a, c)) }
            out.append(ReutersDoc(id: id, title: title.trimmingCharacters(in: .whitespacesAndNewlines),
                                  body: body.trimmingCharacters(in: .whitespacesAndNewlines), date: date, people: people, orgs: orgs))
        }
    }
    return out
}

private func unescape(_ s: String) -> String {
    s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
        .replacingOccurrences(of: "&#3;", with: "").replacingOccurrences(of: "&amp;", with: "&")
}

private func reutersDate(_ s: String) -> String? {
    let months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
    let p = s.trimmingCharacters(in: .whitespaces).split(separator: "-")
    guard p.count >= 3, let d = Int(p[0]), let m = months.firstIndex(of: p[1].uppercased()), let y = Int(p[2].prefix(4)) else { return nil }
    return String(format: "%04d-%02d-%02d", y, m + 1, d)
}

// MARK: the scoring of shared/eval/actor_eval.py

func evalWords(_ s: String) -> [String] {
    Fold.key(s.replacingOccurrences(of: ".", with: " ").replacingOccurrences(of: "'", with: " ")).split(separator: " ").map(String.init)
}

func loadOrgAliases(_ path: String) -> [String: [[String]]] {
    var keys: [String: [[String]]] = [:]
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return keys }
    for line in text.split(separator: "\n") where !line.hasPrefix("#") {
        let c = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) + ["", "", ""]
        let names = [c[0], c[2]] + c[3].split(separator: "|").map(String.init)
        keys[c[0]] = names.map(evalWords).filter { !$0.isEmpty }
    }
    return keys
}

func personFound(_ tag: String, _ actors: [[String]]) -> Bool {
    let parts = Set(evalWords(tag))
    return actors.contains { parts.isSubset(of: Set($0)) }
}

func orgFound(_ tag: String, _ actors: [[String]], _ aliases: [String: [[String]]]) -> Bool {
    let keys = aliases[tag] ?? [evalWords(tag)]
    for k in keys where !k.isEmpty {
        for a in actors where a.count >= k.count {
            for i in 0...(a.count - k.count) where Array(a[i..<(i + k.count)]) == k { return true }
        }
    }
    return false
}
