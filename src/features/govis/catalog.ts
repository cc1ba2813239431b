/**
 * The places the recommender searches: loaded from the store into a spatial index, and reloaded when it is older
 * than `maxAgeMs`, so a `pintu places import` run by the tourism office shows up without a restart.
 */
import { isOpenAt, parseOpeningHours, type OpeningHours } from './opening-hours.js';
import type { Place, PlaceStore } from './place.js';
import { PlaceIndex } from './place-index.js';

/** The current index of places, refreshed from the store now and then. */
export class PlaceCatalog {
  private index?: PlaceIndex;
  private loadedAt = 0;
  private loading?: Promise<PlaceIndex>;
  private readonly hours = new Map<string, OpeningHours | null>();

  constructor(
    private readonly store: PlaceStore,
    private readonly maxAgeMs = 60_000,
  ) {}

  /**
   * The index. The first call loads it; afterwards a stale index is still answered at once while a fresh one loads
   * in the background, so no resident waits for a reload of every place.
   */
  async current(): Promise<PlaceIndex> {
    if (this.index) {
      // A failed reload keeps the old index; the next query tries again.
      if (Date.now() - this.loadedAt >= this.maxAgeMs) void this.reload().catch(() => undefined);
      return this.index;
    }
    return this.reload();
  }

  private reload(): Promise<PlaceIndex> {
    this.loading ??= this.store
      .all()
      .then((places) => {
        this.index = new PlaceIndex(places);
        this.hours.clear();
        this.loadedAt = Date.now();
        return this.index;
      })
      .finally(() => (this.loading = undefined));
    return this.loading;
  }

  /** A place's parsed opening hours (`null` when unknown or unreadable), parsed once per load. */
  hoursOf(place: Place): OpeningHours | null {
    let h = this.hours.get(place.id);
    if (h === undefined) {
      const parsed = place.openingHours ? parseOpeningHours(place.openingHours) : undefined;
      h = parsed?.ok ? parsed.hours : null;
      this.hours.set(place.id, h);
    }
    return h;
  }

  /** Whether a place is open at `now` (WIB), or `'unknown'`. */
  isOpen = (place: Place, now: Date): boolean | 'unknown' => isOpenAt(this.hoursOf(place), now);
}
