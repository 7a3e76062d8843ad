import { CoordinatorError } from '@plaza/protocol';
import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { formatOfFile, ImportPanel } from './import-panel.tsx';

const supplier = '0x00000000000000000000000000000000000000aa';

function pick(name: string, content: string) {
  const input = screen.getByLabelText('File (.jsonl or .csv)');
  fireEvent.change(input, { target: { files: [new File([content], name)] } });
}

describe('ImportPanel', () => {
  it('sends the file as items with its format and supplier, and says what it imported', async () => {
    const importItems = vi.fn(async () => ({ importId: 'i', records: 2, count: 2, tasks: 2 }));
    render(
      <ImportPanel
        client={{ importItems, importGold: vi.fn() }}
        campaignId="news"
        defaultSupplier={supplier}
      />,
    );
    pick('items.csv', 'id,text\na,Hello there\nb,"Two, lines"\n');
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    expect(
      await screen.findByText('Imported 2 items from items.csv (2 new labeling tasks).'),
    ).toBeTruthy();
    expect(importItems).toHaveBeenCalledWith('news', {
      format: 'csv',
      text: 'id,text\na,Hello there\nb,"Two, lines"\n',
      supplier,
    });
  });

  it('lists each problem of a refused file by line and code', async () => {
    const importGold = vi.fn(async () => {
      throw new CoordinatorError('IMPORT_INVALID', 'The file has problems.', 422, false, {
        errors: [
          { line: 2, code: 'ITEM_NOT_FOUND', message: 'The campaign has no id "x".' },
          { line: 5, code: 'LABEL_INVALID', message: '"sprot" is not a class.' },
        ],
        errorCount: 3,
        records: 4,
      });
    });
    render(<ImportPanel client={{ importItems: vi.fn(), importGold }} campaignId="news" />);
    fireEvent.change(screen.getByLabelText('What the file holds'), { target: { value: 'gold' } });
    pick('gold.jsonl', '{"id":"x","label":"sport"}\n');
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    const table = await screen.findByTestId('import-errors');
    const rows = [...table.querySelectorAll('tbody tr')].map((row) =>
      [...row.querySelectorAll('td')].map((cell) => cell.textContent),
    );
    expect(rows).toEqual([
      ['2', 'ITEM_NOT_FOUND', 'The campaign has no id "x".'],
      ['5', 'LABEL_INVALID', '"sprot" is not a class.'],
    ]);
    expect(screen.getByText('gold.jsonl has 3 problem(s); nothing was imported.')).toBeTruthy();
    expect(screen.getByText('… and 1 more.')).toBeTruthy();
    expect(importGold).toHaveBeenCalledWith('news', {
      format: 'jsonl',
      text: '{"id":"x","label":"sport"}\n',
    });
  });

  it('reads the format from the file name', () => {
    expect([formatOfFile('a.CSV'), formatOfFile('a.jsonl'), formatOfFile('a.ndjson')]).toEqual([
      'csv',
      'jsonl',
      'jsonl',
    ]);
  });
});
