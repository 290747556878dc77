import Synchronization

/// The ``TrendIndex`` of each instrument, kept between reports as long as the dataset does not change.
///
/// A dataset and its copies share one cache until one of them changes: a changing dataset that shares its cache
/// takes a new, empty one first (copy on write), and one that does not share it counts the change, so an index is
/// used only by a dataset with the very state it was built from.
final class TrendIndexCache: Sendable {
    private let indexes = Mutex<[UInt8: TrendIndex]>([:])

    /// The index of instrument `code` for `dataset`, built now if there is none for its current state.
    func index(_ dataset: ResponseDataset, code: UInt8, keepAnswers: Bool, workers: Int) -> TrendIndex {
        indexes.withLock { indexes in
            if let index = indexes[code], index.changeCount == dataset.changeCount { return index }
            let index = TrendIndex(dataset, code: code, keepAnswers: keepAnswers, workers: workers)
            indexes[code] = index
            return index
        }
    }
}
