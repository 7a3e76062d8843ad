import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import {
  CoordinatorError,
  createCampaignRequestSchema,
  createCoordinatorClient,
} from '@plaza/protocol';
import { ConfigError, loadConfig } from '../config.ts';
import { verifyVersion } from '../datasets/verify-version.ts';
import { readAdminKey } from '../keys.ts';
import { startCoordinator } from '../main.ts';
import { exportCommand } from './export-command.ts';
import { formatTable } from './format-table.ts';
import { importCommand } from './import-command.ts';

const usage = `plaza — run and operate a Plaza coordinator

Usage:
  plaza start                         migrate and start the coordinator on the configured database
  plaza status [--url URL]            whole-system counters of a running coordinator
  plaza campaign list [--url URL]     campaigns and their pipeline counters
  plaza campaign create --file F.json [--url URL]
  plaza campaign create --id ID --name NAME --host HOST [--seed URL]... [--sitemap URL]...
                        [--classes a,b] [--max-pages N] [--delay-ms N] [--rule v1|v2] [--url URL]
  plaza freeze CAMPAIGN [--dataset-id N] [--url URL]
                                      freeze the campaign's next dataset version (export,
                                      manifest, shares, shares tree) and publish it on chain
                                      (--dataset-id only without a chain)
  plaza import items|gold CAMPAIGN FILE [--supplier ADDRESS] [--format jsonl|csv] [--json]
                                      import items to label or gold answers from JSONL or CSV,
                                      all or nothing (plaza import --help)
  plaza export labels CAMPAIGN [--format jsonl|csv|conll] [--aggregated] [--out FILE]
                                      every labeler's labels, or the aggregates (--help)
  plaza verify DIR|manifest.json [--rpc URL]
                                      recompute a version's rows root, shares and shares root
                                      from its files and print every difference; with --rpc
                                      (or PLAZA_RPC_URL) also compare with the chain

Environment: see the README's configuration table. The admin key is read from PLAZA_ADMIN_KEY or
from <PLAZA_DATA_DIR>/keys.json, which 'plaza start' creates.`;

