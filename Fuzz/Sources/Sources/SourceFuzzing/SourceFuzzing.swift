// What every source reader must do with any bytes at all: return documents and problems
// (never trap, hang or balloon), the same ones every time, with one-line problem reasons and
// dates in the documented ISO-8601 shapes. A broken invariant calls fatalError, which libFuzzer
// reports as a crash and saves the input.
import MSearchSources

public func fuzzSourceReader(_ data: UnsafePointer<UInt8>, _ size: Int, format: SourceFormat, path: String) {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let first = SourceReader.readAll(bytes: bytes, path: path, format: format)
    let second = SourceReader.readAll(bytes: bytes, path: path, format: format)
    guard first.documents == second.documents, first.problems == second.problems else {
        fatalError("nondeterministic result for \(size) bytes")
    }
    for p in first.problems {
        guard !p.reason.isEmpty, !p.reason.contains("\n"), p.reason.count <= 2000 else {
            fatalError("problem reason is not one line: \(p.reason.debugDescription.prefix(300))")
        }
    }
    for d in first.documents {
        guard d.format == format else { fatalError("document of format \(d.format) from a \(format) reader") }
        if let date = d.date, !isISODate(date) { fatalError("date \(date.debugDescription) is not ISO-8601") }
    }
}

/// "2023", "2023-11" or "2023-11-14".
func isISODate(_ s: String) -> Bool {
    let parts = s.split(separator: "-", omittingEmptySubsequences: false)
    guard (1...3).contains(parts.count), parts[0].count == 4 else { return false }
    guard parts.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }) else { return false }
    return parts.dropFirst().allSatisfy { $0.count == 2 }
}
