import ArgumentParser

/// `--cache DIR`, for the commands that load the responses of a PostgreSQL store (docs/postgresql.md): record,
/// correct, retract, import and stress. (The report commands have it in ``ReportDataOptions``; the commands that
/// never load the responses, such as `token` and `verify`, do not take it.)
struct CacheOption: ParsableArguments {
    @Option(help: .cache)
    var cache: String?
}
