export const id = 540;
export const ids = [540];
export const modules = {

/***/ 30882:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ discoverReferrers),
/* harmony export */   n: () => (/* binding */ discoverReferrersOf)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(71403);
/* harmony import */ var _oci_manifest_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(24075);
/* harmony import */ var _util_map_concurrent_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(49307);
/* harmony import */ var _referrer_descriptor_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(31386);
/* harmony import */ var _referrers_tag_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(16056);





const MAX_DEPTH = 32;
const MAX_NODES = 10_000;
/**
 * The referrers graph of a manifest (`ocikit discover`): its referrers, theirs,
 * and so on, level by level, each level's lists read a few at a time. Cosign's
 * tags of the pre-1.1 way show up too, marked as legacy.
 */
async function discoverReferrers(target, reference, options = {}) {
    if (!target.referrers)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OcikitError */ .Gu('UNSUPPORTED', `${target.name} cannot list referrers`);
    const resolved = await target.resolve(reference);
    const subject = { mediaType: resolved.mediaType, digest: resolved.digest, size: resolved.size, ...(resolved.artifactType ? { artifactType: resolved.artifactType } : {}) };
    const [result] = await discoverReferrersOf(target, [subject], options);
    return result;
}
/**
 * The referrers graphs of several manifests of one target at once (the
 * manifests of an image index, for `copy --referrers`): one tag list read for
 * cosign's tags, the lists of all subjects read side by side. A manifest that is
 * one of the subjects is never listed as another's referrer: it is part of the
 * graph the subjects belong to (a BuildKit attestation manifest is both a child
 * of the index and a referrer of its image).
 */
async function discoverReferrersOf(target, subjects, options = {}) {
    const listReferrers = target.referrers?.bind(target);
    if (!listReferrers)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OcikitError */ .Gu('UNSUPPORTED', `${target.name} cannot list referrers`);
    const maxDepth = Math.min(options.depth ?? MAX_DEPTH, MAX_DEPTH);
    const concurrency = Math.max(1, options.concurrency ?? 8);
    const legacyTags = options.legacy === false ? new Map() : await legacyTagsOf(target, options.progress);
    const results = subjects.map((subject) => ({ subject, referrers: [], count: 0 }));
    const visited = new Set(subjects.map((subject) => subject.digest));
    let total = 0;
    let level = results.map((result) => ({
        descriptor: result.subject,
        children: result.referrers,
        result,
    }));
    for (let depth = 0; level.length > 0 && depth < maxDepth; depth++) {
        const next = [];
        await (0,_util_map_concurrent_js__WEBPACK_IMPORTED_MODULE_1__/* .mapConcurrent */ ._)(level, concurrency, async (node) => {
            const listing = await listReferrers(node.descriptor, options.artifactType === undefined ? {} : { artifactType: options.artifactType });
            node.result.via ??= listing.via;
            const found = [];
            for (const descriptor of listing.manifests) {
                if (visited.has(descriptor.digest))
                    continue;
                visited.add(descriptor.digest);
                found.push({ descriptor, referrers: [] });
            }
            for (const legacy of legacyTags.get(node.descriptor.digest) ?? []) {
                const descriptor = await legacyDescriptor(target, legacy);
                if (!descriptor || visited.has(descriptor.digest))
                    continue;
                if (options.artifactType !== undefined && descriptor.artifactType !== options.artifactType)
                    continue;
                visited.add(descriptor.digest);
                found.push({ descriptor, legacy, referrers: [] });
            }
            node.children.push(...sortReferrers(found));
            node.result.count += found.length;
            for (const child of found)
                next.push({ descriptor: child.descriptor, children: child.referrers, result: node.result });
        });
        total += next.length;
        if (total > MAX_NODES) {
            const what = subjects.length === 1 ? `${target.name}@${subjects[0].digest} has` : `the ${subjects.length} manifests of ${target.name} have`;
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OcikitError */ .Gu('SIZE_LIMIT', `${what} more than ${MAX_NODES} referrers`, { hint: `narrow it with ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .optionRef */ .$j)('artifact-type')} or ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .optionRef */ .$j)('depth')}` });
        }
        level = next;
    }
    return results;
}
/** Siblings in a stable order: by artifact type, then oldest first, then digest. */
function sortReferrers(nodes) {
    return nodes.sort((a, b) => {
        const typeA = a.descriptor.artifactType ?? '';
        const typeB = b.descriptor.artifactType ?? '';
        if (typeA !== typeB)
            return typeA < typeB ? -1 : 1;
        const timeA = (0,_referrer_descriptor_js__WEBPACK_IMPORTED_MODULE_2__/* .createdAt */ .CT)(a.descriptor) ?? 0;
        const timeB = (0,_referrer_descriptor_js__WEBPACK_IMPORTED_MODULE_2__/* .createdAt */ .CT)(b.descriptor) ?? 0;
        if (timeA !== timeB)
            return timeA - timeB;
        return a.descriptor.digest < b.descriptor.digest ? -1 : a.descriptor.digest > b.descriptor.digest ? 1 : 0;
    });
}
/** Cosign's `sha256-<hex>.sig|.att|.sbom` tags by the digest they are about (one tag list read). */
async function legacyTagsOf(target, progress) {
    const byDigest = new Map();
    let tags;
    try {
        tags = await target.tags();
    }
    catch (error) {
        progress?.warning?.(`cannot list the tags of ${target.name}, so cosign's .sig/.att/.sbom tags are not shown: ${error.message}`);
        return byDigest;
    }
    for (const tag of tags) {
        const legacy = (0,_referrers_tag_js__WEBPACK_IMPORTED_MODULE_3__/* .parseLegacyReferrerTag */ .u)(tag);
        if (!legacy)
            continue;
        byDigest.set(legacy.subjectDigest, [...(byDigest.get(legacy.subjectDigest) ?? []), legacy]);
    }
    return byDigest;
}
/**
 * The descriptor of what a cosign tag names. Such manifests have no
 * artifactType; the type shown is their first layer's (the simple-signing
 * payload, the DSSE envelope, the SBOM), which says what they hold.
 */
async function legacyDescriptor(target, legacy) {
    try {
        const fetched = await target.fetchManifest(legacy.tag);
        const manifest = (0,_oci_manifest_js__WEBPACK_IMPORTED_MODULE_4__/* .parseManifest */ .Ng)(fetched.bytes, `${target.name}:${legacy.tag}`, fetched.descriptor.mediaType);
        const descriptor = (0,_referrer_descriptor_js__WEBPACK_IMPORTED_MODULE_2__/* .referrerDescriptor */ .xh)(fetched.descriptor, manifest);
        if (!manifest.artifactType && !(0,_oci_manifest_js__WEBPACK_IMPORTED_MODULE_4__/* .isIndex */ .nw)(manifest) && manifest.layers[0])
            descriptor.artifactType = manifest.layers[0].mediaType;
        return descriptor;
    }
    catch (error) {
        if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OcikitError */ .Gu && error.code === 'NOT_FOUND')
            return undefined; // deleted since the tag list was read
        throw error;
    }
}
//# sourceMappingURL=discover.js.map

/***/ }),

/***/ 70845:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H4: () => (/* binding */ referrersGraphJson),
/* harmony export */   ND: () => (/* binding */ renderReferrers),
/* harmony export */   R5: () => (/* binding */ referrerKindName),
/* harmony export */   V0: () => (/* binding */ DISCOVER_FORMATS),
/* harmony export */   yr: () => (/* binding */ renderReferrersMermaid)
/* harmony export */ });
/* unused harmony exports parseDiscoverFormat, renderReferrersTable, renderReferrersTree */
/* harmony import */ var _oci_annotations_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(98034);
/* harmony import */ var _util_printable_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(69172);
/* harmony import */ var _util_text_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(28432);
/* harmony import */ var _content_kinds_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(84251);





