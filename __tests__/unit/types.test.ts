/**
 * What the types let a caller write, and what the construct reads: tsc checks these files (the
 * typecheck test), so each `@ts-expect-error` below fails the build once its line compiles.
 */
import { IResolvable, ref, TerraformStack, TerraformVariable, Testing, Token, Tokenization } from "cdktf";
import { describe, expect, expectTypeOf, it } from "vitest";
import type { ElastiCacheRedisProps, LogDeliveryConfig } from "../../lib/inputs/props";
import { InputName, INPUTS, NullableInputName } from "../../lib/inputs/table";
import {
  inputValues,
  InputValues,
  StringToken,
  TerraformClusterMode,
  TerraformInputs,
  TerraformInputValues,
  TerraformLogDelivery,
} from "../../lib/inputs/values";

type Input = (typeof INPUTS)[number];

/** The keys an object type requires. */
type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];

const token = (name: string) => Token.asString(ref(`var.${name}`));

const REQUIRED_PROPS = {
  name: "orders",
  instanceType: "cache.t3.micro",
  replicationGroupSize: 1,
  enableAutomaticFailover: false,
  enableMultiAz: false,
  vpcId: "vpc-0a1b2c3d",
  subnetIds: ["subnet-0a1b2c3d"],
} satisfies ElastiCacheRedisProps;

const REQUIRED_INPUTS = {
  name: "orders",
  instance_type: "cache.t3.micro",
  replication_group_size: 1,
  enable_automatic_failover: false,
  enable_multi_az: false,
  vpc_id: "vpc-0a1b2c3d",
  subnet_ids: ["subnet-0a1b2c3d"],
} satisfies TerraformInputValues;

describe("the props", () => {
  it("take only the members of a closed set", () => {
    const props: ElastiCacheRedisProps = {
      ...REQUIRED_PROPS,
      // @ts-expect-error Redis OSS is "redis" to ElastiCache.
      engine: "redis-oss",
      // @ts-expect-error CloudWatch spells it notBreaching.
      alarmTreatMissingData: "not-breaching",
    };
    const log: LogDeliveryConfig = {
      destination: "orders-slow-log",
      // @ts-expect-error a destination type is cloudwatch-logs or kinesis-firehose.
      destinationType: "s3",
      // @ts-expect-error a log format is text or json.
      logFormat: "xml",
    };
    expectTypeOf<ElastiCacheRedisProps["engine"]>().toEqualTypeOf<"redis" | "valkey" | undefined>();
    expectTypeOf<ElastiCacheRedisProps["alarmLowMemoryAvailableTreatMissingData"]>().toEqualTypeOf<
      "missing" | "ignore" | "breaching" | "notBreaching" | undefined
    >();
    expect([props.engine, log.logFormat]).toEqual(["redis-oss", "xml"]);
  });

  it("take tokens where the value may come from Terraform", () => {
    const props: ElastiCacheRedisProps = {
      name: token("name"),
      instanceType: token("instance_type"),
      replicationGroupSize: Token.asNumber(ref("var.size")),
      enableAutomaticFailover: ref("var.failover"),
      enableMultiAz: ref("var.multi_az"),
      vpcId: token("vpc_id"),
      subnetIds: Token.asList(ref("var.subnet_ids")),
      tags: Token.asStringMap(ref("var.tags")),
      clusterMode: ref("var.cluster_mode"),
      slowLogDeliveryConfiguration: ref("var.slow_log"),
    };
    expect(Token.isUnresolved(props.name)).toBe(true);
  });

  it("have no member of TerraformInputs beside them, and no object literal passes for TerraformInputs", () => {
    expectTypeOf<keyof TerraformInputs>().toBeNever();
    expectTypeOf<"values">().not.toExtend<keyof ElastiCacheRedisProps | keyof TerraformInputs>();
    expectTypeOf<{ name: string }>().not.toExtend<ElastiCacheRedisProps | TerraformInputs>();
    // @ts-expect-error an object literal is props, and these lack the required ones.
    const props: ElastiCacheRedisProps | TerraformInputs = {};
    expect(props).toEqual({});
  });
});

