/**
 * The text a campaign model reads for an item: its title, a newline, its text, cut to
 * `maxChars`. The coordinator leases exactly this string and devices sign its keccak256.
 *
 * @example
 * modelInput({ title: 'Rates rise', text: 'The central bank…' }, 2000); // 'Rates rise\nThe central bank…'
 */
export function modelInput(item: { title: string; text: string }, maxChars: number): string {
  const joined = item.title.trim() === '' ? item.text : `${item.title.trim()}\n${item.text}`;
  // Never cut a surrogate pair in half: the cut text must stay valid UTF-16 for hashing.
  let end = Math.min(maxChars, joined.length);
  const last = joined.charCodeAt(end - 1);
  if (end < joined.length && last >= 0xd800 && last <= 0xdbff) end--;
  return joined.slice(0, end);
}
