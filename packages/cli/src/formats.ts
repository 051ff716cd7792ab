/** The report formats --format accepts (kept apart from the reporters so parsing loads none of them). */
export const FORMATS = ['text', 'json', 'sarif', 'html'] as const;
export type Format = (typeof FORMATS)[number];
