export const id = 33;
export const ids = [33];
export const modules = {

/***/ 89629:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $I: () => (/* binding */ parseAnnotationArguments),
/* harmony export */   O$: () => (/* binding */ parseAnnotationArgumentList),
/* harmony export */   f8: () => (/* binding */ unprefixedAnnotations),
/* harmony export */   yp: () => (/* binding */ checkAnnotationPlaces)
/* harmony export */ });
/* unused harmony exports ANNOTATION_LEVELS, parseAnnotationArgument */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(71403);
/* harmony import */ var _platform_platform_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(77837);
/**
 * `key=value` annotation arguments (`--annotation`, the `annotations` input), with
 * Docker's level prefixes as docker/metadata-action and buildx write them:
 * `manifest:`, `index:`, `manifest-descriptor:`, `index-descriptor:`, several at
 * once (`index,manifest:`) and a platform for a per-platform level
 * (`manifest[linux/arm64]:`). A prefix says where the annotation goes; a verb
 * takes it there or refuses it, and never keeps the prefix as part of the key.
 */


const ANNOTATION_LEVELS = ['manifest', 'index', 'manifest-descriptor', 'index-descriptor'];
const PREFIX = /^([a-z,-]+)(?:\[([^\]]*)\])?:(.*)$/s;
/** One `[levels[platforms]:]key=value` argument. */
function parseAnnotationArgument(text) {
    const eq = text.indexOf('=');
    const bad = () => {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OcikitError */ .Gu('INVALID_INPUT', `annotation "${text}" is not key=value`, {
            hint: `e.g. ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .optionRef */ .$j)('annotation')} org.opencontainers.image.source=https://github.com/org/repo`,
        });
    };
    if (eq <= 0)
        bad();
    const name = text.slice(0, eq);
    const value = text.slice(eq + 1);
    const prefixed = PREFIX.exec(name);
    const words = prefixed?.[1].split(',') ?? [];
    // A key may hold a colon of its own (`com.example:build`): only Docker's four words make a prefix.
    if (!prefixed || !words.every((word) => ANNOTATION_LEVELS.includes(word))) {
        if (/[[\]]/.test(name))
            bad();
        return { key: name, value };
    }
    const key = prefixed[3];
    if (key === '')
        bad();
    const platforms = prefixed[2]?.split(',').map((p) => (0,_platform_platform_js__WEBPACK_IMPORTED_MODULE_1__/* .parsePlatform */ .Y8)(p.trim()));
    return { key, value, levels: [...new Set(words)], ...(platforms ? { platforms } : {}) };
}
function parseAnnotationArgumentList(values) {
    return values.map(parseAnnotationArgument);
}
/** The user's map as arguments with no prefix (what a CI run adds, for a verb that takes levels). */
function unprefixedAnnotations(annotations) {
    return Object.entries(annotations).map(([key, value]) => ({ key, value }));
}
const WHAT_WRITES = {
    manifest: 'push, attach, sign and release write manifests',
    index: 'index create and release write an index',
    'manifest-descriptor': 'release writes an index whose entries are its manifests',
    'index-descriptor': "no ocikit verb writes a descriptor of an index (it would live in an OCI layout's index.json or a parent index)",
};
/** Refuses an argument whose prefix names a level or platform the verb has no place for. */
function checkAnnotationPlaces(argument, places) {
    for (const level of argument.levels ?? []) {
        if (places.levels.includes(level))
            continue;
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OcikitError */ .Gu('INVALID_INPUT', `annotation ${level}:${argument.key} has nowhere to go: ${places.verb} writes no ${level.replace('-', ' ')}`, {
            hint: `${WHAT_WRITES[level]}; drop the ${level}: prefix to annotate what ${places.verb} writes (${places.levels.join(', ')})`,
        });
    }
    if (argument.platforms && !places.perPlatform) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OcikitError */ .Gu('INVALID_INPUT', `annotation ${argument.key} names platforms (${argument.platforms.map(_platform_platform_js__WEBPACK_IMPORTED_MODULE_1__/* .platformString */ .Fd).join(', ')}), and ${places.verb} writes one manifest for none`, {
            hint: 'drop the [platform] part; release writes a manifest per platform',
        });
    }
}
/**
 * The annotations of a verb that writes one thing: unprefixed keys and those
 * prefixed with its level; any other prefix is refused with where it could go.
 */
