/**
 * Multi-row INSERTs: one statement per 64 rows instead of one per row, with the statement
 * for each row count prepared once.
 */
import type Database from 'better-sqlite3';

const ROWS_PER_INSERT = 64;

/** Returns `insert(values)`: writes rows given flat (`columns.length` values per row). */
export function createBatchInsert(db: Database.Database, table: string, columns: readonly string[]) {
  const statements = new Map<number, Database.Statement>();
  const width = columns.length;
  const tuple = `(${columns.map(() => '?').join(', ')})`;

  function statement(rows: number): Database.Statement {
    let stmt = statements.get(rows);
    if (!stmt) {
      stmt = db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array(rows).fill(tuple).join(', ')}`);
      statements.set(rows, stmt);
    }
    return stmt;
  }

  return (values: unknown[]): void => {
    const rows = values.length / width;
    for (let row = 0; row < rows; row += ROWS_PER_INSERT) {
      const n = Math.min(ROWS_PER_INSERT, rows - row);
      statement(n).run(values.slice(row * width, (row + n) * width));
    }
  };
}
