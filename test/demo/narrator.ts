/** Where the demo writes: a stream, and whether it is a terminal (colours, progress in place). */
export interface NarratorOutput {
  write: (text: string) => unknown;
  isTTY?: boolean;
}

/** The demo's voice: numbered steps, progress, and plain lines, coloured only on a terminal. */
export interface Narrator {
  /** Starts step `n`: prints its title. */
  step: (title: string) => void;
  /** A line under the current step. */
  say: (text: string) => void;
  /** Progress under the current step: rewritten in place on a terminal, else printed now and then. */
  progress: (text: string) => void;
  /** A line marked as passed. */
  ok: (text: string) => void;
  /** A line marked as failed. */
  fail: (text: string) => void;
  /** Text as-is (a table, another program's output), indented. */
  block: (text: string) => void;
  /** Seconds since the narrator was made. */
  elapsed: () => number;
  colour: { bold: Paint; dim: Paint; green: Paint; red: Paint; cyan: Paint };
}

type Paint = (text: string) => string;

/**
 * Makes the demo's narrator. On a terminal, progress lines overwrite themselves and colours show;
 * anywhere else (a pipe, a file, a test), progress is printed at most once a second, without
 * escape codes.
 */
export function createNarrator(output: NarratorOutput): Narrator {
  const tty = output.isTTY === true;
  const started = Date.now();
  const paint =
    (code: number): Paint =>
    (text) =>
      tty ? `\u001b[${code}m${text}\u001b[0m` : text;
  const colour = {
    bold: paint(1),
    dim: paint(2),
    green: paint(32),
    red: paint(31),
    cyan: paint(36),
  };
  let stepNumber = 0;
  let progressShown = false;
  let lastProgressAt = 0;
  let pendingProgress: string | null = null;
  const elapsed = () => (Date.now() - started) / 1000;
  const clock = () => colour.dim(`${elapsed().toFixed(1).padStart(6)} s`);
  const line = (text: string) => {
    if (tty && progressShown) output.write('\r\u001b[2K');
    else if (!tty && pendingProgress !== null) output.write(`${clock()}    ${pendingProgress}\n`);
    progressShown = false;
    pendingProgress = null;
    output.write(`${text}\n`);
  };
  return {
    colour,
    elapsed,
    step: (title) => {
      stepNumber++;
      line('');
      line(`${clock()}  ${colour.bold(colour.cyan(`${stepNumber}. ${title}`))}`);
    },
    say: (text) => line(`${clock()}    ${text}`),
    progress: (text) => {
      if (tty) {
        output.write(`\r\u001b[2K${clock()}    ${text}`);
        progressShown = true;
        return;
      }
      pendingProgress = text;
      if (Date.now() - lastProgressAt >= 1000) {
        lastProgressAt = Date.now();
        output.write(`${clock()}    ${text}\n`);
        pendingProgress = null;
      }
    },
    ok: (text) => line(`${clock()}    ${colour.green('✓')} ${text}`),
    fail: (text) => line(`${clock()}    ${colour.red('✗')} ${text}`),
    block: (text) => {
      for (const row of text.replace(/\n+$/, '').split('\n')) line(`      ${row}`);
    },
  };
}

/** Lays rows out in columns (numbers right-aligned); the first row is the header. */
export function formatColumns(rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  const cells = rows.map((row) => row.map(String));
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
  const numeric = cells[0]!.map((_, i) =>
    cells.slice(1).every((row) => /^[-+]?[\d.,%]+$|^[✓✗—-]$/.test(row[i] ?? '')),
  );
  const render = (row: string[]) =>
    row
      .map((cell, i) => (numeric[i] ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const [header, ...body] = cells;
  return [render(header!), widths.map((w) => '─'.repeat(w)).join('  '), ...body.map(render)].join(
    '\n',
  );
}
