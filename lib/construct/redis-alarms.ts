import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { IResolvable, TerraformCount, Token } from "cdktf";
import { Construct } from "constructs";
import { ALARMS, alarmBehaviour, AlarmSettings, PERIOD_SECONDS } from "./alarms";
import { derive } from "../expressions/derive";
import { alarmCount, alarmDescriptions, alarmNames, CACHE_NODE_ID } from "../expressions/derivations";
import { hcl } from "../expressions/hcl";

interface RedisAlarmsProps extends AlarmSettings {
  readonly enabled: boolean | IResolvable;
  /** Member cache cluster ids; alarm index i watches member i. */
  readonly memberIds: string[];
}

/** The four alarms for every member cache cluster (the HCL module's `redis_alarms` module). */
export class RedisAlarms extends Construct {
  readonly alarms: readonly CloudwatchMetricAlarm[];

  constructor(scope: Construct, id: string, props: RedisAlarmsProps) {
    super(scope, id);
    const count = TerraformCount.of(derive(alarmCount, props.enabled, props.memberIds));
    const atIndex = (list: string[]) => Token.asString(hcl`${list}[${count.index}]`);
    this.alarms = ALARMS.map(
      (alarm) =>
        new CloudwatchMetricAlarm(this, alarm.resource, {
          ...alarmBehaviour(alarm, props),
          count,
          alarmName: atIndex(derive(alarmNames, props.memberIds, alarm.suffix)),
          alarmDescription: atIndex(derive(alarmDescriptions, props.memberIds, alarm.description)),
          namespace: "AWS/ElastiCache",
          metricName: alarm.metric,
          statistic: alarm.statistic,
          unit: alarm.unit,
          period: PERIOD_SECONDS,
          dimensions: {
            CacheClusterId: atIndex(props.memberIds),
            CacheNodeId: CACHE_NODE_ID,
          },
        }),
    );
  }
}