const KIND_NAMES = {
    [_content_kinds_js__WEBPACK_IMPORTED_MODULE_0__/* .ReferrerMediaType */ .s.SigstoreBundle]: 'signature (Sigstore bundle)',
    'application/vnd.dev.sigstore.bundle+json': 'signature (Sigstore bundle)',
    [_content_kinds_js__WEBPACK_IMPORTED_MODULE_0__/* .ReferrerMediaType */ .s.Spdx]: 'SBOM (SPDX)',
    'text/spdx+json': 'SBOM (SPDX)',
    'text/spdx': 'SBOM (SPDX)',
    [_content_kinds_js__WEBPACK_IMPORTED_MODULE_0__/* .ReferrerMediaType */ .s.CycloneDx]: 'SBOM (CycloneDX)',
    [_content_kinds_js__WEBPACK_IMPORTED_MODULE_0__/* .ReferrerMediaType */ .s.Sarif]: 'scan report (SARIF)',
    [_content_kinds_js__WEBPACK_IMPORTED_MODULE_0__/* .ReferrerMediaType */ .s.InTotoStatement]: 'attestation (in-toto)',
    [_content_kinds_js__WEBPACK_IMPORTED_MODULE_0__/* .ReferrerMediaType */ .s.DsseEnvelope]: 'attestation (DSSE)',
    [_content_kinds_js__WEBPACK_IMPORTED_MODULE_0__/* .ReferrerMediaType */ .s.CosignSimpleSigning]: 'signature (cosign)',
    [_content_kinds_js__WEBPACK_IMPORTED_MODULE_0__/* .ReferrerMediaType */ .s.NotationSignature]: 'signature (Notation)',
    // BuildKit >= 0.32 stores an image's attestations (SBOM, provenance) as one such artifact with the image as subject.
    'application/vnd.docker.attestation.manifest.v1+json': 'attestations (BuildKit)',
};
/** What a person calls a referrer of this artifact type: "SBOM (SPDX)", "signature (Sigstore bundle)". */
function referrerKindName(artifactType) {
    return artifactType === undefined ? undefined : KIND_NAMES[artifactType];
}
/** How discover prints the graph: the same names in the CLI (--format), the action and the component (format). */
const DISCOVER_FORMATS = ['tree', 'table', 'json', 'mermaid'];
function parseDiscoverFormat(value, named = optionRef('format')) {
    if (DISCOVER_FORMATS.includes(value))
        return value;
    throw new OcikitError('INVALID_INPUT', `${named} ${value} is not a discover format`, { hint: `use one of ${DISCOVER_FORMATS.join(', ')}` });
}
/** The graph in a format for a person (JSON goes through referrersGraphJson, for each front end's JSON writer). */
function renderReferrers(result, name, format) {
    return format === 'mermaid' ? renderReferrersMermaid(result, name) : format === 'table' ? renderReferrersTable(result, name) : renderReferrersTree(result, name);
}
/**
 * The graph as a table, a row a referrer at any depth (its referrers indented
 * under it): digest, what it is, artifact type, size, when it was made.
 */
function renderReferrersTable(result, name) {
    const rows = [['DIGEST', 'KIND', 'ARTIFACT TYPE', 'SIZE', 'CREATED']];
    const walk = (nodes, depth) => {
        for (const node of nodes) {
            const d = node.descriptor;
            const type = d.artifactType ?? d.mediaType;
            const legacy = node.legacy ? ` [cosign tag ${node.legacy.tag}]` : '';
            rows.push([`${'  '.repeat(depth)}${d.digest}`, referrerKindName(type) ?? '-', `${type}${legacy}`, (0,_util_text_js__WEBPACK_IMPORTED_MODULE_1__/* .formatBytes */ .z)(d.size), d.annotations?.[_oci_annotations_js__WEBPACK_IMPORTED_MODULE_2__/* .Annotation */ .Y.Created] ?? '-'].map(_util_printable_js__WEBPACK_IMPORTED_MODULE_3__/* .printable */ .g));
            walk(node.referrers, depth + 1);
        }
    };
    walk(result.referrers, 0);
    const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
    const lines = rows.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]))).join('  ').trimEnd());
    const head = `${name}@${result.subject.digest}: ${rows.length === 1 ? 'no referrers' : `${rows.length - 1} referrer(s)`}`;
    return rows.length === 1 ? `${head}\n` : `${head}\n${lines.join('\n')}\n`;
}
/**
 * The graph as `oras discover -o tree` draws it: the subject, then per artifact
 * type its referrers by digest, each with its own below. Cosign's legacy tags
 * are marked with the tag that names them.
 */
function renderReferrersTree(result, name) {
    const lines = [`${name}@${result.subject.digest}`];
    const walk = (nodes, prefix) => {
        const groups = groupByType(nodes);
        groups.forEach(([type, members], g) => {
            const lastGroup = g === groups.length - 1;
            lines.push(`${prefix}${lastGroup ? '└── ' : '├── '}${(0,_util_printable_js__WEBPACK_IMPORTED_MODULE_3__/* .printable */ .g)(type)}`);
            const inner = prefix + (lastGroup ? '    ' : '│   ');
            members.forEach((node, m) => {
                const last = m === members.length - 1;
                const tag = node.legacy ? `  [cosign tag ${(0,_util_printable_js__WEBPACK_IMPORTED_MODULE_3__/* .printable */ .g)(node.legacy.tag)}]` : '';
                lines.push(`${inner}${last ? '└── ' : '├── '}${node.descriptor.digest}${tag}`);
                walk(node.referrers, inner + (last ? '    ' : '│   '));
            });
        });
    };
    walk(result.referrers, '');
    return `${lines.join('\n')}\n`;
}
function groupByType(nodes) {
    const groups = new Map();
    for (const node of nodes) {
        const type = node.descriptor.artifactType ?? node.descriptor.mediaType;
        groups.set(type, [...(groups.get(type) ?? []), node]);
    }
    return [...groups.entries()];
}
/** The graph as JSON: the subject and each referrer with its reference, descriptor and own referrers. */
function referrersGraphJson(result, name) {
    const node = (n) => ({
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
function renderReferrersMermaid(result, name) {
    const lines = ['```mermaid', 'graph LR'];
    let next = 0;
    const root = `n${next++}`;
    lines.push(`  ${root}["${escape(name)}<br/>${short(result.subject.digest)}"]`);
    const walk = (nodes, parent) => {
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
function nodeLabel(node) {
    const d = node.descriptor;
    const type = d.artifactType ?? d.mediaType;
    const kind = referrerKindName(type);
    const created = d.annotations?.[_oci_annotations_js__WEBPACK_IMPORTED_MODULE_2__/* .Annotation */ .Y.Created];
    return [kind ? escape(kind) : undefined, escape(type), short(d.digest), created ? escape(created) : undefined].filter(Boolean).join('<br/>');
}
function short(digest) {
    const colon = digest.indexOf(':');
    return `${digest.slice(0, colon + 1)}${digest.slice(colon + 1, colon + 13)}`;
}
/** Mermaid entity codes for what would end or break a quoted label (a line break ends the diagram's statement). */
function escape(text) {
    return text.replace(/[#"<>&`|[\]{}\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `#${c.charCodeAt(0)};`);
}
//# sourceMappingURL=render.js.map

/***/ }),

/***/ 8119:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AD: () => (/* binding */ DEFAULT_REKOR_URL),
/* harmony export */   Ib: () => (/* binding */ SIGSTORE_BUNDLE_MEDIA_TYPE),
/* harmony export */   M4: () => (/* binding */ SigstoreAnnotation),
/* harmony export */   Qp: () => (/* binding */ bundleReferrerAnnotations),
/* harmony export */   T4: () => (/* binding */ IN_TOTO_PAYLOAD_TYPE),
/* harmony export */   Z4: () => (/* binding */ COSIGN_SIGN_PREDICATE_TYPE),
/* harmony export */   cL: () => (/* binding */ bundleLayerTitle),
/* harmony export */   jl: () => (/* binding */ DEFAULT_FULCIO_URL),
/* harmony export */   tV: () => (/* binding */ IN_TOTO_STATEMENT_V1)
/* harmony export */ });
/* harmony import */ var _oci_digest_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8649);
/* harmony import */ var _oci_annotations_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(98034);


/**
 * What a signature or attestation referrer is, as cosign writes it (cosign's
 * specs/BUNDLE_SPEC.md): the manifest's artifactType and its one layer's mediaType.
 */
const SIGSTORE_BUNDLE_MEDIA_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json';
/** The DSSE payloadType of an in-toto statement. */
const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';
/** The in-toto Statement v1 `_type`. */
const IN_TOTO_STATEMENT_V1 = 'https://in-toto.io/Statement/v1';
/**
 * The predicate type of the statement cosign signs for an image in its new bundle
 * format (`cosign sign --new-bundle-format`, the default from cosign 3): an empty
 * predicate whose subject is the image manifest's digest.
 */
const COSIGN_SIGN_PREDICATE_TYPE = 'https://sigstore.dev/cosign/sign/v1';
/** The annotations cosign puts on a bundle referrer manifest (BUNDLE_SPEC.md, "Annotations"). */
const SigstoreAnnotation = {
    /** `message-signature` or `dsse-envelope`: what the bundle carries. */
    BundleContent: 'dev.sigstore.bundle.content',
    /** The predicate type of the DSSE-wrapped in-toto statement. */
    BundlePredicateType: 'dev.sigstore.bundle.predicateType',
};
/** The public-good Sigstore instance; every URL is overridable. */
const DEFAULT_FULCIO_URL = 'https://fulcio.sigstore.dev';
const DEFAULT_REKOR_URL = 'https://rekor.sigstore.dev';
/**
 * The manifest annotations a bundle referrer carries, as cosign's
 * `WriteAttestationNewBundleFormat` writes them. ocikit's bundles always hold a
 * DSSE envelope, so `dev.sigstore.bundle.content` is `dsse-envelope`.
 */
function bundleReferrerAnnotations(predicateType, created = new Date()) {
    return {
        [_oci_annotations_js__WEBPACK_IMPORTED_MODULE_0__/* .Annotation */ .Y.Created]: created.toISOString().replace(/\.\d{3}Z$/, 'Z'),
        [SigstoreAnnotation.BundleContent]: 'dsse-envelope',
        [SigstoreAnnotation.BundlePredicateType]: predicateType,
    };
}
/** The layer title cosign gives a bundle blob: `sha256-<hex>.sigstore.json`. */
function bundleLayerTitle(bundleDigest) {
    const { algorithm, hex } = (0,_oci_digest_js__WEBPACK_IMPORTED_MODULE_1__/* .parseDigest */ .m)(bundleDigest);
    return `${algorithm}-${hex}.sigstore.json`;
}
//# sourceMappingURL=constants.js.map

/***/ }),

