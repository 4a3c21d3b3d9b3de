// Generates data/regions.tsv from CLDR: the UN M49 regions (the five
// continents of the world, 001) and the countries each holds.
//
//   npm install --prefix scripts --no-package-lock
//   node scripts/gen-regions.mjs
//
// Inputs (npm packages, versions pinned in scripts/package.json):
//   cldr-core/supplemental/territoryContainment.json   M49 containment
//   cldr-core/supplemental/codeMappings.json           alpha-2 → alpha-3
//   cldr-localenames-full/main/<lang>/territories.json display names
//
// A country's region is found by walking its containment up to a child of
// 001 (World), through the regions proper only: CLDR's groupings (419 Latin
// America, EU, UN …) and deprecated containments are not followed.
// Output columns: m49, slug (the English name in lower-case ASCII, used in
// file names), one name per language table of src/lang/ (English first),
// members (alpha-3 codes, '|'-separated, sorted); rows in M49 order.

import { createRequire } from 'node:module';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, 'package.json'));
const tables = readdirSync(join(here, '..', 'src', 'lang'))
  .map((f) => /^([a-z]{2,3})\.rs$/.exec(f)?.[1])
  .filter((code) => code !== undefined && code !== 'mod')
  .sort();
const LANGS = ['en', ...tables.filter((code) => code !== 'en')];

const containmentFile = require('cldr-core/supplemental/territoryContainment.json');
const containment = containmentFile.supplemental.territoryContainment;
const mappings = require('cldr-core/supplemental/codeMappings.json').supplemental.codeMappings;
const cldrVersion = containmentFile.supplemental.version._cldrVersion;
const names = Object.fromEntries(
  LANGS.map((lang) => [
    lang,
    require(`cldr-localenames-full/main/${lang}/territories.json`).main[lang].localeDisplayNames
      .territories,
  ]),
);

// child → parent, over the regions proper (keys without "-status-", not groupings).
const parent = {};
for (const [key, value] of Object.entries(containment)) {
  if (key.includes('-status-') || value._grouping === 'true') continue;
  for (const child of value._contains) {
    if (parent[child] !== undefined && parent[child] !== key) {
      throw new Error(`${child} is in both ${parent[child]} and ${key}`);
    }
    parent[child] = key;
  }
}
const continents = containment['001']._contains;

function regionOf(code) {
  let at = code;
  for (let steps = 0; steps < 10 && at !== undefined; steps++) {
    if (continents.includes(at)) return at;
    at = parent[at];
  }
  return undefined;
}

// The countries of data/countries.tsv, by their alpha-2 code.
const countries = readFileSync(join(here, '..', 'data', 'countries.tsv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split('\t'));
const members = Object.fromEntries(continents.map((m49) => [m49, []]));
for (const [iso3, iso2] of countries) {
  if (mappings[iso2]?._alpha3 !== iso3) throw new Error(`${iso2} is not ${iso3} in CLDR`);
  const region = regionOf(iso2);
  if (region === undefined) throw new Error(`${iso3} (${iso2}) is in no region of the world`);
  members[region].push(iso3);
}

const slug = (name) =>
  name
    .normalize('NFKD')
    .replace(/[^\x00-\x7f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
const rows = [...continents].sort().map((m49) => [
  m49,
  slug(names.en[m49]),
  ...LANGS.map((lang) => names[lang][m49]),
  members[m49].sort().join('|'),
]);
const header = ['m49', 'slug', ...LANGS, 'members'];
const out = [header, ...rows].map((r) => r.join('\t')).join('\n') + '\n';
writeFileSync(join(here, '..', 'data', 'regions.tsv'), out);
const total = rows.reduce((n, r) => n + r.at(-1).split('|').length, 0);
console.log(`wrote ${rows.length} regions of ${total} countries to data/regions.tsv (CLDR ${cldrVersion})`);
