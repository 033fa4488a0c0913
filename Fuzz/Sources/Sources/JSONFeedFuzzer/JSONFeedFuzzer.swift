import MSearchSources
import SourceFuzzing

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    fuzzSourceReader(data, size, format: .jsonFeed, path: "feed.json")
    return 0
}
