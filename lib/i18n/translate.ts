/**
 * A translator with plain string keys (the catalogue is not typed per key in this project): what
 * next-intl's translators are narrowed to wherever a key is built at run time.
 */
export type Translate = (key: string, values?: Record<string, string | number>) => string;