async function main(argv: string[]): Promise<number> {
  const [command, sub] = argv;
  if (!command || command === 'help' || command === '--help') {
    console.log(usage);
    return 0;
  }
  if (command === 'start') return start();
  if (command === 'import') return importCommand(argv.slice(1), process.env);
  if (command === 'export') return exportCommand(argv.slice(1), process.env);
  if (command === 'verify') {
    const { values, positionals } = parseArgs({
      args: argv.slice(1),
      options: { rpc: { type: 'string' } },
      allowPositionals: true,
    });
    return verify(positionals[0], values.rpc ?? process.env.PLAZA_RPC_URL);
  }
  const { values } = parseArgs({
    args: argv.slice(command === 'campaign' ? 2 : 1),
    options: {
      url: { type: 'string' },
      file: { type: 'string' },
      id: { type: 'string' },
      name: { type: 'string' },
      host: { type: 'string', multiple: true },
      seed: { type: 'string', multiple: true },
      sitemap: { type: 'string', multiple: true },
      classes: { type: 'string' },
      'max-pages': { type: 'string' },
      'delay-ms': { type: 'string' },
      rule: { type: 'string' },
      'dataset-id': { type: 'string' },
    },
    allowPositionals: command === 'freeze',
    strict: true,
  });
  const config = loadConfig(process.env);
  const baseUrl =
    values.url ?? process.env.PLAZA_URL ?? `http://${config.PLAZA_HOST}:${config.PLAZA_PORT}`;
  const adminKey = readAdminKey({
    dataDir: config.PLAZA_DATA_DIR,
    adminKey: config.PLAZA_ADMIN_KEY,
  });
  const client = createCoordinatorClient({ baseUrl, adminKey });

  if (command === 'status') {
    const status = await client.status();
    console.log(
      formatTable([
        ['campaigns', status.campaigns],
        ['devices', status.devices],
        ['items', status.items],
        ['active leases', status.activeLeases],
        ...Object.entries(status.frontier).map(([k, v]) => [`frontier ${k}`, v] as const),
        ...Object.entries(status.contributions).map(([k, v]) => [`contributions ${k}`, v] as const),
      ]),
    );
    return 0;
  }
  if (command === 'campaign' && sub === 'list') {
    const { campaigns } = await client.listCampaigns();
    const rows = await Promise.all(
      campaigns.map(async (c) => {
        const { stats } = await client.getCampaign(c.id);
        const queued = stats.frontier.queued ?? 0;
        const done = stats.frontier.done ?? 0;
        return [c.id, c.status, c.name, queued, done, stats.items] as const;
      }),
    );
    console.log(formatTable([['id', 'status', 'name', 'queued', 'fetched', 'items'], ...rows]));
    return 0;
  }
  if (command === 'campaign' && sub === 'create') {
    const raw = values.file
      ? JSON.parse(readFileSync(values.file, 'utf8'))
      : {
          id: values.id,
          name: values.name,
          seeds: values.seed ?? [],
          sitemaps: values.sitemap ?? [],
          scope: { hosts: values.host ?? [] },
          labelSchema: {
            kind: 'classification',
            classes: (values.classes ?? 'relevant,irrelevant').split(',').map((s) => s.trim()),
          },
          ...(values['max-pages'] ? { maxPages: Number(values['max-pages']) } : {}),
          ...(values['delay-ms'] ? { politeness: { minDelayMs: Number(values['delay-ms']) } } : {}),
          // --rule v2: versions are attributed by measured value (attribution rule v2).
          ...(values.rule
            ? { attributionRule: `plaza-attribution/${values.rule.replace(/^v/, '')}` }
            : {}),
        };
    const parsed = createCampaignRequestSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        console.error(`invalid campaign: ${issue.path.join('.') || 'campaign'}: ${issue.message}`);
      }
      return 2;
    }
    const { campaign, frontier } = await client.createCampaign(parsed.data);
    console.log(`created campaign ${campaign.id}: ${frontier.added} URL(s) queued`);
    for (const r of frontier.refused) console.log(`  refused ${r.url}: ${r.code}`);
    return 0;
  }
  if (command === 'freeze' && sub) {
    const response = await fetch(`${baseUrl}/v1/campaigns/${sub}/versions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(values['dataset-id'] ? { datasetId: values['dataset-id'] } : {}),
    });
    const body = (await response.json()) as {
      dir?: string;
      publication?: {
        datasetId: string;
        txHash: string | null;
        activated: boolean;
        activatesAt?: number;
      } | null;
      manifest?: {
        version: number;
        rows: { count: number; root: string };
        shares: { root: string };
        attribution: { holders: number; totalShares: string };
      };
      error?: { code: string; message: string };
    };
    if (!response.ok || !body.manifest) {
      console.error(
        `freeze failed: ${body.error?.code ?? response.status}: ${body.error?.message ?? ''}`,
      );
      return 1;
    }
    const { manifest } = body;
    console.log(
      formatTable([
        ['version', manifest.version],
        ['rows', manifest.rows.count],
        ['rows root', manifest.rows.root],
        ['holders', manifest.attribution.holders],
        ['total shares', manifest.attribution.totalShares],
        ['shares root', manifest.shares.root],
        ['written to', body.dir ?? ''],
        [
          'on chain',
          body.publication
            ? `dataset ${body.publication.datasetId}, ${publicationState(body.publication)}${body.publication.txHash ? ` (tx ${body.publication.txHash})` : ''}`
            : 'not published (no chain)',
        ],
      ]),
    );
    return 0;
  }
  console.error(`unknown command: ${argv.join(' ')}\n\n${usage}`);
  return 2;
}

/** `plaza verify`: checks a frozen version from its files; exit 1 when anything differs. */
async function verify(target: string | undefined, rpcUrl: string | undefined): Promise<number> {
  if (!target) {
    console.error('plaza verify needs a version directory or its manifest.json.');
    return 2;
  }
  const dir = target.endsWith('manifest.json') ? dirname(target) : target;
  const result = await verifyVersion(dir, rpcUrl ? { rpcUrl } : {});
  console.log(
    formatTable([
      ['campaign', result.manifest.campaign.id],
      ['dataset / version', `${result.manifest.datasetId} / ${result.manifest.version}`],
      ['rows', result.manifest.rows.count],
      ['rows root', result.rowsRoot],
      ['holders', result.holders],
      ['total shares', String(result.totalShares)],
      ['shares root', result.sharesRoot],
    ]),
  );
  if (result.problems.length === 0) {
    console.log(
      '\nOK: the files, the rows root, every share and the shares root match the manifest.',
    );
    return 0;
  }
  console.log(`\n${result.problems.length} difference(s):`);
  for (const problem of result.problems) console.log(`  - ${problem}`);
  return 1;
}

async function start(): Promise<number> {
  const coordinator = await startCoordinator(process.env);
  console.log(
    [
      '',
      `  Plaza coordinator   ${coordinator.url}`,
      process.env.PLAZA_UI_DIR
        ? `  web app             ${coordinator.url}/#/label`
        : '  web app             not served (build labeling-ui and set PLAZA_UI_DIR, or use pnpm start)',
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
      `  admin key           in PLAZA_ADMIN_KEY or <data dir>/keys.json`,
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
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0) process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof ConfigError) console.error(error.message);
    else if (error instanceof CoordinatorError) console.error(`${error.code}: ${error.message}`);
    else if (error instanceof Error) console.error(error.message);
    else console.error(error);
    process.exitCode = 1;
  },
);

/** A publication's state in words: open, or in its timelock until when (revocable meanwhile). */
function publicationState(publication: { activated: boolean; activatesAt?: number }): string {
  if (publication.activated) return 'active';
  if (publication.activatesAt === undefined) return 'pending';
  const until = new Date(publication.activatesAt * 1000).toISOString().replace('.000', '');
  return `in its timelock until ${until} (the guardian may revoke it until then)`;
}
