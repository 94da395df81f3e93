type JsonObject = Record<string, unknown>;

export const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const blockKinds = new Set([
  'text',
  'image',
  'document',
  'video',
  'toolUse',
  'toolResult',
  'guardContent',
  'cachePoint',
  'reasoningContent',
  'citationsContent',
  'searchResult',
]);
const imageFormats = new Set(['png', 'jpeg', 'gif', 'webp']);
const documentFormats = new Set(['pdf', 'csv', 'doc', 'docx', 'xls', 'xlsx', 'html', 'txt', 'md']);
const base64Pattern = /^[A-Za-z0-9+/]+={0,2}$/;
const toolUseIdPattern = /^[a-zA-Z0-9_-]{1,64}$/;

/** What a message's blocks say, for the reply: their text and whether they hold tool blocks. */
export interface ContentSummary {
  text: string;
  hasToolBlocks: boolean;
}

/**
 * Checks the content blocks of `messages[index]` the way Converse does (one member per block union,
 * text not blank, images and documents as base64 bytes or S3 locations in a known format, tool ids
 * well formed); returns the first problem as Bedrock words it, or the blocks' summary.
 */
export function validateContentBlocks(content: unknown, index: number): string | ContentSummary {
  if (!Array.isArray(content) || content.length === 0) {
    return `The content field in the Message object at messages.${index} is empty. Add a ContentBlock object to the content field and try again.`;
  }
  const texts: string[] = [];
  let hasToolBlocks = false;
  for (const [position, block] of content.entries()) {
    const where = `messages.${index}.content.${position}`;
    const problem = validateBlock(block, where);
    if (problem !== undefined) {
      return problem;
    }
    const kind = Object.keys(block as JsonObject)[0];
    hasToolBlocks ||= kind === 'toolUse' || kind === 'toolResult';
    texts.push(...textsOf(block as JsonObject));
  }
  return { text: texts.join(' '), hasToolBlocks };
}

function validateBlock(block: unknown, where: string): string | undefined {
  const keys = isObject(block) ? Object.keys(block) : [];
  if (!isObject(block) || keys.length !== 1 || !blockKinds.has(keys[0] ?? '')) {
    return `The ContentBlock object at ${where} must set exactly one of the following keys: ${[...blockKinds].join(', ')}.`;
  }
  if ('text' in block && (typeof block.text !== 'string' || block.text.trim() === '')) {
    return `The text field in the ContentBlock object at ${where} is blank. Add text to the text field, and try again.`;
  }
  if ('image' in block) {
    return validateMedia(block.image, imageFormats, `${where}.image`);
  }
  if ('document' in block) {
    return validateMedia(block.document, documentFormats, `${where}.document`);
  }
  if ('toolUse' in block || 'toolResult' in block) {
    const tool = isObject(block.toolUse) ? block.toolUse : isObject(block.toolResult) ? block.toolResult : {};
    const id = tool.toolUseId;
    if (typeof id !== 'string' || !toolUseIdPattern.test(id)) {
      return `Value at '${where}.toolUseId' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_-]+`;
    }
  }
  return undefined;
}

function validateMedia(media: unknown, formats: ReadonlySet<string>, where: string): string | undefined {
  if (!isObject(media) || typeof media.format !== 'string' || !formats.has(media.format)) {
    return `Value at '${where}.format' failed to satisfy constraint: Member must satisfy enum value set: [${[...formats].join(', ')}]`;
  }
  const source = isObject(media.source) ? media.source : {};
  if (isObject(source.s3Location) && typeof source.s3Location.uri === 'string') {
    return undefined;
  }
  if (typeof source.bytes !== 'string' || !base64Pattern.test(source.bytes)) {
    return `Invalid base64 in '${where}.source.bytes'. Send the bytes base64-encoded and try again.`;
  }
  return undefined;
}

function textsOf(block: JsonObject): string[] {
  if (typeof block.text === 'string') {
    return [block.text];
  }
  const result = isObject(block.toolResult) ? block.toolResult : undefined;
  if (result && Array.isArray(result.content)) {
    return result.content
      .filter(isObject)
      .map((part) => (typeof part.text === 'string' ? part.text : JSON.stringify(part.json ?? '')));
  }
  return [];
}
