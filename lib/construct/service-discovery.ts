/**
 * Route 53 names for the cache (docs/service-discovery.md): a CNAME for the endpoint writers use
 * (the configuration endpoint in cluster mode) and one for the reader endpoint. The construct
 * exists only when the records may be on; when the switch is a token, they are counted by it.
 */
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { IResolvable, TerraformCount, Token } from "cdktf";
import { Construct } from "constructs";
import { countWhen, isKnown } from "../expressions/derive";
import { hcl } from "../expressions/hcl";

interface ServiceDiscoveryProps {
  readonly enabled: boolean | IResolvable;
  readonly zoneId: string;
  readonly ttl: number;
  readonly primaryName: string;
  readonly writer: string;
  /** The reader record's name: undefined for none. */
  readonly readerName?: string;
  readonly reader: string;
  /** Whether the cluster has a reader endpoint (cluster mode off). */
  readonly hasReader: boolean | IResolvable;
}

export class ServiceDiscovery extends Construct {
  readonly primaryRecord: Route53Record;
  readonly readerRecord?: Route53Record;

  constructor(scope: Construct, id: string, props: ServiceDiscoveryProps) {
    super(scope, id);
    const record = (recordId: string, name: string, target: string, count?: TerraformCount) =>
      new Route53Record(this, recordId, { count, zoneId: props.zoneId, name, type: "CNAME", ttl: props.ttl, records: [target] });
    this.primaryRecord = record("primary_dns_record", props.primaryName, props.writer, countWhen(props.enabled));

    const { readerName } = props;
    if (readerName === undefined) return;
    if ([props.enabled, readerName, props.hasReader].every(isKnown)) {
      if (props.enabled === true && props.hasReader === true) this.readerRecord = record("reader_dns_record", readerName, props.reader);
      return;
    }
    const count = TerraformCount.of(Token.asNumber(hcl`${props.enabled} && ${readerName} != null && ${props.hasReader} ? 1 : 0`));
    this.readerRecord = record("reader_dns_record", readerName, props.reader, count);
  }
}
