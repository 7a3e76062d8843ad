import { useEffect, useId, useRef } from 'react';
import { KEY_HELP } from '../../lib/key-map.ts';

/** Props of {@link KeyHelp}. */
export interface KeyHelpProps {
  onClose: () => void;
}

/** The key help panel (`?`); focus moves to its close button, and Esc closes it. */
export function KeyHelp({ onClose }: KeyHelpProps) {
  const titleId = useId();
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const previous = document.activeElement;
    close.current?.focus();
    return () => {
      if (previous instanceof HTMLElement) previous.focus();
    };
  }, []);
  return (
    <div className="key-help" role="dialog" aria-modal="false" aria-labelledby={titleId}>
      <h2 id={titleId}>Keys</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">What it does</th>
          </tr>
        </thead>
        <tbody>
          {KEY_HELP.map((row) => (
            <tr key={row.keys}>
              <td>
                <kbd>{row.keys}</kbd>
              </td>
              <td>{row.action}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button ref={close} type="button" onClick={onClose}>
        Close <kbd>Esc</kbd>
      </button>
    </div>
  );
}
