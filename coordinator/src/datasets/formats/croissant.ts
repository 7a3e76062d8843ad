import type { LabelSchema } from '@plaza/protocol';
import { exportColumns } from './columns.ts';
import { licenseInfo } from './license.ts';

/** The Croissant 1.0 JSON-LD context (as the MLCommons reference datasets write it). */
const CONTEXT = {
  '@language': 'en',
  '@vocab': 'https://schema.org/',
  citeAs: 'cr:citeAs',
  column: 'cr:column',
  conformsTo: 'dct:conformsTo',
  cr: 'http://mlcommons.org/croissant/',
  rai: 'http://mlcommons.org/croissant/RAI/',
  data: { '@id': 'cr:data', '@type': '@json' },
  dataType: { '@id': 'cr:dataType', '@type': '@vocab' },
  dct: 'http://purl.org/dc/terms/',
  examples: { '@id': 'cr:examples', '@type': '@json' },
  extract: 'cr:extract',
  field: 'cr:field',
  fileProperty: 'cr:fileProperty',
  fileObject: 'cr:fileObject',
  fileSet: 'cr:fileSet',
  format: 'cr:format',
  includes: 'cr:includes',
  isLiveDataset: 'cr:isLiveDataset',
  jsonPath: 'cr:jsonPath',
  key: 'cr:key',
  md5: 'cr:md5',
  parentField: 'cr:parentField',
  path: 'cr:path',
  recordSet: 'cr:recordSet',
  references: 'cr:references',
  regex: 'cr:regex',
  repeated: 'cr:repeated',
  replace: 'cr:replace',
  samplingRate: 'cr:samplingRate',
  sc: 'https://schema.org/',
  separator: 'cr:separator',
  source: 'cr:source',
  subField: 'cr:subField',
  transform: 'cr:transform',
};

const ENCODINGS: Record<string, string> = {
  'rows.parquet': 'application/x-parquet',
  'rows.jsonl': 'application/jsonlines',
  'rows.csv': 'text/csv',
};

/**
 * `croissant.json`: the version as a Croissant 1.0 dataset (MLCommons): license, the data files
 * with their sha256, a record set of the classes, and the rows' fields read from the Parquet file
 * (the label referencing the classes).
 */
export function renderCroissant(p: {
  campaign: { id: string; name: string; description: string };
  datasetId: string;
  version: number;
  createdAt: string;
  license: string;
  labelSchema: LabelSchema;
  languages: string[];
  files: { name: string; bytes: number; sha256: string }[];
}): Record<string, unknown> {
  const license = licenseInfo(p.license);
  const fields = exportColumns(p.labelSchema).map((column) => ({
    '@type': 'cr:Field',
    '@id': `rows/${column.name}`,
    name: column.name,
    description: column.description,
    dataType: column.croissant,
    ...(column.name === 'label' && p.labelSchema.kind !== 'spans'
      ? { references: { field: { '@id': 'classes/index' } } }
      : {}),
    ...(column.name === 'label' && p.labelSchema.kind !== 'classification'
      ? { repeated: true }
      : {}),
    source: { fileObject: { '@id': 'rows.parquet' }, extract: { column: column.name } },
  }));
  return {
    '@context': CONTEXT,
    '@type': 'sc:Dataset',
    conformsTo: 'http://mlcommons.org/croissant/1.0',
    name: `${p.campaign.id}-v${p.version}`,
    alternateName: p.campaign.name,
    description:
      p.campaign.description ||
      `Web pages collected and labelled by the Plaza campaign ${p.campaign.id}.`,
    license: license.url ?? license.spdx,
    version: `${p.version}.0.0`,
    datePublished: p.createdAt,
    identifier: `plaza:dataset:${p.datasetId}:v${p.version}`,
    keywords: ['plaza', p.labelSchema.kind, ...p.labelSchema.classes],
    ...(p.languages.length > 0 ? { inLanguage: p.languages } : {}),
    distribution: p.files
      .filter((f) => ENCODINGS[f.name])
      .map((f) => ({
        '@type': 'cr:FileObject',
        '@id': f.name,
        name: f.name,
        contentUrl: f.name,
        contentSize: `${f.bytes} B`,
        encodingFormat: ENCODINGS[f.name],
        sha256: f.sha256,
      })),
    recordSet: [
      {
        '@type': 'cr:RecordSet',
        '@id': 'classes',
        name: 'classes',
        description: 'The label classes: index and name.',
        key: { '@id': 'classes/index' },
        field: [
          { '@type': 'cr:Field', '@id': 'classes/index', name: 'index', dataType: 'sc:Integer' },
          { '@type': 'cr:Field', '@id': 'classes/name', name: 'name', dataType: 'sc:Text' },
        ],
        data: p.labelSchema.classes.map((name, index) => ({
          'classes/index': index,
          'classes/name': name,
        })),
      },
      {
        '@type': 'cr:RecordSet',
        '@id': 'rows',
        name: 'rows',
        description: 'One row per page: text, quality, aggregated label and provenance.',
        key: { '@id': 'rows/index' },
        field: fields,
      },
    ],
  };
}