function parseAnnotationArguments(values, verb) {
    const annotations = {};
    for (const argument of parseAnnotationArgumentList(values)) {
        checkAnnotationPlaces(argument, { verb, levels: [verb === 'index' ? 'index' : 'manifest'] });
        annotations[argument.key] = argument.value;
    }
    return annotations;
}
//# sourceMappingURL=annotation-arguments.js.map

/***/ }),

/***/ 21488:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Hw: () => (/* binding */ assembleIndex),
/* harmony export */   nI: () => (/* binding */ removeFromIndex),
/* harmony export */   qW: () => (/* binding */ buildIndexDocument),
/* harmony export */   zO: () => (/* binding */ addToIndex)
/* harmony export */ });
/* harmony import */ var _copy_copy_graph_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(49626);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(71403);
/* harmony import */ var _reference_reference_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(37473);
/* harmony import */ var _oci_annotations_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(98034);
/* harmony import */ var _oci_manifest_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(24075);
/* harmony import */ var _oci_media_types_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(87536);
/* harmony import */ var _platform_match_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3161);
/* harmony import */ var _platform_platform_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(77837);
/* harmony import */ var _progress_progress_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(39273);
/* harmony import */ var _util_map_concurrent_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(49307);
/* harmony import */ var _index_entries_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(85704);
/* harmony import */ var _target_push_tagged_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(64409);
/**
 * Multi-platform index assembly over any targets: the manifests matrix jobs
 * pushed one platform each become one image index. Children that live in
 * other repositories are copied into the index's repository first (on one
 * registry their blobs are mounted, not uploaded), since a registry refuses
 * an index whose manifests it does not hold.
 */












/**
 * `ocikit index create`: reads every source (a manifest contributes itself
 * with its platform; an index its entries and attestations), refuses two
 * entries for one platform unless `allowDuplicates`, copies children from
 * other repositories, and pushes the index under `tags` (the first is pushed,
 * the rest tagged; none: by digest only).
 */
async function assembleIndex(destination, sources, tags, options = {}) {
    if (sources.length === 0) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OcikitError */ .Gu('INVALID_INPUT', 'an index needs at least one source manifest', {
            hint: 'name the manifests the platform jobs pushed, e.g. registry/app:amd64 registry/app:arm64',
        });
    }
    tags.forEach((tag) => (0,_reference_reference_js__WEBPACK_IMPORTED_MODULE_1__/* .checkTag */ .Bs)(tag));
    checkIndexOptions(options);
    const { entries, attestations } = await planEntries(sources, options);
    (0,_index_entries_js__WEBPACK_IMPORTED_MODULE_2__/* .checkDuplicatePlatforms */ .WW)(entries.map((e) => e.descriptor), Boolean(options.allowDuplicates), `the index for ${destination.name}`);
    const copied = await copyChildren(destination, [...entries, ...attestations], options);
    const manifests = [...entries, ...attestations].map((e) => e.descriptor);
    const document = buildIndexDocument(manifests, {
        ...(options.annotations ? { annotations: options.annotations } : {}),
        ...(options.artifactType ? { artifactType: options.artifactType } : {}),
        ...(createdAt(options) ? { created: createdAt(options) } : {}),
    });
    await pushIndex(destination, document, tags, options.progress);
    return { ...document, tags, copied };
}
/**
 * `ocikit index add`: the index `selector` names, with the sources' entries
 * appended (before its attestations, which stay last). Its media type,
 * annotations, artifact type and subject are kept; `options.annotations`
 * are merged over its own. The result is pushed under the same tag (or by
 * digest when `selector` is one).
 */
