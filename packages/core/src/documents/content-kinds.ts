import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { OcikitError } from '../errors.js';
import { isValidMediaType } from '../oci/media-types.js';
import { type JsonMember, type JsonScan, scanJson } from '../util/json-scan.js';

/**
 * The kinds of supply-chain documents `attach` knows: each with the layer media
 * type it travels as and the artifact type its referrer gets, as the tools that
 * read them look for them (oras, cosign, notation, Trivy, GitHub code scanning).
 */
export const ReferrerMediaType = {
  Spdx: 'application/spdx+json',
  CycloneDx: 'application/vnd.cyclonedx+json',
  Sarif: 'application/sarif+json',
  InTotoStatement: 'application/vnd.in-toto+json',
  DsseEnvelope: 'application/vnd.dsse.envelope.v1+json',
  SigstoreBundle: 'application/vnd.dev.sigstore.bundle.v0.3+json',
  CosignSimpleSigning: 'application/vnd.dev.cosign.simplesigning.v1+json',
  NotationSignature: 'application/vnd.cncf.notary.signature',
  Jws: 'application/jose+json',
  Cose: 'application/cose',
} as const;

export type ContentKindId =
  | 'spdx'
  | 'cyclonedx'
  | 'sarif'
  | 'in-toto-statement'
  | 'dsse-envelope'
  | 'sigstore-bundle'
  | 'cosign-signature'
  | 'notation-jws'
  | 'notation-cose';

export interface ContentKind {
  id: ContentKindId;
  /** How a person calls it: "SPDX SBOM", "Sigstore bundle". */
  name: string;
  /** The media type of the layer that carries the file. */
  mediaType: string;
  /** The artifactType of a referrer that carries it. */
  artifactType: string;
  /** Manifest annotations the readers of this kind look for (cosign, notation). */
  annotations?: Record<string, string>;
  /** Digests the document says it is about (in-toto subjects, a cosign signature's image), to compare with the subject. */
  about?: string[];
}

interface KindRule {
  id: ContentKindId;
  name: string;
  /** Layer media types that claim this kind. */
  mediaTypes: string[];
  /** File names that claim it. */
  names: RegExp;
  artifactType: string;
  /** Whether the content itself says it is this kind (a member only it has). */
  signals(scan: JsonScan): boolean;
  /** What is wrong with it as this kind; undefined when it is one. */
  problem(scan: JsonScan): string | undefined;
}

const str = (m: JsonMember | undefined): string | undefined => (m?.captured && typeof m.value === 'string' ? m.value : undefined);

