import Foundation

/// Runs the real `msearch` executable built beside the test bundle, as a user would.
/// (A test target that uses it must depend on the `msearch` target, so that it is built.)
public enum MSearchBinary {
    public struct Result {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// The executable: the first `msearch` in the test bundle's folder or above it.
    public static let path: String = {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
        // Inside an .xctest bundle on some platforms: walk up to the products directory.
        while dir.path != "/" {
            let candidate = dir.appendingPathComponent("msearch").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return TestData.packageRoot + "/.build/debug/msearch"
    }()

    /// Runs a shell command line (for pipelines, script(1) and the Python tools in ../shared).
    @discardableResult
    public static func runShell(_ command: String, stdin: String? = nil, environment: [String: String] = [:]) throws -> Result {
        try run(["-c", command], executable: "/bin/sh", environment: environment, stdin: stdin)
    }

    /// Runs `executable arguments…` to completion with `NO_COLOR` unset and `environment` added.
    @discardableResult
    public static func run(_ arguments: [String], executable: String = path, cwd: String? = nil,
                           environment: [String: String] = [:], stdin: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let cwd { process.currentDirectoryURL = URL(fileURLWithPath: cwd) }
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "NO_COLOR")
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        // Read both pipes fully before waiting, so a large output cannot block the child.
        final class Box: @unchecked Sendable { var data = Data() }
        let errBox = Box()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { errBox.data = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        let errData = errBox.data
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }
}
