/** The place catalog answers from its index and refreshes it in the background after an import. */
import { describe, expect, it } from 'vitest';
import { PlaceCatalog } from '../../src/features/govis/catalog.js';
import type { PlaceStore, StoredPlace } from '../../src/features/govis/place.js';

function place(id: string): StoredPlace {
  return { id, name: id, aliases: [], category: 'wisata', tags: [], lat: -7.75, lon: 113.21, coordPrecision: 'published', sources: 'test', updatedAt: new Date() } as unknown as StoredPlace;
}

describe('place catalog', () => {
  it('loads once, serves a stale index at once while reloading, then serves the new places', async () => {
    let places: StoredPlace[] = [place('a')];
    let reads = 0;
    const store = { all: async () => (reads++, places), count: async () => places.length } as unknown as PlaceStore;
    const catalog = new PlaceCatalog(store, 0);
    expect((await catalog.current()).size).toBe(1);
    expect(reads).toBe(1);
    places = [place('a'), place('b')];
    // Stale (max age 0): the old index comes back without waiting, and a reload starts.
    expect((await catalog.current()).size).toBe(1);
    await new Promise((r) => setTimeout(r, 10));
    expect(reads).toBeGreaterThanOrEqual(2);
    expect((await catalog.current()).size).toBe(2);
  });
});