async function addToIndex(destination, selector, sources, options = {}) {
    if (sources.length === 0)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OcikitError */ .Gu('INVALID_INPUT', 'nothing to add: name at least one source manifest');
    checkIndexOptions(options);
    const current = await readIndex(destination, selector);
    const { entries, attestations } = await planEntries(sources, options);
    let kept = current.manifests;
    if (options.replace) {
        const replaced = new Set(kept.filter((e) => e.platform && !(0,_platform_match_js__WEBPACK_IMPORTED_MODULE_3__/* .isAttestationEntry */ .r2)(e) && entries.some((n) => (0,_platform_match_js__WEBPACK_IMPORTED_MODULE_3__/* .samePlatform */ .my)(n.descriptor.platform, e.platform))).map((e) => e.digest));
        kept = kept.filter((e) => !replaced.has(e.digest) && !replaced.has(e.annotations?.[_platform_match_js__WEBPACK_IMPORTED_MODULE_3__/* .ATTESTATION_REFERENCE_DIGEST */ .qq]));
    }
    const keptEntries = kept.filter((e) => !(0,_platform_match_js__WEBPACK_IMPORTED_MODULE_3__/* .isAttestationEntry */ .r2)(e));
    const keptAttestations = kept.filter((e) => (0,_platform_match_js__WEBPACK_IMPORTED_MODULE_3__/* .isAttestationEntry */ .r2)(e));
    const added = entries.filter((e) => !keptEntries.some((k) => k.digest === e.descriptor.digest && samePlatformOrNone(k, e.descriptor)));
    const manifests = [...keptEntries, ...added.map((e) => e.descriptor), ...keptAttestations, ...attestations.map((a) => a.descriptor)];
    (0,_index_entries_js__WEBPACK_IMPORTED_MODULE_2__/* .checkDuplicatePlatforms */ .WW)(manifests, Boolean(options.allowDuplicates), `${destination.name}:${selector}`);
    const copied = await copyChildren(destination, [...added, ...attestations], options);
    return pushUpdated(destination, selector, current, manifests, options, copied);
}
/**
 * `ocikit index remove`: drops the entries that match a platform (normalised:
 * `linux/arm64` also removes `linux/arm64/v8`) or a digest, with the
 * attestations that describe them. Each selector must match something.
 */
async function removeFromIndex(destination, selector, remove, options = {}) {
    if (remove.length === 0)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OcikitError */ .Gu('INVALID_INPUT', 'nothing to remove: name a platform (os/arch[/variant]) or a digest');
    const current = await readIndex(destination, selector);
    const removed = new Set();
    for (const item of remove) {
        const hits = current.manifests.filter((e) => typeof item === 'string' ? e.digest === item : Boolean(e.platform && !(0,_platform_match_js__WEBPACK_IMPORTED_MODULE_3__/* .isAttestationEntry */ .r2)(e) && (0,_platform_match_js__WEBPACK_IMPORTED_MODULE_3__/* .samePlatform */ .my)(e.platform, item)));
        if (hits.length === 0) {
            const shown = typeof item === 'string' ? item : (0,_platform_platform_js__WEBPACK_IMPORTED_MODULE_4__/* .platformString */ .Fd)(item);
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OcikitError */ .Gu('NOT_FOUND', `${destination.name}:${selector} has no entry for ${shown}`, {
                hint: `its platforms: ${current.manifests.filter((e) => e.platform && !(0,_platform_match_js__WEBPACK_IMPORTED_MODULE_3__/* .isAttestationEntry */ .r2)(e)).map((e) => (0,_platform_platform_js__WEBPACK_IMPORTED_MODULE_4__/* .platformString */ .Fd)(e.platform)).join(', ') || 'none'}`,
            });
        }
        hits.forEach((e) => removed.add(e.digest));
    }
    const manifests = current.manifests.filter((e) => !removed.has(e.digest) && !removed.has(e.annotations?.[_platform_match_js__WEBPACK_IMPORTED_MODULE_3__/* .ATTESTATION_REFERENCE_DIGEST */ .qq] ?? ''));
    if (manifests.filter((e) => !(0,_platform_match_js__WEBPACK_IMPORTED_MODULE_3__/* .isAttestationEntry */ .r2)(e)).length === 0) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OcikitError */ .Gu('INVALID_INPUT', `removing that would leave ${destination.name}:${selector} without a single platform`, {
            hint: 'delete the index instead: ocikit manifest delete <reference>',
        });
    }
    return pushUpdated(destination, selector, current, manifests, options, { manifests: 0, blobs: { copied: 0, mounted: 0, skipped: 0 }, bytes: 0 });
}
/**
 * The index document, in the image spec's field order (schemaVersion,
 * mediaType, artifactType, manifests, subject, annotations), compact JSON.
 * A Docker manifest list is chosen (as `docker buildx imagetools create`
 * does) only when every entry is a Docker schema 2 manifest and nothing
 * needs OCI fields: annotations, an artifact type, a subject.
 */