const RULES: KindRule[] = [
  {
    id: 'sigstore-bundle',
    name: 'Sigstore bundle',
    mediaTypes: [ReferrerMediaType.SigstoreBundle, 'application/vnd.dev.sigstore.bundle.v0.2+json', 'application/vnd.dev.sigstore.bundle.v0.1+json', 'application/vnd.dev.sigstore.bundle+json'],
    names: /\.sigstore(\.json)?$/i,
    artifactType: ReferrerMediaType.SigstoreBundle,
    signals: (s) => str(s.members.get('mediaType'))?.startsWith('application/vnd.dev.sigstore.bundle') ?? false,
    problem: (s) => {
      const mediaType = str(s.members.get('mediaType'));
      if (!mediaType?.startsWith('application/vnd.dev.sigstore.bundle')) return 'its "mediaType" is not a Sigstore bundle type (application/vnd.dev.sigstore.bundle…)';
      if (s.members.get('verificationMaterial')?.type !== 'object') return 'it has no "verificationMaterial" object';
      if (s.members.get('dsseEnvelope')?.type !== 'object' && s.members.get('messageSignature')?.type !== 'object') {
        return 'it has neither a "dsseEnvelope" nor a "messageSignature"';
      }
      return undefined;
    },
  },
  {
    id: 'spdx',
    name: 'SPDX SBOM',
    mediaTypes: [ReferrerMediaType.Spdx, 'text/spdx+json'],
    names: /\.spdx\.json$/i,
    artifactType: ReferrerMediaType.Spdx,
    signals: (s) => s.members.has('spdxVersion'),
    problem: (s) => {
      const version = str(s.members.get('spdxVersion'));
      if (version === undefined) return 'it has no "spdxVersion" string';
      if (!/^SPDX-\d+\.\d+$/.test(version)) return `its spdxVersion "${version.slice(0, 40)}" is not SPDX-<major>.<minor>`;
      return undefined;
    },
  },
  {
    id: 'cyclonedx',
    name: 'CycloneDX SBOM',
    mediaTypes: [ReferrerMediaType.CycloneDx],
    names: /\.(cdx|bom)\.json$/i,
    artifactType: ReferrerMediaType.CycloneDx,
    signals: (s) => s.members.has('bomFormat') || /cyclonedx/i.test(str(s.members.get('$schema')) ?? ''),
    problem: (s) => {
      if (str(s.members.get('bomFormat')) !== 'CycloneDX') return 'its "bomFormat" is not "CycloneDX"';
      const spec = s.members.get('specVersion');
      if (spec && spec.type !== 'string') return 'its "specVersion" is not a string';
      return undefined;
    },
  },
  {
    id: 'sarif',
    name: 'SARIF report',
    mediaTypes: [ReferrerMediaType.Sarif],
    names: /\.sarif(\.json)?$/i,
    artifactType: ReferrerMediaType.Sarif,
    signals: (s) => /sarif/i.test(str(s.members.get('$schema')) ?? '') || (s.members.has('version') && s.members.has('runs')),
    problem: (s) => {
      const version = str(s.members.get('version'));
      if (version === undefined) return 'it has no "version" string (SARIF 2.1.0 needs "version": "2.1.0")';
      if (version !== '2.1.0') return `its version is "${version.slice(0, 20)}", and only SARIF 2.1.0 is known`;
      if (s.members.get('runs')?.type !== 'array') return 'it has no "runs" array';
      return undefined;
    },
  },
  {
    id: 'in-toto-statement',
    name: 'in-toto statement',
    mediaTypes: [ReferrerMediaType.InTotoStatement],
    names: /\.intoto\.json$/i,
    artifactType: ReferrerMediaType.InTotoStatement,
    signals: (s) => s.members.has('_type') && /in-toto/i.test(str(s.members.get('_type')) ?? 'in-toto'),
    problem: (s) => {
      const type = str(s.members.get('_type'));
      if (!type?.startsWith('https://in-toto.io/Statement/')) return 'its "_type" is not https://in-toto.io/Statement/<version>';
      const subject = s.members.get('subject');
      if (subject?.type !== 'array') return 'it has no "subject" array';
      if (subject.captured && (subject.value as unknown[]).length === 0) return 'its "subject" is empty';
      if (s.members.get('predicateType')?.type !== 'string') return 'it has no "predicateType" string';
      return undefined;
    },
  },
  {
    id: 'dsse-envelope',
    name: 'DSSE envelope',
    mediaTypes: [ReferrerMediaType.DsseEnvelope],
    names: /\.(dsse\.json|intoto\.jsonl)$/i,
    artifactType: ReferrerMediaType.DsseEnvelope,
    signals: (s) => s.members.has('payloadType'),
    problem: (s) => {
      if (s.members.get('payloadType')?.type !== 'string') return 'it has no "payloadType" string';
      if (s.members.get('payload')?.type !== 'string') return 'it has no "payload" string';
      const signatures = s.members.get('signatures');
      if (signatures?.type !== 'array') return 'it has no "signatures" array';
      if (signatures.captured && (signatures.value as unknown[]).length === 0) return 'its "signatures" array is empty';
      return undefined;
    },
  },
  {
    id: 'cosign-signature',
    name: 'cosign signature payload',
    mediaTypes: [ReferrerMediaType.CosignSimpleSigning],
    names: /\.cosign\.json$/i,
    artifactType: ReferrerMediaType.CosignSimpleSigning,
    signals: (s) => s.members.has('critical'),
    problem: (s) => {
      const critical = s.members.get('critical');
      if (critical?.type !== 'object' || !critical.captured) return 'it has no "critical" object';
      const value = critical.value as { type?: unknown; image?: { 'docker-manifest-digest'?: unknown } };
      if (value.type !== 'cosign container image signature') return 'its critical.type is not "cosign container image signature"';
      if (typeof value.image?.['docker-manifest-digest'] !== 'string') return 'it has no critical.image["docker-manifest-digest"]';
      return undefined;
    },
  },
  {
    id: 'notation-jws',
    name: 'Notation signature (JWS)',
    mediaTypes: [ReferrerMediaType.Jws],
    names: /\.jws$/i,
    artifactType: ReferrerMediaType.NotationSignature,
    signals: (s) => s.members.has('protected') && s.members.has('signature') && s.members.has('payload'),
    problem: (s) => {
      for (const name of ['payload', 'protected', 'signature']) {
        if (s.members.get(name)?.type !== 'string') return `it has no "${name}" string (a JWS in JSON serialization)`;
      }
      const header = s.members.get('header');
      if (header && header.type !== 'object') return 'its "header" is not an object';
      return undefined;
    },
  },
];

