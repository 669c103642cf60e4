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
