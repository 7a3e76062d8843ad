import { startCoordinator } from '../../main.ts';
import type { CommandRun } from '../command-spec.ts';

/** `plaza start`: serves until Ctrl-C (SIGINT) or SIGTERM, then stops cleanly. */
export const run: CommandRun = async ({ env, say }) => {
  const coordinator = await startCoordinator(env);
  say(
    [
      '',
      `  Plaza coordinator   ${coordinator.url}`,
      env.PLAZA_UI_DIR
        ? `  web app             ${coordinator.url}/#/label  (admin: ${coordinator.url}/#/admin)`
        : '  web app             not served (build labeling-ui and set PLAZA_UI_DIR, or use pnpm start)',
      `  API reference       ${coordinator.url}/reference  (${coordinator.url}/openapi.json)`,
      `  database            ${coordinator.database}`,
      `  receipt signer      ${coordinator.coordinatorAddress}`,
      ...(coordinator.chain
        ? [
            `  chain               ${coordinator.chain.rpcUrl} (id ${coordinator.chain.chainId}${coordinator.chain.isLocal ? ', local anvil' : ''})`,
            `  Plaza contract      ${coordinator.chain.plaza}`,
            ...(coordinator.chain.testUsd
              ? [`  TestUSD             ${coordinator.chain.testUsd}`]
              : []),
          ]
        : ['  chain               off']),
      '  admin key           in PLAZA_ADMIN_KEY or <data dir>/keys.json',
      '',
      '  Ctrl-C stops it.',
      '',
    ].join('\n'),
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await coordinator.stop();
  return { json: { stopped: true, url: coordinator.url }, text: 'Stopped.' };
};
