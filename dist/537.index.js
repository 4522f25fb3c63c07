export const id = 537;
export const ids = [537];
export const modules = {

/***/ 51537:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(33838);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./packages/core/dist/artifact/annotation-arguments.js
var annotation_arguments = __webpack_require__(89629);
// EXTERNAL MODULE: ./packages/core/dist/artifact/artifact-inputs.js
var artifact_inputs = __webpack_require__(35469);
// EXTERNAL MODULE: ./packages/core/dist/artifact/push-artifact.js + 1 modules
var push_artifact = __webpack_require__(35034);
// EXTERNAL MODULE: ./packages/core/dist/errors.js
var errors = __webpack_require__(71403);
// EXTERNAL MODULE: ./packages/core/dist/manifests/tag-moves.js
var tag_moves = __webpack_require__(8744);
// EXTERNAL MODULE: ./packages/core/dist/reference/reference.js
var reference_reference = __webpack_require__(37473);
// EXTERNAL MODULE: ./packages/core/dist/platform-index/assemble-index.js
var assemble_index = __webpack_require__(21488);
// EXTERNAL MODULE: ./packages/core/dist/platform-index/index-entries.js
var index_entries = __webpack_require__(85704);
// EXTERNAL MODULE: ./packages/core/dist/platform/match.js
var match = __webpack_require__(3161);
// EXTERNAL MODULE: ./packages/core/dist/platform/platform.js
var platform_platform = __webpack_require__(77837);
// EXTERNAL MODULE: ./packages/core/dist/progress/progress.js
var progress = __webpack_require__(39273);
// EXTERNAL MODULE: ./packages/core/dist/target/push-tagged.js
var push_tagged = __webpack_require__(64409);
;// CONCATENATED MODULE: ./packages/core/dist/release/release.js
/**
 * Binaries released per platform in one step: one artifact per platform (its
 * config records the platform, its layer is the file with its name and, for
 * an executable, its mode), then the index over them, so that `ocikit pull
 * <ref>` on any machine takes the file for that machine.
 */













/** `path[:mediaType]=os/arch[/variant]`; the last `=` starts the platform (paths may contain `=`). */
function parseReleaseArgument(argument) {
    const eq = argument.lastIndexOf('=');
    if (eq <= 0) {
        throw new errors/* OcikitError */.Gu('INVALID_INPUT', `"${argument}" names no platform`, {
            hint: 'write each file as path=os/arch[/variant], e.g. dist/tool-linux-arm64=linux/arm64',
        });
    }
    const file = (0,artifact_inputs/* parseFileArgument */.L3)(argument.slice(0, eq));
    if (file.path === '-')
        throw new errors/* OcikitError */.Gu('INVALID_INPUT', 'release takes files, not standard input');
    return { ...file, platform: (0,platform_platform/* parsePlatform */.Y8)(argument.slice(eq + 1)) };
}
/**
 * Pushes each file as an artifact for its platform (by digest), then the
 * index that lists them under `tags`. Everything is checked before the first
 * byte goes out: platforms (two files for one platform are refused unless
 * allowed), tags, the artifact type.
 */
async function releaseArtifacts(target, options) {
    if (options.files.length === 0) {
        throw new errors/* OcikitError */.Gu('INVALID_INPUT', 'nothing to release', { hint: 'name the files, each as path=os/arch[/variant]' });
    }
    options.tags.forEach((tag) => (0,reference_reference/* checkTag */.Bs)(tag));
    const annotations = releaseAnnotations(options.annotations ?? [], options.files);
    if (!options.allowDuplicates) {
        options.files.forEach((file, i) => {
            const earlier = options.files.slice(0, i).find((other) => (0,match/* samePlatform */.my)(other.platform, file.platform));
            if (earlier) {
                throw new errors/* OcikitError */.Gu('INVALID_INPUT', `${earlier.path} and ${file.path} are both for ${(0,platform_platform/* platformString */.Fd)(file.platform)}`, {
                    hint: `clients take the first entry that matches, so the second would never be pulled by platform; fix the platforms, or pass ${(0,errors/* optionRef */.$j)('allow-duplicates')} if that order is meant`,
                });
            }
        });
    }
    const tagMoves = await (0,tag_moves/* readTagMoves */.d)(target, options.tags, { ...(options.noOverwrite ? { noOverwrite: true } : {}), ...(options.progress ? { progress: options.progress } : {}) });
    const artifacts = [];
    for (const file of options.files) {
        const result = await (0,push_artifact/* pushArtifact */.X)(target, {
            // A binary is pulled onto a machine by itself: by its name, not the build tree's path (dist/tool-linux-amd64).
            files: [{ path: file.path, title: external_node_path_.posix.basename((0,artifact_inputs/* titleForPath */.zm)(file.path)), ...(file.mediaType ? { mediaType: file.mediaType } : {}) }],
            tags: [],
            platform: (0,platform_platform/* canonicalPlatform */._l)(file.platform),
            ...(options.artifactType ? { artifactType: options.artifactType } : {}),
            annotations: annotations.of('manifest', file.platform),
            ...(options.sourceDateEpoch !== undefined ? { sourceDateEpoch: options.sourceDateEpoch } : {}),
            ...(options.concurrency ? { concurrency: options.concurrency } : {}),
            ...(options.progress ? { progress: options.progress } : {}),
        });
        const entry = (0,index_entries/* entryOf */.Ms)({ ...result.descriptor, artifactType: result.manifest.artifactType ?? push_artifact/* DEFAULT_ARTIFACT_TYPE */.a }, file.platform, annotations.of('manifest-descriptor', file.platform));
        artifacts.push({ file, entry, result });
    }
    const created = artifacts[0].result.manifest.annotations?.['org.opencontainers.image.created'];
    const document = (0,assemble_index/* buildIndexDocument */.qW)(artifacts.map((a) => a.entry), { annotations: annotations.of('index', undefined), ...(created ? { created } : {}) });
    const [first] = options.tags;
    options.progress?.start?.(document.descriptor, `index${first ? ` ${first}` : ''}`, target.storing);
    await (0,push_tagged/* pushTagged */.h)(target, document.descriptor, document.bytes, options.tags);
    options.progress?.done?.(document.descriptor, (0,progress/* storedOutcome */.Kh)(target.storing));
    await tagMoves.report(document.descriptor);
    return { descriptor: document.descriptor, index: document.index, tags: options.tags, artifacts };
}
/**
 * Where each annotation goes: an unprefixed one on every manifest and the index,
 * a prefixed one where its prefix says. Checked before anything is pushed: a
 * level release does not write, or a platform none of the files is for, is refused.
 */
function releaseAnnotations(list, files) {
    for (const argument of list) {
        (0,annotation_arguments/* checkAnnotationPlaces */.yp)(argument, { verb: 'release', levels: ['manifest', 'index', 'manifest-descriptor'], perPlatform: true });
        if (argument.platforms && argument.levels?.includes('index')) {
            throw new errors/* OcikitError */.Gu('INVALID_INPUT', `annotation index[...]:${argument.key} names platforms, and the index is one for all of them`, {
                hint: 'drop the [platform] part of an index: annotation, or write manifest[platform]: to annotate one platform\'s manifest',
            });
        }
        for (const platform of argument.platforms ?? []) {
            if (!files.some((file) => (0,match/* samePlatform */.my)(file.platform, platform))) {
                throw new errors/* OcikitError */.Gu('INVALID_INPUT', `annotation ${argument.key} is for ${(0,platform_platform/* platformString */.Fd)(platform)}, and no file is`, {
                    hint: `the files are for ${files.map((f) => (0,platform_platform/* platformString */.Fd)(f.platform)).join(', ')}`,
                });
            }
        }
    }
    return {
        of(level, platform) {
            const annotations = {};
            for (const argument of list) {
                const levels = argument.levels ?? ['manifest', 'index'];
                if (!levels.includes(level))
                    continue;
                if (argument.platforms && !(platform && argument.platforms.some((p) => (0,match/* samePlatform */.my)(p, platform))))
                    continue;
                annotations[argument.key] = argument.value;
            }
            return annotations;
        },
    };
}
//# sourceMappingURL=release.js.map
// EXTERNAL MODULE: ./packages/core/dist/util/source-date-epoch.js
var source_date_epoch = __webpack_require__(45355);
// EXTERNAL MODULE: ./packages/core/dist/target/open-target.js
var open_target = __webpack_require__(55232);
;// CONCATENATED MODULE: ./packages/core/dist/results/release-result-json.js


/** `reference` is where the release went (its tag, if any, is the first of `result.tags`). */
function releaseResultJson(reference, result) {
    return {
        reference: (0,reference_reference/* pinnedReference */.ct)(reference, result.tags[0], result.descriptor.digest),
        ...result.descriptor,
        tags: result.tags,
        artifacts: result.artifacts.map((a) => ({
            file: a.file.path,
            platform: (0,platform_platform/* platformString */.Fd)(a.entry.platform ?? a.file.platform),
            digest: a.entry.digest,
            layer: a.result.layers[0]?.descriptor,
        })),
    };
}
//# sourceMappingURL=release-result-json.js.map
// EXTERNAL MODULE: ./packages/github/dist/inputs.js
var inputs = __webpack_require__(43345);
// EXTERNAL MODULE: ./packages/github/dist/outputs.js
var outputs = __webpack_require__(28796);
// EXTERNAL MODULE: ./packages/github/dist/run-action.js + 2 modules
var run_action = __webpack_require__(99345);
// EXTERNAL MODULE: ./packages/github/dist/run-annotations.js
var run_annotations = __webpack_require__(10912);
// EXTERNAL MODULE: ./packages/github/dist/summary.js
var summary = __webpack_require__(52902);
;// CONCATENATED MODULE: ./packages/github/dist/summaries/release.js
/** release's job summary: the index, and per platform the file that went up with its size. */


async function writeReleaseSummary(json, result) {
    const total = json.artifacts.reduce((sum, a) => sum + (a.layer?.size ?? 0), 0);
    await (0,summary/* writeSummary */.Sy)(core/* summary */.z
        .addHeading('ocikit release', 3)
        .addTable([(0,summary/* header */.wx)('Index', 'Tags'), [(0,summary/* code */.aY)(json.reference), json.tags.map(summary/* code */.aY).join(' ') || '(none: by digest)']])
        .addTable([
        (0,summary/* header */.wx)('Platform', 'File', 'Size', 'File digest', 'Artifact', 'Outcome'),
        ...json.artifacts.slice(0, summary/* MAX_ROWS */.pX).map((a, i) => [
            (0,summary/* code */.aY)(a.platform),
            (0,summary/* code */.aY)(a.file),
            (0,summary/* formatBytes */.z3)(a.layer?.size ?? 0),
            (0,summary/* code */.aY)(a.layer?.digest ?? ''),
            (0,summary/* code */.aY)(a.digest),
            result.artifacts[i]?.result.layers[0]?.outcome ?? '',
        ]),
    ])
        .addRaw(`${json.artifacts.length} platform(s), ${(0,summary/* formatBytes */.z3)(total)}`, true));
}
//# sourceMappingURL=release.js.map
// EXTERNAL MODULE: ./packages/github/dist/target-options.js + 2 modules
var target_options = __webpack_require__(19152);
;// CONCATENATED MODULE: ./packages/github/dist/actions/release.js
/**
 * release: one artifact per platform (a binary each) and the index over them, so
 * `pull` and `setup` on any machine take the file for it; the same core call as
 * `ocikit release` (releaseArtifacts).
 */








async function run(env = process.env) {
    await (0,run_action/* runAction */.Cs)('release', async (secrets, signal) => {
        const { progress, connection, reference } = (0,target_options/* startStep */.bP)(env, secrets, signal, (0,target_options/* referenceInput */.Ie)(env, 'reference'));
        const files = (0,inputs/* getList */.vS)('files', {}, env).map(parseReleaseArgument);
        // The run's first: a later argument wins, so what the user sets is theirs (core's manifestAnnotations rule).
        const annotations = [...(0,annotation_arguments/* unprefixedAnnotations */.f8)((0,run_annotations/* runAnnotations */.c)(env)), ...(0,annotation_arguments/* parseAnnotationArgumentList */.O$)((0,inputs/* getList */.vS)('annotations', {}, env))];
        const artifactType = (0,inputs/* getString */.AA)('artifact-type', env);
        const allowDuplicates = (0,inputs/* getBoolean */.pW)('allow-duplicates', false, env);
        const concurrency = (0,inputs/* getPositiveInteger */.o0)('concurrency', 3, env);
        const epoch = (0,source_date_epoch/* sourceDateEpoch */.p)(env);
        const tags = (0,reference_reference/* pushTags */.YP)(reference, (0,inputs/* getList */.vS)('tags', { comma: true }, env));
        const overwrite = (0,inputs/* getBoolean */.pW)('overwrite', true, env);
        const { target } = await (0,open_target/* openTarget */.A)(reference, { ...connection, create: true });
        try {
            const result = await releaseArtifacts(target, {
                files,
                tags,
                annotations,
                ...(artifactType ? { artifactType } : {}),
                ...(allowDuplicates ? { allowDuplicates: true } : {}),
                ...(overwrite ? {} : { noOverwrite: true }),
                ...(epoch !== undefined ? { sourceDateEpoch: epoch } : {}),
                concurrency,
                progress,
            });
            const json = releaseResultJson(reference, result);
            for (const a of json.artifacts)
                core/* info */.pq(`  ${a.platform.padEnd(20)} ${a.digest} ${a.file}`);
            core/* info */.pq(`Pushed ${json.reference}`);
            (0,outputs/* setOutputs */.n)({ digest: json.digest, reference: json.reference, json });
            await writeReleaseSummary(json, result);
        }
        finally {
            await target.close();
        }
    });
}
//# sourceMappingURL=release.js.map

/***/ })

};
