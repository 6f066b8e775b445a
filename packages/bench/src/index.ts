export { measureEverything, SECTION_NAMES, type SectionName } from './measure/everything';
export { describeMachine, renderReport, type BenchmarkSection } from './report';
