import { errorFromStatus, type SwitchyardError } from '@switchyard/core';

const errorModel = /^(?:mock\/)?error-(\d{3})$/;

/**
 * The error a special model name asks for: `error-<status>` (e.g. `mock/error-429`) fails every call
 * with core's error class for that status; other names return undefined.
 */
export function mockErrorFor(model: string): SwitchyardError | undefined {
  const match = errorModel.exec(model);
  if (match?.[1] === undefined) return undefined;
  const status = Number(match[1]);
  if (status < 400 || status > 599) return undefined;
  const shown = model.startsWith('mock/') ? model : `mock/${model}`;
  return errorFromStatus({
    status,
    message: `The model "${shown}" always fails with HTTP ${status}, to test error handling; use another mock model (e.g. mock/demo) for an answer.`,
    provider: 'mock',
    model,
  });
}
