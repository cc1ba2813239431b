/**
 * Where the geo module finds its data: the kelurahan, kecamatan and city polygons under `data/geo`.
 * The path is resolved from this file, so it works from any working directory (tsx, vitest, `pintu`).
 */
import { dataPath } from '../core/data-path.js';

/** `data/geo`: polygons of Kota Probolinggo's kelurahan (cahyadsn/wilayah_boundaries) and their licences. */
export const GEO_DATA_DIR = dataPath('geo');

/** The kelurahan polygons file inside a geo data folder. */
export const KELURAHAN_FILE = 'kota_probolinggo_kelurahan.geojson';
