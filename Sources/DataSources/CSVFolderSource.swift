import Features
import Ingest

/// A folder of CSV exports is a source of raw events; `Features` folds them into snapshots.
extension DatasetFolder: DataSource {}
