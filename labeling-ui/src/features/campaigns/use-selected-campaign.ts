import type { Campaign } from '@plaza/protocol';
import { useCallback, useState } from 'react';

const SELECTED_KEY = 'plaza:campaign';

/**
 * The campaign the labeler works on, remembered in `localStorage`. Falls back to the first active
 * campaign when the remembered one is gone.
 */
export function useSelectedCampaign(
  campaigns: readonly Campaign[] | null,
): [Campaign | null, (id: string) => void] {
  const [id, setId] = useState<string | null>(() => {
    try {
      return window.localStorage.getItem(SELECTED_KEY);
    } catch {
      return null;
    }
  });
  const select = useCallback((next: string) => {
    setId(next);
    try {
      window.localStorage.setItem(SELECTED_KEY, next);
    } catch {
      // Remembered for this page only.
    }
  }, []);
  if (!campaigns) return [null, select];
  const chosen =
    campaigns.find((campaign) => campaign.id === id) ??
    campaigns.find((campaign) => campaign.status === 'active') ??
    null;
  return [chosen, select];
}
