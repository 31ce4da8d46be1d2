import Foundation

/// A picture an `analyze` command was asked for (`--svg`, `--dot`, `--png`). Its prerequisites are checked before
/// anything is computed (``check(_:)``: Graphviz for PNG, a target that can be a file); it is written after the
/// text, JSON or CSV, so a picture that fails never costs the report.
struct AnalysisPicture {
    enum Kind {
        /// SVG or DOT text, written as is.
        case text
        /// DOT text rendered to PNG by Graphviz.
        case png
    }

    var flag: String
    var path: String
    var kind: Kind

    /// A picture for `flag` when its path was given.
    init?(_ flag: String, _ path: String?, _ kind: Kind = .text) {
        guard let path else { return nil }
        self.flag = flag
        self.path = path
        self.kind = kind
    }

    /// Fails, before any work and any output, when a picture cannot be made: `--png` without Graphviz `dot`, a
    /// target that is a directory or whose directory does not exist.
    static func check(_ pictures: [AnalysisPicture]) throws {
        if pictures.contains(where: { $0.kind == .png }) && GraphvizRenderer.dotExecutable == nil { throw GraphvizRenderer.missing }
        for picture in pictures where picture.path != "-" {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: picture.path, isDirectory: &isDirectory) && isDirectory.boolValue {
                throw CLIError("\(picture.flag) \(picture.path): is a directory, not a file; nothing was written")
            }
            let parent = URL(fileURLWithPath: picture.path).deletingLastPathComponent().path
            if !FileManager.default.fileExists(atPath: parent, isDirectory: &isDirectory) || !isDirectory.boolValue {
                throw CLIError("\(picture.flag) \(picture.path): directory \(parent) does not exist; nothing was written")
            }
        }
    }

    /// Writes the picture from its source text (SVG or DOT; rendered first for PNG), replacing a regular file
    /// only once the whole picture is ready.
    func write(_ source: String) throws {
        let data: Data
        switch self.kind {
        case .text: data = Data(source.utf8)
        case .png: data = try GraphvizRenderer.png(dot: source)
        }
        let file = try OutputFile(path: self.path)
        try file.write(data)
        try file.close()
    }
}