/***/ 32689:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A: () => (/* binding */ signingKeySource),
/* harmony export */   J: () => (/* binding */ readPublicKeyPem)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(71403);


/** cosign's way to name a key held in an environment variable: `env://NAME`. */
const ENV_PREFIX = 'env://';
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** A public key file is a few hundred bytes; anything this large is not one. */
const MAX_PUBLIC_KEY_BYTES = 64 * 1024;
/**
 * Where a key comes from, one rule for every front end: the PEM text itself (a CI
 * secret given as an input; `origin` names it in messages), `env://NAME` for the
 * content of an environment variable (cosign's form), or a PEM file's path. An unset
 * or empty variable is an error that names the variable, never its content.
 */
function signingKeySource(reference, env = process.env, origin = 'the key given') {
    if (reference.trimStart().startsWith('-----BEGIN '))
        return { pem: reference, origin };
    if (!reference.startsWith(ENV_PREFIX)) {
        if (reference === '')
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OcikitError */ .Gu('INVALID_INPUT', 'the key is named by an empty path');
        return { path: reference };
    }
    const name = reference.slice(ENV_PREFIX.length);
    if (!ENV_NAME.test(name)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OcikitError */ .Gu('INVALID_INPUT', `"${reference.slice(0, 80)}" does not name an environment variable`, {
            hint: 'write env://NAME, e.g. env://COSIGN_PRIVATE_KEY',
        });
    }
    const pem = env[name];
    if (pem === undefined || pem.trim() === '') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OcikitError */ .Gu('INVALID_INPUT', `the environment variable ${name} named for the key is ${pem === undefined ? 'not set' : 'empty'}`, {
            hint: 'map the CI secret into the job\'s environment (GitHub: `env: { NAME: ${{ secrets.NAME }} }`; GitLab: a masked CI/CD variable)',
        });
    }
    return { pem, origin: `$${name}` };
}
/**
 * A verifier's public key (PEM) from a file or `env://NAME`, read but not yet
 * parsed: verification parses it and names what is wrong with it.
 */
async function readPublicKeyPem(reference, env = process.env) {
    const source = signingKeySource(reference, env, 'the public key given');
    if (source.pem !== undefined)
        return source.pem;
    const what = `the public key file ${source.path}`;
    try {
        const info = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.stat)(source.path);
        if (!info.isFile())
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OcikitError */ .Gu('INVALID_INPUT', `${what} is not a file`);
        if (info.size > MAX_PUBLIC_KEY_BYTES)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OcikitError */ .Gu('INVALID_INPUT', `${what} is ${info.size} bytes; a PEM public key is far smaller`);
        return await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(source.path, 'utf8');
    }
    catch (error) {
        if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OcikitError */ .Gu)
            throw error;
        const code = error.code;
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OcikitError */ .Gu('INVALID_INPUT', `${what} ${code === 'ENOENT' ? 'does not exist' : `cannot be read${code ? ` (${code})` : ''}`}`);
    }
}
//# sourceMappingURL=key-reference.js.map

/***/ }),

/***/ 13487:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ee: () => (/* binding */ parsePublicKey),
/* harmony export */   fm: () => (/* binding */ loadSigningKey),
/* harmony export */   yd: () => (/* binding */ publicKeyHint)
/* harmony export */ });
/* unused harmony export SigningKey */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(51455);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(57975);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(71403);




/** A key file is a few hundred bytes; anything this large is not one. */
const MAX_KEY_BYTES = 64 * 1024;
const HOW_TO_MAKE_A_KEY = 'create one with `openssl genpkey -algorithm ed25519 -out key.pem` or ' +
    '`openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out key.pem`, ' +
    'keep it in a CI secret, and give verifiers its public key (`openssl pkey -in key.pem -pubout`)';
/**
 * A private key loaded for signing. The key material stays inside: it is not an
 * enumerable property, and JSON, `util.inspect` and template strings show only the
 * algorithm and the public key's hint.
 */
