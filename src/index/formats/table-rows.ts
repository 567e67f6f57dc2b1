import { collapseSpaces } from "./text-writer.js";

/** A table's cells as text, row by row. */
export interface TableCells {
  /** The column names, when the table has a header row. */
  header?: string[];
  rows: string[][];
  /** The first cell of each row names the row (`<th>` down the left side) rather than the columns. */
  rowHeaders?: boolean;
}

/**
 * A table as one line per row, each readable on its own because it names its header cells: header
 * `Plan | Price | Seats` and row `Pro | $20 | 10` give `Plan: Pro; Price: $20; Seats: 10`. A chunk
 * holding one row still says what each value is. Empty cells are left out; a row repeating the header
 * (a header printed again on every page) is dropped. Without a header the cells are joined by "; ",
 * or, when each row is named by its first cell, `Price: $20; $30`.
 */
export function tableRowLines({ header, rows, rowHeaders = false }: TableCells): string[] {
  const names = header?.map(collapseSpaces);
  const lines: string[] = [];
  for (const row of rows) {
    const cells = row.map(collapseSpaces);
    if (!cells.some(Boolean)) continue;
    if (names && cells.length === names.length && cells.every((cell, i) => cell === names[i])) continue;
    let line: string;
    if (names) {
      line = cells
        .map((cell, i) => (!cell ? "" : names[i] && names[i] !== cell ? `${names[i]}: ${cell}` : cell))
        .filter(Boolean)
        .join("; ");
    } else if (rowHeaders && cells.length > 1 && cells[0]) {
      const rest = cells.slice(1).filter(Boolean);
      line = rest.length ? `${cells[0]}: ${rest.join("; ")}` : cells[0];
    } else {
      line = cells.filter(Boolean).join("; ");
    }
    lines.push(line);
  }
  return lines;
}
