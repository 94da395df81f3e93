/** One category's verdict in Azure's content filter results. */
export interface AzureSeverityResult {
  filtered: boolean;
  severity: 'safe' | 'low' | 'medium' | 'high';
}

export interface AzureContentFilterResults {
  hate: AzureSeverityResult;
  self_harm: AzureSeverityResult;
  sexual: AzureSeverityResult;
  violence: AzureSeverityResult;
  jailbreak?: { filtered: boolean; detected: boolean };
}

const safe = (): AzureSeverityResult => ({ filtered: false, severity: 'safe' });

/** The verdicts for content that passed every filter. */
export function safeContentResults(): AzureContentFilterResults {
  return { hate: safe(), self_harm: safe(), sexual: safe(), violence: safe() };
}

/** The verdicts for content the violence filter blocked. */
export function filteredContentResults(): AzureContentFilterResults {
  return {
    ...safeContentResults(),
    violence: { filtered: true, severity: 'medium' },
    jailbreak: { filtered: false, detected: false },
  };
}

/** `prompt_filter_results`: Azure's verdicts on the prompt, sent with every successful answer. */
export function promptFilterResults(): Array<{
  prompt_index: number;
  content_filter_results: AzureContentFilterResults;
}> {
  return [
    {
      prompt_index: 0,
      content_filter_results: { ...safeContentResults(), jailbreak: { filtered: false, detected: false } },
    },
  ];
}

/** A choice's `content_filter_results`: blocked when it finished with `content_filter`. */
export function choiceFilterResults(finishReason: string | null): AzureContentFilterResults {
  return finishReason === 'content_filter' ? filteredContentResults() : safeContentResults();
}
