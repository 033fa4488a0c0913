import Foundation

/// Finds a module's data files without `Bundle.module`, whose accessor traps when the resource
/// bundle is not where the build left it (a binary copied elsewhere).
///
/// Looks, in order, in `$MSEARCH_RESOURCES`; in the module's bundle directory next to the
/// running executable (the real path of /proc/self/exe, then `Bundle.main`), also in
/// `../share/msearch` from it; and in the source tree the module was compiled from.
public struct ModuleResources: Sendable {
    /// "msearch_MSearchExtraction.resources".
    public let bundleName: String
    /// The module's `Resources` folder in the source tree (from `#filePath`).
    public let sourceDirectory: String

    public init(bundleName: String, sourceDirectory: String) {
        self.bundleName = bundleName; self.sourceDirectory = sourceDirectory
    }

    public func searchedDirectories() -> [String] {
        var dirs: [String] = []
        if let env = ProcessInfo.processInfo.environment["MSEARCH_RESOURCES"], !env.isEmpty { dirs.append(env) }
        var exeDirs: [String] = []
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            exeDirs.append((exe as NSString).deletingLastPathComponent)
        }
        exeDirs.append(Bundle.main.bundlePath)
        if let p = Bundle.main.executablePath { exeDirs.append((p as NSString).deletingLastPathComponent) }
        for d in exeDirs {
            dirs.append(d + "/" + bundleName)
            dirs.append(d + "/" + bundleName + "/Resources")
            dirs.append(d + "/../share/msearch")
        }
        dirs.append(sourceDirectory)
        var seen = Set<String>()
        return dirs.filter { seen.insert($0).inserted }
    }

    /// The path of the resource file `name`, or nil when none of the directories has it.
    public func path(of name: String) -> String? { ModuleResources.path(of: name, in: searchedDirectories()) }

    public static func path(of name: String, in directories: [String]) -> String? {
        for d in directories {
            let p = d + "/" + name
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: p, isDirectory: &isDir), !isDir.boolValue { return p }
        }
        return nil
    }
}