class SigningKey {
    algorithm;
    /** The SPKI public key, PEM. */
    publicKeyPem;
    /**
     * base64(sha256(SPKI DER)): what cosign puts in `verificationMaterial.publicKey.hint`
     * (cosign's internal/key SignerVerifierKeypair), so verifiers can pick the key.
     */
    hint;
    #privateKey;
    constructor(privateKey, algorithm) {
        this.#privateKey = privateKey;
        this.algorithm = algorithm;
        const publicKey = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createPublicKey)(privateKey);
        this.publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
        this.hint = publicKeyHint(publicKey);
    }
    /** @internal Used by loadSigningKey and by tests that generate keys. */
    static fromKeyObject(privateKey, what = 'the signing key') {
        return new SigningKey(privateKey, algorithmOf(privateKey, what));
    }
    /** Signs bytes: ECDSA P-256 over SHA-256 (DER signature), or pure Ed25519. */
    sign(data) {
        return this.algorithm === 'ed25519' ? (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.sign)(null, data, this.#privateKey) : (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.sign)('sha256', data, this.#privateKey);
    }
    toJSON() {
        return { algorithm: this.algorithm, hint: this.hint };
    }
    toString() {
        return `SigningKey(${this.algorithm}, hint ${this.hint})`;
    }
    [node_util__WEBPACK_IMPORTED_MODULE_2__.inspect.custom]() {
        return this.toString();
    }
}
/** base64(sha256(SPKI DER)) of a public key, as cosign and sigstore-go compute key hints. */
function publicKeyHint(publicKey) {
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('base64');
}
function algorithmOf(key, what) {
    if (key.asymmetricKeyType === 'ed25519')
        return 'ed25519';
    if (key.asymmetricKeyType === 'ec') {
        const curve = key.asymmetricKeyDetails?.namedCurve;
        if (curve === 'prime256v1' || curve === 'P-256')
            return 'ecdsa-p256-sha256';
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .OcikitError */ .Gu('UNSUPPORTED', `${what} is an ECDSA key on curve ${curve ?? 'unknown'}; ocikit signs with ECDSA P-256 or Ed25519 keys`, {
            hint: HOW_TO_MAKE_A_KEY,
        });
    }
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .OcikitError */ .Gu('UNSUPPORTED', `${what} is an ${key.asymmetricKeyType ?? 'unknown'} key; ocikit signs with ECDSA P-256 or Ed25519 keys`, {
        hint: HOW_TO_MAKE_A_KEY,
    });
}
const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)-----END \1-----/g;
const PRIVATE_LABELS = new Set(['PRIVATE KEY', 'EC PRIVATE KEY']);
function pemBlocks(text) {
    const blocks = [];
    for (const match of text.matchAll(PEM_BLOCK)) {
        const body = match[2] ?? '';
        const headerEnd = body.indexOf('\n\n');
        const headers = /^[A-Za-z-]+:/.test(body) && headerEnd >= 0 ? body.slice(0, headerEnd) : '';
        blocks.push({ label: match[1] ?? '', headers, text: match[0] });
    }
    return blocks;
}
/**
 * Loads an unencrypted ECDSA P-256 or Ed25519 private key from PEM (PKCS#8
 * `PRIVATE KEY`, or SEC1 `EC PRIVATE KEY`), from a file or from text such as an
 * environment variable's content. Every refusal says what was found and what to
 * do; none repeats any of the key's text.
 */
async function loadSigningKey(source) {
    let text;
    let what;
    if (source.path !== undefined && source.pem === undefined) {
        what = `the signing key file ${source.path}`;
        text = await readKeyFile(source.path, what);
    }
    else if (source.pem !== undefined && source.path === undefined) {
        what = source.origin ? `the signing key in ${source.origin}` : 'the signing key';
        if (source.pem.length > MAX_KEY_BYTES) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .OcikitError */ .Gu('INVALID_INPUT', `${what} is ${source.pem.length} characters long; a PEM private key is far smaller`);
        }
        text = source.pem;
    }
    else {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .OcikitError */ .Gu('INVALID_INPUT', 'a signing key comes from a file path or from PEM text, not both and not neither');
    }
    return parseSigningKey(text, what);
}
async function readKeyFile(path, what) {
    try {
        const info = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.stat)(path);
        if (info.isDirectory())
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .OcikitError */ .Gu('INVALID_INPUT', `${what} is a directory, not a PEM file`);
        if (info.size > MAX_KEY_BYTES) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .OcikitError */ .Gu('INVALID_INPUT', `${what} is ${info.size} bytes; a PEM private key is far smaller`, {
                hint: 'check the path: it should name the private key file',
            });
        }
        return await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readFile)(path, 'utf8');
    }
    catch (error) {
        if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .OcikitError */ .Gu)
            throw error;
        const code = error.code;
        if (code === 'ENOENT')
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .OcikitError */ .Gu('INVALID_INPUT', `${what} does not exist`);
        if (code === 'EACCES' || code === 'EPERM')
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .OcikitError */ .Gu('INVALID_INPUT', `${what} cannot be read (permission denied)`);
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .OcikitError */ .Gu('INVALID_INPUT', `${what} cannot be read${code ? ` (${code})` : ''}`);
    }
}
function parseSigningKey(text, what) {
    const blocks = pemBlocks(text.replace(/\r\n/g, '\n'));
    if (blocks.length === 0) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .OcikitError */ .Gu('INVALID_INPUT', `${what} is not PEM: no "-----BEGIN ...-----" block`, {
            hint: `give the private key in PEM form; ${HOW_TO_MAKE_A_KEY}`,
        });
    }
    const labels = blocks.map((b) => b.label);
    if (labels.includes('ENCRYPTED SIGSTORE PRIVATE KEY') || labels.includes('ENCRYPTED COSIGN PRIVATE KEY')) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .OcikitError */ .Gu('UNSUPPORTED', `${what} is a password-encrypted cosign key; ocikit reads unencrypted PKCS#8 or SEC1 PEM keys`, {
            hint: `a cosign-encrypted key cannot be decrypted here; ${HOW_TO_MAKE_A_KEY}`,
        });
    }
    if (labels.includes('ENCRYPTED PRIVATE KEY')) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .OcikitError */ .Gu('INVALID_INPUT', `${what} is encrypted (PKCS#8 with a passphrase); ocikit reads unencrypted keys`, {
            hint: 'decrypt it into a CI secret with `openssl pkey -in encrypted.pem -out key.pem`; the secret store protects it',
        });
    }
    const privateBlocks = blocks.filter((b) => PRIVATE_LABELS.has(b.label));
    if (privateBlocks.length === 0) {
        if (labels.includes('RSA PRIVATE KEY')) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .OcikitError */ .Gu('UNSUPPORTED', `${what} is an RSA key; ocikit signs with ECDSA P-256 or Ed25519 keys`, { hint: HOW_TO_MAKE_A_KEY });
        }
        if (labels.includes('OPENSSH PRIVATE KEY')) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .OcikitError */ .Gu('UNSUPPORTED', `${what} is an OpenSSH key; ocikit reads PKCS#8 or SEC1 PEM keys`, {
                hint: 'convert it with `ssh-keygen -p -m PKCS8 -f <key>` (an Ed25519 or ECDSA P-256 key), or create a new one',
            });
        }
        if (labels.includes('PUBLIC KEY') || labels.includes('CERTIFICATE')) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .OcikitError */ .Gu('INVALID_INPUT', `${what} holds a ${labels.includes('PUBLIC KEY') ? 'public key' : 'certificate'}, not a private key`, {
                hint: 'signing needs the private key; the public key is what verifiers get',
            });
        }
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .OcikitError */ .Gu('UNSUPPORTED', `${what} holds PEM of type ${labels.map((l) => `"${l}"`).join(', ')}, not a private key`, {
            hint: HOW_TO_MAKE_A_KEY,
        });
    }
    if (privateBlocks.length > 1) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .OcikitError */ .Gu('INVALID_INPUT', `${what} holds ${privateBlocks.length} private keys; give exactly one`);
    }
    const block = privateBlocks[0];
    if (/Proc-Type:\s*4,ENCRYPTED/i.test(block.headers)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .OcikitError */ .Gu('INVALID_INPUT', `${what} is encrypted (a legacy PEM passphrase); ocikit reads unencrypted keys`, {
            hint: 'decrypt it into a CI secret with `openssl pkey -in encrypted.pem -out key.pem`; the secret store protects it',
        });
    }
    let key;
    try {
        key = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createPrivateKey)({ key: block.text, format: 'pem' });
    }
    catch (error) {
        // Node's messages carry no key material, but only its code is repeated to be sure.
        const code = error.code;
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .OcikitError */ .Gu('INVALID_INPUT', `${what} could not be read as a ${block.label === 'EC PRIVATE KEY' ? 'SEC1 EC' : 'PKCS#8'} private key`, {
            detail: code ? `crypto: ${code}` : undefined,
            hint: `check the secret was stored whole, with its line breaks; ${HOW_TO_MAKE_A_KEY}`,
        });
    }
    return SigningKey.fromKeyObject(key, what);
}
/** A verifier's public key from PEM (`PUBLIC KEY`, SPKI); refuses anything else by name. */
function parsePublicKey(pem, what = 'the public key') {
    const blocks = pemBlocks(pem.replace(/\r\n/g, '\n'));
    const block = blocks.find((b) => b.label === 'PUBLIC KEY');
    if (!block) {
        const found = blocks.map((b) => b.label);
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .OcikitError */ .Gu('INVALID_INPUT', `${what} is not a PEM "PUBLIC KEY"${found.length ? ` (found ${found.map((l) => `"${l}"`).join(', ')})` : ''}`, {
            hint: PRIVATE_LABELS.has(found[0] ?? '')
                ? 'give verifiers the public half only: `openssl pkey -in key.pem -pubout`'
                : 'give the signer\'s public key in PEM form (`openssl pkey -in key.pem -pubout`, or cosign\'s cosign.pub)',
        });
    }
    try {
        return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createPublicKey)({ key: block.text, format: 'pem' });
    }
    catch (error) {
        const code = error.code;
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .OcikitError */ .Gu('INVALID_INPUT', `${what} could not be read as a public key`, { detail: code ? `crypto: ${code}` : undefined });
    }
}
//# sourceMappingURL=signing-key.js.map

