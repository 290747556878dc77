import ArgumentParser

/// `--cache DIR`, for the commands that load the responses of a PostgreSQL store (docs/postgresql.md): record,
/// correct, retract, import and stress, and through ``ReportDataOptions`` the report commands. The commands that
/// never load the responses, such as `token` and `verify`, do not take it.
struct CacheOption: ParsableArguments {
    @Option(help: .cache)
    var cache: String?
}
