// swift-tools-version:5.4
// libFuzzer harnesses for the whole pipeline (bytes → reading → extraction → analysis → a
// one-segment index → search) and for option values and REPL commands; see ../README.md.
// The checks themselves are MSearchCLI's `PipelineCheck` and `CommandCheck`, which `swift test`
// also runs on every saved regression input. Tools version 5.4 for the reason given in
// ../QueryParser/Package.swift.
import PackageDescription

let package = Package(
    name: "PipelineFuzz",
    dependencies: [
        .package(name: "msearch", path: "../.."),
    ],
    targets: [
        .executableTarget(name: "PipelineFuzzer", dependencies: [.product(name: "MSearchCLI", package: "msearch")]),
        .executableTarget(name: "CommandFuzzer", dependencies: [.product(name: "MSearchCLI", package: "msearch")]),
    ]
)
