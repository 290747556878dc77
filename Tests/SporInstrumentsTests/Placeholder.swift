// Tests for SporInstruments.
