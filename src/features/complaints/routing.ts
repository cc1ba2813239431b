/**
 * The routing table (data/complaints/routing.json): which office handles a complaint, by category, optionally by
 * kelurahan, with national roads going to BBPJN. Data, so the city can correct it without a release.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { COMPLAINT_CATEGORIES, type ComplaintCategory } from '../../core/understanding.js';
import { dataPath } from '../../core/data-path.js';

const categorySchema = z.enum(COMPLAINT_CATEGORIES);

const tableSchema = z
  .object({
    version: z.string(),
    coordinator: z.string(),
    offices: z.array(z.object({ code: z.string().regex(/^[a-z0-9_]+$/), name: z.string().min(1), short: z.string().min(1), external: z.boolean().optional() })).min(1),
    nationalRoads: z.object({ categories: z.array(categorySchema), office: z.string(), streets: z.array(z.string().min(3)) }),
    rules: z.array(z.object({ category: categorySchema, kelurahan: z.array(z.string()).optional(), office: z.string() })),
    agencies: z.record(z.string(), z.string()),
  })
  .superRefine((t, ctx) => {
    const codes = new Set(t.offices.map((o) => o.code));
    const check = (office: string, where: string) => {
      if (!codes.has(office)) ctx.addIssue({ code: 'custom', message: `${where} names office "${office}", which is not in "offices"` });
    };
    check(t.coordinator, 'coordinator');
    check(t.nationalRoads.office, 'nationalRoads');
    t.rules.forEach((r, i) => check(r.office, `rules[${i}]`));
    for (const c of COMPLAINT_CATEGORIES) {
      if (!t.rules.some((r) => r.category === c && !r.kelurahan)) ctx.addIssue({ code: 'custom', message: `no rule without kelurahan covers category "${c}"` });
    }
  });

/** The routing table as written in the data file. */
export type RoutingTable = z.infer<typeof tableSchema>;

/** An office (OPD) or outside agency a ticket can be routed to. */
export type Office = RoutingTable['offices'][number];

/** Why a complaint went where it went, for the audit trail. */
export interface RouteDecision {
  office: string;
  reason: 'category' | 'kelurahan' | 'national_road';
}

function normaliseStreet(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

/** Routes complaints with a validated table. */
export class Router {
  private readonly offices: Map<string, Office>;

  constructor(readonly table: RoutingTable) {
    this.offices = new Map(table.offices.map((o) => [o.code, o]));
  }

  /** Reads and validates a routing file; a bad file throws naming the file and every problem. */
  static load(file = dataPath('complaints', 'routing.json')): Router {
    const parsed = tableSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`).join('; ');
      throw new Error(`Routing table ${file} is invalid: ${problems}. Fix the file and restart.`);
    }
    return new Router(parsed.data);
  }

  /** The office that handles a complaint of `category` at this place. */
  route(input: { category: ComplaintCategory; kelurahanCode?: string; locationText?: string }): RouteDecision {
    const roads = this.table.nationalRoads;
    if (roads.categories.includes(input.category) && input.locationText) {
      const where = ` ${normaliseStreet(input.locationText)} `;
      if (roads.streets.some((s) => where.includes(` ${normaliseStreet(s)} `))) return { office: roads.office, reason: 'national_road' };
    }
    if (input.kelurahanCode) {
      const local = this.table.rules.find((r) => r.category === input.category && r.kelurahan?.includes(input.kelurahanCode!));
      if (local) return { office: local.office, reason: 'kelurahan' };
    }
    const rule = this.table.rules.find((r) => r.category === input.category && !r.kelurahan)!;
    return { office: rule.office, reason: 'category' };
  }

  /** An office by code. */
  office(code: string): Office | undefined {
    return this.offices.get(code);
  }

  /** Every office, in table order. */
  allOffices(): Office[] {
    return [...this.offices.values()];
  }

  /** The coordinator's office code (triage, escalation). */
  get coordinator(): string {
    return this.table.coordinator;
  }

  /** The text naming an outside agency by key (`kabupaten`, `pln`), or the key itself for a free-text agency. */
  agency(keyOrName: string): string {
    return this.table.agencies[keyOrName] ?? keyOrName;
  }
}
