/**
 * The four alarms of every node, over the whole group: while automatic scaling is on, nodes come
 * and go outside Terraform, so the alarms cannot be one per member id. Each is a multi-time-series
 * Metrics Insights alarm whose query selects the group's nodes by the tag ElastiCache copies onto
 * every node (docs/spec/autoscaling.md §4); each node is a contributor with its own state.
 */
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { IResolvable } from "cdktf";
import { Construct } from "constructs";
import { ALARMS, alarmBehaviour, AlarmSettings, nodesAlarmDescription, nodesAlarmName, nodesQuery, PERIOD_SECONDS } from "./alarms";
import { countWhen } from "../expressions/derive";

interface GroupAlarmsProps extends AlarmSettings {
  /** Alarms and automatic scaling both on; never a literal false (the construct is then absent). */
  readonly enabled: boolean | IResolvable;
  readonly groupName: string;
}

export class GroupAlarms extends Construct {
  readonly alarms: readonly CloudwatchMetricAlarm[];

  constructor(scope: Construct, id: string, props: GroupAlarmsProps) {
    super(scope, id);
    const count = countWhen(props.enabled);
    this.alarms = ALARMS.map(
      (alarm) =>
        new CloudwatchMetricAlarm(this, `${alarm.resource}_all_nodes`, {
          ...alarmBehaviour(alarm, props),
          count,
          alarmName: nodesAlarmName(alarm, props.groupName),
          alarmDescription: nodesAlarmDescription(alarm, props.groupName),
          metricQuery: [{ id: "nodes", expression: nodesQuery(alarm, props.groupName), period: PERIOD_SECONDS, returnData: true }],
        }),
    );
  }
}
