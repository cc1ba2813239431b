import { EntityExtractor } from '../src/nlu/entities/index.js';
import { Normaliser } from '../src/nlu/normaliser.js';
const n = new Normaliser(); const ex = new EntityExtractor();
const now = new Date(process.argv[2] ?? '2026-11-28T03:00:00Z');
for (const t of process.argv.slice(3)) { const clean = n.clean(t); const e = ex.extract({ clean, norm: n.normaliseCleaned(clean), now }); const o: Record<string, unknown> = {}; for (const [k, v] of Object.entries(e)) if ((v as unknown[]).length) o[k] = v; console.log(t, '=>', JSON.stringify(o)); }
