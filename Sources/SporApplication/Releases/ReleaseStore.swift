import Foundation
import SporReports
import Synchronization

/// The trend releases of a data folder: `releases/release-000001.json` and on (mode 0600), each written once, whole
/// (a temporary file linked into place), and never changed or removed, so every release stays citable by its id.
/// Two processes that make the same release number at once cannot both succeed: linking refuses an existing name,
/// and the loser reads the winner's.
final class ReleaseStore: Sendable {
    /// The folder inside the data folder.
    static let folderName = "releases"

    let folder: URL
    /// The newest release read or written, so a strategic read does not parse its file each time.
    private let newestCache = Mutex<TrendRelease?>(nil)
    /// Held while a release is made, so that requests of one process that find a period newly settled make the
    /// next release once, not each its own.
    let making = Mutex<Void>(())

    init(dataFolder: URL) {
        folder = dataFolder.appendingPathComponent(Self.folderName)
    }

    /// The ids of the stored releases, oldest first.
    func ids() throws -> [TrendRelease.ID] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        return names.compactMap(Self.id(fileName:)).sorted()
    }

    /// The release with this id; `nil` when none is stored.
    func release(_ id: TrendRelease.ID) throws -> TrendRelease? {
        if let cached = newestCache.withLock({ $0 }), cached.id == id { return cached }
        return try json(id).map { try TrendRelease(json: Data($0)) }
    }

    /// The stored JSON of release `id`, byte for byte; `nil` when none is stored.
    func json(_ id: TrendRelease.ID) -> [UInt8]? {
        FileManager.default.contents(atPath: url(of: id).path).map(Array.init)
    }

    /// The newest stored release; `nil` when none is.
    func newest() throws -> TrendRelease? {
        guard let id = try ids().last else { return nil }
        if let cached = newestCache.withLock({ $0 }), cached.id == id { return cached }
        let release = try release(id)
        newestCache.withLock { $0 = release }
        return release
    }

    /// Stores `release` under its id.
    /// - Returns: `false` when a release with that id exists already (made by another process meanwhile).
    func store(_ release: TrendRelease) throws -> Bool {
        guard try store(json: Array(try release.json()), id: release.id) else { return false }
        newestCache.withLock { $0 = release }
        return true
    }

    /// Stores a release's JSON as given under `id` (a copy of a store's releases).
    /// - Returns: `false` when a release with that id exists already.
    func store(json: [UInt8], id: TrendRelease.ID) throws -> Bool {
        if !FileManager.default.fileExists(atPath: folder.path) {
            try FileManager.default.createDirectory(
                at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try DurableFile.syncFolder(folder.deletingLastPathComponent())
        }
        let target = url(of: id)
        var generator = SystemRandomNumberGenerator()
        let temporary = target.path + ".tmp-\(getpid())-\(UInt64.random(in: 0...UInt64.max, using: &generator))"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw DurableFile.failure("create", temporary) }
        defer { unlink(temporary) }
        do {
            defer { close(descriptor) }
            try DurableFile.writeAll(descriptor, json, path: temporary)
            guard fsync(descriptor) == 0 else { throw DurableFile.failure("sync", temporary) }
        }
        guard link(temporary, target.path) == 0 else {
            guard errno == EEXIST else { throw DurableFile.failure("store", target.path) }
            return false
        }
        try DurableFile.syncFolder(folder)
        return true
    }

    private func url(of id: TrendRelease.ID) -> URL {
        folder.appendingPathComponent(
            "release-" + String(repeating: "0", count: max(0, 6 - id.description.count)) + "\(id).json")
    }

    private static func id(fileName name: String) -> TrendRelease.ID? {
        guard name.hasPrefix("release-"), name.hasSuffix(".json") else { return nil }
        return TrendRelease.ID(String(name.dropFirst(8).dropLast(5)).drop { $0 == "0" }.description)
    }
}
