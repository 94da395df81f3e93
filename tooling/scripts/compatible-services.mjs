// The OpenAI-compatible services litellm supports, as data: `generate-compatible-packages.mjs` turns
// each entry into a thin package `packages/<kebab-id>` on `createCompatibleService` from
// @switchyard/openai. Edit this table, then run `node tooling/scripts/generate-compatible-packages.mjs`.
//
// Each entry: `id` (litellm's provider name), `name` (createX / XSettings), `instance` (default
// instance name), `title` and `docs` (README), `service` (a `CompatibleService` less its id:
// endpoint, key, capabilities, unsupported parameters, quirks; see
// packages/openai/src/compatible-service*.ts), and `test` (what the generated test sends and
// expects: sample `model`, `upstreamModel` when the service renames it, extra `env` / `params`,
// the expected `url` when it is not the default one, `headers`, `embeddingModel`, `embeddingCases`
// (`{ name, request, body?, absent?, encoded? }`), `rerankModel`,
// `mockPaths` (the mock upstream's paths for the service's own embeddings / rerank formats), and
// `cases`: `{ name, request, options?, body?, absent?, url?, refuses? }`). A service with
// `capabilities.chat: false` is tested through embeddings and rerank, and for refusing chat. Entries with `conformance: true`
// also export `src/__fixtures__/conformance.ts` and run the shared suite. `service.textCompletions`
// marks the services whose public API reference shows OpenAI's legacy `/completions`: the gateway
// passes `/v1/completions` through to them instead of bridging it through chat.
//
// Sources: litellm's `litellm/llms/<provider>/chat/transformation.py` and
// `get_llm_provider_logic.py` (default api_base, key and base variables, supported parameters;
// a canonical parameter missing from litellm's list is declared unsupported), and the services'
// own API references where they say more (Groq, Ollama, xAI, Fireworks, Cloudflare).

/** Capabilities, every flag explicit (the compatible factory defaults them all to true). */
const caps = (tools, vision, jsonSchema, streamUsage, embeddings) => ({
  tools,
  vision,
  jsonSchema,
  streamUsage,
  embeddings,
});

const userHello = { role: 'user', content: 'Hello!' };