/***/ }),

/***/ 82699:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Y5: () => (/* binding */ buildStatement),
/* harmony export */   _i: () => (/* binding */ encodeStatement),
/* harmony export */   cO: () => (/* binding */ readStatement)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(71403);
/* harmony import */ var _oci_digest_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8649);
/* harmony import */ var _constants_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8119);



/** The statement for a descriptor: one subject, `{algorithm: hex}` of its digest. */
function buildStatement(subject, predicateType, predicate, options = {}) {
    const { algorithm, hex } = (0,_oci_digest_js__WEBPACK_IMPORTED_MODULE_0__/* .parseDigest */ .m)(subject.digest);
    if (typeof predicateType !== 'string' || predicateType.trim() === '') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OcikitError */ .Gu('INVALID_INPUT', 'an attestation needs a predicate type (a URI such as https://slsa.dev/provenance/v1)');
    }
    if (typeof predicate !== 'object' || predicate === null || Array.isArray(predicate)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OcikitError */ .Gu('INVALID_INPUT', `the predicate of a ${predicateType} attestation must be a JSON object`);
    }
    if (options.subjectName === '')
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OcikitError */ .Gu('INVALID_INPUT', 'an attestation subject name must not be empty');
    const digest = { [algorithm]: hex };
    const entry = options.subjectName === undefined ? { digest } : { name: options.subjectName, digest };
    if (options.annotations && Object.keys(options.annotations).length > 0)
        entry.annotations = { ...options.annotations };
    return { _type: _constants_js__WEBPACK_IMPORTED_MODULE_2__/* .IN_TOTO_STATEMENT_V1 */ .tV, subject: [entry], predicateType, predicate };
}
function encodeStatement(statement) {
    let json;
    try {
        json = JSON.stringify(statement);
    }
    catch (error) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OcikitError */ .Gu('INVALID_INPUT', `the ${statement.predicateType} predicate cannot be written as JSON: ${error.message}`);
    }
    return Buffer.from(json, 'utf8');
}
const KNOWN_STATEMENT_TYPES = new Set([_constants_js__WEBPACK_IMPORTED_MODULE_2__/* .IN_TOTO_STATEMENT_V1 */ .tV, 'https://in-toto.io/Statement/v0.1']);
/** Reads a DSSE payload as an in-toto statement; returns a reason instead of throwing. */
function readStatement(payload) {
    let value;
    try {
        value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload));
    }
    catch {
        return 'its payload is not UTF-8 JSON';
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value))
        return 'its payload is not a JSON object';
    const s = value;
    if (typeof s._type !== 'string' || !KNOWN_STATEMENT_TYPES.has(s._type)) {
        return `its payload is not an in-toto statement (_type ${JSON.stringify(s._type ?? null)})`;
    }
    if (typeof s.predicateType !== 'string' || s.predicateType === '')
        return 'its statement has no predicateType';
    if (!Array.isArray(s.subject) || s.subject.length === 0)
        return 'its statement has no subject';
    for (const [i, subject] of s.subject.entries()) {
        const d = subject?.digest;
        if (typeof d !== 'object' || d === null || Array.isArray(d) || Object.values(d).some((v) => typeof v !== 'string')) {
            return `its statement's subject[${i}] has no digest map`;
        }
    }
    return s;
}
//# sourceMappingURL=statement.js.map

/***/ }),

/***/ 72004:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Fv: () => (/* binding */ vouched),
/* harmony export */   V_: () => (/* binding */ transparencyLogRefusal),
/* harmony export */   uZ: () => (/* binding */ legacyTransparencyLogRefusal)
/* harmony export */ });
// The one rule for what must vouch for a signature besides its signer: a
// transparency-log (Rekor) entry verified against the trusted root, or an RFC
// 3161 timestamp verified against one of its timestamp authorities. A signature
// nothing vouches for (made with `--no-tlog` or cosign's `--tlog-upload=false`,
// or verified without a trusted root to check what it carries) is accepted only
// when the policy says insecureIgnoreTlog, cosign's `--insecure-ignore-tlog`
// (cosign too requires a verified entry unless told so). Every front end verifies
// through verify.ts, which applies this rule; its words name the front end's own
// option (`names`).
/** Whether anything verified vouches for the signature; when not, it stands on its signer alone. */
function vouched(evidence) {
    return evidence.verifiedEntries > 0 || evidence.verifiedTimestamps > 0;
}
/**
 * Why a signature may not be accepted on this evidence, in the front end's
 * words (what failed, then what to try); undefined when it may.
 */
function transparencyLogRefusal(evidence, insecureIgnoreTlog, names) {
    if (vouched(evidence) || insecureIgnoreTlog)
        return undefined;
    const optIn = `pass ${names.insecureIgnoreTlog} if you accept signatures`;
    if (evidence.carriedEntries > 0) {
        // Only possible without a trusted root: with one, a carried entry is verified or refused.
        return (`the bundle's transparency log (Rekor) entry cannot be checked without a trusted root: ` +
            `give ${names.trustedRoot} (the trusted_root.json of the Sigstore instance that logged it), or ${optIn} whose log entry is not checked`);
    }
    if (evidence.carriedTimestamps > 0 && !evidence.trustedRoot) {
        return (`the bundle has no transparency log (Rekor) entry, and its timestamp cannot be checked without a trusted root: ` +
            `give ${names.trustedRoot} (naming the timestamp authority that signed it), or ${optIn} with no log entry`);
    }
    const noTimestamp = evidence.trustedRoot ? ' and no timestamp from a timestamp authority of the trusted root' : '';
    const andRoot = evidence.trustedRoot ? '' : ` (and verify with ${names.trustedRoot})`;
    return `the bundle has no transparency log (Rekor) entry${noTimestamp}: re-sign with the transparency log${andRoot}, or ${optIn} with no log entry`;
}
/**
 * The same rule for cosign's legacy `sha256-<hex>.sig|.att` signatures, whose
 * Rekor bundle (an annotation) ocikit does not read: they verify only with the
 * opt-in. `logged` says whether the signature carries that Rekor bundle.
 */
function legacyTransparencyLogRefusal(tag, logged, insecureIgnoreTlog, names) {
    if (insecureIgnoreTlog)
        return undefined;
    const resign = 'sign again in the bundle format (cosign 3\'s default, `ocikit sign`)';
    return logged
        ? `ocikit does not check the Rekor entry of cosign's legacy ${tag} signatures: pass ${names.insecureIgnoreTlog} if you accept signatures whose log entry is not checked, or ${resign}`
        : `the ${tag} signature has no transparency log (Rekor) entry: ${resign} with the transparency log, or pass ${names.insecureIgnoreTlog} if you accept signatures with no log entry`;
}
//# sourceMappingURL=transparency-log-rule.js.map

/***/ }),

