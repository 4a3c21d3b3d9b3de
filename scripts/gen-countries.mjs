// Generates data/countries.tsv from CLDR.
//
//   npm install --prefix scripts --no-package-lock
//   node scripts/gen-countries.mjs
//
// Inputs (npm packages, versions pinned in scripts/package.json):
//   cldr-localenames-full/main/<lang>/territories.json  display names
//   cldr-core/supplemental/codeMappings.json            alpha-2 → alpha-3, numeric
//
// The languages are those of the tool: one per table in src/lang/ (`fr.rs`
// → fr), English first. Output columns: iso3, iso2, one per language (en, fr,
// es, pt …), aliases ('|'-separated), sorted by iso3.
// Kept: the ISO 3166-1 countries and territories, i.e. two-letter codes that
// have an alpha-3 and a numeric code below 900 (900–999 is the user-assigned
// range CLDR uses for EU, QO, XA, XB, XK, ZZ …). That drops the regions
// (001, 419 …), the groupings (EU, EZ, UN), the private-use codes and the
// codes ISO only reserves (AC, CP, DG, EA, IC, TA, CQ).
// Aliases: every -alt- form (short, variant …) in every language (kept
// even when it is another language's primary name: English "Cabo Verde"), the
// names of the regional locales in REGIONAL (European Portuguese "Quénia"
// beside Brazilian "Quênia"), and the English names spelled out as in official
// titles ("&" → "and", "St." → "Saint"); never a repeat of a primary name of
// the same language.

import { createRequire } from 'node:module';
import { readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, 'package.json'));
const tables = readdirSync(join(here, '..', 'src', 'lang'))
  .map((f) => /^([a-z]{2,3})\.rs$/.exec(f)?.[1])
  .filter((code) => code !== undefined && code !== 'mod')
  .sort();
const LANGS = ['en', ...tables.filter((code) => code !== 'en')];
// Regional spellings a language's profiles use besides CLDR's default locale
// (CLDR `pt` is Brazilian Portuguese).
const REGIONAL = { pt: ['pt-PT'] };
const localeNames = (locale) =>
  require(`cldr-localenames-full/main/${locale}/territories.json`).main[locale]
    .localeDisplayNames.territories;

const mappingsFile = require('cldr-core/supplemental/codeMappings.json');
const mappings = mappingsFile.supplemental.codeMappings;
const cldrVersion = mappingsFile.supplemental.version._cldrVersion;
const packageVersions = ['cldr-core', 'cldr-localenames-full'].map(
  (p) => `${p} ${require(`${p}/package.json`).version}`,
);

const territories = Object.fromEntries(LANGS.map((lang) => [lang, localeNames(lang)]));
const regional = Object.fromEntries(
  LANGS.map((lang) => [lang, (REGIONAL[lang] ?? []).map(localeNames)]),
);

function isCountry(code) {
  const m = mappings[code];
  return (
    /^[A-Z]{2}$/.test(code) &&
    m !== undefined &&
    /^[A-Z]{3}$/.test(m._alpha3 ?? '') &&
    /^\d{3}$/.test(m._numeric ?? '') &&
    Number(m._numeric) < 900
  );
}

function spelledOut(name) {
  return name.replace(/ & /g, ' and ').replace(/\bSt\. /g, 'Saint ');
}

function clean(text, where) {
  if (typeof text !== 'string' || text.trim() === '' || /[\t\n|]/.test(text)) {
    throw new Error(`unusable name for ${where}: ${JSON.stringify(text)}`);
  }
  return text.trim();
}

const rows = [];
for (const code of Object.keys(territories.en)) {
  if (!isCountry(code)) continue;
  const names = {};
  for (const lang of LANGS) {
    names[lang] = clean(territories[lang][code], `${code} ${lang}`);
  }
  const aliases = [];
  const add = (alias, lang) => {
    if (alias !== names[lang] && !aliases.includes(alias)) aliases.push(alias);
  };
  for (const lang of LANGS) {
    for (const [key, value] of Object.entries(territories[lang])) {
      if (key.startsWith(`${code}-alt-`)) add(clean(value, `${key} ${lang}`), lang);
    }
    for (const names of regional[lang]) {
      if (names[code] !== undefined) add(clean(names[code], `${code} ${lang} regional`), lang);
    }
  }
  for (const name of [names.en, ...aliases]) add(spelledOut(name), 'en');
  rows.push([mappings[code]._alpha3, code, ...LANGS.map((lang) => names[lang]), aliases.join('|')]);
}

rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
const iso3 = new Set(rows.map((r) => r[0]));
if (iso3.size !== rows.length) throw new Error('duplicate alpha-3 code');

const header = ['iso3', 'iso2', ...LANGS, 'aliases'];
const out = [header, ...rows].map((r) => r.join('\t')).join('\n') + '\n';
const target = join(here, '..', 'data', 'countries.tsv');
writeFileSync(target, out);
console.log(`wrote ${rows.length} countries in ${LANGS.join(', ')} to data/countries.tsv (CLDR ${cldrVersion}: ${packageVersions.join(', ')})`);
