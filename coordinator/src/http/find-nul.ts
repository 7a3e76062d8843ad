/** One value still to visit: where it hangs (its parent frame and key), built only when needed. */
interface Frame {
  node: unknown;
  key: string;
  parent: Frame | null;
}

/**
 * The path (`items.0.text`) of the first string or key in a parsed JSON value that holds a NUL
 * (U+0000), or null when none does. PostgreSQL cannot store NUL in text or jsonb, so such a value
 * is refused at the edge instead of failing when it is written.
 *
 * Linear in the number of values: each frame holds its key and a link to its parent, and the
 * dotted path is spelled only once, for the value that is found.
 */
export function findNul(value: unknown): string | null {
  const stack: Frame[] = [{ node: value, key: '', parent: null }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const { node } = frame;
    if (typeof node === 'string') {
      if (node.includes('\u0000')) return pathOf(frame);
    } else if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) {
        stack.push({ node: node[i], key: String(i), parent: frame });
      }
    } else if (node !== null && typeof node === 'object') {
      const keys = Object.keys(node);
      for (const key of keys) {
        if (key.includes('\u0000')) return pathOf({ node: null, key, parent: frame });
      }
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i]!;
        stack.push({ node: (node as Record<string, unknown>)[key], key, parent: frame });
      }
    }
  }
  return null;
}

function pathOf(frame: Frame): string {
  const keys: string[] = [];
  for (let at: Frame | null = frame; at?.parent; at = at.parent) keys.push(at.key);
  return keys.reverse().join('.');
}
