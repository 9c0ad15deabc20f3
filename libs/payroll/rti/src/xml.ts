/**
 * A small writer of the XML HMRC's RTI schemas describe: elements, attributes and text, no mixed content. Values are
 * escaped here once, so no caller can write markup through a name or an address.
 */
export interface XmlElement {
  readonly name: string;
  readonly attributes?: Readonly<Record<string, string>>;
  /** Text content, or child elements (undefined, null and false children are left out, so optional elements read naturally). */
  readonly content: string | readonly (XmlElement | undefined | null | false)[];
}

/** An element; children that are undefined, null or false are dropped. */
export const el = (
  name: string,
  content: XmlElement['content'],
  attributes?: Readonly<Record<string, string>>,
): XmlElement => ({ name, content, ...(attributes ? { attributes } : {}) });

/** An optional element: left out when its value is undefined or null. */
export const opt = (name: string, value: string | null | undefined): XmlElement | undefined =>
  value === undefined || value === null ? undefined : el(name, value);

export function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&apos;',
  );
}

/** Serialises with two-space indentation and LF line endings (the IRmark is worked out on LF text). */
export function renderXml(root: XmlElement, indent = 0): string {
  const pad = '  '.repeat(indent);
  const attributes = Object.entries(root.attributes ?? {})
    .map(([key, value]) => ` ${key}="${escapeXml(value)}"`)
    .join('');
  if (typeof root.content === 'string') {
    return `${pad}<${root.name}${attributes}>${escapeXml(root.content)}</${root.name}>\n`;
  }
  const children = root.content.filter((child): child is XmlElement => Boolean(child));
  if (children.length === 0) return `${pad}<${root.name}${attributes}/>\n`;
  return (
    `${pad}<${root.name}${attributes}>\n` +
    children.map((child) => renderXml(child, indent + 1)).join('') +
    `${pad}</${root.name}>\n`
  );
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
