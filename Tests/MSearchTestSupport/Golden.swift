import Foundation
import Testing

/// Golden files: the whole expected output of a command kept as a text file beside the tests,
/// so a change anywhere in it (a help line, a column, a score's digits) fails the test with a
/// readable line diff, where `.contains` checks would miss it.
///
/// The expected text is `Tests/SUITE/Golden/NAME.txt` (SUITE defaults to
/// `MSearchEndToEndTests`). After a deliberate change of output, re-record the files and review
/// the diff in git:
///
///     MSEARCH_RECORD_GOLDEN=1 swift test --skip-build --filter GoldenOutputTests
///
/// Output that varies between runs (timings, temporary paths) must be masked before the
/// comparison: see `masking(_:_:as:)` and `replacing(_:in:with:)`.
public enum Golden {
    /// Whether this run writes the golden files instead of comparing with them.
    public static var isRecording: Bool { ProcessInfo.processInfo.environment["MSEARCH_RECORD_GOLDEN"] == "1" }

    /// The golden file for `name` in the test target `suite`.
    public static func path(named name: String, suite: String = "MSearchEndToEndTests") -> String {
        TestData.packageRoot + "/Tests/\(suite)/Golden/\(name).txt"
    }

    /// Records a test issue showing a line diff when `actual` differs from the golden file
    /// `name` (or the file is missing); with `MSEARCH_RECORD_GOLDEN=1`, writes `actual` to it.
    public static func check(_ actual: String, named name: String, suite: String = "MSearchEndToEndTests",
                             sourceLocation: SourceLocation = #_sourceLocation) {
        let file = path(named: name, suite: suite)
        if isRecording {
            do {
                try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent,
                                                        withIntermediateDirectories: true)
                try actual.write(toFile: file, atomically: true, encoding: .utf8)
            } catch {
                Issue.record("cannot record \(file): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let expected = try? String(contentsOfFile: file, encoding: .utf8) else {
            Issue.record("no golden file \(file); record it with MSEARCH_RECORD_GOLDEN=1", sourceLocation: sourceLocation)
            return
        }
        if expected != actual {
            let diff = lineDiff(expected: expected, actual: actual)
            Issue.record("output differs from \(file) (- golden, + actual; re-record with MSEARCH_RECORD_GOLDEN=1):\n\(diff)",
                         sourceLocation: sourceLocation)
        }
    }

    /// `text` with every occurrence of `variable` (a temporary path, say) replaced by
    /// `placeholder`, so the golden file does not depend on it.
    public static func masking(_ text: String, _ variable: String, as placeholder: String) -> String {
        text.replacingOccurrences(of: variable, with: placeholder)
    }

    /// `text` with every match of the regular expression `pattern` replaced by `template`
    /// (`$1` names a captured group), e.g. `replacing(#"in [0-9.]+ s"#, in: text, with: "in # s")`.
    public static func replacing(_ pattern: String, in text: String, with template: String) -> String {
        let expression = try! NSRegularExpression(pattern: pattern)
        return expression.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text),
                                                   withTemplate: template)
    }

    /// The lines that differ, with two lines of context, from a longest-common-subsequence
    /// alignment (outputs here are a few hundred lines at most).
    public static func lineDiff(expected: String, actual: String) -> String {
        let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
        // common[o][n]: length of the longest common subsequence of old[o...] and new[n...].
        var common = [[Int]](repeating: [Int](repeating: 0, count: new.count + 1), count: old.count + 1)
        for o in stride(from: old.count - 1, through: 0, by: -1) {
            for n in stride(from: new.count - 1, through: 0, by: -1) {
                common[o][n] = old[o] == new[n] ? common[o + 1][n + 1] + 1 : max(common[o + 1][n], common[o][n + 1])
            }
        }
        enum Line { case same(Substring), removed(Substring), added(Substring) }
        var lines: [Line] = []
        var oldIndex = 0, newIndex = 0
        while oldIndex < old.count || newIndex < new.count {
            if oldIndex < old.count, newIndex < new.count, old[oldIndex] == new[newIndex] {
                lines.append(.same(old[oldIndex])); oldIndex += 1; newIndex += 1
            } else if oldIndex < old.count,
                      newIndex == new.count || common[oldIndex + 1][newIndex] >= common[oldIndex][newIndex + 1] {
                lines.append(.removed(old[oldIndex])); oldIndex += 1   // a changed line shows its old text first
            } else {
                lines.append(.added(new[newIndex])); newIndex += 1
            }
        }
        let changed = lines.indices.filter { if case .same = lines[$0] { return false } else { return true } }
        var shown = Set<Int>()
        for index in changed { for near in max(0, index - 2)...min(lines.count - 1, index + 2) { shown.insert(near) } }
        var out: [String] = []
        var previous = -1
        for index in shown.sorted() {
            if previous >= 0, index > previous + 1 { out.append("…") }
            switch lines[index] {
            case .same(let text): out.append("  " + text)
            case .removed(let text): out.append("- " + text)
            case .added(let text): out.append("+ " + text)
            }
            previous = index
        }
        return out.joined(separator: "\n")
    }
}
