export type { RouterState } from './state/router-state.js';
