// The OCI image-spec v1.1.1 JSON schemas from ../shared, checked with ajv-draft-04.
// Each schema's `id` is replaced by a URL named after its file, and the nested ids
// (which would rebase relative refs onto opencontainers.org) are dropped, so the
// relative `$ref`s ("defs-descriptor.json#/...") resolve among the local files.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import type AjvDraft04 from 'ajv-draft-04';

// ajv-draft-04 is CommonJS with a `default` export: load it the way Node does.
type Ajv = AjvDraft04.default;
const Ajv = (createRequire(import.meta.url)('ajv-draft-04') as { default: typeof AjvDraft04.default }).default;

const SCHEMA_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'oci-image-spec-schemas');
const BASE = 'https://ocikit.test/schemas/';

let ajv: Ajv | undefined;

function load(): Ajv {
  if (ajv) return ajv;
  const instance = new Ajv({ strict: false, allErrors: true });
  instance.addFormat('uri', (value: string) => URL.canParse(value));
  for (const file of readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.json'))) {
    const schema = JSON.parse(readFileSync(join(SCHEMA_DIR, file), 'utf8')) as Record<string, unknown>;
    dropNestedIds(schema);
    schema.id = BASE + file;
    instance.addSchema(schema, BASE + file);
  }
  ajv = instance;
  return instance;
}

function dropNestedIds(node: unknown): void {
  if (typeof node !== 'object' || node === null) return;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'id' && typeof value === 'string') delete (node as Record<string, unknown>)[key];
    else dropNestedIds(value);
  }
}

export type SchemaName = 'image-manifest-schema' | 'image-index-schema' | 'image-layout-schema' | 'config-schema' | 'content-descriptor';

/** The schema's complaints about `document`, as readable lines; empty when it is valid. */
export function schemaErrors(name: SchemaName, document: unknown): string[] {
  const validate = load().getSchema(`${BASE}${name}.json`);
  if (!validate) throw new Error(`schema ${name} not found in ${SCHEMA_DIR}`);
  if (validate(document)) return [];
  return (validate.errors ?? []).map((e: { instancePath: string; message?: string }) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}
