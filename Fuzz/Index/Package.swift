// swift-tools-version:5.4
// libFuzzer harness for the index readers: a damaged segment file must give an error, never a
// trap. See ../README.md; tools version 5.4 for the reason given in ../QueryParser/Package.swift.
import PackageDescription

let package = Package(
    name: "IndexFuzz",
    dependencies: [
        .package(name: "msearch", path: "../.."),
    ],
    targets: [
        .executableTarget(name: "IndexFuzzer", dependencies: [
            .product(name: "MSearchIndex", package: "msearch"),
            .product(name: "MSearchSearch", package: "msearch"),
            .product(name: "MSearchQuery", package: "msearch"),
            .product(name: "MSearchSources", package: "msearch"),
        ]),
    ]
)
