import { type ActionDispatch, type RefObject, useEffect, useLayoutEffect } from 'react';
import { isSessionError } from '../../lib/describe-error.ts';
import { recordLatency } from '../../lib/latency.ts';
import type { Outbox } from '../../lib/outbox.ts';
import type { WorkspaceClient } from './use-workspace.ts';
import type { WorkspaceAction, WorkspaceState } from './workspace-state.ts';

type Dispatch = ActionDispatch<[WorkspaceAction]>;

/** A keypress waiting for its next item to be painted. */
export interface LatencyStart {
  key: string;
  at: number;
}

/**
 * When another item is on screen (`viewKey` changes): notes when it was shown and records the
 * latency of the keypress that brought it, once the frame after it is painted.
 */
export function useItemLatency(
  viewKey: string,
  shownAt: RefObject<number>,
  latencyStart: RefObject<LatencyStart | null>,
): void {
  // The new item is in the DOM now; the frame after it is painted is what the labeler sees.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when another item is on screen.
  useLayoutEffect(() => {
    shownAt.current = performance.now();
    const start = latencyStart.current;
    if (!start) return;
    latencyStart.current = null;
    requestAnimationFrame(() => {
      recordLatency({ key: start.key, ms: performance.now() - start.at });
    });
  }, [viewKey]);
}

/** On load: sends what a previous visit left, then fetches the history for Backspace. */
export function useHistoryLoad(
  client: Pick<WorkspaceClient, 'recentLabels'>,
  campaignId: string,
  outbox: Outbox,
  dispatch: Dispatch,
  sessionInvalidRef: RefObject<(() => void) | undefined>,
): void {
  useEffect(() => {
    let alive = true;
    void (async () => {
      await outbox.flush().catch(() => undefined);
      try {
        const { labels } = await client.recentLabels(campaignId);
        if (!alive) return;
        const own = labels.filter((label) => label.campaignId === campaignId);
        dispatch({ type: 'history-loaded', labels: own, pending: outbox.entries() });
      } catch (error) {
        if (alive && isSessionError(error)) sessionInvalidRef.current?.();
      }
    })();
    return () => {
      alive = false;
    };
  }, [client, campaignId, outbox, dispatch, sessionInvalidRef]);
}

/** The outbox's answers into the state: a label's result (its pre-label), or its rejection. */
export function useOutboxAnswers(outbox: Outbox, dispatch: Dispatch): void {
  useEffect(
    () =>
      outbox.onEvent((event) => {
        if (event.type === 'result') {
          dispatch({
            type: 'result',
            clientId: event.label.clientId,
            prelabel: event.result.prelabel,
          });
        } else if (event.type === 'rejected') {
          dispatch({
            type: 'rejected',
            clientId: event.label.clientId,
            itemId: event.label.itemId,
            revision: event.label.revision,
            code: event.error.code,
            message: event.error.message,
          });
        }
      }),
    [outbox, dispatch],
  );
}

/** Clears a revealed pre-label's highlight after `revealMs`. */
export function useRevealTimeout(
  reveal: WorkspaceState['reveal'],
  revealMs: number,
  dispatch: Dispatch,
): void {
  useEffect(() => {
    if (!reveal) return;
    const id = setTimeout(() => dispatch({ type: 'clear-reveal' }), revealMs);
    return () => clearTimeout(id);
  }, [reveal, revealMs, dispatch]);
}
