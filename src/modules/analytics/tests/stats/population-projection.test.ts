import assert from 'node:assert/strict';
import { test } from 'node:test';
import { near, code } from './stats-assert.ts';
import { readReferenceCsv } from '../../../../kernel/reference.ts';
import { ESP2013_BANDS } from '../../domain/stats/directly-standardised-rate.ts';
import { projectPopulation, SINGLE_YEAR_AGES, type ProjectionBaseRow } from '../../domain/stats/population-projection.ts';

function at(projection: ReturnType<typeof projectPopulation>, year: number, age: string): number | undefined {
  return projection.years[year]?.byAge.find((a) => a.age === age)?.population;
}

// Single years. 1,000 people at each age 0–89 and 500 aged 90+; deaths only at 89 (100) and 90+ (100).
//   age 89: m = 100/1000 = 0.1; q = 0.1/(1 + 0.05) = 0.095238; s = 0.95/1.05 = 19/21 = 0.904762
//   90+:    m = 100/500 = 0.2;  q = 0.2/(1 + 0.1) = 0.181818;  s = 0.9/1.1 = 9/11 = 0.818182
// One year on: age 0 = 1,000 (births held at the base 0-year-olds); ages 1–89 = 1,000 (from 0–88, no deaths);
//   90+ = 1,000 · 0.904762 + 500 · 0.818182 = 904.762 + 409.091 = 1,313.853; total = 90,000 + 1,313.853 = 91,313.853
// Two years on: 90+ = 904.762 + 1,313.853 · 0.818182 = 904.762 + 1,074.970 = 1,979.732
test('single years: cohorts move up a year, the 90+ group accumulates, births are held', () => {
  const base: ProjectionBaseRow[] = SINGLE_YEAR_AGES.map((age) => ({
    age, population: age === '90+' ? 500 : 1000, deaths: age === '89' || age === '90+' ? 100 : 0,
  }));
  const p = projectPopulation(base, 2);
  assert.equal(p.layout, 'single-year');
  assert.equal(p.years.length, 3);
  near(p.survival.find((s) => s.age === '89')?.survival, 19 / 21, 1e-12);
  near(p.survival.find((s) => s.age === '90+')?.survival, 9 / 11, 1e-12);
  assert.equal(at(p, 0, '90+'), 500);
  assert.equal(at(p, 1, '0'), 1000);
  assert.equal(at(p, 1, '89'), 1000);
  near(at(p, 1, '90+'), 1313.853, 0.001);
  near(p.years[1]?.total, 91_313.853, 0.001);
  near(at(p, 2, '90+'), 1979.732, 0.001);
});

// Five-year bands. 5,000 in every band but 90+ (2,000); deaths only at 85-89 (500: m = 0.1, s = 19/21) and 90+ (400: m = 0.2, s = 9/11).
// One year on, with a fifth of each band moving up:
//   0-4   = 5,000 · 4/5 + 5,000/5 (births: a fifth of the base 0-4s) = 4,000 + 1,000 = 5,000
//   40-44 = 5,000 · 4/5 + 5,000/5 = 5,000
//   85-89 = 5,000 · 0.904762 · 4/5 + 5,000/5 = 3,619.048 + 1,000 = 4,619.048
//   90+   = 2,000 · 0.818182 + 5,000 · 0.904762 / 5 = 1,636.364 + 904.762 = 2,541.126
test('five-year bands: a fifth of each band moves up each year', () => {
  const base: ProjectionBaseRow[] = ESP2013_BANDS.map((age) => ({
    age, population: age === '90+' ? 2000 : 5000, deaths: age === '85-89' ? 500 : age === '90+' ? 400 : 0,
  }));
  const p = projectPopulation(base, 1);
  assert.equal(p.layout, 'five-year');
  near(at(p, 1, '0-4'), 5000, 1e-9);
  near(at(p, 1, '40-44'), 5000, 1e-9);
  near(at(p, 1, '85-89'), 4619.048, 0.001);
  near(at(p, 1, '90+'), 2541.126, 0.001);
});

// County Durham (E06000047), ONS mid-2020: 533,149 people. With no deaths, each year adds the base 0-year-olds.
test('ONS single-year population: with no deaths the total grows by the 0-year-olds each year', () => {
  const rows = readReferenceCsv('ons_population_la_single_year.csv').filter((r) => r.area_code === 'E06000047');
  const base = rows.map((r) => ({ age: r.age!, population: Number(r.population), deaths: 0 }));
  const p = projectPopulation(base, 5);
  const zeros = Number(rows.find((r) => r.age === '0')!.population);
  assert.equal(p.years[0]?.total, 533_149);
  assert.equal(p.years[5]?.total, 533_149 + 5 * zeros);
  assert.equal(at(p, 5, '5'), zeros);
  assert.equal(at(p, 5, '30'), Number(rows.find((r) => r.age === '25')!.population));
});

test('bad bases are refused with the ages named', () => {
  const base = SINGLE_YEAR_AGES.filter((a) => a !== '47').map((age) => ({ age, population: 100, deaths: 1 }));
  assert.throws(() => projectPopulation(base, 1), /missing: 47/);
  assert.throws(() => projectPopulation([...base, { age: '47', population: 100, deaths: 1 }, { age: '47', population: 1, deaths: 0 }], 1), /given more than once: 47/);
  const full = SINGLE_YEAR_AGES.map((age) => ({ age, population: 100, deaths: age === '60' ? 101 : 1 }));
  assert.throws(() => projectPopulation(full, 1), /Deaths aged 60 \(101\) exceed the population/);
  assert.equal(code(() => projectPopulation(full.map((r) => ({ ...r, deaths: 0 })), 51)), 'SEAMLESS_ERR_ANALYTICS_INVALID_NUMBER');
  assert.equal(code(() => projectPopulation(ESP2013_BANDS.map((age) => ({ age: age === '90+' ? '90-94' : age, population: 10, deaths: 0 })), 1)), 'SEAMLESS_ERR_ANALYTICS_AGE_BANDS');
});
