/** Checks on WGS84 coordinates given by callers (chat locations, place lists). */

/** A WGS84 position in decimal degrees. */
export interface LatLon {
  lat: number;
  lon: number;
}

/**
 * Throws a RangeError unless `lat` and `lon` are finite numbers with lat in [-90, 90] and lon in [-180, 180].
 * `what` names the value in the message (e.g. "point", "a").
 */
export function assertLatLon(lat: number, lon: number, what = 'point'): void {
  if (typeof lat !== 'number' || !Number.isFinite(lat) || lat < -90 || lat > 90) {
    throw new RangeError(`Invalid latitude for ${what}: ${String(lat)} (expected a finite number from -90 to 90)`);
  }
  if (typeof lon !== 'number' || !Number.isFinite(lon) || lon < -180 || lon > 180) {
    throw new RangeError(`Invalid longitude for ${what}: ${String(lon)} (expected a finite number from -180 to 180)`);
  }
}