function buildIndexDocument(manifests, options = {}) {
    const annotations = {
        ...(options.created ? { [_oci_annotations_js__WEBPACK_IMPORTED_MODULE_5__/* .Annotation */ .Y.Created]: options.created } : {}),
        ...options.annotations,
    };
    const needsOci = Boolean(options.artifactType || options.subject || options.annotations && Object.keys(options.annotations).length) ||
        manifests.some((m) => !(0,_index_entries_js__WEBPACK_IMPORTED_MODULE_2__/* .isDockerEntry */ .lP)(m) || m.annotations || m.artifactType);
    const mediaType = (options.mediaType ?? (needsOci || manifests.length === 0 ? _oci_media_types_js__WEBPACK_IMPORTED_MODULE_6__/* .MediaType */ .zu.ImageIndex : _oci_media_types_js__WEBPACK_IMPORTED_MODULE_6__/* .MediaType */ .zu.DockerManifestList));
    const docker = mediaType === _oci_media_types_js__WEBPACK_IMPORTED_MODULE_6__/* .MediaType */ .zu.DockerManifestList;
    const index = {
        schemaVersion: 2,
        mediaType,
        ...(options.artifactType && !docker ? { artifactType: options.artifactType } : {}),
        manifests: docker ? manifests.map(({ mediaType: m, digest, size, platform }) => ({ mediaType: m, digest, size, ...(platform ? { platform } : {}) })) : manifests,
        ...(options.subject && !docker ? { subject: options.subject } : {}),
        // A Docker manifest list has no annotations; buildx leaves them out too.
        ...(Object.keys(annotations).length && !docker ? { annotations } : {}),
    };
    const bytes = (0,_oci_manifest_js__WEBPACK_IMPORTED_MODULE_7__/* .encodeManifest */ .Gb)(index);
    // Validated as any manifest read back would be: what we push must parse.
    (0,_oci_manifest_js__WEBPACK_IMPORTED_MODULE_7__/* .parseManifest */ .Ng)(bytes, 'the assembled index', mediaType);
    return { index, bytes, descriptor: (0,_oci_manifest_js__WEBPACK_IMPORTED_MODULE_7__/* .describeManifest */ .FK)(index, bytes) };
}
function samePlatformOrNone(a, b) {
    return a.platform && b.platform ? (0,_platform_match_js__WEBPACK_IMPORTED_MODULE_3__/* .samePlatform */ .my)(a.platform, b.platform) : !a.platform && !b.platform;
}
function checkIndexOptions(options) {
    if (options.artifactType !== undefined && !(0,_oci_media_types_js__WEBPACK_IMPORTED_MODULE_6__/* .isValidMediaType */ .Hw)(options.artifactType)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OcikitError */ .Gu('INVALID_INPUT', `"${options.artifactType}" is not a valid media type for ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .optionRef */ .$j)('artifact-type')}`, {
            hint: 'a media type is type/subtype, e.g. application/vnd.example.release.v1',
        });
    }
    for (const key of Object.keys(options.annotations ?? {})) {
        if (key === '')
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OcikitError */ .Gu('INVALID_INPUT', 'an annotation key is empty');
    }
}
function createdAt(options) {
    if (options.sourceDateEpoch === undefined)
        return undefined;
    return new Date(options.sourceDateEpoch * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
async function planEntries(sources, options) {
    const read = await (0,_util_map_concurrent_js__WEBPACK_IMPORTED_MODULE_8__/* .mapConcurrent */ ._)(sources, Math.max(1, options.concurrency ?? 3), (source) => (0,_index_entries_js__WEBPACK_IMPORTED_MODULE_2__/* .readSourceEntries */ .yy)(source.target, source.selector, source.platform));
    const entries = [];
    const attestations = [];
    read.forEach((result, i) => {
        const source = sources[i].target;
        entries.push(...result.entries.map((descriptor) => ({ descriptor, source })));
        attestations.push(...result.attestations.map((descriptor) => ({ descriptor, source })));
    });
    return { entries, attestations };
}
/**
 * Children from other repositories (or registries, or layouts) are copied
 * into the index's target, each with all it points to, by digest: mounts on
 * one registry, streamed otherwise. Children already there cost one `HEAD`.
 */
async function copyChildren(destination, children, options) {
    const stats = { manifests: 0, blobs: { copied: 0, mounted: 0, skipped: 0 }, bytes: 0 };
    const unique = new Map();
    for (const child of children) {
        if (child.source === destination || child.source.name === destination.name)
            continue;
        if (!unique.has(child.descriptor.digest))
            unique.set(child.descriptor.digest, child);
    }
    const concurrency = Math.max(1, options.concurrency ?? 3);
    await (0,_util_map_concurrent_js__WEBPACK_IMPORTED_MODULE_8__/* .mapConcurrent */ ._)([...unique.values()], concurrency, async (child) => {
        const result = await (0,_copy_copy_graph_js__WEBPACK_IMPORTED_MODULE_9__/* .copyGraph */ .a)(child.source, child.descriptor.digest, destination, undefined, {
            concurrency,
            ...(options.progress ? { progress: options.progress } : {}),
            ...(options.signal ? { signal: options.signal } : {}),
            ...(options.anonymousMount ? { anonymousMount: true } : {}),
        });
        stats.manifests += result.manifests.copied;
        stats.blobs.copied += result.blobs.copied;
        stats.blobs.mounted += result.blobs.mounted;
        stats.blobs.skipped += result.blobs.skipped;
        stats.bytes += result.bytes;
    });
    return stats;
}
async function readIndex(target, selector) {
    const fetched = await target.fetchManifest(selector);
    const manifest = (0,_oci_manifest_js__WEBPACK_IMPORTED_MODULE_7__/* .parseManifest */ .Ng)(fetched.bytes, `${target.name}:${selector}`, fetched.descriptor.mediaType);
    if (!(0,_oci_manifest_js__WEBPACK_IMPORTED_MODULE_7__/* .isIndex */ .nw)(manifest)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OcikitError */ .Gu('INVALID_INPUT', `${target.name}:${selector} is a single manifest, not an index`, {
            hint: 'create an index from it first: ocikit index create <index-ref> <this-ref> <other-refs>...',
        });
    }
    return manifest;
}
async function pushUpdated(destination, selector, current, manifests, options, copied) {
    const tags = [...(/^sha(256|512):/.test(selector) ? [] : [selector]), ...(options.tags ?? [])];
    tags.forEach((tag) => (0,_reference_reference_js__WEBPACK_IMPORTED_MODULE_1__/* .checkTag */ .Bs)(tag));
    const annotations = { ...current.annotations, ...options.annotations };
    // A Docker list stays one while it can; an OCI manifest joining it makes it an OCI index.
    const docker = current.mediaType === _oci_media_types_js__WEBPACK_IMPORTED_MODULE_6__/* .MediaType */ .zu.DockerManifestList && manifests.every((m) => (0,_index_entries_js__WEBPACK_IMPORTED_MODULE_2__/* .isDockerEntry */ .lP)(m) && !m.annotations);
    if (current.mediaType === _oci_media_types_js__WEBPACK_IMPORTED_MODULE_6__/* .MediaType */ .zu.DockerManifestList && !docker) {
        options.progress?.warning?.(`${destination.name}:${selector} was a Docker manifest list; it becomes an OCI image index to hold OCI entries`);
    }
    const document = buildIndexDocument(manifests, {
        ...(Object.keys(annotations).length ? { annotations } : {}),
        ...((options.artifactType ?? current.artifactType) ? { artifactType: (options.artifactType ?? current.artifactType) } : {}),
        ...(current.subject ? { subject: current.subject } : {}),
        mediaType: docker ? _oci_media_types_js__WEBPACK_IMPORTED_MODULE_6__/* .MediaType */ .zu.DockerManifestList : _oci_media_types_js__WEBPACK_IMPORTED_MODULE_6__/* .MediaType */ .zu.ImageIndex,
    });
    await pushIndex(destination, document, tags, options.progress);
    return { ...document, tags, copied };
}
async function pushIndex(destination, document, tags, progress) {
    const [first] = tags;
    progress?.start?.(document.descriptor, `index${first ? ` ${first}` : ''}`, destination.storing);
    await (0,_target_push_tagged_js__WEBPACK_IMPORTED_MODULE_10__/* .pushTagged */ .h)(destination, document.descriptor, document.bytes, tags);
    progress?.done?.(document.descriptor, (0,_progress_progress_js__WEBPACK_IMPORTED_MODULE_11__/* .storedOutcome */ .Kh)(destination.storing));
}
//# sourceMappingURL=assemble-index.js.map

/***/ }),

