// swift-tools-version:5.4
// libFuzzer harness for the query parser; see ../README.md. Kept out of the root package so the
// main build never needs the fuzzer runtime.
//
// Tools version 5.4 on purpose: from 5.5 on, SwiftPM renames an executable's entry point to
// `<module>_main` on Linux (so tests can link executables), but this one has no Swift entry
// point: libFuzzer's `main` drives `LLVMFuzzerTestOneInput`.
import PackageDescription

let package = Package(
    name: "QueryParserFuzz",
    dependencies: [
        .package(name: "msearch", path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "QueryParserFuzzer",
            dependencies: [.product(name: "MSearchQuery", package: "msearch")]
        ),
    ]
)