/***/ 47309:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $: () => (/* binding */ verifyMessageSignature),
/* harmony export */   Me: () => (/* binding */ MAX_BUNDLE_BYTES),
/* harmony export */   SP: () => (/* binding */ shown),
/* harmony export */   _Q: () => (/* binding */ SignatureVerificationError),
/* harmony export */   c6: () => (/* binding */ checkVerificationPolicy),
/* harmony export */   fg: () => (/* binding */ POLICY_FIELD_NAMES),
/* harmony export */   oe: () => (/* binding */ verifyAttestation),
/* harmony export */   zp: () => (/* binding */ verifyBundleContent)
/* harmony export */ });
/* unused harmony export verifyImageSignature */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var _sigstore_protobuf_specs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(19654);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(71403);
/* harmony import */ var _oci_digest_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8649);
/* harmony import */ var _constants_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8119);
/* harmony import */ var _signing_key_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(13487);
/* harmony import */ var _statement_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(82699);
/* harmony import */ var _transparency_log_rule_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(72004);

// Small, and what the synchronous checkVerificationPolicy needs: loaded with the module.







/** Bundles are a few kilobytes; a referrer layer larger than this is not one. */
const MAX_BUNDLE_BYTES = 4 * 1024 * 1024;
async function loadSigstoreVerify() {
    const [bundle, verify] = await Promise.all([__webpack_require__.e(/* import() */ 659).then(__webpack_require__.t.bind(__webpack_require__, 61040, 19)), Promise.all(/* import() */[__webpack_require__.e(463), __webpack_require__.e(187)]).then(__webpack_require__.t.bind(__webpack_require__, 54187, 19))]);
    return {
        bundleFromJSON: bundle.bundleFromJSON,
        Verifier: verify.Verifier,
        VerificationError: verify.VerificationError,
        toSignedEntity: verify.toSignedEntity,
        toTrustMaterial: verify.toTrustMaterial,
    };
}
/** How core's own messages name the policy's fields, when a caller gives no names of its own. */
const POLICY_FIELD_NAMES = {
    publicKey: 'a public key',
    certificateIdentity: 'a certificate identity',
    certificateOidcIssuer: 'its OIDC issuer',
    trustedRoot: 'a trusted root',
    insecureIgnoreTlog: 'insecureIgnoreTlog: true',
};
/** A refusal by one named check. Its code is DENIED; `check` says which check it was. */
class SignatureVerificationError extends _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .OcikitError */ .Gu {
    check;
    constructor(check, message, options = {}) {
        super('UNVERIFIED', `signature verification failed (${check}): ${message}`, options);
        this.check = check;
    }
}
/**
 * Verifies an image signature bundle (what `signImageDigest` and `cosign sign
 * --new-bundle-format` write) for `subject`: the signature, the signer against the
 * policy, the transparency log and timestamps, then that the statement is
 * cosign's signature statement about this very digest. Throws a
 * SignatureVerificationError naming the failed check.
 */
async function verifyImageSignature(bundle, subject, policy, names = POLICY_FIELD_NAMES) {
    return verifyBundle(bundle, subject, policy, COSIGN_SIGN_PREDICATE_TYPE, names);
}
/**
 * Verifies an attestation bundle for `subject` the same way; with `predicateType`
 * the statement must be of that type. `names` words the advice of refusals as the
 * front end calls its options.
 */
async function verifyAttestation(bundle, subject, policy, names = POLICY_FIELD_NAMES) {
    return verifyBundle(bundle, subject, policy, policy.predicateType, names);
}
/**
 * Verifies a bare signature over `payload` (no envelope, no bundle): what each
 * layer of cosign's legacy `.sig` tag holds. It goes through the verifier
 * bundles go through, as a bundle's message signature without verification
 * material. Says who signed; what the payload claims is the caller's to check.
 */