const COSE_RULE = {
  id: 'notation-cose' as const,
  name: 'Notation signature (COSE)',
  mediaTypes: [ReferrerMediaType.Cose] as string[],
  names: /\.cose$/i,
  artifactType: ReferrerMediaType.NotationSignature,
};

/**
 * Media and artifact types of documents that sign or name the digest they are
 * about (everything attach knows but the SBOMs and SARIF reports), with the
 * type older bundles travel under and cosign's own referrer types: a referrer
 * of one of these cannot be pointed at another subject without lying.
 */
const SUBJECT_BOUND_TYPES: ReadonlySet<string> = new Set([
  ...RULES.filter((rule) => !['spdx', 'cyclonedx', 'sarif'].includes(rule.id)).flatMap((rule) => [...rule.mediaTypes, rule.artifactType]),
  ...COSE_RULE.mediaTypes,
  COSE_RULE.artifactType,
  'application/vnd.dev.sigstore.bundle+json',
  'application/vnd.dev.cosign.artifact.sig.v1+json',
  'application/vnd.dev.cosign.artifact.att.v1+json',
]);

/** Whether a referrer with this artifact, config or layer type signs or names its subject's digest. */
export function isSubjectBoundType(type: string): boolean {
  return SUBJECT_BOUND_TYPES.has(type);
}

/** Whether this media type names a kind whose content attach checks. */
export function isKnownKindMediaType(mediaType: string): boolean {
  return RULES.some((rule) => rule.mediaTypes.includes(mediaType)) || COSE_RULE.mediaTypes.includes(mediaType);
}

/**
 * What a file is, checked against what it claims. A claim is a media type given
 * with the file, a name like `*.sarif` or `*.spdx.json`, or content that only
 * that kind has (`spdxVersion`, `bomFormat`, a Sigstore `mediaType`, …).
 * A file that claims a kind and is not one of it is an INVALID_INPUT error that
 * says what is missing. A file that claims nothing is undefined (a plain file).
 */
export async function inspectContent(path: string, claimedMediaType?: string): Promise<ContentKind | undefined> {
  const claimedRule = claimedMediaType === undefined ? undefined : RULES.find((rule) => rule.mediaTypes.includes(claimedMediaType));
  const claimsCose = claimedMediaType !== undefined && COSE_RULE.mediaTypes.includes(claimedMediaType);
  if (claimedMediaType !== undefined && !claimedRule && !claimsCose) return undefined; // a type ocikit has no rules for: taken as given

  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw new OcikitError('INVALID_INPUT', `cannot read ${path}: ${error.code ?? error.message}`, { hint: 'check the path; it is relative to the working directory' });
  });
  if (!info.isFile()) {
    // A directory travels as a tar layer: no content rules apply to it.
    if (claimedRule || claimsCose) throw invalid(path, (claimedRule ?? COSE_RULE).name, `its media type ${claimedMediaType}`, 'it is not a regular file');
    return undefined;
  }
  const head = await readHead(path, 64);
  const first = head.find((b) => !WHITESPACE.has(b));
  const namedRule = claimedMediaType === undefined ? RULES.find((rule) => rule.names.test(basename(path))) : undefined;
  const namedCose = claimedMediaType === undefined && COSE_RULE.names.test(basename(path));

  if (claimsCose || namedCose || (claimedMediaType === undefined && isCoseSign1(head))) {
    if (!isCoseSign1(head)) {
      throw invalid(path, COSE_RULE.name, claimsCose ? claimedMediaType! : 'its name', 'it does not start with a COSE_Sign1 structure (CBOR tag 18, an array of four)');
    }
    return { id: COSE_RULE.id, name: COSE_RULE.name, mediaType: ReferrerMediaType.Cose, artifactType: COSE_RULE.artifactType };
  }

  const claim = claimedRule ?? namedRule;
  const claimSource = claimedRule ? `its media type ${claimedMediaType}` : 'its file name';
  if (first !== 0x7b /* { */) {
    if (claim) throw invalid(path, claim.name, claimSource, first === undefined ? 'the file is empty' : 'it is not a JSON object');
    return undefined;
  }
  const scan = await scanJson(createReadStream(path, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>);
  if (!scan.valid) {
    const signalled = claim ?? (scan.topLevel === 'object' ? RULES.find((rule) => rule.signals(scan)) : undefined);
    if (signalled) throw invalid(path, signalled.name, claim ? claimSource : 'its content', `it is not valid JSON: ${scan.error}`);
    return undefined;
  }
  const rule = claim ?? RULES.find((candidate) => candidate.signals(scan));
  if (!rule) return undefined;
  const problem = scan.topLevel === 'object' ? rule.problem(scan) : 'it is not a JSON object';
  if (problem) throw invalid(path, rule.name, claim ? claimSource : 'its content', problem);
  return describeKind(rule, scan);
}

