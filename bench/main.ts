import { parseArgs } from 'node:util';
import { benchGenerate } from './generate.bench.ts';
import { benchPersonPage } from './person-page.bench.ts';
import { machine } from './support.ts';

const USAGE = `npm run bench -- <name> [options]
  generate     [--people 100000] [--seed 1]          generate and load a place into SQLite
  import       [--people 1000000] [--stores sqlite,postgres] [--formats csv,ndjson]
                                                      import throughput and peak memory
  person-page  [--people 100000] [--connections 50] [--seconds 20]
                                                      person page API latency (p95)
  stratify     [--people 1000000] [--stores sqlite,postgres] [--no-duckdb]
                                                      full stratification time, rates and peak memory,
                                                      and the ratio to DuckDB's eFI/HFRS/Charlson cores`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    people: { type: 'string' }, seed: { type: 'string', default: '1' }, stores: { type: 'string', default: 'sqlite,postgres' },
    formats: { type: 'string', default: 'csv,ndjson' }, connections: { type: 'string', default: '50' }, seconds: { type: 'string', default: '20' },
    port: { type: 'string', default: '3917' }, 'no-duckdb': { type: 'boolean', default: false },
  },
});

const name = positionals[0];
console.log(`machine: ${machine()}`);
const int = (v: string | undefined, fallback: number) => (v === undefined ? fallback : Number(v.replace(/_/g, '')));
switch (name) {
  case 'generate':
    await benchGenerate({ people: int(values.people, 100_000), seed: int(values.seed, 1) });
    break;
  case 'import': {
    const { benchImport } = await import('./import.bench.ts');
    await benchImport({ people: int(values.people, 1_000_000), stores: values.stores!.split(','), formats: values.formats!.split(',') });
    break;
  }
  case 'person-page':
    await benchPersonPage({ people: int(values.people, 100_000), connections: int(values.connections, 50), seconds: int(values.seconds, 20), port: int(values.port, 3917) });
    break;
  case 'stratify': {
    const { benchStratify } = await import('./stratify.bench.ts');
    await benchStratify({ people: int(values.people, 1_000_000), stores: values.stores!.split(','), duckdb: !values['no-duckdb'] });
    break;
  }
  default:
    console.log(USAGE);
    process.exitCode = name ? 1 : 0;
}
