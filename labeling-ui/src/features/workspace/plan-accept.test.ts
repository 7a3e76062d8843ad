import type { LabelSchema } from '@plaza/protocol';
import { describe, expect, it } from 'vitest';
import { emptySelection } from '../../lib/label-value.ts';
import { taskFixture } from '../../testing/fixtures.ts';
import { planAccept } from './plan-accept.ts';
import {
  type HistoryEntry,
  initialWorkspaceState,
  type WorkspaceState,
} from './workspace-state.ts';

const schema: LabelSchema = { kind: 'classification', classes: ['A', 'B', 'C'] };
const params = { schema, durationMs: 1234.4, newClientId: () => 'new-id' };
const prelabel = {
  value: { kind: 'classification' as const, class: 2 },
  confidence: 0.9,
  source: { kind: 'model' as const, model: 'm1' },
};

function withQueue(overrides: Partial<WorkspaceState> = {}): WorkspaceState {
  return { ...initialWorkspaceState, phase: 'ready', queue: [taskFixture(1)], ...overrides };
}

const entry: HistoryEntry = {
  clientId: 'c-1',
  revision: 2,
  itemId: 9,
  title: 'T',
  text: 'x',
  url: '',
  value: { kind: 'classification', class: 0 },
  firstValue: { kind: 'classification', class: 1 },
  prelabel: null,
  blind: false,
  prelabelShown: true,
  editable: true,
  rejected: null,
};

describe('planAccept', () => {
  it('submits the selection as a new label', () => {
    const plan = planAccept(withQueue({ selection: { classes: [1], spans: [] } }), params);
    expect(plan).toMatchObject({
      type: 'accept',
      label: {
        clientId: 'new-id',
        revision: 0,
        itemId: 1,
        value: { kind: 'classification', class: 1 },
        durationMs: 1234,
        prelabelShown: false,
      },
    });
  });

  it('accepts the pre-label on screen when nothing is picked', () => {
    const state = withQueue({ queue: [taskFixture(1, { prelabel })] });
    expect(planAccept(state, params)).toMatchObject({
      type: 'accept',
      label: { value: prelabel.value, prelabelShown: true },
    });
  });

  it('never uses a blind task’s pre-label, nor one of another kind', () => {
    const blind = withQueue({ queue: [taskFixture(1, { prelabel, blind: true })] });
    expect(planAccept(blind, params).type).toBe('notice');
    const other = withQueue({
      queue: [
        taskFixture(1, { prelabel: { ...prelabel, value: { kind: 'multi-label', classes: [1] } } }),
      ],
    });
    expect(planAccept(other, params)).toEqual({
      type: 'notice',
      message: 'Pick a class first (keys 1–3).',
    });
  });

  it('resubmits an edit with the same clientId and revision + 1, only when it changed', () => {
    const editing = withQueue({ history: [entry], editing: 0 });
    expect(planAccept({ ...editing, selection: { classes: [0], spans: [] } }, params)).toEqual({
      type: 'edit',
      label: null,
    });
    expect(planAccept({ ...editing, selection: { classes: [2], spans: [] } }, params)).toEqual({
      type: 'edit',
      label: {
        clientId: 'c-1',
        revision: 3,
        itemId: 9,
        value: { kind: 'classification', class: 2 },
        durationMs: 1234,
        prelabelShown: true,
      },
    });
  });

  it('does nothing without a task', () => {
    expect(planAccept({ ...initialWorkspaceState, selection: emptySelection }, params)).toEqual({
      type: 'nothing',
    });
  });
});