function describeKind(rule: KindRule, scan: JsonScan): ContentKind {
  const kind: ContentKind = { id: rule.id, name: rule.name, mediaType: rule.mediaTypes[0]!, artifactType: rule.artifactType };
  switch (rule.id) {
    case 'sigstore-bundle': {
      const declared = str(scan.members.get('mediaType'))!;
      // v0.3 is a plain media type; v0.1 and v0.2 carry `;version=`, which a layer type cannot.
      kind.mediaType = isValidMediaType(declared) ? declared : 'application/vnd.dev.sigstore.bundle+json';
      kind.artifactType = kind.mediaType;
      const dsse = scan.members.get('dsseEnvelope');
      const annotations: Record<string, string> = { 'dev.sigstore.bundle.content': dsse?.type === 'object' ? 'dsse-envelope' : 'message-signature' };
      const statement = dsse?.captured ? statementOf(dsse.value) : undefined;
      if (statement?.predicateType) annotations['dev.sigstore.bundle.predicateType'] = statement.predicateType;
      if (statement?.digests.length) kind.about = statement.digests;
      kind.annotations = annotations;
      break;
    }
    case 'in-toto-statement': {
      const subject = scan.members.get('subject');
      if (subject?.captured) kind.about = subjectDigests(subject.value);
      break;
    }
    case 'dsse-envelope': {
      const statement = statementOf({ payloadType: str(scan.members.get('payloadType')), payload: str(scan.members.get('payload')) });
      if (statement?.digests.length) kind.about = statement.digests;
      break;
    }
    case 'cosign-signature': {
      const critical = scan.members.get('critical')!.value as { image: { 'docker-manifest-digest': string } };
      kind.about = [critical.image['docker-manifest-digest']];
      break;
    }
    case 'notation-jws': {
      const header = scan.members.get('header');
      const chain = header?.captured ? (header.value as { x5c?: unknown }).x5c : undefined;
      if (Array.isArray(chain) && chain.every((c) => typeof c === 'string')) {
        // notation verify looks the signing chain up by this annotation.
        const thumbprints = chain.map((cert: string) => createHash('sha256').update(Buffer.from(cert, 'base64')).digest('hex'));
        kind.annotations = { 'io.cncf.notary.x509chain.thumbprint#S256': JSON.stringify(thumbprints) };
      }
      break;
    }
    default:
      break;
  }
  return kind;
}

/** The in-toto statement inside a DSSE envelope, when it decodes to one. */
function statementOf(envelope: unknown): { predicateType?: string; digests: string[] } | undefined {
  const { payloadType, payload } = (envelope ?? {}) as { payloadType?: unknown; payload?: unknown };
  if (payloadType !== 'application/vnd.in-toto+json' || typeof payload !== 'string') return undefined;
  try {
    const statement = JSON.parse(Buffer.from(payload, 'base64').toString('utf8')) as { predicateType?: unknown; subject?: unknown };
    return {
      ...(typeof statement.predicateType === 'string' ? { predicateType: statement.predicateType } : {}),
      digests: subjectDigests(statement.subject),
    };
  } catch {
    return undefined;
  }
}

function subjectDigests(subject: unknown): string[] {
  if (!Array.isArray(subject)) return [];
  const digests: string[] = [];
  for (const entry of subject) {
    const digest = (entry as { digest?: Record<string, unknown> } | null)?.digest;
    if (!digest || typeof digest !== 'object') continue;
    for (const [algorithm, hex] of Object.entries(digest)) if (typeof hex === 'string') digests.push(`${algorithm}:${hex}`);
  }
  return digests;
}

const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d, 0xef, 0xbb, 0xbf]);

/** COSE_Sign1: CBOR tag 18 (0xd2) around an array of four (0x84). */
function isCoseSign1(head: Uint8Array): boolean {
  return head[0] === 0xd2 && head[1] === 0x84;
}

async function readHead(path: string, length: number): Promise<Uint8Array> {
  const handle = await open(path, 'r').catch((error: NodeJS.ErrnoException) => {
    throw new OcikitError('INVALID_INPUT', `cannot read ${path}: ${error.code ?? error.message}`, { hint: 'check the path; it is relative to the working directory' });
  });
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function invalid(path: string, kind: string, claimedBy: string, problem: string): OcikitError {
  return new OcikitError('INVALID_INPUT', `${path} is not a valid ${kind} (as ${claimedBy} says it is): ${problem}`, {
    hint: 'fix or regenerate the file, or give it the media type it really has (path:type); nothing was pushed',
  });
}
