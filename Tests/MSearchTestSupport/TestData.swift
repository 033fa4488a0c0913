import Foundation

/// Where the tests find the repository and the data beside it.
public enum TestData {
    /// The package root (this file is `Tests/MSearchTestSupport/TestData.swift`).
    public static let packageRoot: String = {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }()

    /// The seed articles in the repository.
    public static var seeds: String { packageRoot + "/seeds" }

    /// `../shared` beside the repository, present on developer machines and CI, absent in a
    /// user's fresh clone.
    public static var shared: String? {
        let p = URL(fileURLWithPath: packageRoot).deletingLastPathComponent().appendingPathComponent("shared").path
        return FileManager.default.fileExists(atPath: p) ? p : nil
    }

    /// `../shared/corpora/RELATIVE` (whether or not it exists).
    public static func corpus(_ relative: String) -> String {
        URL(fileURLWithPath: packageRoot).deletingLastPathComponent()
            .appendingPathComponent("shared/corpora").appendingPathComponent(relative).path
    }
}
