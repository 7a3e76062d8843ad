import { describe, expect, it } from 'vitest';
import { classKey, keyToAction, shouldLeaveKeyToTarget } from './key-map.ts';

describe('keyToAction', () => {
  it('maps digits to class indexes within the schema', () => {
    expect(keyToAction({ key: '1' }, 3)).toEqual({ type: 'class', index: 0 });
    expect(keyToAction({ key: '3' }, 3)).toEqual({ type: 'class', index: 2 });
    expect(keyToAction({ key: '4' }, 3)).toBeNull();
    expect(keyToAction({ key: '0' }, 12)).toBeNull();
    expect(keyToAction({ key: '9' }, 12)).toEqual({ type: 'class', index: 8 });
  });

  it('maps the command keys', () => {
    expect(keyToAction({ key: 'Enter' }, 2)).toEqual({ type: 'accept' });
    expect(keyToAction({ key: 'Backspace' }, 2)).toEqual({ type: 'back' });
    expect(keyToAction({ key: 's' }, 2)).toEqual({ type: 'skip' });
    expect(keyToAction({ key: 'S' }, 2)).toEqual({ type: 'skip' });
    expect(keyToAction({ key: '?' }, 2)).toEqual({ type: 'help' });
    expect(keyToAction({ key: 'Escape' }, 2)).toEqual({ type: 'escape' });
    expect(keyToAction({ key: 'x' }, 2)).toBeNull();
  });

  it('leaves keys with modifiers to the browser', () => {
    expect(keyToAction({ key: '1', ctrlKey: true }, 3)).toBeNull();
    expect(keyToAction({ key: 's', metaKey: true }, 3)).toBeNull();
    expect(keyToAction({ key: 'Enter', altKey: true }, 3)).toBeNull();
  });
});

describe('classKey', () => {
  it('names keys 1–9 only', () => {
    expect(classKey(0)).toBe('1');
    expect(classKey(8)).toBe('9');
    expect(classKey(9)).toBeNull();
  });
});

describe('shouldLeaveKeyToTarget', () => {
  it('leaves typing in fields alone', () => {
    const input = document.createElement('input');
    expect(shouldLeaveKeyToTarget(input, '1')).toBe(true);
    expect(shouldLeaveKeyToTarget(document.createElement('textarea'), 's')).toBe(true);
  });

  it('takes shortcuts in a read-only area marked for them', () => {
    const area = document.createElement('textarea');
    area.readOnly = true;
    area.setAttribute('data-shortcuts', 'on');
    expect(shouldLeaveKeyToTarget(area, '1')).toBe(false);
    expect(shouldLeaveKeyToTarget(area, 'Enter')).toBe(false);
  });

  it('lets Enter activate buttons but still takes digits on them', () => {
    const button = document.createElement('button');
    expect(shouldLeaveKeyToTarget(button, 'Enter')).toBe(true);
    expect(shouldLeaveKeyToTarget(button, '2')).toBe(false);
    expect(shouldLeaveKeyToTarget(document.body, 'Enter')).toBe(false);
    expect(shouldLeaveKeyToTarget(null, 'Enter')).toBe(false);
  });
});
