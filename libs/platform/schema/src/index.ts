export { text, identifier, token, oneOf, TEXT_RULE } from './text';
export { businessDate, type DateRange } from './dates';
export { poundsAmount } from './amounts';
export { inputIssues, parseInput, firstPerPath } from './parse';
export { openApiSchema, fieldsOf, type FieldSpec } from './describe';
export { canonicalJson, sha256 } from './canonical';
export { z } from 'zod';
export { toCsv } from './csv';
