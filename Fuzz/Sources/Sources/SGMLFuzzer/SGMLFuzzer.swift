import MSearchSources
import SourceFuzzing

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    fuzzSourceReader(data, size, format: .reuters, path: "reut2-000.sgm")
    return 0
}
