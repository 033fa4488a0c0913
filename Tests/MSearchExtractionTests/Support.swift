import Foundation
import MSearchSources
@testable import MSearchExtraction

typealias XDate = MSearchExtraction.PartialDate

/// `<package root>/../shared`, or nil when the shared data is absent (as in a bare clone).
let sharedDir: String? = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let dir = root.deletingLastPathComponent().appendingPathComponent("shared").path
    return FileManager.default.fileExists(atPath: dir + "/seeds") ? dir : nil
}()

func doc(_ body: String, title: String = "", date: String? = nil, evidence: String? = nil, url: String? = nil) -> SourceDocument {
    SourceDocument(id: "t", path: "t.txt", title: title, body: body, date: date, dateEvidence: evidence, url: url, format: .text)
}

/// A fixed "today" so far-future rules don't depend on the clock.
let testExtractor = Extractor(today: XDate(year: 2025, month: 6, day: 1))

func names(_ e: Extraction) -> [String] { e.actors.map(\.name) }

/// Seed article: first non-empty line is the title, the rest the body (as the text reader does).
func seedDocument(_ path: String) -> SourceDocument {
    let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    while let f = lines.first, f.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeFirst() }
    let title = lines.isEmpty ? "" : lines.removeFirst()
    let body = lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    return SourceDocument(id: (path as NSString).lastPathComponent, path: path, title: title, body: body, format: .text)
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

/// Documents of the Reuters-21578 SGML files under `dir` (Latin-1), as shared/peers/convert_reuters.py reads them.
func readReuters(_ dir: String, onlyTagged: Bool) -> [ReutersDoc] {
    let files = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasPrefix("reut2-") && $0.hasSuffix(".sgm") }.sorted()
    var out: [ReutersDoc] = []
    for f in files {
        guard let data = FileManager.default.contents(atPath: dir + "/" + f) else { continue }
        var text = ""
        text.unicodeScalars.append(contentsOf: data.map { Unicode.Scalar($0) })
        var rest = Substring(text)
        while let open = rest.range(of: "<REUTERS") {
            guard let close = rest.range(of: "</REUTERS>", range: open.upperBound..<rest.endIndex) else { break }
            let s = rest[open.lowerBound..<close.upperBound]
            rest = rest[close.upperBound...]
            func tag(_ name: String, in s: Substring) -> Substring? {
                guard let a = s.range(of: "<\(name)"), let gt = s.range(of: ">", range: a.upperBound..<s.endIndex),
                      let b = s.range(of: "</\(name)>", range: gt.upperBound..<s.endIndex) else { return nil }
                return s[gt.upperBound..<b.lowerBound]
            }
            func items(_ name: String) -> [String] {
                guard let t = tag(name, in: s) else { return [] }
                return t.components(separatedBy: "<D>").dropFirst().compactMap { $0.components(separatedBy: "</D>").first }
            }
            let people = items("PEOPLE"), orgs = items("ORGS")
            if onlyTagged && people.isEmpty && orgs.isEmpty { continue }
            var id = ""
            if let r = s.range(of: "NEWID=\"") { id = String(s[r.upperBound...].prefix { $0 != "\"" }) }
            let textPart = tag("TEXT", in: s) ?? ""
            var title = tag("TITLE", in: textPart).map(String.init) ?? ""
            var body = tag("BODY", in: textPart).map(String.init) ?? ""
            if title.isEmpty && body.isEmpty { body = String(textPart) }
            title = unescape(title); body = unescape(body)
            var date: String?
            if let d = tag("DATE", in: s) { date = reutersDate(String(d)) }
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
