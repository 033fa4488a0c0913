// swift-tools-version:6.1
// Micro-benchmarks for msearch (issue #5), with ordo-one/benchmark. A side package that depends
// on the root package by path, like Fuzz/: run `swift package benchmark` in this folder.
import PackageDescription

let package = Package(
    name: "msearch-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "msearch", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", exact: "1.38.1",
                 traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "MSearchBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "MSearchAnalysis", package: "msearch"),
                .product(name: "MSearchIndex", package: "msearch"),
                .product(name: "MSearchSearch", package: "msearch"),
                .product(name: "MSearchQuery", package: "msearch"),
                .product(name: "MSearchSources", package: "msearch"),
            ],
            path: "Benchmarks/MSearchBenchmarks",
            swiftSettings: [.swiftLanguageMode(.v5)],
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
