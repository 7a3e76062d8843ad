/**
 * Parses HTML the way the offscreen document does (`DOMParser`, scripts never run), with
 * linkedom standing in for the browser in Node tests.
 *
 * @example const doc = await parseHtml('<p>Hello</p>');
 */
export async function parseHtml(html: string): Promise<Document> {
  const { DOMParser } = await import('linkedom');
  return new DOMParser().parseFromString(html, 'text/html') as unknown as Document;
}

/** Wraps body markup in a minimal page with a title. */
export function page(body: string, head = '<title>Test page</title>'): string {
  return `<!doctype html><html lang="en"><head>${head}</head><body>${body}</body></html>`;
}

/** A paragraph of plain prose, `n` sentences long, numbered so that each one is unique. */
export function prose(label: string, n = 4): string {
  const sentences: string[] = [];
  for (let i = 1; i <= n; i++) {
    sentences.push(
      `The ${label} sentence number ${i} tells a story, with commas, details and enough words to read like real text.`,
    );
  }
  return sentences.join(' ');
}
