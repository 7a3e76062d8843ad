/**
 * The demo's Plaza: the real coordinator (`startCoordinator`, what `plaza start` runs: PGlite, a
 * local anvil with Plaza and TestUSD deployed, exports on local disk) in a fresh data dir, with the
 * fixture web answering its robots.txt fetches in place of the internet; narrated as it comes up.
 */
import { type RunningCoordinator, startCoordinator } from '@plaza/coordinator';
import type { FixtureInternet } from '../harness/fixture-internet.ts';
import type { DemoWeb } from './demo-web.ts';
import type { Narrator } from './narrator.ts';

/** The local chain a demo Plaza runs, with its test stablecoin. */
export type DemoChain = NonNullable<RunningCoordinator['chain']> & { testUsd: `0x${string}` };

/** Starts the coordinator on `dataDir`; throws when it comes up without its local chain. */
export async function startDemoPlaza(
  dataDir: string,
  internet: FixtureInternet,
): Promise<{ plaza: RunningCoordinator; chain: DemoChain }> {
  const answer = internet.answer;
  const plaza = await startCoordinator(
    {
      PLAZA_DATA_DIR: dataDir,
      PLAZA_PORT: '0',
      // Any free port: the demo's chain is thrown away with its data dir, and may run beside `pnpm start`.
      PLAZA_ANVIL_PORT: '0',
      PLAZA_LOG_LEVEL: 'silent',
      // Not part of this story; they only take CPU here.
      PLAZA_VERIFY: 'false',
      PLAZA_PRELABEL: 'false',
      PLAZA_SERVER_CRAWL: 'false',
    },
    {
      // The fixture web stands in for the internet: its hosts resolve to a public address and
      // the coordinator's robots.txt fetches are answered by it.
      resolver: async () => ['93.184.216.34'],
      fetchText: async (url) => {
        const res = answer(url);
        return {
          status: res.status,
          body: typeof res.body === 'string' ? res.body : '',
          finalUrl: url,
        };
      },
    },
  );
  const chain = plaza.chain;
  if (!chain?.testUsd) {
    await plaza.stop().catch(() => {});
    throw new Error('Plaza started without its local chain.');
  }
  return { plaza, chain: chain as DemoChain };
}

/** Says where everything runs: the coordinator, the data dir, the chain, the contracts, the web. */
export function describeDemoPlaza(
  say: Narrator,
  setup: { plaza: RunningCoordinator; chain: DemoChain; dataDir: string; web: DemoWeb },
): void {
  const { plaza, chain, dataDir, web } = setup;
  say.say(`coordinator      ${plaza.url}  (database: ${plaza.database})`);
  say.say(`data dir         ${dataDir}`);
  say.say(`local chain      ${chain.rpcUrl}  (anvil, chain id ${chain.chainId})`);
  say.say(`Plaza contract   ${chain.plaza}`);
  say.say(`test stablecoin  ${chain.testUsd}  (TestUSD, 6 decimals)`);
  say.say(
    `fixture web      ${web.pages.size} pages on ${web.hosts.length} hosts: articles, exact and near duplicates, spam`,
  );
}
