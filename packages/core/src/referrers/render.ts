import { Annotation } from '../oci/annotations.js';
import { printable } from '../util/printable.js';
import { formatBytes } from '../util/text.js';
import { OcikitError, optionRef } from '../errors.js';
import type { Descriptor } from '../oci/manifest.js';
import { ReferrerMediaType } from '../documents/content-kinds.js';
import type { DiscoverResult, ReferrerNode } from './discover.js';

const KIND_NAMES: Record<string, string> = {
  [ReferrerMediaType.SigstoreBundle]: 'signature (Sigstore bundle)',
  'application/vnd.dev.sigstore.bundle+json': 'signature (Sigstore bundle)',
  [ReferrerMediaType.Spdx]: 'SBOM (SPDX)',
  'text/spdx+json': 'SBOM (SPDX)',
  'text/spdx': 'SBOM (SPDX)',
  [ReferrerMediaType.CycloneDx]: 'SBOM (CycloneDX)',
  [ReferrerMediaType.Sarif]: 'scan report (SARIF)',
  [ReferrerMediaType.InTotoStatement]: 'attestation (in-toto)',
  [ReferrerMediaType.DsseEnvelope]: 'attestation (DSSE)',
  [ReferrerMediaType.CosignSimpleSigning]: 'signature (cosign)',
  [ReferrerMediaType.NotationSignature]: 'signature (Notation)',
  // BuildKit >= 0.32 stores an image's attestations (SBOM, provenance) as one such artifact with the image as subject.
  'application/vnd.docker.attestation.manifest.v1+json': 'attestations (BuildKit)',
};

/** What a person calls a referrer of this artifact type: "SBOM (SPDX)", "signature (Sigstore bundle)". */
export function referrerKindName(artifactType: string | undefined): string | undefined {
  return artifactType === undefined ? undefined : KIND_NAMES[artifactType];
}

/** How discover prints the graph: the same names in the CLI (--format), the action and the component (format). */
export const DISCOVER_FORMATS = ['tree', 'table', 'json', 'mermaid'] as const;
export type DiscoverFormat = (typeof DISCOVER_FORMATS)[number];

export function parseDiscoverFormat(value: string, named = optionRef('format')): DiscoverFormat {
  if ((DISCOVER_FORMATS as readonly string[]).includes(value)) return value as DiscoverFormat;
  throw new OcikitError('INVALID_INPUT', `${named} ${value} is not a discover format`, { hint: `use one of ${DISCOVER_FORMATS.join(', ')}` });
}

/** The graph in a format for a person (JSON goes through referrersGraphJson, for each front end's JSON writer). */
export function renderReferrers(result: DiscoverResult, name: string, format: Exclude<DiscoverFormat, 'json'>): string {
  return format === 'mermaid' ? renderReferrersMermaid(result, name) : format === 'table' ? renderReferrersTable(result, name) : renderReferrersTree(result, name);
}

/**
 * The graph as a table, a row a referrer at any depth (its referrers indented
 * under it): digest, what it is, artifact type, size, when it was made.
 */
export function renderReferrersTable(result: DiscoverResult, name: string): string {
  const rows: string[][] = [['DIGEST', 'KIND', 'ARTIFACT TYPE', 'SIZE', 'CREATED']];
  const walk = (nodes: ReferrerNode[], depth: number): void => {
    for (const node of nodes) {
      const d = node.descriptor;
      const type = d.artifactType ?? d.mediaType;
      const legacy = node.legacy ? ` [cosign tag ${node.legacy.tag}]` : '';
      rows.push([`${'  '.repeat(depth)}${d.digest}`, referrerKindName(type) ?? '-', `${type}${legacy}`, formatBytes(d.size), d.annotations?.[Annotation.Created] ?? '-'].map(printable));
      walk(node.referrers, depth + 1);
    }
  };
  walk(result.referrers, 0);
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const lines = rows.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  ').trimEnd());
  const head = `${name}@${result.subject.digest}: ${rows.length === 1 ? 'no referrers' : `${rows.length - 1} referrer(s)`}`;
  return rows.length === 1 ? `${head}\n` : `${head}\n${lines.join('\n')}\n`;
}

/**
 * The graph as `oras discover -o tree` draws it: the subject, then per artifact
 * type its referrers by digest, each with its own below. Cosign's legacy tags
 * are marked with the tag that names them.
 */
