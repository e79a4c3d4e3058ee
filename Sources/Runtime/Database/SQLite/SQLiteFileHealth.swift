import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What SQLite itself cannot tell the server about its file: whether the file it has open is
/// still the one at its path, and whether writes have started failing for lack of space or
/// permission. Readiness (`/health/ready`) and every write consult it.
///
/// - A file deleted (or replaced) while open keeps accepting writes into the unlinked inode,
///   which vanish when the server stops. So the file's identity (device and inode) is recorded
///   at open, and a write is acknowledged only while the path still names that file.
/// - A full disk or a read-only file fails writes (`storageFull`, `readOnly`) while reads go on,
///   so `SELECT 1` alone would report ready. The last write failure is remembered until a write
///   succeeds or the cause is gone (free space again, the file system writable again), so
///   readiness recovers by itself without a restart.
///
/// `@unchecked Sendable`: `failure` is read and written only while holding `lock`; the other
/// properties are immutable.
final class SQLiteFileHealth: @unchecked Sendable {
    /// Free space below which a disk that filled up still counts as full (one page per write
    /// plus the WAL's growth need far less; this keeps readiness from flapping at the edge).
    static let minimumFreeBytes: UInt64 = 1 << 20

    /// The file's path, as opened.
    let path: String
    /// Device and inode of the file at open; `nil` when it could not be read (then the file is
    /// treated as missing on the first check).
    private let identity: FileIdentity?
    private let lock = NSLock()
    /// The kind of the last write failure that only the environment can end (`storageFull`,
    /// `readOnly`), until a write succeeds or `requireReady` sees the cause gone.
    private var failure: DatabaseError.Code?

    /// Records the identity of the file now at `path` (call right after opening it).
    init(path: String) {
        self.path = path
        identity = FileIdentity(path: path)
    }

    /// Throws `fileMissing` unless `path` still names the file that was opened.
    func requireLinked() throws(DatabaseError) {
        guard let identity, FileIdentity(path: path) == identity else {
            throw DatabaseError(
                code: .fileMissing,
                message: "the SQLite file \(path) was deleted or replaced while open; writes to it would be lost")
        }
    }

    /// Notes the outcome of a write: a failure the environment must end is remembered, a
    /// success forgets any earlier one.
    func record(_ outcome: DatabaseError?) {
        lock.withLock {
            guard let outcome else {
                failure = nil
                return
            }
            if outcome.code == .storageFull || outcome.code == .readOnly { failure = outcome.code }
        }
    }

    /// Throws unless writes can be expected to succeed: the file is still linked, and a remembered
    /// full disk has free space again, or a remembered read-only file is writable again.
    func requireReady() throws(DatabaseError) {
        try requireLinked()
        guard let remembered = lock.withLock({ failure }) else { return }
        let directory = (path as NSString).deletingLastPathComponent
        var info = statvfs()
        guard statvfs(directory.isEmpty ? "." : directory, &info) == 0 else { return }
        let readOnly = info.f_flag & UInt(ST_RDONLY) != 0 || access(path, W_OK) != 0
        let freeBytes = UInt64(info.f_bavail) * UInt64(info.f_frsize)
        switch remembered {
        case .storageFull where freeBytes < Self.minimumFreeBytes || readOnly:
            throw DatabaseError(code: .storageFull, message: "the disk holding \(path) is full (\(freeBytes) bytes free)")
        case .readOnly where readOnly:
            throw DatabaseError(code: .readOnly, message: "\(path) or its file system is read-only")
        default:
            lock.withLock { failure = nil }
        }
    }
}

/// Which file a path names: its device and inode.
private struct FileIdentity: Equatable {
    let device: UInt64
    let inode: UInt64

    /// The identity of the file at `path`, or `nil` when there is none.
    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}