async function verifyMessageSignature(payload, signature, policy, names = POLICY_FIELD_NAMES) {
    const mode = checkPolicy(policy);
    const lib = await loadSigstoreVerify();
    const bundle = decodeBundle(new TextEncoder().encode(JSON.stringify({
        mediaType: _constants_js__WEBPACK_IMPORTED_MODULE_3__/* .SIGSTORE_BUNDLE_MEDIA_TYPE */ .Ib,
        verificationMaterial: { publicKey: { hint: '' }, tlogEntries: [] },
        messageSignature: {
            messageDigest: { algorithm: 'SHA2_256', digest: (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(payload).digest('base64') },
            signature: Buffer.from(signature).toString('base64'),
        },
    })), lib);
    const { unvouched, ...verified } = verifySigner(lib, bundle, mode, names, payload);
    if (unvouched)
        throw unvouched;
    return verified;
}
/**
 * Checks a policy as verification will (a readable public key; or identity,
 * issuer and a usable trusted root) without a bundle, so a bad policy is a usage
 * error before anything is fetched. Throws OcikitError INVALID_INPUT.
 */
function checkVerificationPolicy(policy, names = POLICY_FIELD_NAMES) {
    checkPolicy(policy, names);
}
async function verifyBundle(bytes, subject, policy, expectedPredicateType, names) {
    const { result, unvouched } = await verifyBundleContent(bytes, subject, policy, expectedPredicateType, names);
    if (unvouched)
        throw unvouched;
    return result;
}
/**
 * @internal verifyAttestation, but the transparency-log rule's refusal is given
 * back rather than thrown, so that verifyReference can first tell a statement of
 * another kind (skipped, not counted) from a refused one. Every other check throws.
 */
async function verifyBundleContent(bytes, subject, policy, expectedPredicateType, names = POLICY_FIELD_NAMES) {
    const { algorithm, hex } = (0,_oci_digest_js__WEBPACK_IMPORTED_MODULE_4__/* .parseDigest */ .m)(subject.digest);
    const mode = checkPolicy(policy);
    const lib = await loadSigstoreVerify();
    const bundle = decodeBundle(bytes, lib);
    if (bundle.content.$case !== 'dsseEnvelope') {
        throw new SignatureVerificationError('bundle', 'the bundle holds a bare message signature, not a DSSE envelope with an in-toto statement', {
            hint: 'ocikit verifies new-format image signatures (cosign ≥ 2.4 --new-bundle-format, cosign 3) and attestations',
        });
    }
    const envelope = bundle.content.dsseEnvelope;
    if (envelope.payloadType !== _constants_js__WEBPACK_IMPORTED_MODULE_3__/* .IN_TOTO_PAYLOAD_TYPE */ .T4) {
        throw new SignatureVerificationError('bundle', `the envelope's payloadType is ${JSON.stringify(envelope.payloadType.slice(0, 200))}, not "${_constants_js__WEBPACK_IMPORTED_MODULE_3__/* .IN_TOTO_PAYLOAD_TYPE */ .T4}"`);
    }
    if (envelope.signatures.length !== 1) {
        throw new SignatureVerificationError('bundle', `the envelope carries ${envelope.signatures.length} signatures; a Sigstore bundle carries exactly one`);
    }
    const { unvouched, ...verified } = verifySigner(lib, bundle, mode, names);
    const statement = (0,_statement_js__WEBPACK_IMPORTED_MODULE_5__/* .readStatement */ .cO)(envelope.payload);
    if (typeof statement === 'string')
        throw new SignatureVerificationError('statement', `the signature is valid but ${statement}`);
    const named = statement.subject.map((s) => s.digest[algorithm]).filter((d) => typeof d === 'string');
    if (!named.includes(hex)) {
        const claimed = statement.subject.flatMap((s) => Object.entries(s.digest).map(([a, h]) => shown(`${a}:${h}`))).slice(0, 5);
        throw new SignatureVerificationError('subject', `the statement is about ${claimed.join(', ') || 'no digest'}, not ${subject.digest}`, {
            hint: 'this signature belongs to another manifest; was the image rebuilt or re-pushed after signing?',
        });
    }
    if (expectedPredicateType !== undefined && statement.predicateType !== expectedPredicateType) {
        throw new SignatureVerificationError('predicate-type', `the statement's predicate type is ${shown(statement.predicateType)}, not ${expectedPredicateType}`);
    }
    const result = { subject: subject.digest, predicateType: statement.predicateType, statement, ...verified };
    return unvouched ? { result, unvouched } : { result };
}
/**
 * Verifies a bundle's signature and its signer under the policy: the key, or the
 * certificate's chain, SCT, time, identity and issuer; with a trusted root every
 * Rekor entry and timestamp the bundle carries. Then whether one of them vouches
 * for it, or the policy accepts what none vouches for (transparency-log-rule.ts):
 * when neither, `unvouched` is the refusal, for the caller to throw (after it has
 * read what the statement is). `artifact` is what a message signature signs (a
 * DSSE envelope carries its own payload).
 */
function verifySigner(lib, bundle, mode, names, artifact) {
    const { Verifier, toSignedEntity, toTrustMaterial } = lib;
    const material = bundle.verificationMaterial.content;
    let signer;
    let trust;
    let entity;
    let verifier;
    const root = mode.root;
    try {
        entity = toSignedEntity(bundle, artifact === undefined ? undefined : Buffer.from(artifact));
    }
    catch (error) {
        throw new SignatureVerificationError('bundle', `its verification material cannot be read: ${error.message}`);
    }
    const carriedEntries = entity.tlogEntries.length;
    const carriedTimestamps = tsaTimestamps(entity);
    // The thresholds stay 0: sigstore-js verifies every entry and timestamp there is
    // anyway; whether enough of them vouch is the rule's to say, below.
    if (mode.kind === 'key') {
        if (material.$case !== 'publicKey') {
            throw new SignatureVerificationError('key', 'the bundle was signed keyless (it carries a certificate), not with a key', {
                hint: 'verify it with a certificate identity, an OIDC issuer and a trusted root',
            });
        }
        const hint = (0,_signing_key_js__WEBPACK_IMPORTED_MODULE_6__/* .publicKeyHint */ .yd)(mode.publicKey);
        signer = { kind: 'key', hint };
        const publicKey = mode.publicKey;
        trust = toTrustMaterial(root ?? emptyRoot(), () => ({ publicKey, validFor: () => true }));
        // With nothing to check them against, entries and timestamps count for nothing.
        if (!root)
            entity = { ...entity, tlogEntries: [], timestamps: [] };
        verifier = new Verifier(trust, { tlogThreshold: 0, ctlogThreshold: 0, timestampThreshold: 0 });
        runVerifier(lib, verifier, entity, () => {
            const bundleHint = material.publicKey.hint;
            return bundleHint && bundleHint !== hint
                ? new SignatureVerificationError('key', `the bundle was signed by another key (hint ${shown(bundleHint)}), not by the given public key (hint ${hint})`)
                : undefined;
        });
    }
    else {
        if (material.$case === 'publicKey') {
            throw new SignatureVerificationError('key', `the bundle was signed with a key (hint ${shown(material.publicKey.hint) || 'none'}), not keyless`, {
                hint: 'verify it with the signer\'s public key',
            });
        }
        trust = toTrustMaterial(mode.root);
        // A time of signing (a logged entry's, or a TSA's) is what the short-lived certificate is checked at.
        verifier = new Verifier(trust, { tlogThreshold: 0, ctlogThreshold: 1, timestampThreshold: 1 });
        const verified = runVerifier(lib, verifier, entity, () => undefined);
        const identity = verified.identity?.subjectAlternativeName;
        const issuer = verified.identity?.extensions?.issuer;
        if (identity !== mode.identity) {
            throw new SignatureVerificationError('identity', `the certificate is for ${JSON.stringify(identity ?? null)}, not ${JSON.stringify(mode.identity)}`);
        }
        if (issuer !== mode.issuer) {
            throw new SignatureVerificationError('issuer', `the certificate's OIDC issuer is ${JSON.stringify(issuer ?? null)}, not ${JSON.stringify(mode.issuer)}`);
        }
        signer = { kind: 'certificate', identity, issuer };
    }
    const evidence = {
        verifiedEntries: entity.tlogEntries.length,
        verifiedTimestamps: tsaTimestamps(entity),
        carriedEntries,
        carriedTimestamps,
        trustedRoot: root !== undefined,
    };
    const refusal = (0,_transparency_log_rule_js__WEBPACK_IMPORTED_MODULE_7__/* .transparencyLogRefusal */ .V_)(evidence, mode.insecureIgnoreTlog, names);
    return {
        signer,
        transparencyLogEntries: evidence.verifiedEntries,
        signedTimestamps: evidence.verifiedTimestamps,
        transparencyLogIgnored: !(0,_transparency_log_rule_js__WEBPACK_IMPORTED_MODULE_7__/* .vouched */ .Fv)(evidence),
        ...(refusal !== undefined ? { unvouched: new SignatureVerificationError('transparency-log', refusal) } : {}),
    };
}
function tsaTimestamps(entity) {
    return entity.timestamps.filter((t) => t.$case === 'timestamp-authority').length;
}
/** A value from the bundle, fit for a log line: bounded, and quoted when not plain ASCII. */
function shown(value, max = 200) {
    const cut = value.length > max ? `${value.slice(0, max)}…` : value;
    return /^[\x20-\x7e]*$/.test(cut) ? cut : JSON.stringify(cut);
}
function checkPolicy(policy, names = POLICY_FIELD_NAMES) {
    const root = policy.trustedRoot === undefined ? undefined : parseTrustedRoot(policy.trustedRoot);
    const wantsIdentity = policy.certificateIdentity !== undefined || policy.certificateOidcIssuer !== undefined;
    const insecureIgnoreTlog = policy.insecureIgnoreTlog === true;
    if (policy.publicKey !== undefined) {
        if (wantsIdentity) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .OcikitError */ .Gu('INVALID_INPUT', `verification takes ${names.publicKey} or ${names.certificateIdentity} and ${names.certificateOidcIssuer}, not both`, {
                hint: 'a signature is verified by its key, or (keyless) by the identity its certificate names',
            });
        }
        return { kind: 'key', publicKey: (0,_signing_key_js__WEBPACK_IMPORTED_MODULE_6__/* .parsePublicKey */ .ee)(policy.publicKey, 'the policy\'s public key'), root, insecureIgnoreTlog };
    }
    if (!policy.certificateIdentity || !policy.certificateOidcIssuer) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .OcikitError */ .Gu('INVALID_INPUT', `verification needs ${names.publicKey}, or ${names.certificateIdentity} and ${names.certificateOidcIssuer} with ${names.trustedRoot}`, {
            hint: 'for GitHub Actions keyless signatures: identity https://github.com/<org>/<repo>/.github/workflows/<file>@<ref>, issuer https://token.actions.githubusercontent.com',
        });
    }
    if (!root) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .OcikitError */ .Gu('INVALID_INPUT', `keyless verification needs ${names.trustedRoot} (the Fulcio, Rekor and CT log keys to trust)`, {
            hint: 'pass the trusted_root.json of the Sigstore instance that issued the certificate (`cosign trusted-root create`, or the public-good root from its TUF repository)',
        });
    }
    if (root.certificateAuthorities.length === 0 || root.tlogs.length === 0) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .OcikitError */ .Gu('INVALID_INPUT', 'the trusted root names no certificate authority or no transparency log; it cannot verify a keyless signature');
    }
    return { kind: 'keyless', identity: policy.certificateIdentity, issuer: policy.certificateOidcIssuer, root, insecureIgnoreTlog };
}
function parseTrustedRoot(value) {
    let json = value;
    if (typeof value === 'string' || value instanceof Uint8Array) {
        try {
            json = JSON.parse(typeof value === 'string' ? value : new TextDecoder().decode(value));
        }
        catch {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .OcikitError */ .Gu('INVALID_INPUT', 'the trusted root is not JSON');
        }
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .OcikitError */ .Gu('INVALID_INPUT', 'the trusted root is not a JSON object (trusted_root.json)');
    }
    try {
        return _sigstore_protobuf_specs__WEBPACK_IMPORTED_MODULE_1__.TrustedRoot.fromJSON(json);
    }
    catch (error) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .OcikitError */ .Gu('INVALID_INPUT', `the trusted root cannot be read: ${error.message}`);
    }
}
function emptyRoot() {
    return { mediaType: '', tlogs: [], certificateAuthorities: [], ctlogs: [], timestampAuthorities: [] };
}
function decodeBundle(bytes, { bundleFromJSON }) {
    if (bytes.length > MAX_BUNDLE_BYTES) {
        throw new SignatureVerificationError('bundle', `it is ${bytes.length} bytes, over the ${MAX_BUNDLE_BYTES}-byte limit for a bundle`);
    }
    let json;
    try {
        json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    }
    catch {
        throw new SignatureVerificationError('bundle', 'it is not UTF-8 JSON');
    }
    try {
        return bundleFromJSON(json);
    }
    catch (error) {
        const fields = error.fields;
        throw new SignatureVerificationError('bundle', `it is not a valid Sigstore bundle: ${error.message}${fields?.length ? ` (${fields.join(', ')})` : ''}`);
    }
}
/** Runs sigstore-js's Verifier and says which check failed, in words. */
function runVerifier({ VerificationError }, verifier, entity, onSignatureError) {
    try {
        return verifier.verify(entity);
    }
    catch (error) {
        if (!(error instanceof VerificationError)) {
            throw new SignatureVerificationError('bundle', `it could not be verified: ${error.message}`);
        }
        const why = error.message;
        switch (error.code) {
            case 'SIGNATURE_ERROR':
                throw onSignatureError() ??
                    new SignatureVerificationError('signature', 'the signature does not match the signed content: the bundle was changed after signing, or signed by another key', { detail: why });
            case 'PUBLIC_KEY_ERROR':
                throw new SignatureVerificationError('key', 'the signing key is not trusted for this signature', { detail: why });
            case 'CERTIFICATE_ERROR':
                throw new SignatureVerificationError('certificate', 'the signing certificate is not trusted: it does not chain to a trusted certificate authority, or lacks a valid SCT', {
                    detail: why,
                    hint: 'check the trusted root is the one of the Sigstore instance that issued the certificate',
                });
            case 'TIMESTAMP_ERROR':
                throw new SignatureVerificationError('timestamp', 'the bundle has no verifiable timestamp for when it was signed', { detail: why });
            case 'TLOG_ERROR':
            case 'TLOG_INCLUSION_PROOF_ERROR':
            case 'TLOG_INCLUSION_PROMISE_ERROR':
            case 'TLOG_MISSING_INCLUSION_ERROR':
            case 'TLOG_BODY_ERROR':
                throw new SignatureVerificationError('transparency-log', error.code === 'TLOG_BODY_ERROR'
                    ? 'the transparency log entry is not about this signature: the bundle was changed after it was logged'
                    : 'the transparency log entry cannot be verified against the trusted root', { detail: why });
            default:
                throw new SignatureVerificationError('bundle', 'it could not be verified', { detail: why });
        }
    }
}
//# sourceMappingURL=verify.js.map

