// Types for model-table-mapping.mjs, so its tests are type-checked. Shapes are the parts of the two
// catalogs that the mapping reads.
import type { ModelInfo } from '../src/model-table.js';

export type MatchRule =
  | { or: MatchRule[] }
  | { and: MatchRule[] }
  | { equals: string }
  | { starts_with: string }
  | { ends_with: string }
  | { contains: string }
  | { regex: string };

export interface GenaiTieredPrice {
  base: number;
  tiers: { start: number; price: number }[];
}

export type GenaiPrices = Record<string, number | GenaiTieredPrice | undefined>;

export interface GenaiPriceConstraint {
  type: string;
  start_date?: string;
  start_time?: string;
  end_time?: string;
}

export interface GenaiModel {
  id: string;
  match: MatchRule;
  context_window?: number;
  prices: GenaiPrices | { constraint?: GenaiPriceConstraint | null; prices: GenaiPrices }[];
}

export interface GenaiProvider {
  id: string;
  models: GenaiModel[];
  fallback_model_providers?: string[];
}

export interface ModelsDevModel {
  id: string;
  name?: string;
  tool_call?: boolean;
  reasoning?: boolean;
  modalities?: { input?: string[]; output?: string[] };
  limit?: { context?: number; output?: number };
}

export type ModelsDevCatalog = Record<string, { models: Record<string, ModelsDevModel> }>;

export interface ModelTableData {
  version: string;
  generatedAt: string;
  models: Record<string, ModelInfo>;
}

export const ENTRY_FIELDS: readonly string[];
export function matchesRule(rule: MatchRule, id: string): boolean;
export function exactIds(rule: MatchRule): string[];
export function activePrices(model: GenaiModel, at: Date): GenaiPrices;
export function perToken(perMillion: number): number;
export function convertPrices(prices: GenaiPrices, id?: string): ModelInfo;
export function convertCapabilities(model: ModelsDevModel): ModelInfo;
export function inferMode(id: string, entry: ModelInfo, model?: ModelsDevModel): ModelInfo['mode'];
export function resolveGenaiModel(
  provider: GenaiProvider,
  byId: ReadonlyMap<string, GenaiProvider>,
  id: string,
): { model: GenaiModel; from: string } | undefined;
export function buildModels(
  genaiProviders: GenaiProvider[],
  modelsDevCatalog: ModelsDevCatalog,
  at: Date,
): Record<string, ModelInfo>;
export function serializeModelTable(table: ModelTableData): string;
export function unmappedProviders(
  genaiProviders: GenaiProvider[],
  modelsDevCatalog: ModelsDevCatalog,
): { genai: string[]; modelsDev: string[] };
