/**
 * An axe-core scan of the current page. The script is injected inline, so the page's context
 * must be opened with `bypassCSP: true` (the strict CSP would rightly block it).
 */
import { createRequire } from 'node:module';
import type { AxeResults, ImpactValue } from 'axe-core';
import type { Page } from 'playwright-core';

const AXE_SCRIPT = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** One violation, short enough to read in a failed assertion: rule, impact and where. */
export interface AxeFinding {
  rule: string;
  impact: ImpactValue | undefined;
  help: string;
  targets: string[];
}

/** Resolves when every finite CSS animation has finished (infinite ones, like Book Now's pulse, run on). */
export async function waitForAnimations(page: Page): Promise<void> {
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getTiming().iterations !== Infinity)
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  );
}

/**
 * Runs axe over the whole document and returns the violations at or above `serious`. Waits for
 * entrance animations first: a dialog fading in is briefly low-contrast, which is not a finding.
 */
export async function findSeriousViolations(page: Page): Promise<AxeFinding[]> {
  await waitForAnimations(page);
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.addScriptTag({ path: AXE_SCRIPT });
  return page.evaluate(async () => {
    type Run = (context: Document, options: { resultTypes: string[] }) => Promise<AxeResults>;
    const axe = (window as unknown as { axe: { run: Run } }).axe;
    const results = await axe.run(document, { resultTypes: ['violations'] });
    return results.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => ({
        rule: violation.id,
        impact: violation.impact ?? undefined,
        help: violation.help,
        targets: violation.nodes.map((node) => node.target.join(' ')),
      }));
  });
}
