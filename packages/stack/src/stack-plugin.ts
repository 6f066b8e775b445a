import { grantAlertTopic } from './alert-topic-policy';
import { completeFunctionRoles } from './function-roles';
import { jwtIssuerProblem } from './jwt-issuer';
import { grantTracing, observabilityResources, ObservabilitySettingsSchema } from './observability';
import type { Template } from './template';

interface Serverless {
  service: {
    custom?: { observability?: unknown };
    provider: {
      stage: string;
      httpApi?: Parameters<typeof jwtIssuerProblem>[1];
      compiledCloudFormationTemplate: Template;
    };
  };
  classes: { Error: new (message: string) => Error };
}

/**
 * What this stack adds to what the framework generates, and what it refuses to package:
 * - before packaging or deploying, a stage whose JWT issuer was never set;
 * - once the template is complete (after serverless-step-functions and the `resources:` section
 *   have been merged, before it is saved), what every function's role holds besides its own
 *   statements, the stage's dashboard, alarms and X-Ray grants, and the alert topic's grant to
 *   the alarms.
 */
export class StackPlugin {
  readonly hooks: Record<string, () => void>;

  constructor(serverless: Serverless) {
    const refuseUnsetIssuer = () => {
      const { stage, httpApi } = serverless.service.provider;
      const problem = jwtIssuerProblem(stage, httpApi);
      if (problem) throw new serverless.classes.Error(problem);
    };
    this.hooks = {
      'before:package:initialize': refuseUnsetIssuer,
      // `sls deploy --package <dir>` deploys without packaging.
      'before:deploy:deploy': refuseUnsetIssuer,
      'after:aws:package:finalize:mergeCustomProviderResources': function addObservability() {
        const settings = ObservabilitySettingsSchema.parse(serverless.service.custom?.observability);
        const template = serverless.service.provider.compiledCloudFormationTemplate;
        completeFunctionRoles(template);
        grantTracing(template);
        Object.assign(template.Resources, observabilityResources(template, settings));
        grantAlertTopic(template, settings.alarmTopic.Ref);
      },
    };
  }
}
