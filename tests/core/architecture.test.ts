/** The dependency rules of the design: core and features stay free of frameworks; channels never import each other. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

function imports(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)[^'"]*from\s+'([^']+)'/gm)].map((m) => m[1]!);
}

const FRAMEWORKS = /^(grammy|@grammyjs|@whiskeysockets|bullmq|ioredis|fastify|@mikro-orm|pg|pino)/;

describe('architecture', () => {
  it('core imports no framework, database, queue or web library, and nothing outside core', () => {
    for (const f of files('src/core')) {
      for (const i of imports(f)) {
        expect(FRAMEWORKS.test(i), `${f} imports ${i}`).toBe(false);
        if (i.startsWith('.')) expect(i.startsWith('../'), `${f} imports ${i}`).toBe(false);
      }
    }
  });

  it('nlu depends only on core among our modules', () => {
    for (const f of files('src/nlu')) for (const i of imports(f)) expect(/\.\.\/(db|jobs|http|channels|redis|features)\//.test(i), `${f} imports ${i}`).toBe(false);
  });

  it('features and geo import no framework, database, queue or web library, and none of the outer layers', () => {
    for (const dir of ['src/features', 'src/geo']) {
      for (const f of files(dir)) {
        for (const i of imports(f)) {
          expect(FRAMEWORKS.test(i), `${f} imports ${i}`).toBe(false);
          expect(/\/(db|jobs|http|channels|redis|observability)\//.test(i), `${f} imports ${i}`).toBe(false);
        }
      }
    }
  });

  it('one channel never imports another', () => {
    const channels = readdirSync('src/channels');
    for (const ch of channels) {
      for (const f of files(join('src/channels', ch))) {
        for (const i of imports(f)) {
          for (const other of channels.filter((c) => c !== ch)) expect(i.includes(`/${other}/`), `${f} imports ${i}`).toBe(false);
        }
      }
    }
  });
});
