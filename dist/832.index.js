export const id = 832;
export const ids = [832];
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
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OcikitError */ .G('UNSUPPORTED', `${target.name} cannot list referrers`);
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
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OcikitError */ .G('UNSUPPORTED', `${target.name} cannot list referrers`);
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
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OcikitError */ .G('SIZE_LIMIT', `${what} more than ${MAX_NODES} referrers`, { hint: 'narrow it with --artifact-type or --depth' });
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
        if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OcikitError */ .G && error.code === 'NOT_FOUND')
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
/* harmony export */   R5: () => (/* binding */ referrerKindName),
/* harmony export */   lj: () => (/* binding */ renderReferrersTree),
/* harmony export */   yr: () => (/* binding */ renderReferrersMermaid)
/* harmony export */ });
/* harmony import */ var _oci_annotations_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(98034);
/* harmony import */ var _util_printable_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(69172);
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
            lines.push(`${prefix}${lastGroup ? '└── ' : '├── '}${(0,_util_printable_js__WEBPACK_IMPORTED_MODULE_1__/* .printable */ .g)(type)}`);
            const inner = prefix + (lastGroup ? '    ' : '│   ');
            members.forEach((node, m) => {
                const last = m === members.length - 1;
                const tag = node.legacy ? `  [cosign tag ${(0,_util_printable_js__WEBPACK_IMPORTED_MODULE_1__/* .printable */ .g)(node.legacy.tag)}]` : '';
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
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .OcikitError */ .G('UNSUPPORTED', `${what} is an ECDSA key on curve ${curve ?? 'unknown'}; ocikit signs with ECDSA P-256 or Ed25519 keys`, {
            hint: HOW_TO_MAKE_A_KEY,
        });
    }
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .OcikitError */ .G('UNSUPPORTED', `${what} is an ${key.asymmetricKeyType ?? 'unknown'} key; ocikit signs with ECDSA P-256 or Ed25519 keys`, {
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
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .OcikitError */ .G('INVALID_INPUT', `${what} is ${source.pem.length} characters long; a PEM private key is far smaller`);
        }
        text = source.pem;
    }
    else {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .OcikitError */ .G('INVALID_INPUT', 'a signing key comes from a file path or from PEM text, not both and not neither');
    }
    return parseSigningKey(text, what);
}
async function readKeyFile(path, what) {
    try {
        const info = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.stat)(path);
        if (info.isDirectory())
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .OcikitError */ .G('INVALID_INPUT', `${what} is a directory, not a PEM file`);
        if (info.size > MAX_KEY_BYTES) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .OcikitError */ .G('INVALID_INPUT', `${what} is ${info.size} bytes; a PEM private key is far smaller`, {
                hint: 'check the path: it should name the private key file',
            });
        }
        return await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readFile)(path, 'utf8');
    }
    catch (error) {
        if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .OcikitError */ .G)
            throw error;
        const code = error.code;
        if (code === 'ENOENT')
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .OcikitError */ .G('INVALID_INPUT', `${what} does not exist`);
        if (code === 'EACCES' || code === 'EPERM')
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .OcikitError */ .G('INVALID_INPUT', `${what} cannot be read (permission denied)`);
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .OcikitError */ .G('INVALID_INPUT', `${what} cannot be read${code ? ` (${code})` : ''}`);
    }
}
function parseSigningKey(text, what) {
    const blocks = pemBlocks(text.replace(/\r\n/g, '\n'));
    if (blocks.length === 0) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .OcikitError */ .G('INVALID_INPUT', `${what} is not PEM: no "-----BEGIN ...-----" block`, {
            hint: `give the private key in PEM form; ${HOW_TO_MAKE_A_KEY}`,
        });
    }
    const labels = blocks.map((b) => b.label);
    if (labels.includes('ENCRYPTED SIGSTORE PRIVATE KEY') || labels.includes('ENCRYPTED COSIGN PRIVATE KEY')) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .OcikitError */ .G('UNSUPPORTED', `${what} is a password-encrypted cosign key; ocikit reads unencrypted PKCS#8 or SEC1 PEM keys`, {
            hint: `a cosign-encrypted key cannot be decrypted here; ${HOW_TO_MAKE_A_KEY}`,
        });
    }
    if (labels.includes('ENCRYPTED PRIVATE KEY')) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .OcikitError */ .G('INVALID_INPUT', `${what} is encrypted (PKCS#8 with a passphrase); ocikit reads unencrypted keys`, {
            hint: 'decrypt it into a CI secret with `openssl pkey -in encrypted.pem -out key.pem`; the secret store protects it',
        });
    }
    const privateBlocks = blocks.filter((b) => PRIVATE_LABELS.has(b.label));
    if (privateBlocks.length === 0) {
        if (labels.includes('RSA PRIVATE KEY')) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .OcikitError */ .G('UNSUPPORTED', `${what} is an RSA key; ocikit signs with ECDSA P-256 or Ed25519 keys`, { hint: HOW_TO_MAKE_A_KEY });
        }
        if (labels.includes('OPENSSH PRIVATE KEY')) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .OcikitError */ .G('UNSUPPORTED', `${what} is an OpenSSH key; ocikit reads PKCS#8 or SEC1 PEM keys`, {
                hint: 'convert it with `ssh-keygen -p -m PKCS8 -f <key>` (an Ed25519 or ECDSA P-256 key), or create a new one',
            });
        }
        if (labels.includes('PUBLIC KEY') || labels.includes('CERTIFICATE')) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .OcikitError */ .G('INVALID_INPUT', `${what} holds a ${labels.includes('PUBLIC KEY') ? 'public key' : 'certificate'}, not a private key`, {
                hint: 'signing needs the private key; the public key is what verifiers get',
            });
        }
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .OcikitError */ .G('UNSUPPORTED', `${what} holds PEM of type ${labels.map((l) => `"${l}"`).join(', ')}, not a private key`, {
            hint: HOW_TO_MAKE_A_KEY,
        });
    }
    if (privateBlocks.length > 1) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .OcikitError */ .G('INVALID_INPUT', `${what} holds ${privateBlocks.length} private keys; give exactly one`);
    }
    const block = privateBlocks[0];
    if (/Proc-Type:\s*4,ENCRYPTED/i.test(block.headers)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .OcikitError */ .G('INVALID_INPUT', `${what} is encrypted (a legacy PEM passphrase); ocikit reads unencrypted keys`, {
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
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .OcikitError */ .G('INVALID_INPUT', `${what} could not be read as a ${block.label === 'EC PRIVATE KEY' ? 'SEC1 EC' : 'PKCS#8'} private key`, {
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
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .OcikitError */ .G('INVALID_INPUT', `${what} is not a PEM "PUBLIC KEY"${found.length ? ` (found ${found.map((l) => `"${l}"`).join(', ')})` : ''}`, {
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
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .OcikitError */ .G('INVALID_INPUT', `${what} could not be read as a public key`, { detail: code ? `crypto: ${code}` : undefined });
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
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OcikitError */ .G('INVALID_INPUT', 'an attestation needs a predicate type (a URI such as https://slsa.dev/provenance/v1)');
    }
    if (typeof predicate !== 'object' || predicate === null || Array.isArray(predicate)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OcikitError */ .G('INVALID_INPUT', `the predicate of a ${predicateType} attestation must be a JSON object`);
    }
    if (options.subjectName === '')
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OcikitError */ .G('INVALID_INPUT', 'an attestation subject name must not be empty');
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
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OcikitError */ .G('INVALID_INPUT', `the ${statement.predicateType} predicate cannot be written as JSON: ${error.message}`);
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
