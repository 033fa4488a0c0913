// libFuzzer harness: the first byte picks the format (text, HTML, XML, SGML, JSON Lines), the
// rest is the file; MSearchCLI's PipelineCheck indexes it with extraction and searches it.
import Foundation
import MSearchCLI

nonisolated(unsafe) var check: PipelineCheck?

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>) -> CInt {
    let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    do {
        check = try PipelineCheck(workDirectory: base + "/msearch-pipeline-fuzz-\(getpid())")
    } catch {
        fatalError("cannot create the work directory: \(error)")
    }
    atexit { check?.removeFiles() }
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    check!.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