/***/ }),

/***/ 49720:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   R: () => (/* binding */ listingCell),
/* harmony export */   f: () => (/* binding */ writeAttachSummary)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33838);
/* harmony import */ var _summary_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(52902);
/* harmony import */ var _referrers_graph_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(92672);
/** attach's job summary: what was attached to what, how it is listed, and the subject's referrers graph. */



/** Where a referrer is listed, as a table cell (shared with sign's summary). */
function listingCell(listed) {
    if (listed.via === 'layout')
        return "the layout's index.json";
    if (listed.via === 'api')
        return 'the registry (referrers API)';
    return `the referrers tag index ${(0,_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(listed.tag ?? '')} (the registry has no referrers API)`;
}
async function writeAttachSummary(json, graph, name) {
    const summary = _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .summary */ .z
        .addHeading('ocikit attach', 3)
        .addTable([
        (0,_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .header */ .wx)('Attached', 'Artifact type', 'Subject', 'Listed by'),
        [(0,_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(json.reference), (0,_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(json.artifactType ?? ''), (0,_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(json.subject.reference), listingCell(json.referrers)],
    ])
        .addTable([(0,_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .header */ .wx)('File', 'Kind', 'Media type'), ...json.files.map((f) => [(0,_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(f.path), f.kind ?? '', (0,_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(f.mediaType)])])
        .addRaw(`Manifest ${(0,_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(json.digest)}, ${(0,_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .formatBytes */ .z3)(json.size)}`, true);
    if (graph) {
        summary.addHeading('Referrers of the subject', 4);
        (0,_referrers_graph_js__WEBPACK_IMPORTED_MODULE_2__/* .addReferrersGraph */ .M3)(summary, graph, name);
    }
    await (0,_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .writeSummary */ .Sy)(summary);
}
//# sourceMappingURL=attach.js.map

/***/ }),

/***/ 92672:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DM: () => (/* binding */ flattenReferrers),
/* harmony export */   M3: () => (/* binding */ addReferrersGraph),
/* harmony export */   Wx: () => (/* binding */ graphForSummary)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33838);
/* harmony import */ var _ocikit_core__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(70845);
/* harmony import */ var _ocikit_core__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(30882);
/* harmony import */ var _summary_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(52902);
/**
 * The referrers graph in a job summary: core's Mermaid rendering (GitHub draws
 * it) and a table of every referrer, so the digests can be copied. attach shows
 * the subject's graph with the new referrer in it; discover shows what it found.
 */



/** Every referrer with its level (1: of the subject itself), depth first. */
function flattenReferrers(nodes, level = 1) {
    return nodes.flatMap((node) => [{ level, node }, ...flattenReferrers(node.referrers, level + 1)]);
}
function addReferrersGraph(summary, result, name) {
    const all = flattenReferrers(result.referrers);
    if (all.length === 0)
        return summary.addRaw(`${(0,_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(`${name}@${result.subject.digest}`)} has no referrers.`, true);
    (0,_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .addMermaid */ .xn)(summary, (0,_ocikit_core__WEBPACK_IMPORTED_MODULE_2__/* .renderReferrersMermaid */ .yr)(result, name));
    summary.addTable([
        (0,_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .header */ .wx)('Level', 'Kind', 'Artifact type', 'Digest', 'Size', 'Created'),
        ...all.slice(0, _summary_js__WEBPACK_IMPORTED_MODULE_1__/* .MAX_ROWS */ .pX).map(({ level, node }) => {
            const type = node.descriptor.artifactType ?? node.descriptor.mediaType;
            return [
                String(level),
                (0,_ocikit_core__WEBPACK_IMPORTED_MODULE_2__/* .referrerKindName */ .R5)(type) ?? (node.legacy ? `cosign ${node.legacy.kind} (tag)` : ''),
                (0,_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(type),
                (0,_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(node.descriptor.digest),
                (0,_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .formatBytes */ .z3)(node.descriptor.size),
                (0,_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(node.descriptor.annotations?.['org.opencontainers.image.created'] ?? ''),
            ];
        }),
    ]);
    if (all.length > _summary_js__WEBPACK_IMPORTED_MODULE_1__/* .MAX_ROWS */ .pX)
        summary.addRaw(`…and ${all.length - _summary_js__WEBPACK_IMPORTED_MODULE_1__/* .MAX_ROWS */ .pX} more.`, true);
    return summary;
}
/**
 * The subject's graph for a summary; undefined, after a warning, when it cannot be
 * read: the step did its work, and the picture alone is not worth failing it.
 */
async function graphForSummary(target, subjectDigest, warn) {
    try {
        return await (0,_ocikit_core__WEBPACK_IMPORTED_MODULE_3__/* .discoverReferrers */ .C)(target, subjectDigest, { concurrency: 8 });
    }
    catch (error) {
        warn(`job summary: the referrers graph could not be read: ${error?.message ?? String(error)}`);
        return undefined;
    }
}
//# sourceMappingURL=referrers-graph.js.map

/***/ })

};
