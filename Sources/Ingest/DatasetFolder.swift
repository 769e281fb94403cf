import Parallel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A dataset folder: `accounts.csv` (required) and up to four event files.
///
/// Event files are read as streams: each row is checked, resolved to its account and
/// handed to the caller, so memory does not grow with the number of events.
///
/// Two ways to read an event file, one generic path for the four files:
/// - `forEach(_:_:)` hands every event to one closure, in file order, on the calling thread;
/// - `read(_:into:_:)` splits the file between `workers` threads (see `PartitionedRead`)
///   and folds each part's events into an accumulator of its own; the accumulators come
///   back in file order, for the caller to merge.
/// Both apply the same checks (`RowRules`) and report the same first error, with the same line.
package struct DatasetFolder: EventSource {
    package let path: String
    package let accounts: AccountTable
    /// Unknown accounts and events before the account started are errors, not skipped rows.
    package let strict: Bool
    /// Threads that read one event file at once. Default: one per core, since reading is
    /// bound by the processor, not the disk, once the file is in the page cache.
    package var workers: Int
    /// Shows how far reading has got; nil (the default) shows nothing.
    package var progress: ReadProgress?
    /// Parts smaller than this are not worth a thread of their own. Default 1 MiB: a part
    /// takes a few milliseconds to read, well above the cost of starting one; tests lower
    /// it to split small files.
    package var minimumPartBytes = 1 << 20
    /// Whether plain event rows take the fast path (`PlainLine`). Default true; tests turn
    /// it off to check that both paths read every file the same.
    package var readsPlainRows = true
    let accountIndex: AccountIndex
    /// Other file names, column names, date formats and units (a mapping file).
    package let mapping: DatasetMapping
    /// Where rows with a problem go, when the user asked to set them aside and go on; nil
    /// stops the run with the problems of the file (the first 20, and how many more).
    package let rejects: RejectedRows?

    /// Opens a folder: reads and checks accounts.csv, and checks that every event file is
    /// either absent or a regular file (or a link to one). A link pointing nowhere, a
    /// folder, a device or a pipe in an event file's place is an error, not "missing".
    package init(path: String, strict: Bool = false, mapping: DatasetMapping = DatasetMapping(),
                 rejects: RejectedRows? = nil) throws(InputError) {
        self.path = path
        self.strict = strict
        self.mapping = mapping
        self.rejects = rejects
        let accountsName = mapping.accountsFileName
        let accountsPath = DatasetFolder.join(path, accountsName)
        if InputFiles.status(accountsPath) == .missing {
            throw InputError(file: accountsName,
                             problem: "not found in \(path)", hint: "a dataset folder needs at least \(accountsName)")
        }
        for file in EventFile.allCases {
            let name = mapping.fileName(file)
            switch InputFiles.status(DatasetFolder.join(path, name)) {
            case .regular, .missing: continue
            case .danglingLink: throw InputFiles.danglingLink(DatasetFolder.join(path, name), name: name)
            case .notRegular: throw InputFiles.notRegular(name: name)
            }
        }
        accounts = try AccountTable.read(path: accountsPath, mapping: mapping.accounts, rejects: rejects)
        accountIndex = accounts.index
        workers = onlineCores
    }

    package var name: String { path }

    /// Whether the folder has this event file.
    package func has(_ file: EventFile) -> Bool {
        InputFiles.status(DatasetFolder.join(path, mapping.fileName(file))) != .missing
    }

    /// Every file the folder's reading may open, whether there or not: the outputs of a
    /// run must be none of them.
    package static func inputPaths(_ path: String, mapping: DatasetMapping = DatasetMapping()) -> [String] {
        [join(path, mapping.accountsFileName)] + EventFile.allCases.map { join(path, mapping.fileName($0)) }
    }

    // MARK: - Reading events

    /// Every event of the file of `Event`, in file order, on the calling thread; nil when
    /// the file is absent.
    package func forEach<Event: AccountEvent>(
        _ event: Event.Type, _ body: (Event) -> Void
    ) throws(InputError) -> EventFileReport? {
        let reading = PartitionedRead<Event.Decoder>(dataset: self)
        guard has(Event.file) else { return nil }
        let plan = try reading.plan(workers: 1, minimumPartBytes: minimumPartBytes)
        switch try reading.run(plan, deliver: { _, events in for event in events { body(event) } }) {
        case .read(let report): return report
        case .misaligned: preconditionFailure("a plan in one part cannot be misaligned")
        }
    }

    /// Reads the file of `Event` on `workers` threads. `make` is called once per part, on
    /// the calling thread; `add` folds a batch of a part's events (in file order) into that
    /// part's accumulator, on the part's thread. Nil when the file is absent.
    package func read<Event: AccountEvent, Part>(
        _ event: Event.Type, into make: () -> Part,
        _ add: @escaping @Sendable (inout Part, UnsafeBufferPointer<Event>) -> Void
    ) throws(InputError) -> EventParts<Part>? {
        // The row loop is compiled once per concrete decoder: a loop generic over the event
        // type decodes through witness tables and read sessions.csv at half the speed.
        typealias Add<E> = @Sendable (inout Part, UnsafeBufferPointer<E>) -> Void
        switch Event.file {
        case .sessions: return try readParts(PartitionedRead<SessionDecoder>(dataset: self), make, unsafeBitCast(add, to: Add<SessionEvent>.self))
        case .nps: return try readParts(PartitionedRead<NPSDecoder>(dataset: self), make, unsafeBitCast(add, to: Add<NPSResponse>.self))
        case .marketing: return try readParts(PartitionedRead<MarketingDecoder>(dataset: self), make, unsafeBitCast(add, to: Add<MarketingEvent>.self))
        case .interactions: return try readParts(PartitionedRead<InteractionDecoder>(dataset: self), make, unsafeBitCast(add, to: Add<InteractionRating>.self))
        }
    }

    /// Inlined into each caller, so that the row loop is compiled for the concrete decoder.
    @inline(__always)
    private func readParts<Decoder: EventDecoder, Part>(
        _ reading: PartitionedRead<Decoder>, _ make: () -> Part,
        _ add: @escaping @Sendable (inout Part, UnsafeBufferPointer<Decoder.Event>) -> Void
    ) throws(InputError) -> EventParts<Part>? {
        guard has(Decoder.file) else { return nil }
        var plan = try reading.plan(workers: workers, minimumPartBytes: minimumPartBytes)
        let planned = plan.parts
        while true {
            // Each part's accumulator, written by the part's thread only and taken after all finish.
            let parts = TaskSlots(count: plan.parts) { _ in make() }
            switch try reading.run(plan, deliver: { part, events in add(&parts[part], events) }) {
            case .read(let report):
                return EventParts(parts: parts.takeAll(), report: report, partsPlanned: planned)
            case .misaligned:
                // A quoted field with a line break straddles a part boundary: read in one part.
                plan = plan.sequential
            }
        }
    }

    /// The position of an id that is not byte-equal to any account id but may still equal
    /// one as a Swift string (Unicode canonical equivalence), as lookups always allowed.
    func unicodePosition(of id: UnsafeBufferPointer<UInt8>) -> Int32? {
        guard !isASCII(id) else { return nil }
        return accounts.position(of: String(decoding: id, as: UTF8.self))
    }

    static func join(_ folder: String, _ file: String) -> String {
        folder.hasSuffix("/") ? folder + file : folder + "/" + file
    }
}

/// The accumulators of a read in parts, in file order, and what the file held besides events.
package struct EventParts<Part> {
    /// One accumulator per part; merged in this order they give the single-reader result.
    package var parts: [Part]
    package var report: EventFileReport
    /// How many parts the file was first split into (more than `parts.count` when the
    /// split had to be given up for a single part).
    var partsPlanned: Int
}
