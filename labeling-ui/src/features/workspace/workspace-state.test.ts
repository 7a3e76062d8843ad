import { describe, expect, it } from 'vitest';
import { taskFixture } from '../../testing/fixtures.ts';
import { initialWorkspaceState, type WorkspaceState, workspaceReducer } from './workspace-state.ts';

const cls = (c: number) => ({ kind: 'classification' as const, class: c });

function afterOneLabel(): WorkspaceState {
  const task = taskFixture(1);
  const ready = workspaceReducer(initialWorkspaceState, {
    type: 'leased',
    tasks: [task, taskFixture(2)],
    pending: new Set(),
    now: 0,
  });
  return workspaceReducer(ready, {
    type: 'accepted',
    task,
    label: {
      clientId: 'c-1',
      revision: 0,
      itemId: 1,
      value: cls(0),
      durationMs: 900,
      prelabelShown: false,
    },
    now: 1,
  });
}

describe('workspaceReducer', () => {
  it('stops at a pause the server gives as a rejected label, as it does for a refused lease', () => {
    const state = workspaceReducer(afterOneLabel(), {
      type: 'rejected',
      clientId: 'c-1',
      itemId: 1,
      revision: 0,
      code: 'LABELER_PAUSED',
      message: 'Your accuracy on gold items is 40 %.',
    });
    expect(state.phase).toBe('paused');
    expect(state.paused).toEqual({
      code: 'LABELER_PAUSED',
      message: 'Your accuracy on gold items is 40 %.',
    });
    expect(state.history[0]?.rejected?.code).toBe('LABELER_PAUSED');
  });

  it('keeps labeling after other refusals', () => {
    const state = workspaceReducer(afterOneLabel(), {
      type: 'rejected',
      clientId: 'c-1',
      itemId: 1,
      revision: 0,
      code: 'LABEL_INVALID',
      message: 'Class 7 does not exist.',
    });
    expect([state.phase, state.paused]).toEqual(['ready', null]);
  });

  it('keeps the first answer, the scored one, through an edit', () => {
    let state = workspaceReducer(afterOneLabel(), { type: 'back' });
    state = workspaceReducer(state, {
      type: 'edited',
      label: {
        clientId: 'c-1',
        revision: 1,
        itemId: 1,
        value: cls(2),
        durationMs: 500,
        prelabelShown: false,
      },
    });
    expect(state.history[0]).toMatchObject({ value: cls(2), firstValue: cls(0), revision: 1 });
  });
});
