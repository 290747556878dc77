#!/usr/bin/env python3
"""DuckDB's side of `spor-bench compare`'s import row: loads the generated CSV into a table of a new database file
(durable, as `spor import` is) and prints `duckdb seconds S`.

usage: duckdb-load.py CSV DATABASE
"""
import sys
import time

import duckdb

csv, database = sys.argv[1:3]
connection = duckdb.connect(database)
start = time.perf_counter()
connection.execute(f"CREATE TABLE responses AS SELECT * FROM read_csv('{csv}', header = true)")
connection.execute("CHECKPOINT")
seconds = time.perf_counter() - start
rows = connection.execute("SELECT count(*) FROM responses").fetchone()[0]
print(f"duckdb seconds {seconds:.3f} rows {rows}")
