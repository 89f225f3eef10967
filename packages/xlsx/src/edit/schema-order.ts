/** An element of a part and its children in the order the schema requires (Excel refuses a part out of order). */
export interface Parent {
  name: string;
  children: readonly string[];
}

export const WORKSHEET: Parent = {
  name: 'worksheet',
  children: [
    'sheetPr', 'dimension', 'sheetViews', 'sheetFormatPr', 'cols', 'sheetData', 'sheetCalcPr', 'sheetProtection', 'protectedRanges',
    'scenarios', 'autoFilter', 'sortState', 'dataConsolidate', 'customSheetViews', 'mergeCells', 'phoneticPr', 'conditionalFormatting',
    'dataValidations', 'hyperlinks', 'printOptions', 'pageMargins', 'pageSetup', 'headerFooter', 'rowBreaks', 'colBreaks',
    'customProperties', 'cellWatches', 'ignoredErrors', 'smartTags', 'drawing', 'legacyDrawing', 'legacyDrawingHF', 'drawingHF',
    'picture', 'oleObjects', 'controls', 'webPublishItems', 'tableParts', 'extLst',
  ],
};

export const WORKBOOK: Parent = {
  name: 'workbook',
  children: [
    'fileVersion', 'fileSharing', 'workbookPr', 'workbookProtection', 'bookViews', 'sheets', 'functionGroups', 'externalReferences',
    'definedNames', 'calcPr', 'oleSize', 'customWorkbookViews', 'pivotCaches', 'smartTagPr', 'smartTagTypes', 'webPublishing',
    'fileRecoveryPr', 'webPublishObjects', 'extLst',
  ],
};

export const STYLESHEET: Parent = {
  name: 'styleSheet',
  children: ['numFmts', 'fonts', 'fills', 'borders', 'cellStyleXfs', 'cellXfs', 'cellStyles', 'dxfs', 'tableStyles', 'colors', 'extLst'],
};

/**
 * `xml` with `element`, the child `name` of `parent`, put where the schema
 * has it: before the first child that must follow it, else before the
 * parent's end tag.
 */
export function insertChild(xml: string, parent: Parent, name: string, element: string): string {
  const later = parent.children.slice(parent.children.indexOf(name) + 1);
  const found = later.map((n) => new RegExp(`<([\\w.-]+:)?${n}(?=[\\s/>])`).exec(xml)?.index).filter((i): i is number => i !== undefined);
  const at = found.length ? Math.min(...found) : xml.search(new RegExp(`</([\\w.-]+:)?${parent.name}\\s*>`));
  return xml.slice(0, at) + element + xml.slice(at);
}
