export { createMock, type MockSettings, mock } from './mock-provider.js';