/***/ 85704:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ms: () => (/* binding */ entryOf),
/* harmony export */   WW: () => (/* binding */ checkDuplicatePlatforms),
/* harmony export */   lP: () => (/* binding */ isDockerEntry),
/* harmony export */   yy: () => (/* binding */ readSourceEntries)
/* harmony export */ });
/* unused harmony exports MAX_CONFIG_BYTES, configPlatform, attestationsFor */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(71403);
/* harmony import */ var _oci_manifest_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(24075);
/* harmony import */ var _oci_media_types_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(87536);
/* harmony import */ var _platform_match_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3161);
/* harmony import */ var _platform_platform_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(77837);
/* harmony import */ var _registry_read_bounded_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(68218);
/**
 * What a source contributes to a multi-platform index: one entry for a
 * manifest (its platform read from its image config, or given), or the
 * entries of an index (children with their platforms, BuildKit attestations
 * with the images they describe).
 */






/** Image configs are small JSON; a bigger one is not read (a config with a long history stays far below). */
const MAX_CONFIG_BYTES = 8 * 1024 * 1024;
/** Config media types whose JSON names the platform (`os`, `architecture`, `variant`, ...). */
const PLATFORM_CONFIG_TYPES = new Set([_oci_media_types_js__WEBPACK_IMPORTED_MODULE_0__/* .MediaType */ .zu.ImageConfig, _oci_media_types_js__WEBPACK_IMPORTED_MODULE_0__/* .MediaType */ .zu.DockerConfig]);
/**
 * Reads what `selector` names in `source` and turns it into index entries.
 * `platform` overrides the platform a manifest's config records; an index
 * cannot take one (its children have their own).
 */
