import SporInstruments

/// A value ``ReportJSON`` writes with ``JSONWriter`` instead of `JSONEncoder`.
protocol JSONWritable {
    func write(to writer: inout JSONWriter)
}
