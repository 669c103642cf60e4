/**
 * Regular expressions of AWS identifiers and formats, unanchored (`matches` in
 * lib/rules/builders.ts anchors them). Only syntax that Go's RE2 (Terraform's regex) and
 * JavaScript read the same way.
 */

const OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";

/** Up to Redis 5 a full X.Y.Z; from 6 on 6.x or MAJOR.MINOR. AWS rejects 7.x. */
export const REDIS_VERSION = "[2-5]\\.[0-9]+\\.[0-9]+|6\\.x|([6-9]|[1-9][0-9])\\.[0-9]+";

/** Printable ASCII (0x20-0x7E) except `"` (0x22), `/` (0x2F) and `@` (0x40). */
export const AUTH_TOKEN = "[ !#-.0-?A-~]{16,128}";

/** Characters AWS documents for AUTH tokens besides letters and digits; others get a warning. */
export const AUTH_TOKEN_DOCUMENTED = "[A-Za-z0-9!&#$^<>-]*";

export const IPV4_CIDR = `(${OCTET}\\.){3}${OCTET}/([0-9]|[12][0-9]|3[0-2])`;
export const SECURITY_GROUP_ID = "sg-[0-9a-f]+";
export const S3_OBJECT_ARN = "arn:aws[a-z-]*:s3:::[^,/]+/[^,]+";
export const SNS_TOPIC_ARN = "arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}(\\.fifo)?";
export const KMS_KEY_ARN = "arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+";
/** Valkey on ElastiCache: 7.2, then 8.0, 8.1 and whatever MAJOR.MINOR comes next. */
export const VALKEY_VERSION = "7\\.2|([89]|[1-9][0-9])\\.[0-9]+";
/** The Redis OSS versions ElastiCache has: up to 7.1 (7.2 and later are Valkey's). */
export const REDIS_OSS_VERSION = "[2-5]\\.[0-9]+\\.[0-9]+|6\\.(x|[0-9]+)|7\\.[01]";
/** Versions from which Redis OSS delivers its slow log (6.0), and its engine log (6.2); all of Valkey's. */
export const SLOW_LOG_VERSION = "(6|[7-9]|[1-9][0-9])\\..*";
export const ENGINE_LOG_VERSION = "6\\.(x|[2-9]|[1-9][0-9])|([7-9]|[1-9][0-9])\\..*";
/** Redis OSS versions that r6gd nodes (data tiering) run: from 6.2 on, as for the engine log. */
export const DATA_TIERING_VERSION = ENGINE_LOG_VERSION;

export const AWS_ACCOUNT_ID = "[0-9]{12}";
/** A bucket's name: 3 to 63 lowercase letters, digits, dots and hyphens, a letter or digit at both ends. */
export const S3_BUCKET_NAME = "[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]";
export const S3_BUCKET_ARN = `arn:aws[a-z-]*:s3:::${S3_BUCKET_NAME}`;

const HOUR = "([01]?[0-9]|2[0-3])";
const STEP_HOURS = "([2-9]|1[0-9]|2[0-3])";
/** Day-of-month, month, day-of-week and year fields of an EventBridge cron expression. */
const CRON_FIELD = "[0-9A-Z*?/,L#-]+";
/**
 * An EventBridge schedule that runs at most 20 times a day, AWS's limit of manual snapshots of a
 * node in 24 hours (docs/spec/snapshot-export.md): `rate()` of at least 72 minutes, 2 hours or a
 * day; `cron()` with one minute and one hour, a list of up to 20 hours, or every N (2 or more) hours.
 */
export const SNAPSHOT_SCHEDULE =
  "rate\\((1 day|([2-9]|[1-9][0-9]+) days|([2-9]|[1-9][0-9]+) hours|(7[2-9]|[89][0-9]|[1-9][0-9]{2,}) minutes)\\)" +
  `|cron\\([0-5]?[0-9] (${HOUR}(,${HOUR}){0,19}|(\\*|${HOUR})/${STEP_HOURS})( ${CRON_FIELD}){4}\\)`;

/** One DNS label: letters (lowercase), digits and hyphens, not at either end, 63 at most. */
const DNS_LABEL = "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?";
/** A DNS name of two labels or more, lowercase, as Route 53 stores it (a final dot allowed). */
export const DNS_NAME = `(${DNS_LABEL}\\.)+${DNS_LABEL}\\.?`;
/** A Kubernetes namespace: one DNS label (RFC 1123). */
export const KUBERNETES_NAMESPACE = DNS_LABEL;
export const HOSTED_ZONE_ID = "Z[A-Z0-9]{1,32}";