export function renderReferrersTree(result: DiscoverResult, name: string): string {
  const lines = [`${name}@${result.subject.digest}`];
  const walk = (nodes: ReferrerNode[], prefix: string): void => {
    const groups = groupByType(nodes);
    groups.forEach(([type, members], g) => {
      const lastGroup = g === groups.length - 1;
      lines.push(`${prefix}${lastGroup ? '└── ' : '├── '}${printable(type)}`);
      const inner = prefix + (lastGroup ? '    ' : '│   ');
      members.forEach((node, m) => {
        const last = m === members.length - 1;
        const tag = node.legacy ? `  [cosign tag ${printable(node.legacy.tag)}]` : '';
        lines.push(`${inner}${last ? '└── ' : '├── '}${node.descriptor.digest}${tag}`);
        walk(node.referrers, inner + (last ? '    ' : '│   '));
      });
    });
  };
  walk(result.referrers, '');
  return `${lines.join('\n')}\n`;
}

function groupByType(nodes: ReferrerNode[]): Array<[string, ReferrerNode[]]> {
  const groups = new Map<string, ReferrerNode[]>();
  for (const node of nodes) {
    const type = node.descriptor.artifactType ?? node.descriptor.mediaType;
    groups.set(type, [...(groups.get(type) ?? []), node]);
  }
  return [...groups.entries()];
}

/** One referrer as `discover -o json` prints it. */
export interface ReferrerJson {
  reference: string;
  mediaType: string;
  digest: string;
  size: number;
  artifactType?: string;
  annotations?: Record<string, string>;
  /** The cosign tag that names it (pre-1.1 signatures, attestations, SBOMs). */
  legacyTag?: string;
  referrers: ReferrerJson[];
}

export interface ReferrersGraphJson {
  reference: string;
  mediaType: string;
  digest: string;
  size: number;
  artifactType?: string;
  /** How the store listed them: api, tag (the sha256-<hex> tag schema) or layout. */
  via?: string;
  referrers: ReferrerJson[];
}

/** The graph as JSON: the subject and each referrer with its reference, descriptor and own referrers. */
export function referrersGraphJson(result: DiscoverResult, name: string): ReferrersGraphJson {
  const node = (n: ReferrerNode): ReferrerJson => ({
    reference: `${name}@${n.descriptor.digest}`,
    mediaType: n.descriptor.mediaType,
    digest: n.descriptor.digest,
    size: n.descriptor.size,
    ...(n.descriptor.artifactType ? { artifactType: n.descriptor.artifactType } : {}),
    ...(n.descriptor.annotations ? { annotations: n.descriptor.annotations } : {}),
    ...(n.legacy ? { legacyTag: n.legacy.tag } : {}),
    referrers: n.referrers.map(node),
  });
  return {
    reference: `${name}@${result.subject.digest}`,
    mediaType: result.subject.mediaType,
    digest: result.subject.digest,
    size: result.subject.size,
    ...(result.subject.artifactType ? { artifactType: result.subject.artifactType } : {}),
    ...(result.via ? { via: result.via } : {}),
    referrers: result.referrers.map(node),
  };
}

/**
 * The graph as a Mermaid flowchart in a fenced block, ready to append to a
 * GitHub job summary ($GITHUB_STEP_SUMMARY) or a GitLab Markdown page, where it
 * renders as a diagram. Legacy cosign tags get dashed edges.
 */
export function renderReferrersMermaid(result: DiscoverResult, name: string): string {
  const lines = ['```mermaid', 'graph LR'];
  let next = 0;
  const root = `n${next++}`;
  lines.push(`  ${root}["${escape(name)}<br/>${short(result.subject.digest)}"]`);
  const walk = (nodes: ReferrerNode[], parent: string): void => {
    for (const node of nodes) {
      const id = `n${next++}`;
      lines.push(`  ${id}["${nodeLabel(node)}"]`);
      lines.push(node.legacy ? `  ${parent} -.->|${escape(node.legacy.tag.slice(-4))} tag| ${id}` : `  ${parent} --> ${id}`);
      walk(node.referrers, id);
    }
  };
  walk(result.referrers, root);
  lines.push('```');
  return `${lines.join('\n')}\n`;
}

function nodeLabel(node: ReferrerNode): string {
  const d: Descriptor = node.descriptor;
  const type = d.artifactType ?? d.mediaType;
  const kind = referrerKindName(type);
  const created = d.annotations?.[Annotation.Created];
  return [kind ? escape(kind) : undefined, escape(type), short(d.digest), created ? escape(created) : undefined].filter(Boolean).join('<br/>');
}

function short(digest: string): string {
  const colon = digest.indexOf(':');
  return `${digest.slice(0, colon + 1)}${digest.slice(colon + 1, colon + 13)}`;
}

/** Mermaid entity codes for what would end or break a quoted label (a line break ends the diagram's statement). */
function escape(text: string): string {
  return text.replace(/[#"<>&`|[\]{}\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `#${c.charCodeAt(0)};`);
}
