// libFuzzer harness: the first line is msearch's argument list, the other lines REPL lines;
// MSearchCLI's CommandCheck parses and runs them against a small index built at start.
import Foundation
import MSearchCLI

nonisolated(unsafe) var check: CommandCheck?
nonisolated(unsafe) var directory = ""

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>) -> CInt {
    let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    directory = base + "/msearch-command-fuzz-\(getpid())"
    do {
        check = try CommandCheck(workDirectory: directory)
    } catch {
        fatalError("cannot build the index to search: \(error)")
    }
    atexit { try? FileManager.default.removeItem(atPath: directory) }
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    check!.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
