import { grantAlertTopic } from './alert-topic-policy';
import { grantTracing, observabilityResources, ObservabilitySettingsSchema, type Template } from './observability';

interface Serverless {
  service: {
    custom?: { observability?: unknown };
    provider: { compiledCloudFormationTemplate: Template };
  };
}

/**
 * Adds the stage's dashboard, alarms and X-Ray grants once the template is complete: after
 * serverless-step-functions and the `resources:` section have been merged, before it is saved.
 */
export class ObservabilityPlugin {
  readonly hooks: Record<string, () => void>;

  constructor(serverless: Serverless) {
    this.hooks = {
      'after:aws:package:finalize:mergeCustomProviderResources': function addObservability() {
        const settings = ObservabilitySettingsSchema.parse(serverless.service.custom?.observability);
        const template = serverless.service.provider.compiledCloudFormationTemplate;
        grantTracing(template);
        Object.assign(template.Resources, observabilityResources(template, settings));
        grantAlertTopic(template, settings.alarmTopic.Ref);
      },
    };
  }
}
