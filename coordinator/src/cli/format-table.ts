/** Formats rows as left-aligned columns separated by two spaces. */
export function formatTable(rows: readonly (readonly (string | number)[])[]): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, String(cell).length);
    });
  }
  return rows
    .map((row) =>
      row
        .map((cell, i) => String(cell).padEnd(i === row.length - 1 ? 0 : (widths[i] ?? 0)))
        .join('  '),
    )
    .join('\n');
}