async function readSourceEntries(source, selector, platform) {
    const what = `${source.name}${selector.includes(':') ? '@' : ':'}${selector}`;
    const fetched = await source.fetchManifest(selector);
    const manifest = (0,_oci_manifest_js__WEBPACK_IMPORTED_MODULE_1__/* .parseManifest */ .Ng)(fetched.bytes, what, fetched.descriptor.mediaType);
    const root = { mediaType: fetched.descriptor.mediaType, digest: fetched.descriptor.digest, size: fetched.descriptor.size };
    if ((0,_oci_manifest_js__WEBPACK_IMPORTED_MODULE_1__/* .isIndex */ .nw)(manifest)) {
        if (platform) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .OcikitError */ .Gu('INVALID_INPUT', `${what} is an index; a platform cannot be given for it (=${(0,_platform_platform_js__WEBPACK_IMPORTED_MODULE_3__/* .platformString */ .Fd)(platform)})`, {
                hint: 'its entries keep their own platforms; name one of its manifests by digest to give it another platform',
            });
        }
        const entries = [];
        const attestations = [];
        for (const child of manifest.manifests) {
            if ((0,_platform_match_js__WEBPACK_IMPORTED_MODULE_4__/* .isAttestationEntry */ .r2)(child))
                attestations.push(entryOf(child, child.platform, child.annotations));
            else if (child.platform)
                entries.push(entryOf(child, child.platform, child.annotations));
            else {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .OcikitError */ .Gu('INVALID_INPUT', `${what} has an entry without a platform (${child.digest})`, {
                    hint: `add that manifest as a source of its own with =os/arch, e.g. ${source.name}@${child.digest}=linux/amd64`,
                });
            }
        }
        return { root, entries, attestations };
    }
    const found = platform ?? (await configPlatform(source, manifest, what));
    const entry = entryOf({ ...root, ...(manifest.artifactType ? { artifactType: manifest.artifactType } : {}) }, found, undefined);
    return { root, entries: [entry], attestations: [] };
}
/** The platform an image's config records (`os`, `architecture`, `variant`, `os.version`, `os.features`). */
async function configPlatform(source, manifest, what) {
    const config = manifest.config;
    const missing = (reason) => new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .OcikitError */ .Gu('INVALID_INPUT', `cannot tell the platform of ${what}: ${reason}`, {
        hint: `give it after the reference: ${what}=linux/amd64 (os/architecture[/variant])`,
    });
    if (!PLATFORM_CONFIG_TYPES.has(config.mediaType))
        throw missing(`its config is a ${config.mediaType}, not an image config`);
    if (config.size > MAX_CONFIG_BYTES) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .OcikitError */ .Gu('SIZE_LIMIT', `the config of ${what} is ${config.size} bytes, over the ${MAX_CONFIG_BYTES}-byte limit for a config`);
    }
    // fetchBlob verifies digest and size as it streams; readBounded guards the memory.
    const bytes = await (0,_registry_read_bounded_js__WEBPACK_IMPORTED_MODULE_5__/* .readBounded */ .C)(await source.fetchBlob(config), MAX_CONFIG_BYTES, `config of ${what}`);
    let json;
    try {
        json = JSON.parse(bytes.toString('utf8'));
    }
    catch (error) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .OcikitError */ .Gu('INVALID_MANIFEST', `the config of ${what} is not JSON`, { detail: error.message });
    }
    const c = (json ?? {});
    if (typeof c.os !== 'string' || c.os === '' || typeof c.architecture !== 'string' || c.architecture === '') {
        throw missing('its config names no os and architecture');
    }
    const features = c['os.features'];
    return (0,_platform_platform_js__WEBPACK_IMPORTED_MODULE_3__/* .canonicalPlatform */ ._l)({
        architecture: c.architecture,
        os: c.os,
        ...(typeof c['os.version'] === 'string' && c['os.version'] ? { 'os.version': c['os.version'] } : {}),
        ...(Array.isArray(features) && features.every((f) => typeof f === 'string') && features.length ? { 'os.features': features } : {}),
        ...(typeof c.variant === 'string' && c.variant ? { variant: c.variant } : {}),
    });
}
/** An index entry in the image spec's field order: mediaType, digest, size, annotations, platform, artifactType. */
function entryOf(descriptor, platform, annotations) {
    return {
        mediaType: descriptor.mediaType,
        digest: descriptor.digest,
        size: descriptor.size,
        ...(annotations && Object.keys(annotations).length ? { annotations: { ...annotations } } : {}),
        ...(platform ? { platform: (0,_platform_platform_js__WEBPACK_IMPORTED_MODULE_3__/* .canonicalPlatform */ ._l)(platform) } : {}),
        ...(descriptor.artifactType ? { artifactType: descriptor.artifactType } : {}),
    };
}
/**
 * Refuses two entries for one platform (after normalisation: `arm64` is
 * `arm64/v8`) unless `allowDuplicates`: clients take the first match, so the
 * second would never be pulled by platform. Attestations never count.
 */