describe("TerraformInputs", () => {
  it("requires exactly the required inputs; the others are optional", () => {
    expectTypeOf<RequiredKeys<TerraformInputValues>>().toEqualTypeOf<Extract<Input, { required: true }>["name"]>();
    expectTypeOf<keyof TerraformInputValues>().toEqualTypeOf<InputName>();
    const { vpc_id, ...withoutVpc } = REQUIRED_INPUTS;
    // @ts-expect-error vpc_id is required.
    const inputs = new TerraformInputs(withoutVpc);
    expect(TerraformInputs.valuesOf(inputs)).not.toHaveProperty("vpc_id");
    expect(vpc_id).toBe("vpc-0a1b2c3d");
  });

  it("takes tokens of the variables' types, a string token for a closed set too", () => {
    const inputs = new TerraformInputs({
      ...REQUIRED_INPUTS,
      name: token("name"),
      engine: token("engine"),
      alarm_treat_missing_data: token("alarm_treat_missing_data"),
      cluster_mode: ref("var.cluster_mode"),
      engine_log_delivery_configuration: ref("var.engine_log"),
    });
    expect(Token.isUnresolved(inputValues(inputs).engine)).toBe(true);
  });
});

describe("the values the construct reads", () => {
  it("follow each input's Terraform type, a closed set as its union or a token", () => {
    expectTypeOf<InputValues["name"]>().toEqualTypeOf<string>();
    expectTypeOf<InputValues["port"]>().toEqualTypeOf<number>();
    expectTypeOf<InputValues["enable_multi_az"]>().toEqualTypeOf<boolean | IResolvable>();
    expectTypeOf<InputValues["subnet_ids"]>().toEqualTypeOf<string[]>();
    expectTypeOf<InputValues["tags"]>().toEqualTypeOf<Record<string, string>>();
    expectTypeOf<InputValues["cluster_mode"]>().toEqualTypeOf<readonly TerraformClusterMode[] | IResolvable>();
    expectTypeOf<InputValues["engine"]>().toEqualTypeOf<"redis" | "valkey" | StringToken>();
    expectTypeOf<InputValues["alarm_high_cpu_utilization_treat_missing_data"]>().toEqualTypeOf<
      "missing" | "ignore" | "breaching" | "notBreaching" | StringToken | undefined
    >();
    expectTypeOf<InputValues["slow_log_delivery_configuration"]>().toEqualTypeOf<TerraformLogDelivery | IResolvable | undefined>();
    expectTypeOf<TerraformLogDelivery["destination_type"]>().toEqualTypeOf<"cloudwatch-logs" | "kinesis-firehose">();
    expectTypeOf<TerraformLogDelivery["log_format"]>().toEqualTypeOf<"text" | "json">();
  });

  it("may be undefined exactly where the input's default is null", () => {
    type MayBeUndefined = { [N in InputName]: undefined extends InputValues[N] ? N : never }[InputName];
    expectTypeOf<MayBeUndefined>().toEqualTypeOf<NullableInputName>();
    expectTypeOf<NullableInputName>().toEqualTypeOf<
      | "auth_token"
      | "snapshot_name"
      | "snapshot_arn"
      | "parameter_group_name"
      | "num_node_groups"
      | "replicas_per_node_group"
      | "auto_minor_version_upgrade"
      | "engine_log_delivery_configuration"
      | "slow_log_delivery_configuration"
      | "alarm_high_cpu_utilization_treat_missing_data"
      | "alarm_low_memory_available_treat_missing_data"
      | "kms_key_id"
      | "auto_scale_min_capacity"
      | "auto_scale_max_capacity"
      | "auto_scale_trigger_metric"
      | "hosted_zone_id"
      | "primary_domain_name"
      | "reader_domain_name"
      | "share_snapshot_with_account_id"
      | "share_snapshot_destination_bucket_arn"
    >();
    const values = inputValues(REQUIRED_PROPS);
    expect(values.kms_key_id).toBeUndefined();
    expect(values.engine).toBe("redis");
  });

  it("hold a token of a string, number, list or map in that type, given as a variable's value (typed any)", () => {
    const stack = new TerraformStack(Testing.app(), "types");
    const variable = (name: string, type: string) => new TerraformVariable(stack, name, { type }).value;
    const values = inputValues({
      ...REQUIRED_PROPS,
      engine: variable("engine", "string"),
      port: variable("port", "number"),
      subnetIds: variable("subnet_ids", "list(string)"),
      tags: variable("tags", "map(string)"),
      enableMultiAz: variable("enable_multi_az", "bool"),
    });
    expect(typeof values.engine).toBe("string");
    expect(typeof values.port).toBe("number");
    expect(Array.isArray(values.subnet_ids)).toBe(true);
    for (const value of [values.engine, values.port, values.subnet_ids, values.tags]) {
      expect(Token.isUnresolved(value)).toBe(true);
      expect(Tokenization.isResolvable(value)).toBe(false);
    }
    // A bool's token has no encoded form: it stays an IResolvable, as its type allows.
    expect(Tokenization.isResolvable(values.enable_multi_az)).toBe(true);
  });
});
