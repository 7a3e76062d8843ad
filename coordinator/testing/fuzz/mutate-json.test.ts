import { describe, expect, it } from 'vitest';
import { applyMutation } from './mutate-json.ts';

describe('applyMutation', () => {
  it("adds a key whose value holds replacement patterns ($&, $') as plain text", () => {
    for (const value of ["$'", '$&', '$`', '$$', 'a$1b']) {
      const mutated = applyMutation(
        { campaignId: 'news', max: 4 },
        { kind: 'add-key', at: 0, key: 'extra', value },
      );
      expect(mutated).toEqual({ extra: value, campaignId: 'news', max: 4 });
    }
  });
});
