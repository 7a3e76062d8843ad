/** What a key does in the workspace and on the review page. */
export type KeyAction =
  | { type: 'class'; index: number }
  | { type: 'accept' }
  | { type: 'back' }
  | { type: 'skip' }
  | { type: 'help' }
  | { type: 'escape' };

/** The fields of a `KeyboardEvent` the key map reads. */
export interface KeyInput {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
}

/** Classes past the ninth have buttons but no key. */
export const MAX_CLASS_KEYS = 9;

/** The keys and what they do, for the help panel. */
export const KEY_HELP: readonly { keys: string; action: string }[] = [
  { keys: '1–9', action: 'Pick a class (multi-label: toggle it; spans: label the selected text)' },
  {
    keys: 'Enter',
    action: 'Accept: submit the selection, or the pre-label when nothing is picked',
  },
  { keys: 'Backspace', action: 'Go back to your previous label to edit it (last 10)' },
  { keys: 'Esc', action: 'Stop editing and return to the current item; close this help' },
  { keys: 'S', action: 'Skip this item' },
  { keys: '?', action: 'Show or hide this help' },
];

/**
 * Maps a keypress to a workspace action, or null when the key is not ours. Keys with Ctrl, Meta or
 * Alt are never ours (copy, browser shortcuts); digits past `classCount` do nothing.
 */
export function keyToAction(input: KeyInput, classCount: number): KeyAction | null {
  if (input.ctrlKey || input.metaKey || input.altKey) return null;
  const { key } = input;
  if (/^[1-9]$/.test(key)) {
    const index = Number(key) - 1;
    return index < Math.min(classCount, MAX_CLASS_KEYS) ? { type: 'class', index } : null;
  }
  switch (key) {
    case 'Enter':
      return { type: 'accept' };
    case 'Backspace':
      return { type: 'back' };
    case 's':
    case 'S':
      return { type: 'skip' };
    case '?':
      return { type: 'help' };
    case 'Escape':
      return { type: 'escape' };
    default:
      return null;
  }
}

/** The key that picks class `index`, or null past the ninth. */
export function classKey(index: number): string | null {
  return index >= 0 && index < MAX_CLASS_KEYS ? String(index + 1) : null;
}

/** The subset of an element the target check reads (a DOM `Element` fits). */
interface TargetLike {
  tagName?: string;
  isContentEditable?: boolean;
  readOnly?: boolean;
  getAttribute?: (name: string) => string | null;
}

/**
 * Whether the workspace should leave a key to its target: everything typed into editable fields,
 * and Enter or Space on buttons and links (they activate them). Read-only fields marked
 * `data-shortcuts="on"` (the span text area) take the shortcuts.
 */
export function shouldLeaveKeyToTarget(target: EventTarget | null, key: string): boolean {
  const element = target as TargetLike | null;
  if (!element || typeof element.tagName !== 'string') return false;
  const tag = element.tagName.toLowerCase();
  if (element.getAttribute?.('data-shortcuts') === 'on') return false;
  if (element.isContentEditable) return true;
  if (tag === 'input' || tag === 'textarea' || tag === 'select') return true;
  const activates = key === 'Enter' || key === ' ';
  return activates && (tag === 'button' || tag === 'a' || tag === 'summary');
}
