import type { ReactNode } from 'react';
import type { SettingsDraft } from './use-settings-draft.ts';

const number = (value: string) => (value === '' ? Number.NaN : Number(value));

/** The options page's controls: pause, cap, concurrency, idle, data saver, battery, compute, deny list. */
export function ControlsForm({ form }: { form: SettingsDraft }) {
  const { draft, set, denyText, setDenyText, saved, save } = form;
  return (
    <>
      <h2>Controls</h2>
      <Toggle checked={draft.paused} onChange={(paused) => set({ paused })}>
        Paused (no lease, fetch or submission)
      </Toggle>
      <label>
        Daily cap{' '}
        <input
          type="number"
          min={0.1}
          step={0.1}
          data-testid="daily-cap"
          value={Number.isNaN(draft.dailyCapMb) ? '' : draft.dailyCapMb}
          onChange={(e) => set({ dailyCapMb: number(e.target.value) })}
        />{' '}
        MB of pages per day
      </label>
      <label>
        Concurrency{' '}
        <select
          value={draft.concurrency}
          onChange={(e) => set({ concurrency: Number(e.target.value) })}
        >
          {[1, 2, 3, 4].map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>{' '}
        fetches at once
      </label>
      <Toggle checked={draft.idleOnly} onChange={(idleOnly) => set({ idleOnly })}>
        Only while I am away from the computer
      </Toggle>
      <Toggle
        checked={draft.pauseOnSaveData}
        onChange={(pauseOnSaveData) => set({ pauseOnSaveData })}
      >
        No work on metered connections (data saver)
      </Toggle>
      <label>
        On battery, only above{' '}
        <input
          type="number"
          min={0}
          max={100}
          value={Number.isNaN(draft.minBatteryPercent) ? '' : draft.minBatteryPercent}
          onChange={(e) => set({ minBatteryPercent: number(e.target.value) })}
        />{' '}
        % charge (0: no battery check)
      </label>
      <Toggle checked={draft.computeEnabled} onChange={(computeEnabled) => set({ computeEnabled })}>
        Lend GPU for pre-labeling
      </Toggle>
      <label>
        Never fetch these domains (one per line; subdomains included):
        <br />
        <textarea
          rows={5}
          cols={50}
          data-testid="deny-list"
          value={denyText}
          onChange={(e) => setDenyText(e.target.value)}
        />
      </label>
      <div className="row">
        <button type="button" data-testid="save" onClick={() => void save()}>
          Save
        </button>
        {saved ? <span className={saved.ok ? 'ok' : 'error'}>{saved.text}</span> : null}
      </div>
    </>
  );
}

/** A labelled checkbox. */
function Toggle(props: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  children: ReactNode;
}) {
  return (
    <label>
      <input
        type="checkbox"
        checked={props.checked}
        onChange={(e) => props.onChange(e.target.checked)}
      />{' '}
      {props.children}
    </label>
  );
}
