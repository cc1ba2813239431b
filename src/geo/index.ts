/** The geo module: which kelurahan and kecamatan of Kota Probolinggo hold a point. */
export { CityMap, DEFAULT_NEAR_TOLERANCE_M, loadCityMap, type Area, type CityMapOptions, type KelurahanInfo, type Locate } from './city-map.js';
export { assertLatLon, type LatLon } from './coordinates.js';
export { GEO_DATA_DIR } from './data-paths.js';
export { parseKelurahan, readKelurahanFile, type KelurahanPolygon } from './kelurahan-data.js';
