import { useCallback, useRef, useState } from 'react';
import { formatError } from '../../lib/describe-error.ts';
import type { GovernanceApi } from '../../lib/governance-api.ts';
import type { ChainInfo } from '../../lib/governance-schemas.ts';

/** The coordinator's chain info: loaded once on the first `loadInfo()`, asked again after a failure. */
export function useChainInfo(api: Pick<GovernanceApi, 'chainInfo'>) {
  const [info, setInfo] = useState<ChainInfo | null>(null);
  const [infoError, setInfoError] = useState<string | null>(null);
  const infoLoad = useRef<Promise<ChainInfo> | null>(null);

  const loadInfo = useCallback((): Promise<ChainInfo> => {
    if (!infoLoad.current) {
      const loading = api.chainInfo();
      infoLoad.current = loading;
      loading.then(
        (answer) => {
          setInfo(answer);
          setInfoError(null);
        },
        (error: unknown) => {
          infoLoad.current = null;
          setInfoError(formatError(error));
        },
      );
    }
    return infoLoad.current;
  }, [api]);

  return { info, infoError, loadInfo };
}
