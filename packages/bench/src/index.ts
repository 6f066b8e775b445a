export { measureEverything } from './measure/everything';
export { describeMachine, renderReport, type BenchmarkSection } from './report';
