/** Turns the last user message into the answer. */
export type EchoTransform = (text: string) => string;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Reverses by user-perceived characters, so emoji and accented letters stay whole. */
export function reverseText(text: string): string {
  return Array.from(graphemes.segment(text), (part) => part.segment)
    .reverse()
    .join('');
}

/** The models of the echo provider (`echo/reverse`, `echo/upper`, `echo/repeat`) and what each does. */
export const echoTransforms: Readonly<Record<string, EchoTransform>> = Object.freeze({
  reverse: reverseText,
  upper: (text: string) => text.toUpperCase(),
  repeat: (text: string) => text,
});

/** The transform of an upstream model id, or undefined when the provider has no such model. */
export function echoTransformFor(model: string): EchoTransform | undefined {
  return Object.hasOwn(echoTransforms, model) ? echoTransforms[model] : undefined;
}
