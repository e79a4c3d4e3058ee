import Foundation

/// Lines for the user on standard output, written at once (not buffered like `print` when the
/// output is a file or a pipe), so `loom dev`'s progress shows as it happens.
enum Console {
    /// Writes `text` and a newline.
    static func line(_ text: String = "") {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }
}
