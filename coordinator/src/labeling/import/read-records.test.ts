import { describe, expect, it } from 'vitest';
import { readRecords } from './read-records.ts';

const columns = ['id', 'text', 'title'];

describe('readRecords', () => {
  it('reads CSV with a BOM, quoted fields, doubled quotes, newlines in quotes and CRLF', () => {
    const csv =
      '\uFEFFid,text\r\n1,"Hello, ""world""\r\nsecond line"\r\n\r\n2,plain\r\n3,"last, no newline"';
    const { records, errors } = readRecords(csv, 'csv', columns);
    expect(errors).toEqual([]);
    expect(records).toEqual([
      { line: 2, fields: { id: '1', text: 'Hello, "world"\r\nsecond line' } },
      { line: 5, fields: { id: '2', text: 'plain' } },
      { line: 6, fields: { id: '3', text: 'last, no newline' } },
    ]);
  });

  it('names the line of each bad CSV record, and stops at one it cannot parse', () => {
    const wrong = readRecords('id,text\n1,"a\nb"\n2,x,extra\n3,ok\n', 'csv', columns);
    expect(wrong.errors).toEqual([
      { line: 4, code: 'CSV_COLUMN_COUNT', message: expect.any(String) },
    ]);
    expect(wrong.records.map((r) => r.line)).toEqual([2, 5]);
    const broken = readRecords('id,text\n1,ok\n2,bad"quote\n', 'csv', columns);
    expect(broken.errors).toMatchObject([{ line: 3, code: 'INVALID_OPENING_QUOTE' }]);
    const header = readRecords('id,body\n1,x\n', 'csv', columns);
    expect(header.errors).toMatchObject([{ line: 1, code: 'CSV_UNKNOWN_COLUMN' }]);
  });

  it('reads JSONL, skipping blank lines and naming lines that are not objects', () => {
    const jsonl = '\uFEFF{"text":"a"}\r\n\n[1]\n{bad\n{"text":"b"}';
    const { records, errors } = readRecords(jsonl, 'jsonl', columns);
    expect(records).toEqual([
      { line: 1, fields: { text: 'a' } },
      { line: 5, fields: { text: 'b' } },
    ]);
    expect(errors.map((e) => [e.line, e.code])).toEqual([
      [3, 'JSON_NOT_OBJECT'],
      [4, 'JSON_INVALID'],
    ]);
  });
});
