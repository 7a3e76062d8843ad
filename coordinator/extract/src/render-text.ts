import type { ContentNode } from './content-tree.ts';

/** Blocks that are one line of a list or table rather than a paragraph of their own. */
const LINE_TAGS: ReadonlySet<string> = new Set(['li', 'dt', 'dd', 'tr', 'caption', 'summary']);

/**
 * Renders content nodes (skipping pruned ones) as plain text: paragraphs, headings, blockquotes
 * and whole lists or tables are separated by a blank line; list items, table rows and `<br>`
 * start a new line (two `<br>` a new paragraph); table cells are joined with ` | `; `<pre>` keeps
 * its whitespace.
 */
export function renderText(nodes: readonly ContentNode[]): string {
  const writer = new TextWriter();
  for (const node of nodes) {
    writer.lineBreak(2);
    writeNode(writer, node);
  }
  return writer.finish();
}

function writeNode(writer: TextWriter, node: ContentNode): void {
  if (node.isRemoved) return;
  const tag = node.tag;
  if (tag === 'hr') {
    writer.lineBreak(2);
    return;
  }
  const isCell = (tag === 'td' || tag === 'th') && !node.children.some((child) => child.isBlock);
  if (isCell) {
    writer.cell();
  } else if (node.isBlock) {
    writer.lineBreak(LINE_TAGS.has(tag) ? 1 : 2);
  }
  for (const item of node.items) {
    if (typeof item !== 'string') writeNode(writer, item);
    else if (item === '\n' && !node.isPre) writer.br();
    else writer.write(item);
  }
  if (node.isBlock && !isCell) writer.lineBreak(LINE_TAGS.has(tag) ? 1 : 2);
}

/** Accumulates lines and the gaps between them; blank lines never reach the output. */
class TextWriter {
  private readonly out: string[] = [];
  private line = '';
  private gap = 0;
  private cellsInLine = 0;
  private lastWasBr = false;

  write(text: string): void {
    this.line += text;
    if (/\S/.test(text)) this.lastWasBr = false;
  }

  cell(): void {
    if (this.cellsInLine > 0 && this.line.trim() !== '') this.line += ' | ';
    this.cellsInLine++;
    this.lastWasBr = false;
  }

  br(): void {
    if (this.lastWasBr && this.line.trim() === '') this.gap = 2;
    else this.lineBreak(1);
    this.lastWasBr = true;
  }

  lineBreak(gap: 1 | 2): void {
    this.flush();
    if (gap > this.gap) this.gap = gap;
    this.cellsInLine = 0;
    this.lastWasBr = false;
  }

  finish(): string {
    this.flush();
    return this.out.join('');
  }

  private flush(): void {
    const line = this.line;
    this.line = '';
    const text = line.includes('\n')
      ? line.replace(/^\s*\n|\s+$/g, '')
      : line.replace(/ {2,}/g, ' ').trim();
    if (text === '') return;
    if (this.out.length > 0) this.out.push(this.gap >= 2 ? '\n\n' : '\n');
    this.out.push(text);
    this.gap = 0;
  }
}