export const compatibleServices = [
  {
    id: 'groq',
    name: 'Groq',
    instance: 'groq',
    title: 'Groq',
    docs: 'https://console.groq.com/docs/openai',
    conformance: true,
    service: {
      baseURL: 'https://api.groq.com/openai/v1',
      apiBaseEnvVars: ['GROQ_API_BASE'],
      apiKeyEnvVars: ['GROQ_API_KEY'],
      requiresApiKey: true,
      capabilities: caps(true, true, true, true, false),
      // Groq's OpenAI compatibility page: these fields are a 400, and `n` must be 1.
      unsupportedParams: ['logprobs', 'logit_bias', 'top_logprobs'],
      quirks: { singleChoice: true, stripMessageName: 'all', reasoningField: 'reasoning' },
    },
    test: {
      model: 'llama-3.3-70b-versatile',
      cases: [
        {
          name: 'strips messages[].name, which Groq refuses',
          request: { messages: [{ role: 'user', content: 'Hello!', name: 'ada' }] },
          body: { messages: [userHello] },
          absent: ['messages.0.name'],
        },
        { name: 'accepts n = 1', request: { n: 1 }, body: { n: 1 } },
        { name: 'refuses n other than 1', request: { n: 2 }, refuses: 'n' },
      ],
    },
  },
  {
    id: 'together_ai',
    name: 'TogetherAi',
    instance: 'togetherAi',
    title: 'Together AI',
    docs: 'https://docs.together.ai/docs/openai-api-compatibility',
    service: {
      // Together's API reference: POST /v1/completions.
      textCompletions: true,
      baseURL: 'https://api.together.xyz/v1',
      apiBaseEnvVars: ['TOGETHER_AI_API_BASE'],
      apiKeyEnvVars: ['TOGETHER_API_KEY', 'TOGETHER_AI_API_KEY', 'TOGETHERAI_API_KEY', 'TOGETHER_AI_TOKEN'],
      requiresApiKey: true,
      capabilities: caps(true, true, true, true, true),
      quirks: { dropTextResponseFormat: true, reasoningField: 'reasoning' },
      // docs.together.ai/reference/rerank-1: strings or JSON objects (ranked by `rank_fields`).
      rerank: {
        path: '/rerank',
        dialect: 'cohere',
        objectDocuments: true,
        unsupportedParams: ['max_tokens_per_doc'],
      },
    },
    test: {
      model: 'meta-llama/Llama-3.3-70B-Instruct-Turbo',
      embeddingModel: 'BAAI/bge-large-en-v1.5',
      rerankModel: 'Salesforce/Llama-Rank-v1',
      mockPaths: { rerank: '/together/v1/rerank' },
      cases: [
        {
          name: 'leaves out response_format text',
          request: { response_format: { type: 'text' } },
          absent: ['response_format'],
        },
      ],
    },
  },
  {
    id: 'fireworks_ai',
    name: 'FireworksAi',
    instance: 'fireworksAi',
    title: 'Fireworks AI',
    docs: 'https://docs.fireworks.ai/api-reference/post-chatcompletions',
    service: {
      // Fireworks' API reference: POST /inference/v1/completions.
      textCompletions: true,
      baseURL: 'https://api.fireworks.ai/inference/v1',
      apiBaseEnvVars: ['FIREWORKS_API_BASE'],
      apiKeyEnvVars: [
        'FIREWORKS_API_KEY',
        'FIREWORKS_AI_API_KEY',
        'FIREWORKSAI_API_KEY',
        'FIREWORKS_AI_TOKEN',
      ],
      requiresApiKey: true,
      capabilities: caps(true, true, true, false, true),
      unsupportedParams: [
        'parallel_tool_calls',
        'seed',
        'logit_bias',
        'top_logprobs',
        'service_tier',
        'store',
      ],
      quirks: {
        modelPrefix: { prefix: 'accounts/fireworks/models/', unlessStartsWith: 'accounts/' },
        toolChoiceRequired: 'any',
        maxCompletionTokensAsMaxTokens: true,
      },
    },
    test: {
      model: 'llama-v3p3-70b-instruct',
      upstreamModel: 'accounts/fireworks/models/llama-v3p3-70b-instruct',
      embeddingModel: 'nomic-ai/nomic-embed-text-v1.5',
      cases: [
        {
          name: 'keeps a full accounts/ model path as it is',
          request: { model: 'accounts/my-team/models/tuned' },
          options: { model: 'accounts/my-team/models/tuned' },
          body: { model: 'accounts/my-team/models/tuned' },
        },
        {
          name: 'spells tool_choice "required" as "any"',
          request: { tool_choice: 'required' },
          body: { tool_choice: 'any' },
        },
        {
          name: 'sends max_completion_tokens as max_tokens',
          request: { max_completion_tokens: 64 },
          body: { max_tokens: 64 },
          absent: ['max_completion_tokens'],
        },
      ],
    },
  },
  {
    id: 'deepseek',
    name: 'DeepSeek',
    instance: 'deepseek',
    title: 'DeepSeek',
    docs: 'https://api-docs.deepseek.com/',
    service: {
      // DeepSeek's FIM completion (beta): POST https://api.deepseek.com/beta/completions.
      textCompletions: true,
      // litellm's default (the beta endpoint: prefix completion, strict tools); `/v1` also works.
      baseURL: 'https://api.deepseek.com/beta',
      apiBaseEnvVars: ['DEEPSEEK_API_BASE'],
      apiKeyEnvVars: ['DEEPSEEK_API_KEY'],
      requiresApiKey: true,
      capabilities: caps(true, false, false, true, false),
      quirks: { collapseTextContent: true, reasoningEffortAsThinking: true },
    },
    test: {
      model: 'deepseek-chat',
      cases: [
        {
          name: 'sends text-only content lists as a string',
          request: {
            messages: [
              {
                role: 'user',
                content: [
                  { type: 'text', text: 'Hello' },
                  { type: 'text', text: '!' },
                ],
              },
            ],
          },
          body: { messages: [userHello] },
        },
        {
          name: 'turns reasoning_effort into the thinking switch',
          request: { reasoning_effort: 'none' },
          body: { thinking: { type: 'disabled' } },
          absent: ['reasoning_effort'],
        },
      ],
    },
  },
  {
    id: 'xai',
    name: 'Xai',
    instance: 'xai',
    title: 'xAI',
    docs: 'https://docs.x.ai/docs/api-reference',
    service: {
      // xAI's REST reference: /v1/completions (legacy; not for reasoning models).
      textCompletions: true,
      baseURL: 'https://api.x.ai/v1',
      apiBaseEnvVars: ['XAI_API_BASE'],
      apiKeyEnvVars: ['XAI_API_KEY'],
      requiresApiKey: true,
      capabilities: caps(true, true, true, true, false),
      unsupportedParams: ['service_tier', 'store'],
      quirks: {
        maxCompletionTokensAsMaxTokens: true,
        stripMessageName: 'all',
        stripToolStrict: true,
        // xAI's reasoning models refuse these (docs.x.ai, "Reasoning"; litellm's xai config).
        modelUnsupportedParams: [
          {
            models: ['grok-3-mini', 'grok-4', 'grok-code-fast'],
            params: ['stop', 'presence_penalty', 'frequency_penalty'],
          },
        ],
        foldReasoningTokens: true,
        emptyFinishReasonIsToolCalls: true,
      },
    },
    test: {
      model: 'grok-3',
      cases: [
        {
          name: 'strips messages[].name and tool strict',
          request: {
            messages: [{ role: 'user', content: 'Hello!', name: 'ada' }],
            tools: [
              {
                type: 'function',
                function: { name: 'get_weather', parameters: { type: 'object' }, strict: true },
              },
            ],
          },
          body: { messages: [userHello], tools: [{ type: 'function', function: { name: 'get_weather' } }] },
          absent: ['messages.0.name', 'tools.0.function.strict'],
        },
        {
          name: 'sends max_completion_tokens as max_tokens',
          request: { max_completion_tokens: 64 },
          body: { max_tokens: 64 },
          absent: ['max_completion_tokens'],
        },
        {
          name: 'refuses stop on a reasoning model',
          request: { model: 'grok-4', stop: ['END'] },
          options: { model: 'grok-4' },
          refuses: 'stop',
        },
      ],
    },
  },
  {
    id: 'openrouter',
    name: 'OpenRouter',
    instance: 'openrouter',
    title: 'OpenRouter',
    docs: 'https://openrouter.ai/docs/api-reference/overview',
    conformance: true,
    service: {
      // OpenRouter's API reference: POST /api/v1/completions.
      textCompletions: true,
      baseURL: 'https://openrouter.ai/api/v1',
      apiBaseEnvVars: ['OPENROUTER_API_BASE'],
      apiKeyEnvVars: ['OPENROUTER_API_KEY', 'OR_API_KEY'],
      requiresApiKey: true,
      // App attribution (openrouter.ai rankings); litellm reads OR_SITE_URL / OR_APP_NAME.
      headers: [
        { name: 'HTTP-Referer', param: 'site_url', envVar: 'OR_SITE_URL' },
        { name: 'X-Title', param: 'app_name', envVar: 'OR_APP_NAME' },
      ],
      capabilities: caps(true, true, true, true, true),
      quirks: {
        // OpenRouter reads cache_control inside content parts, for the models that cache.
        cacheControlInContent: ['claude', 'gemini', 'minimax', 'glm', 'z-ai'],
        reasoningField: 'reasoning',
      },
    },
    test: {
      model: 'anthropic/claude-sonnet-4',
      params: { site_url: 'https://switchyard.example', app_name: 'Switchyard' },
      headers: { 'http-referer': 'https://switchyard.example', 'x-title': 'Switchyard' },
      embeddingModel: 'openai/text-embedding-3-small',
      cases: [
        {
          name: 'moves a message cache marker into its content for Claude',
          request: { messages: [{ role: 'user', content: 'Hello!', cache_control: { type: 'ephemeral' } }] },
          body: {
            messages: [
              {
                role: 'user',
                content: [{ type: 'text', text: 'Hello!', cache_control: { type: 'ephemeral' } }],
              },
            ],
          },
          absent: ['messages.0.cache_control'],
        },
        {
          name: 'forwards OpenRouter routing fields',
          request: { models: ['anthropic/claude-sonnet-4', 'openai/gpt-4o'], provider: { sort: 'price' } },
          body: { models: ['anthropic/claude-sonnet-4', 'openai/gpt-4o'], provider: { sort: 'price' } },
        },
      ],
    },
  },
  {
    id: 'perplexity',
    name: 'Perplexity',
    instance: 'perplexity',
    title: 'Perplexity',
    docs: 'https://docs.perplexity.ai/api-reference/chat-completions-post',
    service: {
      baseURL: 'https://api.perplexity.ai',
      apiBaseEnvVars: ['PERPLEXITY_API_BASE'],
      apiKeyEnvVars: ['PERPLEXITYAI_API_KEY', 'PERPLEXITY_API_KEY'],
      requiresApiKey: true,
      capabilities: caps(false, true, true, false, false),
      unsupportedParams: [
        'tools',
        'tool_choice',
        'parallel_tool_calls',
        'n',
        'stop',
        'seed',
        'user',
        'logit_bias',
        'logprobs',
        'top_logprobs',
        'service_tier',
        'store',
      ],
      quirks: { maxCompletionTokensAsMaxTokens: true },
    },
    test: { model: 'sonar', cases: [] },
  },
  {
    id: 'deepinfra',
    name: 'DeepInfra',
    instance: 'deepinfra',
    title: 'DeepInfra',
    docs: 'https://deepinfra.com/docs/advanced/openai_api',
    service: {
      // DeepInfra's OpenAI API page: completions at /v1/openai/completions.
      textCompletions: true,
      baseURL: 'https://api.deepinfra.com/v1/openai',
      apiBaseEnvVars: ['DEEPINFRA_API_BASE'],
      apiKeyEnvVars: ['DEEPINFRA_API_KEY'],
      requiresApiKey: true,
      capabilities: caps(true, true, true, false, true),
      unsupportedParams: [
        'parallel_tool_calls',
        'seed',
        'user',
        'logprobs',
        'top_logprobs',
        'service_tier',
        'store',
      ],
      // deepinfra.com/docs/advanced/function_calling: tool_choice is auto or none.
      quirks: { toolChoiceValues: ['auto', 'none'], maxCompletionTokensAsMaxTokens: true },
    },
    test: {
      model: 'meta-llama/Llama-3.3-70B-Instruct',
      embeddingModel: 'BAAI/bge-m3',
      cases: [
        {
          name: 'refuses tool_choice "required"',
          request: { tool_choice: 'required' },
          refuses: 'tool_choice',
        },
        {
          name: 'accepts tool_choice "none"',
          request: { tool_choice: 'none' },
          body: { tool_choice: 'none' },
        },
      ],
    },
  },
  {
    id: 'cerebras',
    name: 'Cerebras',
    instance: 'cerebras',
    title: 'Cerebras',
    docs: 'https://inference-docs.cerebras.ai/api-reference/chat-completions',
    service: {
      // Cerebras' API reference: POST /v1/completions.
      textCompletions: true,
      baseURL: 'https://api.cerebras.ai/v1',
      apiBaseEnvVars: ['CEREBRAS_API_BASE'],
      apiKeyEnvVars: ['CEREBRAS_API_KEY'],
      requiresApiKey: true,
      capabilities: caps(true, false, true, false, false),
      unsupportedParams: [
        'parallel_tool_calls',
        'n',
        'frequency_penalty',
        'presence_penalty',
        'logit_bias',
        'logprobs',
        'top_logprobs',
        'service_tier',
        'store',
      ],
      quirks: { maxCompletionTokensAsMaxTokens: true, reasoningField: 'reasoning' },
    },
    test: {
      model: 'llama-3.3-70b',
      cases: [
        {
          name: 'sends max_completion_tokens as max_tokens',
          request: { max_completion_tokens: 64 },
          body: { max_tokens: 64 },
          absent: ['max_completion_tokens'],
        },
      ],
    },
  },
  {
    id: 'sambanova',
    name: 'SambaNova',
    instance: 'sambanova',
    title: 'SambaNova',
    docs: 'https://docs.sambanova.ai/cloud/api-reference',
    service: {
      baseURL: 'https://api.sambanova.ai/v1',
      apiBaseEnvVars: ['SAMBANOVA_API_BASE'],
      apiKeyEnvVars: ['SAMBANOVA_API_KEY'],
      requiresApiKey: true,
      capabilities: caps(true, true, true, true, true),
      unsupportedParams: [
        'n',
        'seed',
        'user',
        'frequency_penalty',
        'presence_penalty',
        'logit_bias',
        'logprobs',
        'top_logprobs',
        'service_tier',
        'store',
      ],
      quirks: { maxCompletionTokensAsMaxTokens: true, collapseTextContent: true },
    },
    test: {
      model: 'Meta-Llama-3.3-70B-Instruct',
      embeddingModel: 'E5-Mistral-7B-Instruct',
      cases: [
        {
          name: 'sends text-only content lists as a string',
          request: { messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello!' }] }] },
          body: { messages: [userHello] },
        },
      ],
    },
  },
  {
    id: 'nvidia_nim',
    name: 'NvidiaNim',
    instance: 'nvidiaNim',
    title: 'NVIDIA NIM',
    docs: 'https://docs.api.nvidia.com/nim/reference/llm-apis',
    service: {
      // NVIDIA NIM's LLM API reference: POST /v1/completions.
      textCompletions: true,
      baseURL: 'https://integrate.api.nvidia.com/v1',
      apiBaseEnvVars: ['NVIDIA_NIM_API_BASE'],
      apiKeyEnvVars: ['NVIDIA_NIM_API_KEY'],
      requiresApiKey: true,
      capabilities: caps(true, true, true, false, true),
      unsupportedParams: ['n', 'user', 'logit_bias', 'logprobs', 'top_logprobs', 'service_tier', 'store'],
      quirks: { maxCompletionTokensAsMaxTokens: true },
    },
    test: { model: 'meta/llama-3.3-70b-instruct', embeddingModel: 'nvidia/nv-embedqa-e5-v5', cases: [] },
  },
  {
    id: 'ollama',
    name: 'Ollama',
    instance: 'ollama',
    title: 'Ollama (OpenAI-compatible /v1)',
    docs: 'https://docs.ollama.com/api/openai-compatibility',
    conformance: true,
    service: {
      // Ollama's OpenAI compatibility page: /v1/completions.
      textCompletions: true,
      baseURL: 'http://localhost:11434/v1',
      // OLLAMA_API_BASE is the server root in litellm (`http://localhost:11434`): /v1 is appended.
      apiBaseEnvVars: ['OLLAMA_API_BASE'],
      basePath: '/v1',
      apiKeyEnvVars: ['OLLAMA_API_KEY'],
      requiresApiKey: false,
      capabilities: caps(true, true, true, true, true),
      // Ollama's compatibility page: not supported.
      unsupportedParams: ['n', 'logit_bias', 'user'],
      quirks: { reasoningField: 'reasoning' },
    },
    test: { model: 'llama3.2', embeddingModel: 'all-minilm', cases: [] },
  },
  {
    id: 'lm_studio',
    name: 'LmStudio',
    instance: 'lmStudio',
    title: 'LM Studio',
    docs: 'https://lmstudio.ai/docs/app/api/endpoints/openai',
    service: {
      // LM Studio's OpenAI-compatible endpoints: POST /v1/completions.
      textCompletions: true,
      // LM Studio's default server; litellm has no default and reads LM_STUDIO_API_BASE.
      baseURL: 'http://localhost:1234/v1',
      apiBaseEnvVars: ['LM_STUDIO_API_BASE'],
      apiKeyEnvVars: ['LM_STUDIO_API_KEY'],
      requiresApiKey: false,
      capabilities: caps(true, true, true, false, true),
    },
    test: { model: 'qwen/qwen3-8b', embeddingModel: 'text-embedding-nomic-embed-text-v1.5', cases: [] },
  },
  {
    id: 'hosted_vllm',
    name: 'HostedVllm',
    instance: 'hostedVllm',
    title: 'vLLM (self-hosted)',
    docs: 'https://docs.vllm.ai/en/latest/serving/openai_compatible_server.html',
    service: {
      // vLLM's OpenAI-compatible server: Completions API at /v1/completions.
      textCompletions: true,
      apiBaseEnvVars: ['HOSTED_VLLM_API_BASE'],
      apiKeyEnvVars: ['HOSTED_VLLM_API_KEY'],
      requiresApiKey: false,
      capabilities: caps(true, true, true, true, true),
      quirks: { stripToolStrict: true, reasoningField: 'reasoning' },
      // vLLM's Jina/Cohere-compatible rerank API (`/rerank`, `/v1/rerank`, `/v2/rerank`); documents are text.
      rerank: { path: '/rerank', dialect: 'cohere' },
    },
    test: {
      model: 'meta-llama/Llama-3.1-8B-Instruct',
      env: { HOSTED_VLLM_API_BASE: 'http://vllm.internal:8000/v1' },
      url: 'http://vllm.internal:8000/v1',
      embeddingModel: 'BAAI/bge-base-en-v1.5',
      rerankModel: 'BAAI/bge-reranker-v2-m3',
      mockPaths: { rerank: '/vllm/v1/rerank' },
      cases: [
        {
          name: 'strips tool strict',
          request: {
            tools: [
              {
                type: 'function',
                function: { name: 'get_weather', parameters: { type: 'object' }, strict: true },
              },
            ],
          },
          body: { tools: [{ type: 'function', function: { name: 'get_weather' } }] },
          absent: ['tools.0.function.strict'],
        },
      ],
    },
  },
  {
    id: 'llamafile',
    name: 'Llamafile',
    instance: 'llamafile',
    title: 'llamafile / llama.cpp server',
    docs: 'https://github.com/Mozilla-Ocho/llamafile',
    service: {
      baseURL: 'http://127.0.0.1:8080/v1',
      apiBaseEnvVars: ['LLAMAFILE_API_BASE'],
      apiKeyEnvVars: ['LLAMAFILE_API_KEY'],
      requiresApiKey: false,
      capabilities: caps(false, false, false, false, true),
    },
    test: { model: 'LLaMA_CPP', embeddingModel: 'LLaMA_CPP', cases: [] },
  },
  {
    id: 'huggingface',
    name: 'HuggingFace',
    instance: 'huggingface',
    title: 'Hugging Face Inference Providers',
    docs: 'https://huggingface.co/docs/inference-providers',
    service: {
      baseURL: 'https://router.huggingface.co/v1',
      apiBaseEnvVars: ['HF_API_BASE', 'HUGGINGFACE_API_BASE'],
      apiKeyEnvVars: ['HF_TOKEN', 'HUGGINGFACE_API_KEY'],
      requiresApiKey: true,
      capabilities: caps(true, true, true, true, false),
      quirks: {
        // litellm's `huggingface/<provider>/<org>/<model>`; the router takes `<org>/<model>:<provider>`.
        routedProviders: [
          'cerebras',
          'cohere',
          'featherless-ai',
          'fireworks-ai',
          'groq',
          'hf-inference',
          'hyperbolic',
          'nebius',
          'novita',
          'nscale',
          'ovhcloud',
          'publicai',
          'sambanova',
          'scaleway',
          'together',
          'zai-org',
        ],
      },
    },
    test: {
      model: 'together/deepseek-ai/DeepSeek-R1',
      upstreamModel: 'deepseek-ai/DeepSeek-R1:together',
      cases: [
        {
          name: 'sends a model without a provider prefix as it is',
          request: { model: 'Qwen/Qwen3-235B-A22B-Thinking-2507' },
          options: { model: 'Qwen/Qwen3-235B-A22B-Thinking-2507' },
          body: { model: 'Qwen/Qwen3-235B-A22B-Thinking-2507' },
        },
      ],
    },
  },
  {
    id: 'cloudflare',
    name: 'Cloudflare',
    instance: 'cloudflare',
    title: 'Cloudflare Workers AI',
    docs: 'https://developers.cloudflare.com/workers-ai/configuration/open-ai-compatibility/',
    service: {
      baseURL: 'https://api.cloudflare.com/client/v4/accounts/{account_id}/ai/v1',
      urlParams: [{ placeholder: 'account_id', param: 'account_id', envVar: 'CLOUDFLARE_ACCOUNT_ID' }],
      apiKeyEnvVars: ['CLOUDFLARE_API_KEY', 'CLOUDFLARE_API_TOKEN'],
      requiresApiKey: true,
      capabilities: caps(false, false, true, false, true),
    },
    test: {
      model: '@cf/meta/llama-3.1-8b-instruct',
      env: { CLOUDFLARE_ACCOUNT_ID: '0123456789abcdef' },
      url: 'https://api.cloudflare.com/client/v4/accounts/0123456789abcdef/ai/v1',
      embeddingModel: '@cf/baai/bge-large-en-v1.5',
      cases: [
        {
          name: 'takes the account id from the deployment params',
          request: {},
          options: { params: { account_id: 'fedcba9876543210' } },
          url: 'https://api.cloudflare.com/client/v4/accounts/fedcba9876543210/ai/v1',
        },
      ],
    },
  },
  {
    id: 'databricks',
    name: 'Databricks',
    instance: 'databricks',
    title: 'Databricks Model Serving',
    docs: 'https://docs.databricks.com/aws/en/machine-learning/foundation-model-apis/api-reference',
    service: {
      // The workspace URL; litellm's DATABRICKS_API_BASE ends in /serving-endpoints, added when missing.
      apiBaseEnvVars: ['DATABRICKS_API_BASE'],
      basePath: '/serving-endpoints',
      apiKeyEnvVars: ['DATABRICKS_API_KEY'],
      requiresApiKey: true,
      capabilities: caps(true, true, true, false, true),
      unsupportedParams: [
        'parallel_tool_calls',
        'seed',
        'user',
        'frequency_penalty',
        'presence_penalty',
        'logit_bias',
        'logprobs',
        'top_logprobs',
        'service_tier',
        'store',
      ],
      quirks: {
        maxCompletionTokensAsMaxTokens: true,
        stripMessageName: 'non-user',
        cacheControlInContent: ['claude'],
        contentParts: true,
      },
    },
    test: {
      model: 'databricks-meta-llama-3-3-70b-instruct',
      env: { DATABRICKS_API_BASE: 'https://adb-1234567890123456.7.azuredatabricks.net' },
      url: 'https://adb-1234567890123456.7.azuredatabricks.net/serving-endpoints',
      embeddingModel: 'databricks-bge-large-en',
      cases: [
        {
          name: 'keeps user names and strips the others',
          request: {
            messages: [
              { role: 'system', content: 'Be brief.', name: 'rules' },
              { role: 'user', content: 'Hello!', name: 'ada' },
            ],
          },
          body: {
            messages: [
              { role: 'system', content: 'Be brief.' },
              { role: 'user', content: 'Hello!', name: 'ada' },
            ],
          },
          absent: ['messages.0.name'],
        },
      ],
    },
  },
  {
    id: 'github',
    name: 'GitHub',
    instance: 'github',
    title: 'GitHub Models',
    docs: 'https://docs.github.com/en/rest/models/inference',
    service: {
      baseURL: 'https://models.github.ai/inference',
      apiBaseEnvVars: ['GITHUB_API_BASE'],
      apiKeyEnvVars: ['GITHUB_API_KEY', 'GITHUB_TOKEN'],
      requiresApiKey: true,
      capabilities: caps(true, true, true, false, true),
    },
    test: { model: 'openai/gpt-4.1-mini', embeddingModel: 'openai/text-embedding-3-small', cases: [] },
  },
  {
    id: 'moonshot',
    name: 'Moonshot',
    instance: 'moonshot',
    title: 'Moonshot AI (Kimi)',
    docs: 'https://platform.moonshot.ai/docs/guide/migrating-from-openai-to-kimi',
    service: {
      baseURL: 'https://api.moonshot.ai/v1',
      apiBaseEnvVars: ['MOONSHOT_API_BASE'],
      apiKeyEnvVars: ['MOONSHOT_API_KEY'],
      requiresApiKey: true,
      capabilities: caps(true, true, false, true, false),
      quirks: {
        maxCompletionTokensAsMaxTokens: true,
        collapseTextContent: true,
        // Kimi's temperature is [0, 1], and at least 0.3 when n > 1.
        temperatureRange: { max: 1, minWithChoices: 0.3 },
        toolChoiceRequired: 'prompt',
        modelUnsupportedParams: [{ models: ['kimi-thinking-preview'], params: ['tools', 'tool_choice'] }],
      },
    },
    test: {
      model: 'kimi-k2',
      cases: [
        { name: 'caps temperature at 1', request: { temperature: 1.5 }, body: { temperature: 1 } },
        {
          name: 'asks for a tool in a user turn instead of tool_choice "required"',
          request: { tool_choice: 'required' },
          body: {
            messages: [
              userHello,
              { role: 'user', content: 'Please select a tool to handle the current issue.' },
            ],
          },
          absent: ['tool_choice'],
        },
      ],
    },
  },
  {
    id: 'dashscope',
    name: 'DashScope',
    instance: 'dashscope',
    title: 'Alibaba Cloud Model Studio (DashScope)',
    docs: 'https://www.alibabacloud.com/help/en/model-studio/compatibility-of-openai-with-dashscope',
    service: {
      baseURL: 'https://dashscope-intl.aliyuncs.com/compatible-mode/v1',
      apiBaseEnvVars: ['DASHSCOPE_API_BASE'],
      apiKeyEnvVars: ['DASHSCOPE_API_KEY'],
      requiresApiKey: true,
      capabilities: caps(true, true, false, true, true),
      quirks: { collapseTextContent: true },
    },
    test: {
      model: 'qwen-plus',
      embeddingModel: 'text-embedding-v3',
      cases: [
        {
          name: 'sends text-only content lists as a string',
          request: { messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello!' }] }] },
          body: { messages: [userHello] },
        },
      ],
    },
  },
  {
    id: 'volcengine',
    name: 'VolcEngine',
    instance: 'volcengine',
    title: 'Volcano Engine Ark',
    docs: 'https://www.volcengine.com/docs/82379/1494384',
    service: {
      baseURL: 'https://ark.cn-beijing.volces.com/api/v3',
      apiBaseEnvVars: ['VOLCENGINE_API_BASE'],
      apiKeyEnvVars: ['VOLCENGINE_API_KEY', 'ARK_API_KEY'],
      requiresApiKey: true,
      capabilities: caps(true, true, false, true, true),
      unsupportedParams: ['parallel_tool_calls', 'user', 'service_tier', 'store'],
      quirks: { maxCompletionTokensAsMaxTokens: true },
    },
    test: { model: 'doubao-seed-1-6-250615', embeddingModel: 'doubao-embedding-text-240715', cases: [] },
  },
  {
    id: 'novita',
    name: 'Novita',
    instance: 'novita',
    title: 'Novita AI',
    docs: 'https://novita.ai/docs/guides/llm-api',
    service: {
      baseURL: 'https://api.novita.ai/v3/openai',
      apiBaseEnvVars: ['NOVITA_API_BASE'],
      apiKeyEnvVars: ['NOVITA_API_KEY'],
      requiresApiKey: true,
      capabilities: caps(true, true, true, true, true),
    },
    test: { model: 'meta-llama/llama-3.3-70b-instruct', embeddingModel: 'baai/bge-m3', cases: [] },
  },
  {
    id: 'hyperbolic',
    name: 'Hyperbolic',
    instance: 'hyperbolic',
    title: 'Hyperbolic',
    docs: 'https://docs.hyperbolic.xyz/docs/rest-api',
    service: {
      baseURL: 'https://api.hyperbolic.xyz/v1',
      apiBaseEnvVars: ['HYPERBOLIC_API_BASE'],
      apiKeyEnvVars: ['HYPERBOLIC_API_KEY'],
      requiresApiKey: true,
      capabilities: caps(true, true, true, false, false),
      unsupportedParams: [
        'parallel_tool_calls',
        'logit_bias',
        'logprobs',
        'top_logprobs',
        'service_tier',
        'store',
      ],
      quirks: { maxCompletionTokensAsMaxTokens: true },
    },
    test: { model: 'meta-llama/Llama-3.3-70B-Instruct', cases: [] },
  },
  {
    id: 'nebius',
    name: 'Nebius',
    instance: 'nebius',
    title: 'Nebius AI Studio',
    docs: 'https://docs.nebius.com/studio/inference/api',
    service: {
      baseURL: 'https://api.studio.nebius.ai/v1',
      apiBaseEnvVars: ['NEBIUS_API_BASE'],
      apiKeyEnvVars: ['NEBIUS_API_KEY'],
      requiresApiKey: true,
      capabilities: caps(true, true, true, true, true),
    },
    test: { model: 'meta-llama/Llama-3.3-70B-Instruct', embeddingModel: 'BAAI/bge-en-icl', cases: [] },
  },
  {
    id: 'lambda_ai',
    name: 'LambdaAi',
    instance: 'lambdaAi',
    title: 'Lambda Inference',
    docs: 'https://docs.lambda.ai/public-cloud/lambda-inference-api/',
    service: {
      baseURL: 'https://api.lambda.ai/v1',
      apiBaseEnvVars: ['LAMBDA_API_BASE'],
      apiKeyEnvVars: ['LAMBDA_API_KEY'],
      requiresApiKey: true,
      capabilities: caps(true, true, true, true, false),
      quirks: { maxCompletionTokensAsMaxTokens: true },
    },
    test: { model: 'llama3.3-70b-instruct-fp8', cases: [] },
  },
  {
    id: 'friendliai',
    name: 'FriendliAi',
    instance: 'friendliai',
    title: 'FriendliAI',
    docs: 'https://friendli.ai/docs/openapi/serverless/chat-completions',
    service: {
      baseURL: 'https://api.friendli.ai/serverless/v1',
      apiBaseEnvVars: ['FRIENDLI_API_BASE'],
      apiKeyEnvVars: ['FRIENDLIAI_API_KEY', 'FRIENDLI_TOKEN'],
      requiresApiKey: true,
      capabilities: caps(true, true, true, true, false),
    },
    test: { model: 'meta-llama-3.3-70b-instruct', cases: [] },
  },
  {
    id: 'featherless_ai',
    name: 'FeatherlessAi',
    instance: 'featherlessAi',
    title: 'Featherless AI',
    docs: 'https://featherless.ai/docs/api-overview-and-common-options',
    service: {
      baseURL: 'https://api.featherless.ai/v1',
      apiBaseEnvVars: ['FEATHERLESS_API_BASE'],
      apiKeyEnvVars: ['FEATHERLESS_API_KEY'],
      requiresApiKey: true,
      capabilities: caps(true, false, true, false, false),
      unsupportedParams: [
        'parallel_tool_calls',
        'seed',
        'user',
        'logprobs',
        'top_logprobs',
        'service_tier',
        'store',
      ],
      quirks: { toolChoiceValues: ['auto', 'none'], maxCompletionTokensAsMaxTokens: true },
    },
    test: {
      model: 'meta-llama/Meta-Llama-3.1-8B-Instruct',
      cases: [
        {
          name: 'refuses tool_choice "required"',
          request: { tool_choice: 'required' },
          refuses: 'tool_choice',
        },
      ],
    },
  },
  {
    id: 'baseten',
    name: 'Baseten',
    instance: 'baseten',
    title: 'Baseten',
    docs: 'https://docs.baseten.co/development/model-apis/overview',
    service: {
      baseURL: 'https://inference.baseten.co/v1',
      // A dedicated deployment is named by its 8-character model id.
      modelBaseURL: {
        pattern: '^[a-zA-Z0-9]{8}$',
        baseURL: 'https://model-{model}.api.baseten.co/environments/production/sync/v1',
      },
      apiKeyEnvVars: ['BASETEN_API_KEY'],
      requiresApiKey: true,
      capabilities: caps(true, true, true, true, false),
      unsupportedParams: [
        'n',
        'parallel_tool_calls',
        'logit_bias',
        'logprobs',
        'top_logprobs',
        'service_tier',
        'store',
      ],
      quirks: { maxCompletionTokensAsMaxTokens: true },
    },
    test: {
      model: 'deepseek-ai/DeepSeek-V3-0324',
      cases: [
        {
          name: 'calls a dedicated deployment at its own URL',
          request: { model: 'abcd1234' },
          options: { model: 'abcd1234' },
          url: 'https://model-abcd1234.api.baseten.co/environments/production/sync/v1',
          body: { model: 'abcd1234' },
        },
      ],
    },
  },
  {
    id: 'jina_ai',
    name: 'JinaAi',
    instance: 'jinaAi',
    title: 'Jina AI',
    docs: 'https://jina.ai/reranker',
    service: {
      baseURL: 'https://api.jina.ai/v1',
      apiBaseEnvVars: ['JINA_AI_API_BASE'],
      apiKeyEnvVars: ['JINA_AI_API_KEY', 'JINA_API_KEY', 'JINA_AI_TOKEN'],
      requiresApiKey: true,
      // No chat completions: embeddings (OpenAI's shape, `embedding_type` for the format) and rerank.
      capabilities: { chat: false, stream: false, ...caps(false, false, false, false, true) },
      quirks: { embeddingEncodingField: 'embedding_type' },
      // jina.ai/reranker: strings or text documents; documents come back unless return_documents is false.
      rerank: {
        path: '/rerank',
        dialect: 'cohere',
        objectDocuments: true,
        unsupportedParams: ['max_tokens_per_doc'],
      },
    },
    test: {
      model: 'jina-reranker-v2-base-multilingual',
      embeddingModel: 'jina-embeddings-v3',
      rerankModel: 'jina-reranker-v2-base-multilingual',
      mockPaths: { embeddings: '/jina/v1/embeddings', rerank: '/jina/v1/rerank' },
      embeddingCases: [
        {
          name: 'sends encoding_format as embedding_type',
          request: { encoding_format: 'base64' },
          body: { embedding_type: 'base64' },
          absent: ['encoding_format'],
          encoded: true,
        },
      ],
      cases: [],
    },
  },
  {
    id: 'voyage',
    name: 'Voyage',
    instance: 'voyage',
    title: 'Voyage AI',
    docs: 'https://docs.voyageai.com/reference/reranker-api',
    service: {
      baseURL: 'https://api.voyageai.com/v1',
      apiBaseEnvVars: ['VOYAGE_API_BASE'],
      apiKeyEnvVars: ['VOYAGE_API_KEY', 'VOYAGE_AI_API_KEY', 'VOYAGE_AI_TOKEN'],
      requiresApiKey: true,
      capabilities: { chat: false, stream: false, ...caps(false, false, false, false, true) },
      // docs.voyageai.com/reference/embeddings-api: `output_dimension`; encoding_format null or base64.
      quirks: { embeddingDimensionsField: 'output_dimension', omitFloatEncoding: true },
      // Voyage's reranker API: `top_k`, strings only, answers in `data`.
      rerank: { path: '/rerank', dialect: 'voyage', unsupportedParams: ['max_tokens_per_doc'] },
    },
    test: {
      model: 'rerank-2.5',
      embeddingModel: 'voyage-3.5',
      rerankModel: 'rerank-2.5',
      mockPaths: { embeddings: '/voyage/v1/embeddings', rerank: '/voyage/v1/rerank' },
      embeddingCases: [
        {
          name: 'sends dimensions as output_dimension and leaves out encoding_format float',
          request: { dimensions: 4, encoding_format: 'float' },
          body: { output_dimension: 4 },
          absent: ['dimensions', 'encoding_format'],
        },
      ],
      cases: [],
    },
  },
  {
    id: 'openai_like',
    name: 'OpenAILike',
    instance: 'openaiLike',
    title: 'Any OpenAI-compatible endpoint',
    docs: 'https://docs.litellm.ai/docs/providers/openai_compatible',
    conformance: true,
    service: {
      apiBaseEnvVars: ['OPENAI_LIKE_API_BASE'],
      apiKeyEnvVars: ['OPENAI_LIKE_API_KEY'],
      requiresApiKey: false,
      capabilities: caps(true, true, true, true, true),
      quirks: { maxCompletionTokensAsMaxTokens: true },
    },
    test: {
      model: 'my-model',
      env: { OPENAI_LIKE_API_BASE: 'https://llm.internal.example/v1' },
      url: 'https://llm.internal.example/v1',
      embeddingModel: 'my-embedder',
      cases: [],
    },
  },
];
