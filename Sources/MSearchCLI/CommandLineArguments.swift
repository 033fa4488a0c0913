import Foundation
import MSearchSources

/// The command line as msearch reads it. Swift's `CommandLine.arguments` turns bytes that are
/// not UTF-8 into U+FFFD, which loses a file name like `caf\xE9.txt` for good; the raw `argv`
/// bytes are read instead. UTF-8 arguments (every query, and nearly every path) are passed on as
/// they are; any other argument is passed in the lossless form of `PathNames` and remembered,
/// so that `path(_:)` can tell it from a UTF-8 argument that merely contains `\x`.
public enum CommandLineArguments {
    /// The arguments after the program name, as given in `argv`.
    public static func fromArgv() -> [String] {
        var arguments: [String] = []
        var escaped = Set<String>()
        // `execve` may pass an empty argv (argc 0): then there is nothing after the name.
        for i in stride(from: 1, to: Int(CommandLine.argc), by: 1) {
            guard let p = CommandLine.unsafeArgv[i] else { continue }
            let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(p).assumingMemoryBound(to: UInt8.self), count: strlen(p))
            if let text = String(validating: bytes, as: UTF8.self) {
                arguments.append(text)
            } else {
                let lossless = PathNames.string(fromBytes: bytes)
                escaped.insert(lossless)
                arguments.append(lossless)
            }
        }
        notUTF8.withLock { $0 = escaped }
        return arguments
    }

    /// A path argument in lossless form: as given when it was not UTF-8 (it already is),
    /// otherwise its UTF-8 bytes as a path (so a literal `\x` or a control character in it is
    /// escaped, and the file it names is the file opened).
    public static func path(_ argument: String) -> String {
        if notUTF8.withLock({ $0.contains(argument) }) { return argument }
        return PathNames.string(fromBytes: argument.utf8)
    }

    private static let notUTF8 = Locked(Set<String>())
}

/// A value behind a lock (set once at start-up, read by commands).
private final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()
    init(_ value: Value) { self.value = value }
    func withLock<T>(_ body: (inout Value) -> T) -> T {
        lock.lock(); defer { lock.unlock() }
        return body(&value)
    }
}
