// swift-tools-version:5.4
// libFuzzer harnesses for the source readers (HTML, XML feeds, Reuters SGML, JSON Lines, JSON
// Feed, mail) and content sniffing; see
// ../README.md. Tools version 5.4 for the reason given in ../QueryParser/Package.swift.
import PackageDescription

let package = Package(
    name: "SourcesFuzz",
    dependencies: [
        .package(name: "msearch", path: "../.."),
    ],
    targets: [
        .target(name: "SourceFuzzing", dependencies: [.product(name: "MSearchSources", package: "msearch")]),
        .executableTarget(name: "HTMLFuzzer", dependencies: ["SourceFuzzing"]),
        .executableTarget(name: "XMLFuzzer", dependencies: ["SourceFuzzing"]),
        .executableTarget(name: "SGMLFuzzer", dependencies: ["SourceFuzzing"]),
        .executableTarget(name: "JSONLFuzzer", dependencies: ["SourceFuzzing"]),
        .executableTarget(name: "MailFuzzer", dependencies: ["SourceFuzzing"]),
        .executableTarget(name: "JSONFeedFuzzer", dependencies: ["SourceFuzzing"]),
        .executableTarget(name: "SniffFuzzer", dependencies: ["SourceFuzzing"]),
    ]
)
