export const id = 797;
export const ids = [797];
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

/***/ 51797:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(33838);
// EXTERNAL MODULE: ./packages/core/dist/referrers/render.js
var render = __webpack_require__(70845);
// EXTERNAL MODULE: ./packages/core/dist/referrers/remote-referrers.js
var remote_referrers = __webpack_require__(58162);
// EXTERNAL MODULE: ./packages/core/dist/errors.js
var errors = __webpack_require__(71403);
// EXTERNAL MODULE: ./packages/core/dist/target/open-target.js
var open_target = __webpack_require__(55232);
// EXTERNAL MODULE: ./packages/core/dist/referrers/discover.js
var discover = __webpack_require__(30882);
// EXTERNAL MODULE: ./packages/core/dist/reference/reference.js
var reference_reference = __webpack_require__(37473);
// EXTERNAL MODULE: ./packages/github/dist/inputs.js
var inputs = __webpack_require__(43345);
// EXTERNAL MODULE: ./packages/github/dist/outputs.js
var outputs = __webpack_require__(28796);
// EXTERNAL MODULE: ./packages/github/dist/run-action.js + 2 modules
var run_action = __webpack_require__(99345);
// EXTERNAL MODULE: ./packages/github/dist/summary.js
var dist_summary = __webpack_require__(52902);
// EXTERNAL MODULE: ./packages/github/dist/summaries/referrers-graph.js
var referrers_graph = __webpack_require__(92672);
;// CONCATENATED MODULE: ./packages/github/dist/summaries/discover.js
/** discover's job summary: the subject, how its referrers are listed, and the graph. */



async function writeDiscoverSummary(reference, json, result, name) {
    const summary = core/* summary */.z
        .addHeading('ocikit discover', 3)
        .addTable([
        (0,dist_summary/* header */.wx)('Subject', 'Media type', 'Referrers', 'Listed by'),
        [(0,dist_summary/* code */.aY)(reference), (0,dist_summary/* code */.aY)(json.mediaType), String((0,referrers_graph/* flattenReferrers */.DM)(result.referrers).length), json.via ?? ''],
    ]);
    (0,referrers_graph/* addReferrersGraph */.M3)(summary, result, name);
    await (0,dist_summary/* writeSummary */.Sy)(summary);
}
//# sourceMappingURL=discover.js.map
// EXTERNAL MODULE: ./packages/github/dist/target-options.js + 2 modules
var target_options = __webpack_require__(19152);
;// CONCATENATED MODULE: ./packages/github/dist/actions/discover.js
/**
 * discover: the referrers graph of an image or artifact (signatures, SBOMs,
 * reports and theirs), the same core call as `ocikit discover`
 * (discoverReferrers), printed in `format`, drawn in the job summary as Mermaid.
 */








async function run(env = process.env) {
    await (0,run_action/* runAction */.Cs)('discover', async (secrets, signal) => {
        const { progress, connection, reference: subject } = (0,target_options/* startStep */.bP)(env, secrets, signal, (0,target_options/* referenceInput */.Ie)(env, 'reference'));
        const artifactType = (0,inputs/* getString */.AA)('artifact-type', env);
        const depth = (0,inputs/* getPositiveInteger */.o0)('depth', undefined, env);
        const format = (0,inputs/* getChoice */.m)('format', render/* DISCOVER_FORMATS */.V0, 'tree', env);
        const legacy = (0,inputs/* getBoolean */.pW)('legacy', true, env);
        const referrersMode = (0,inputs/* getChoice */.m)('referrers-mode', remote_referrers/* REFERRERS_MODES */.kz, 'auto', env);
        // Lists are small: read at least 8 at once, as the CLI does.
        const concurrency = Math.max((0,inputs/* getPositiveInteger */.o0)('concurrency', 3, env), 8);
        if (subject.kind === 'oci-layout' && subject.tag === undefined && subject.digest === undefined) {
            throw new errors/* OcikitError */.Gu('INVALID_INPUT', `${(0,inputs/* getRequired */.kA)('reference', env)} names no tag or digest`, { hint: 'add :<tag> or @<digest>' });
        }
        const { target, reference, selector } = await (0,open_target/* openTarget */.A)(subject, { ...connection, referrersMode });
        try {
            const result = await (0,discover/* discoverReferrers */.C)(target, selector, {
                ...(artifactType ? { artifactType } : {}),
                ...(depth ? { depth } : {}),
                legacy,
                concurrency,
                progress,
            });
            const json = (0,render/* referrersGraphJson */.H4)(result, target.name);
            const graph = format === 'json' ? `${JSON.stringify(json, null, 2)}\n` : (0,render/* renderReferrers */.ND)(result, target.name, format);
            core/* info */.pq(graph.trimEnd());
            const pinned = (0,reference_reference/* pinnedReference */.ct)(reference, reference.tag, result.subject.digest);
            (0,outputs/* setOutputs */.n)({ digest: result.subject.digest, reference: pinned, count: String((0,referrers_graph/* flattenReferrers */.DM)(result.referrers).length), graph, json });
            await writeDiscoverSummary(pinned, json, result, target.name);
        }
        finally {
            await target.close();
        }
    });
}
//# sourceMappingURL=discover.js.map

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
