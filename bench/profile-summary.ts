/**
 * Summarises a V8 CPU profile (`node --cpu-prof`) by where the time goes, the categories of
 * docs/BENCHMARKS.md: self time per category, in % of the profile and ms. A frame without a
 * script (a builtin such as JSON.parse or a native HMAC) is charged to the nearest caller that
 * has one, so that `JSON.parse` inside the SDK's deserialiser counts as SDK time.
 *   npx tsx bench/profile-summary.ts <file.cpuprofile> [...more]
 * `--sdk` splits the AWS SDK's share by step of its request pipeline (bench/lib/sdk-areas.ts),
 * with Node's own frames (crypto, URL, buffers) charged to the SDK step that called them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sdkArea } from './lib/sdk-areas';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** First match wins: order from the most specific. */
const CATEGORIES: Array<[string, RegExp]> = [
  ['AWS SDK (middleware, serde, SigV4)', /node_modules\/(@aws-sdk|@smithy|@aws-crypto|fast-xml-parser|bowser|tslib)\//],
  [
    'dynalite + LevelDB',
    /node_modules\/(dynalite|level|classic-level|abstract-level|memory-level|level-[a-z-]+|lazy|async|big\.js|lock|once|buffer-crc32|module-error|maybe-combine-errors|catering|queue-microtask|napi-macros|node-gyp-build)\//,
  ],
  ['engine (interpreter, JSONata, sqlite)', /packages\/stepfunctions-local\/|node_modules\/(better-sqlite3|jsonata|bindings)\//],
  [
    'platform code (handlers, zod, jose, middy, powertools)',
    /\/(functions|shared|workflows|local)\/|node_modules\/(zod|jose|@middy|@aws-lambda-powertools|ulid)\//,
  ],
  ['bench runtime harness', /\/bench\//],
  ['Node crypto', /^node:(internal\/)?crypto/],
  [
    'Node http/net/streams',
    /^node:(internal\/)?(http|_http|net|stream|streams|dns|url|tls|internal\/streams|internal\/http|internal\/url|buffer|string_decoder|zlib)/,
  ],
  ['module loading (tsx, esbuild, require)', /node_modules\/(tsx|esbuild|get-tsconfig)\/|^node:internal\/modules|^node:internal\/vm/],
  ['Node other (timers, events, promises)', /^node:/],
];

const SPECIAL: Record<string, string> = {
  '(garbage collector)': 'GC',
  '(idle)': 'idle',
  '(program)': 'V8/native (program)',
  '(root)': 'V8/native (program)',
};

const SDK_URL = CATEGORIES[0]![1];

export function summarise(profile: Profile, options: { sdk?: boolean } = {}): Map<string, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const categoryOf = new Map<number, string>();
  const categorise = (id: number): string => {
    const known = categoryOf.get(id);
    if (known !== undefined) return known;
    const frame = byId.get(id)!.callFrame;
    const { functionName, url } = frame;
    let category = Object.hasOwn(SPECIAL, functionName) ? SPECIAL[functionName] : undefined;
    // --sdk: Node's own code (crypto, URL, Buffer) is charged to whoever called it.
    const chargedToCaller = options.sdk === true && url.startsWith('node:');
    if (category === undefined && options.sdk && SDK_URL.test(url)) category = `SDK: ${sdkArea(frame)}`;
    if (category === undefined && url && !chargedToCaller) category = CATEGORIES.find(([, re]) => re.test(url))?.[0] ?? 'other scripts';
    if (category === undefined) {
      const up = parent.get(id);
      category = up === undefined ? 'V8/native (program)' : categorise(up);
    }
    categoryOf.set(id, category);
    return category;
  };
  const ms = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const category = categorise(id);
    ms.set(category, (ms.get(category) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return ms;
}

if (require.main === module) {
  const sdk = process.argv.includes('--sdk');
  for (const file of process.argv.slice(2).filter((arg) => arg !== '--sdk')) {
    const ms = summarise(JSON.parse(fs.readFileSync(file, 'utf8')) as Profile, { sdk });
    const total = [...ms.values()].reduce((a, b) => a + b, 0);
    const busy = total - (ms.get('idle') ?? 0);
    console.log(`\n${path.basename(file)}: ${(total / 1000).toFixed(1)} s profiled, ${(busy / 1000).toFixed(1)} s busy`);
    console.log('| category | % of busy | ms |\n|---|---:|---:|');
    for (const [category, v] of [...ms].sort((a, b) => b[1] - a[1])) {
      if (category === 'idle') continue;
      console.log(`| ${category} | ${((100 * v) / busy).toFixed(1)} | ${v.toFixed(0)} |`);
    }
  }
}
