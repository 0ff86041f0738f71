"""Column buffers that turn analysis output into Polars frames in bounded memory.

Analysis produces rows one token at a time; holding millions of Python tuples for a 50 MB article would cost
gigabytes. ``ColumnBuffer`` appends to per-column lists and, every ``flush_rows`` rows, converts them into an Arrow-
backed DataFrame chunk, so Python-object memory stays bounded and the result is one ``pl.concat``.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from corpus.schema import empty


class ColumnBuffer:
    def __init__(self, schema: dict[str, pl.DataType], flush_rows: int = 200_000) -> None:
        self.schema = schema
        self.names = tuple(schema)
        self.flush_rows = flush_rows
        self._columns: list[list] = [[] for _ in self.names]
        self._chunks: list[pl.DataFrame] = []
        self._rows = 0

    def append(self, *values: object) -> None:
        for column, value in zip(self._columns, values):
            column.append(value)
        self._rows += 1
        if self._rows >= self.flush_rows:
            self._flush()

    def extend(self, *columns: Sequence[object]) -> None:
        """Append many rows at once, given column-wise (equal lengths)."""
        for column, values in zip(self._columns, columns):
            column.extend(values)
        self._rows += len(columns[0])
        if self._rows >= self.flush_rows:
            self._flush()

    def _flush(self) -> None:
        if self._rows:
            data = dict(zip(self.names, self._columns))
            self._chunks.append(pl.DataFrame(data, schema=self.schema))
            self._columns = [[] for _ in self.names]
            self._rows = 0

    def frame(self) -> pl.DataFrame:
        self._flush()
        if not self._chunks:
            return empty(self.schema)
        return pl.concat(self._chunks, rechunk=True) if len(self._chunks) > 1 else self._chunks[0]
