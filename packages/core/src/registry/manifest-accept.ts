import { MANIFEST_MEDIA_TYPES } from '../oci/media-types.js';

/** Every manifest and index type we read; without an explicit Accept some registries answer 404. */
export const MANIFEST_ACCEPT = MANIFEST_MEDIA_TYPES.join(', ');
