/**
 * The path (`items.0.text`) of the first string or key in a parsed JSON value that holds a NUL
 * (U+0000), or null when none does. PostgreSQL cannot store NUL in text or jsonb, so such a value
 * is refused at the edge instead of failing when it is written.
 */
export function findNul(value: unknown): string | null {
  const stack: Array<{ node: unknown; path: string }> = [{ node: value, path: '' }];
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    if (typeof node === 'string') {
      if (node.includes('\u0000')) return path;
    } else if (Array.isArray(node)) {
      node.forEach((child, i) => {
        stack.push({ node: child, path: path === '' ? String(i) : `${path}.${i}` });
      });
    } else if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        const at = path === '' ? key : `${path}.${key}`;
        if (key.includes('\u0000')) return at;
        stack.push({ node: child, path: at });
      }
    }
  }
  return null;
}
