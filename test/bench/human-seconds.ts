/**
 * The human side of a scripted labeling session, modelled (a script reads nothing): reading at
 * 240 words a minute (field notes: ~260 fifty-word snippets an hour), plus the keys. Without a
 * pre-label the labeler reads the item and types a class and Enter (0.6 s). With a correct
 * pre-label they skim to confirm (half the reading time) and press Enter (0.3 s); with a wrong one
 * they read it all, notice, and correct it (1.0 s). These factors are assumptions, stated; the
 * app's own time (keypress → next item rendered) is measured and added by the benches.
 */
export function humanSeconds(words: number, prelabel: 'none' | 'right' | 'wrong'): number {
  const reading = (words / 240) * 60;
  if (prelabel === 'none') return reading + 0.6;
  if (prelabel === 'right') return reading * 0.5 + 0.3;
  return reading + 1.0;
}
