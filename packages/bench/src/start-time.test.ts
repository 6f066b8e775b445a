import { START_RATIO_GOAL, startTimeSection, type StartTimeFigures } from './start-time';

describe('the verdict on npm start against serverless-offline’s own start', () => {
  const figures = (npmStart: number[], offline: number[]): StartTimeFigures => ({
    npmStart,
    offline,
    afterChange: 30_000,
    loadBefore: '3.10, 2.00, 1.00 (tasks running/total 4/300)',
    loadAfter: '3.20, 2.10, 1.10 (tasks running/total 3/300)',
  });

  it('is met when the median npm start is within the goal of the median offline start, and shows every start', () => {
    const section = startTimeSection(figures([12_000, 11_000, 14_000], [10_000, 9_500, 12_000]));
    expect(section.met).toBe(true);
    expect(section.markdown).toContain('| `npm start` | 11.00 s | 12.00 s | 14.00 s | 12.00 s, 11.00 s, 14.00 s |');
    expect(section.markdown).toContain('Ratio of medians: **1.20×**');
    expect(section.markdown).toContain('took 30.00 s');
    expect(section.markdown).toContain('3.10, 2.00, 1.00');
  });

  it(`is missed just past ${START_RATIO_GOAL}×`, () => {
    const section = startTimeSection(figures([13_100, 13_100, 13_100], [10_000, 10_000, 10_000]));
    expect(section.met).toBe(false);
    expect(section.markdown).toContain('**missed**');
  });

  it('judges medians, so one slow start of either does not decide', () => {
    expect(startTimeSection(figures([10_000, 10_000, 60_000], [10_000, 10_000, 10_000])).met).toBe(true);
    expect(startTimeSection(figures([13_500, 13_500, 13_500], [10_000, 10_000, 2_000])).met).toBe(false);
  });
});
