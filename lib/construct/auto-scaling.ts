/**
 * Application Auto Scaling of the replication group's shards or replicas: a scalable target and
 * a target-tracking policy (docs/spec/autoscaling.md). The construct exists only when automatic
 * scaling may be on; when the switch is a token, both resources are counted by it.
 */
import { AppautoscalingPolicy } from "@cdktf/provider-aws/lib/appautoscaling-policy";
import { AppautoscalingTarget } from "@cdktf/provider-aws/lib/appautoscaling-target";
import { IResolvable } from "cdktf";
import { Construct } from "constructs";
import { countWhen } from "../expressions/derive";

interface RedisAutoScalingProps {
  readonly enabled: boolean | IResolvable;
  /** The group's id attribute, so that the target depends on the group. */
  readonly replicationGroupId: string;
  readonly dimension: string;
  readonly minCapacity: number;
  readonly maxCapacity: number;
  readonly metric: string;
  readonly targetValue: number;
  readonly disableScaleIn: boolean | IResolvable;
  readonly scaleInCooldown: number;
  readonly scaleOutCooldown: number;
}

const SERVICE_NAMESPACE = "elasticache";

export class RedisAutoScaling extends Construct {
  readonly target: AppautoscalingTarget;
  readonly policy: AppautoscalingPolicy;

  constructor(scope: Construct, id: string, props: RedisAutoScalingProps) {
    super(scope, id);
    const count = countWhen(props.enabled);
    const resourceId = `replication-group/${props.replicationGroupId}`;
    this.target = new AppautoscalingTarget(this, "auto_scaling_target", {
      count,
      serviceNamespace: SERVICE_NAMESPACE,
      resourceId,
      scalableDimension: props.dimension,
      minCapacity: props.minCapacity,
      maxCapacity: props.maxCapacity,
    });
    this.policy = new AppautoscalingPolicy(this, "auto_scaling_policy", {
      count,
      name: `${props.replicationGroupId}-auto-scaling`,
      policyType: "TargetTrackingScaling",
      // The target's own attributes would need an index under count; the same values, and the
      // dependency, say the same.
      serviceNamespace: SERVICE_NAMESPACE,
      resourceId,
      scalableDimension: props.dimension,
      dependsOn: [this.target],
      targetTrackingScalingPolicyConfiguration: {
        predefinedMetricSpecification: { predefinedMetricType: props.metric },
        targetValue: props.targetValue,
        disableScaleIn: props.disableScaleIn,
        // Neither is computed by the provider: left unset, AWS's values would show as changes.
        scaleInCooldown: props.scaleInCooldown,
        scaleOutCooldown: props.scaleOutCooldown,
      },
    });
  }
}
