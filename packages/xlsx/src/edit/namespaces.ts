/** The namespaces new parts are written in: those of the workbook's own, transitional or Strict. */
export interface Namespaces {
  main: string;
  /** Relationship types are this plus `/worksheet`, `/comments`, …; also the namespace of `r:id`. */
  relationships: string;
}

const TRANSITIONAL: Namespaces = {
  main: 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
  relationships: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
};
const STRICT: Namespaces = {
  main: 'http://purl.oclc.org/ooxml/spreadsheetml/main',
  relationships: 'http://purl.oclc.org/ooxml/officeDocument/relationships',
};

/** The namespaces of a workbook part's text. */
export const namespacesOf = (workbook: string): Namespaces => (workbook.includes(STRICT.main) ? STRICT : TRANSITIONAL);
