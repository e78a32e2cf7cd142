/**
 * Search matches shown as text: each segment becomes a text node, the matched ones inside <mark>.
 * Nothing is ever parsed as HTML, so `<img src=x onerror=…>` in a feed's title stays those characters.
 */
import type { TextSegment } from '../../shared/history.ts';

/** The segments as nodes to append: text, and <mark> around matches. */
export function highlighted(segments: readonly TextSegment[]): Node[] {
  return segments.map((segment) => {
    const text = document.createTextNode(segment.text);
    if (!segment.match) return text;
    const mark = document.createElement('mark');
    mark.append(text);
    return mark;
  });
}