function checkDuplicatePlatforms(entries, allowDuplicates, where) {
    if (allowDuplicates)
        return;
    const platforms = entries.filter((e) => e.platform && !(0,_platform_match_js__WEBPACK_IMPORTED_MODULE_4__/* .isAttestationEntry */ .r2)(e));
    for (let i = 0; i < platforms.length; i++) {
        for (let j = 0; j < i; j++) {
            const a = platforms[j];
            const b = platforms[i];
            if ((0,_platform_match_js__WEBPACK_IMPORTED_MODULE_4__/* .samePlatform */ .my)(a.platform, b.platform)) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .OcikitError */ .Gu('INVALID_INPUT', `${where} would have two entries for ${(0,_platform_platform_js__WEBPACK_IMPORTED_MODULE_3__/* .platformString */ .Fd)(b.platform)}: ${a.digest} and ${b.digest}`, {
                    hint: a.digest === b.digest
                        ? 'the same manifest was given twice; give it once'
                        : 'clients take the first entry that matches (OCI 1.1), so the second is never pulled by platform; ' +
                            `fix the platforms, or pass ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .optionRef */ .$j)('allow-duplicates')} if that order is meant`,
                });
            }
        }
    }
}
/** The attestations whose image (`vnd.docker.reference.digest`) is among `entries`. */
function attestationsFor(entries, attestations) {
    const digests = new Set(entries.map((e) => e.digest));
    return attestations.filter((a) => {
        const subject = a.annotations?.[ATTESTATION_REFERENCE_DIGEST];
        return subject !== undefined && digests.has(subject);
    });
}
/** Whether this manifest is a Docker schema 2 manifest (what may go into a Docker manifest list). */
function isDockerEntry(descriptor) {
    return descriptor.mediaType === _oci_media_types_js__WEBPACK_IMPORTED_MODULE_0__/* .MediaType */ .zu.DockerManifest;
}
//# sourceMappingURL=index-entries.js.map

/***/ }),

/***/ 3161:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Qb: () => (/* binding */ describePlatforms),
/* harmony export */   md: () => (/* binding */ selectPlatform),
/* harmony export */   my: () => (/* binding */ samePlatform),
/* harmony export */   qq: () => (/* binding */ ATTESTATION_REFERENCE_DIGEST),
/* harmony export */   r2: () => (/* binding */ isAttestationEntry)
/* harmony export */ });
/* unused harmony exports ATTESTATION_REFERENCE_TYPE, acceptedPlatforms */
/* harmony import */ var _platform_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77837);

/** BuildKit's attestation manifests: `unknown/unknown`, tied to their image by annotations. */
const ATTESTATION_REFERENCE_TYPE = 'vnd.docker.reference.type';
const ATTESTATION_REFERENCE_DIGEST = 'vnd.docker.reference.digest';
/** Whether two platforms are the same once normalised (os.version only when both name one). */
function samePlatform(a, b) {
    const x = (0,_platform_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizePlatform */ .FL)(a);
    const y = (0,_platform_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizePlatform */ .FL)(b);
    return (x.os === y.os &&
        x.architecture === y.architecture &&
        (x.variant ?? '') === (y.variant ?? '') &&
        (x['os.version'] === undefined || y['os.version'] === undefined || x['os.version'] === y['os.version']));
}
/**
 * The platforms a request for `wanted` accepts, most preferred first: the
 * platform itself, then (with `compatible`) containerd's fallbacks.
 */
