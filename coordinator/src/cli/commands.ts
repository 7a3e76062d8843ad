import type { CommandSpec, OptionSpec } from './command-spec.ts';

const campaignArg = { name: 'CAMPAIGN', required: true, description: 'the campaign id' } as const;

/** Options shared by `campaign create` and `campaign edit`. */
const campaignFields: Record<string, OptionSpec> = {
  name: { type: 'string', value: 'TEXT', description: 'display name' },
  description: { type: 'string', value: 'TEXT', description: 'what the campaign collects' },
  host: {
    type: 'string',
    multiple: true,
    value: 'HOST',
    description: 'a host in scope, or *.example.com (repeat; edit replaces the list)',
  },
  include: { type: 'string', multiple: true, value: 'GLOB', description: 'URL glob to include' },
  exclude: { type: 'string', multiple: true, value: 'GLOB', description: 'URL glob to exclude' },
  'max-pages': { type: 'string', value: 'N', description: 'stop adding URLs past this many' },
  'delay-ms': { type: 'string', value: 'N', description: 'least time between fetches of a host' },
  overlap: { type: 'string', value: 'N', description: 'labels wanted per item (1–15)' },
  'quality-floor': { type: 'string', value: 'X', description: 'rows need this quality (0–1)' },
  license: { type: 'string', value: 'SPDX', description: 'license of the dataset, e.g. CC-BY-4.0' },
  file: { type: 'string', value: 'F.json', description: 'read the fields from a JSON file' },
};

/**
 * Every command of `plaza`: the words that name it, its arguments and options with their help,
 * and the module that runs it (loaded only when it runs).
 */
