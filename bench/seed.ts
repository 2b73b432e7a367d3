/** Seeds the province fixture: `seed.ts <db file>`; BENCH_UNITS and BENCH_OFFICERS set the size. */
import { emit, envInt, seedProvince } from './lib.js';

const dbPath = process.argv[2];
if (!dbPath) throw new Error('usage: seed.ts <db file>');
const t = performance.now();
const fixture = await seedProvince(dbPath, {
  units: envInt('BENCH_UNITS', 3321, 300),
  officers: envInt('BENCH_OFFICERS', 10_000, 1000),
});
console.log(
  `seeded ${fixture.units} units, ${fixture.officers} officers, ${fixture.answers} answers in ${Math.round(performance.now() - t)} ms`,
);
emit({ fixture });