function acceptedPlatforms(wanted, options = {}) {
    const normalized = (0,_platform_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizePlatform */ .FL)(wanted);
    return options.compatible ? platformVector(normalized) : [normalized];
}
/** containerd's `platformVector`: a platform and the older ones that run on it, best first. */
function platformVector(platform) {
    const vector = [platform];
    const base = { os: platform.os, ...(platform['os.version'] ? { 'os.version': platform['os.version'] } : {}) };
    const version = (variant) => {
        const match = /^v?(\d+)$/.exec(variant ?? '');
        return match ? Number(match[1]) : Number.NaN;
    };
    switch (platform.architecture) {
        case 'amd64': {
            const level = version(platform.variant);
            for (let v = level - 1; v >= 1; v--)
                vector.push({ ...base, architecture: 'amd64', ...(v > 1 ? { variant: `v${v}` } : {}) });
            vector.push({ ...base, architecture: '386' });
            break;
        }
        case 'arm': {
            const level = version(platform.variant);
            for (let v = level - 1; v >= 5; v--)
                vector.push({ ...base, architecture: 'arm', variant: `v${v}` });
            break;
        }
        case 'arm64': {
            // Every arm64 runs 32-bit arm up to v8.
            vector.push(...platformVector({ ...base, architecture: 'arm', variant: 'v8' }));
            break;
        }
    }
    return vector;
}
/** Whether an index entry is a BuildKit attestation (or other `unknown/unknown` entry) rather than a platform. */
function isAttestationEntry(descriptor) {
    if (descriptor.annotations?.[ATTESTATION_REFERENCE_TYPE] !== undefined)
        return true;
    return descriptor.platform?.os === 'unknown' && descriptor.platform.architecture === 'unknown';
}
/**
 * The entry of `manifests` a client asking for `wanted` takes, or undefined.
 * Attestations and entries without a platform never match.
 */
function selectPlatform(manifests, wanted, options = {}) {
    const accepted = acceptedPlatforms(wanted, options);
    let best;
    manifests.forEach((descriptor, index) => {
        if (!descriptor.platform || isAttestationEntry(descriptor))
            return;
        const rank = accepted.findIndex((platform) => samePlatform(platform, descriptor.platform));
        if (rank < 0)
            return;
        if (!best || rank < best.rank)
            best = { descriptor, index, rank };
    });
    return best;
}
/** The platforms an index offers, as people read them (for messages). */
function describePlatforms(manifests) {
    return manifests.filter((d) => d.platform && !isAttestationEntry(d)).map((d) => (0,_platform_js__WEBPACK_IMPORTED_MODULE_0__/* .platformString */ .Fd)(d.platform));
}
//# sourceMappingURL=match.js.map

/***/ }),

/***/ 10912:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   c: () => (/* binding */ runAnnotations),
/* harmony export */   i: () => (/* binding */ withRunAnnotations)
/* harmony export */ });
/* harmony import */ var _ocikit_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(98034);
/* harmony import */ var _ocikit_core__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(61415);
/**
 * The manifest annotations a workflow run knows: where the source lives and which
 * commit was built. `org.opencontainers.image.created` is left to core, which sets
 * it to the time of the push (the run's time) or to SOURCE_DATE_EPOCH, so a
 * reproducible build keeps a reproducible digest. Whatever the user sets wins.
 */

/** `org.opencontainers.image.source` and `.revision` from GITHUB_SERVER_URL, GITHUB_REPOSITORY and GITHUB_SHA. */
function runAnnotations(env = process.env) {
    const annotations = {};
    const server = (env.GITHUB_SERVER_URL ?? '').trim().replace(/\/+$/, '');
    const repository = (env.GITHUB_REPOSITORY ?? '').trim();
    if (server !== '' && repository !== '')
        annotations[_ocikit_core__WEBPACK_IMPORTED_MODULE_0__/* .Annotation */ .Y.Source] = `${server}/${repository}`;
    const sha = (env.GITHUB_SHA ?? '').trim();
    if (sha !== '')
        annotations[_ocikit_core__WEBPACK_IMPORTED_MODULE_0__/* .Annotation */ .Y.Revision] = sha;
    return annotations;
}
/** The run's annotations under the user's (core's rule): a key the user sets is theirs. */
function withRunAnnotations(user, env = process.env) {
    return (0,_ocikit_core__WEBPACK_IMPORTED_MODULE_1__/* .manifestAnnotations */ .g)({ run: runAnnotations(env), given: user });
}
//# sourceMappingURL=run-annotations.js.map

/***/ })

};