export const commands: readonly CommandSpec[] = [
  {
    path: ['start'],
    summary: 'migrate and start the coordinator on the configured database and chain',
    details: 'Configuration comes from the environment and .env (see the README table).',
    load: () => import('./commands/start.ts'),
  },
  {
    path: ['status'],
    summary: "whole-system counters, or one campaign's pipeline and why it is stuck",
    args: [{ name: 'CAMPAIGN', required: false, description: 'a campaign id' }],
    remote: true,
    details:
      'With a campaign: its frontier, and per host what holds it back (robots.txt error or\ndisallow, DNS refused or unresolvable, crawl-delay, failures).',
    load: () => import('./commands/status.ts'),
  },
  {
    path: ['campaign', 'list'],
    summary: 'campaigns with their status and pipeline counters',
    remote: true,
    load: () => import('./commands/campaign-list.ts'),
  },
  {
    path: ['campaign', 'show'],
    summary: "a campaign's settings and counters",
    args: [campaignArg],
    remote: true,
    load: () => import('./commands/campaign-show.ts'),
  },
  {
    path: ['campaign', 'create'],
    summary: 'create a campaign and queue its seeds',
    remote: true,
    options: {
      id: { type: 'string', value: 'ID', description: 'lowercase id (letters, digits, -)' },
      ...campaignFields,
      seed: { type: 'string', multiple: true, value: 'URL', description: 'a seed URL (repeat)' },
      sitemap: { type: 'string', multiple: true, value: 'URL', description: 'a sitemap (repeat)' },
      classes: { type: 'string', value: 'a,b', description: 'label classes, comma-separated' },
      kind: {
        type: 'string',
        value: 'KIND',
        description: 'classification (default), multi-label or spans',
      },
      rule: {
        type: 'string',
        value: 'v1|v2',
        description: 'attribution rule: v1 values rows by quality (default), v2 by measured effect',
      },
    },
    details:
      'Example:\n  plaza campaign create --id news --name News --host news.example.com \\\n    --seed https://news.example.com/ --classes politics,sport,culture',
    load: () => import('./commands/campaign-create.ts'),
  },
  {
    path: ['campaign', 'edit'],
    summary: 'change scope, limits, overlap, quality floor, politeness, name or license',
    args: [campaignArg],
    options: campaignFields,
    remote: true,
    details:
      'Queued URLs the new scope leaves out are refused (URL_OUT_OF_SCOPE); nothing fetched is lost.',
    load: () => import('./commands/campaign-edit.ts'),
  },
  {
    path: ['campaign', 'pause'],
    summary: 'stop handing out fetch and labeling work (leases out run to their end)',
    args: [campaignArg],
    remote: true,
    load: () => import('./commands/campaign-lifecycle.ts').then((m) => ({ run: m.pause })),
  },
  {
    path: ['campaign', 'resume'],
    summary: 'hand out work again; its hosts with queued URLs are queued again',
    args: [campaignArg],
    remote: true,
    load: () => import('./commands/campaign-lifecycle.ts').then((m) => ({ run: m.resume })),
  },
  {
    path: ['campaign', 'close'],
    summary: 'end the campaign for good: no more fetching or labeling; versions stay',
    args: [campaignArg],
    remote: true,
    load: () => import('./commands/campaign-lifecycle.ts').then((m) => ({ run: m.close })),
  },
  {
    path: ['freeze'],
    summary: "freeze the campaign's next dataset version and publish it on chain",
    args: [campaignArg],
    remote: true,
    options: {
      'dataset-id': {
        type: 'string',
        value: 'N',
        description: 'dataset id (only without a chain)',
      },
      force: {
        type: 'boolean',
        description: 'freeze even when fewer rows are labelled than PLAZA_FREEZE_MIN_LABELLED',
      },
    },
    details:
      'Writes rows.jsonl, rows.parquet, rows.csv, the dataset card (README.md), croissant.json,\nshares.json and manifest.json. Refuses a version identical to the last one.',
    load: () => import('./commands/freeze.ts'),
  },
  {
    path: ['import', 'items'],
    summary: 'import items to label from a JSONL or CSV file, all or nothing',
    args: [campaignArg, { name: 'FILE', required: true, description: 'a .jsonl or .csv file' }],
    remote: true,
    options: {
      supplier: {
        type: 'string',
        value: 'ADDRESS',
        description: 'the address credited with the items',
      },
      format: {
        type: 'string',
        value: 'jsonl|csv',
        description: "the file's format (else its extension)",
      },
    },
    details:
      'Each line: text (required), id (yours, unique in the campaign), title, url, quality (0-1,\ndefault 1), language. A file with any problem is refused, each problem listed with its line\nand code, and nothing is written.',
    load: () => import('./commands/import-export.ts').then((m) => ({ run: m.importItems })),
  },
  {
    path: ['import', 'gold'],
    summary: 'import gold answers from a JSONL or CSV file, all or nothing',
    args: [campaignArg, { name: 'FILE', required: true, description: 'a .jsonl or .csv file' }],
    remote: true,
    options: {
      format: {
        type: 'string',
        value: 'jsonl|csv',
        description: "the file's format (else its extension)",
      },
    },
    details:
      'Each line names its item by itemId (or item_id) or by the id it was imported with, and the\nanswer as label (a class name; multi-label: names separated by |), labels, spans or value.',
    load: () => import('./commands/import-export.ts').then((m) => ({ run: m.importGold })),
  },
  {
    path: ['export', 'labels'],
    summary: "every labeler's labels, or the aggregates: JSONL, CSV or CoNLL (spans)",
    args: [campaignArg],
    remote: true,
    options: {
      format: {
        type: 'string',
        value: 'jsonl|csv|conll',
        description: 'the format (jsonl by default)',
      },
      aggregated: { type: 'boolean', description: 'one aggregated label per item instead' },
      out: {
        type: 'string',
        value: 'FILE',
        description: 'write to FILE (whole or not at all), else stdout',
      },
    },
    load: () => import('./commands/import-export.ts').then((m) => ({ run: m.exportLabels })),
  },
  {
    path: ['verify'],
    summary: "recompute a version's files, rows root, shares and shares root, and compare",
    args: [
      { name: 'DIR', required: true, description: 'a version directory or its manifest.json' },
    ],
    options: {
      rpc: {
        type: 'string',
        value: 'URL',
        description: 'also compare with the chain (PLAZA_RPC_URL)',
      },
    },
    details: 'Exits 1 when anything differs, printing each difference.',
    load: () => import('./commands/verify.ts'),
  },
  {
    path: ['webhook', 'list'],
    summary: 'webhook endpoints and their delivery counts',
    remote: true,
    load: () => import('./commands/webhook.ts').then((m) => ({ run: m.list })),
  },
  {
    path: ['webhook', 'add'],
    summary: 'send events to a URL, signed per Standard Webhooks; prints the secret once',
    remote: true,
    options: {
      to: { type: 'string', value: 'URL', description: 'the receiver (https, or http locally)' },
      event: {
        type: 'string',
        multiple: true,
        value: 'TYPE',
        description: 'an event type (repeat); all when omitted',
      },
      description: { type: 'string', value: 'TEXT', description: 'a note for operators' },
    },
    details:
      'Events: version.frozen, version.published, license.proposed, license.approved,\nlicense.settled.',
    load: () => import('./commands/webhook.ts').then((m) => ({ run: m.add })),
  },
  {
    path: ['webhook', 'remove'],
    summary: 'stop sending to an endpoint',
    args: [{ name: 'ID', required: true, description: 'the endpoint id' }],
    remote: true,
    load: () => import('./commands/webhook.ts').then((m) => ({ run: m.remove })),
  },
  {
    path: ['webhook', 'deliveries'],
    summary: "an endpoint's delivery log: attempts, answers, next try",
    args: [{ name: 'ID', required: true, description: 'the endpoint id' }],
    remote: true,
    load: () => import('./commands/webhook.ts').then((m) => ({ run: m.deliveries })),
  },
];
