import MSearchSources
import SourceFuzzing

/// Content sniffing on any bytes, as the walk does for a file without a known extension: the
/// verdict is the same twice, and a file judged to be of a format is then read as that format
/// with the readers' invariants (`fuzzSourceReader`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let prefix = Array(UnsafeBufferPointer(start: data, count: min(size, ContentSniffing.prefixBytes)))
    let verdict = ContentSniffing.judge(path: "input", prefix: prefix, registry: .standard)
    guard verdict == ContentSniffing.judge(path: "input", prefix: prefix, registry: .standard) else {
        fatalError("nondeterministic sniffing verdict for \(size) bytes")
    }
    switch verdict {
    case .format(let format): fuzzSourceReader(data, size, format: format, path: "input")
    case .binary(let reason):
        guard reason.hasPrefix("binary content ("), !reason.contains("\n") else { fatalError("odd binary reason \(reason)") }
    case .unrecognised: fatalError("the standard registry has a fallback: nothing is unrecognised")
    }
    return 0
}
