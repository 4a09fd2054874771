// Text as people see it: user-perceived characters (grapheme clusters), so an emoji, a flag or a letter with its
// accents is never cut in half.
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The text's grapheme clusters. */
export function graphemes(text) {
  return Array.from(segmenter.segment(text), part => part.segment);
}

/** The text, or its first clusters and an ellipsis when it has more than `max` of them. */
export function shorten(text, max) {
  const parts = graphemes(text);
  return parts.length > max ? `${parts.slice(0, max - 1).join('').trimEnd()}…` : text;
}
