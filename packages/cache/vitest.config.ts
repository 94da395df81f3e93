export { default } from '@switchyard-tooling/vitest';
