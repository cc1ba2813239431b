/** The GOVIS feature, assembled: the place catalog (seeded on first start) and the recommendation flow. */
import type { Flow } from '../../core/flow.js';
import type { CityMap } from '../../geo/city-map.js';
import { PlaceCatalog } from './catalog.js';
import { govisFlow } from './govis-flow.js';
import type { PlaceStore } from './place.js';
import { ensureSeedPlaces } from './places-seed.js';

/** The assembled feature. */
export interface GovisFeature {
  catalog: PlaceCatalog;
  store: PlaceStore;
  flows: Flow[];
}

/** Builds GOVIS; loads the shipped places when the table is empty. */
export async function createGovis(deps: { store: PlaceStore; map: CityMap; reloadMs?: number }): Promise<GovisFeature> {
  await ensureSeedPlaces(deps.store);
  const catalog = new PlaceCatalog(deps.store, deps.reloadMs);
  return { catalog, store: deps.store, flows: [govisFlow({ catalog, map: deps.map })] };
}
